"""Journal events: one pydantic model per event type, a discriminated union on ``type``.

Every event carries ``seq`` (1, 2, 3, … without gaps), ``at`` (UTC wall clock), ``elapsed``
(exercise clock in seconds, pauses excluded) and ``scenario_time`` of the current node
(after the event, for events that move).
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from ovelse.i18n import N_, _

Str = Annotated[str, StringConstraints(max_length=20_000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=300)]
EntryText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Rating = Annotated[int, Field(ge=1, le=5)]

Via = Literal["start", "next", "choice", "jump", "back"]
ActionStatus = Literal["open", "in_progress", "done", "cancelled"]
Language = Literal["nb", "nn"]
PauseCause = Literal["break", "closed", "setup"]
"""Why the clock stopped: a break the facilitator took, or the program was closed while running.
``setup`` appears only in old journals, whose app paused the clock during set-up (reason «oppsett»)."""
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
LEGACY_PAUSE_REASONS: dict[str, PauseCause] = {"lukket": "closed", "oppsett": "setup"}
"""Old journals (before ``cause``) carried the meaning in these reason strings; read only, never written."""

RATING_SCALE: dict[int, str] = {
    1: N_("Ikke oppnådd"),
    2: N_("I liten grad oppnådd"),
    3: N_("Delvis oppnådd"),
    4: N_("I stor grad oppnådd"),
    5: N_("Fullt oppnådd"),
}
"""The debrief's 1–5 scale (bokmål msgids: show them with :func:`rating_name`)."""
ACTION_STATUS_NAMES: dict[str, str] = {
    "open": N_("Ikke startet"),
    "in_progress": N_("Pågår"),
    "done": N_("Fullført"),
    "cancelled": N_("Forkastet"),
}
"""A tiltak's status (bokmål msgids: show them with :func:`action_status_name`)."""
VIA_NAMES: dict[str, str] = {
    "start": N_("start"),
    "next": N_("neste"),
    "choice": N_("valg"),
    "jump": N_("hopp"),
    "back": N_("tilbake"),
}
"""How the exercise came to a node (bokmål msgids: show them with :func:`via_name`)."""


def rating_name(rating: int) -> str:
    """«Delvis oppnådd» for 3, in the current language ("" for a value off the scale)."""
    name = RATING_SCALE.get(rating)
    return _(name) if name else ""


def action_status_name(status: str) -> str:
    """«Pågår» for ``in_progress``, in the current language (the code itself when unknown)."""
    name = ACTION_STATUS_NAMES.get(status)
    return _(name) if name else status


def via_name(via: str) -> str:
    """«hopp» for ``jump``, in the current language (the code itself when unknown)."""
    name = VIA_NAMES.get(via)
    return _(name) if name else via


class EventBase(BaseModel):
    """Fields every event has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    seq: int = Field(ge=1)
    at: AwareDatetime
    elapsed: float = Field(ge=0)
    scenario_time: str | None = None


class ExerciseStarted(EventBase):
    """The exercise facts (øvingsdirektiv): first event of every journal."""

    type: Literal["exercise_started"] = "exercise_started"
    title: Line
    municipality: Line
    date: Date
    place: Str = ""
    facilitator: Str = ""
    purpose: Str = ""
    language: Language = "nb"


class ParticipantAdded(EventBase):
    """A person in the room; ``roles`` are the roles given at once."""

    type: Literal["participant_added"] = "participant_added"
    participant_id: Ident
    name: Line
    organisation: Line | None = None
    roles: list[Ident] = Field(default_factory=list)


class RoleAssigned(EventBase):
    type: Literal["role_assigned"] = "role_assigned"
    participant_id: Ident
    role: Ident


class RoleUnassigned(EventBase):
    type: Literal["role_unassigned"] = "role_unassigned"
    participant_id: Ident
    role: Ident


class NodeEntered(EventBase):
    """The exercise moved to a node by start, ``next``, facilitator jump or going back."""

    type: Literal["node_entered"] = "node_entered"
    node_id: Ident
    via: Via


class ChoiceTaken(EventBase):
    """The room took a branch: flags change and the exercise moves to ``target`` (one event)."""

    type: Literal["choice_taken"] = "choice_taken"
    node_id: Ident
    choice: int = Field(ge=0)
    label: Str
    target: Ident
    set: list[Ident] = Field(default_factory=list)
    clear: list[Ident] = Field(default_factory=list)


class InjectFired(EventBase):
    """An extra inject from the scenario's pool was given."""

    type: Literal["inject_fired"] = "inject_fired"
    inject_id: Ident
    title: Str = ""


class DecisionLogged(EventBase):
    """A decision (beslutning) the room made, as the referent logged it."""

    type: Literal["decision_logged"] = "decision_logged"
    text: EntryText
    roles: list[Ident] = Field(default_factory=list)
    rationale: Str | None = None
    disagreement: Str | None = None
    open_question: Str | None = None
    tags: list[Line] = Field(default_factory=list)


class Observation(EventBase):
    """An observer's note, linked to objectives (øvingsmål)."""

    type: Literal["observation"] = "observation"
    text: EntryText
    observer: Str | None = None
    objectives: list[Ident] = Field(default_factory=list)


class Note(EventBase):
    """A free note in the log."""

    type: Literal["note"] = "note"
    text: EntryText
    author: Str | None = None


class Paused(EventBase):
    """The exercise clock stops. ``reason`` is the facilitator's free text; ``until`` a planned resume time
    («10:15», local time) for the room's pause screen."""

    type: Literal["paused"] = "paused"
    reason: Str | None = None
    cause: PauseCause = "break"
    until: ClockTime | None = None

    @model_validator(mode="before")
    @classmethod
    def _legacy_cause(cls, data: Any) -> Any:
        if isinstance(data, dict) and "cause" not in data:
            cause = LEGACY_PAUSE_REASONS.get(data.get("reason") or "")
            if cause is not None:
                return {**data, "cause": cause}
        return data


class Resumed(EventBase):
    type: Literal["resumed"] = "resumed"


class Reopened(EventBase):
    """The writer opened the journal again; ``gap`` is wall-clock seconds since the previous event.

    The gap is not counted on the exercise clock: the program cannot know what the room did meanwhile.
    """

    type: Literal["reopened"] = "reopened"
    gap: float = Field(ge=0)


class Retracted(EventBase):
    """An earlier entry is withdrawn (it stays in the journal, marked as retracted)."""

    type: Literal["retracted"] = "retracted"
    target: int = Field(ge=1)
    reason: Str = ""


class Corrected(EventBase):
    """An earlier entry is corrected: ``fields`` replace the corresponding fields of the entry."""

    type: Literal["corrected"] = "corrected"
    target: int = Field(ge=1)
    fields: dict[str, Any]
    reason: Str = ""


class ObjectiveRated(EventBase):
    """Debrief: an objective rated on the 1–5 scale (:data:`RATING_SCALE`); the latest rating counts."""

    type: Literal["objective_rated"] = "objective_rated"
    objective_id: Ident
    rating: Rating
    comment: Str | None = None


class LessonAdded(EventBase):
    """Debrief: a læringspunkt."""

    type: Literal["lesson_added"] = "lesson_added"
    text: EntryText
    objectives: list[Ident] = Field(default_factory=list)


class ActionAdded(EventBase):
    """Debrief: a tiltak for the tiltaksplan."""

    type: Literal["action_added"] = "action_added"
    text: EntryText
    owner: Str = ""
    deadline: Date | None = None
    status: ActionStatus = "open"
    lesson: int | None = Field(None, ge=1, description="seq of the lesson the action follows up")


class ActionStatusChanged(EventBase):
    """Follow-up of a tiltak: its status from ``on`` (local date), by whom, with a comment."""

    type: Literal["action_status"] = "action_status"
    target: int = Field(ge=1)
    status: ActionStatus
    on: Date
    by: Str = ""
    comment: Str = ""


class RoomView(EventBase):
    """What the room sees of the current node now (the complete state after a reveal, hide or blank)."""

    type: Literal["room_view"] = "room_view"
    node_id: Ident
    messages_shown: int = Field(ge=0)
    questions_shown: bool = False
    choices_shown: bool = False
    blank: bool = False


class Heartbeat(EventBase):
    """The program is alive and the exercise running: the clock up to here counts even if a crash follows.

    Written by :meth:`Session.heartbeat` (the app calls it about every 12 s while the clock runs), so at most
    15 s of a running exercise pass without a write. Only the common fields, to keep the journal small."""

    type: Literal["heartbeat"] = "heartbeat"


class Ended(EventBase):
    """The exercise is over; nothing can be appended after this."""

    type: Literal["ended"] = "ended"
    note: Str | None = None


Event = Annotated[
    ExerciseStarted
    | ParticipantAdded
    | RoleAssigned
    | RoleUnassigned
    | NodeEntered
    | ChoiceTaken
    | InjectFired
    | DecisionLogged
    | Observation
    | Note
    | Paused
    | Resumed
    | Reopened
    | Retracted
    | Corrected
    | ObjectiveRated
    | LessonAdded
    | ActionAdded
    | ActionStatusChanged
    | RoomView
    | Heartbeat
    | Ended,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
EVENT_LIST_ADAPTER: TypeAdapter[list[Event]] = TypeAdapter(list[Event])

EVENT_TYPES: dict[str, type[EventBase]] = {
    cls.model_fields["type"].default: cls
    for cls in (
        ExerciseStarted,
        ParticipantAdded,
        RoleAssigned,
        RoleUnassigned,
        NodeEntered,
        ChoiceTaken,
        InjectFired,
        DecisionLogged,
        Observation,
        Note,
        Paused,
        Resumed,
        Reopened,
        Retracted,
        Corrected,
        ObjectiveRated,
        LessonAdded,
        ActionAdded,
        ActionStatusChanged,
        RoomView,
        Heartbeat,
        Ended,
    )
}

FACTS_SEQ = 1
"""A ``corrected`` event with this target edits the exercise facts (``exercise_started``)."""

# Entry types that can be corrected, and the fields a correction may replace.
CORRECTABLE: dict[str, frozenset[str]] = {
    "exercise_started": frozenset({"title", "municipality", "date", "place", "facilitator", "purpose"}),
    "participant_added": frozenset({"name", "organisation", "roles"}),
    "decision_logged": frozenset({"text", "roles", "rationale", "disagreement", "open_question", "tags"}),
    "observation": frozenset({"text", "observer", "objectives"}),
    "note": frozenset({"text", "author"}),
    "objective_rated": frozenset({"objective_id", "rating", "comment"}),
    "lesson_added": frozenset({"text", "objectives"}),
    "action_added": frozenset({"text", "owner", "deadline", "status", "lesson"}),
}
# Entry types that can be retracted (the exercise facts cannot).
RETRACTABLE: frozenset[str] = (frozenset(CORRECTABLE) - {"exercise_started"}) | {"inject_fired"}


def event_to_json(event: EventBase) -> bytes:
    """One journal line (without the newline): compact UTF-8 JSON."""
    return EVENT_ADAPTER.dump_json(event)  # type: ignore[arg-type]


def event_from_json(data: bytes | str) -> EventBase:
    """Parse and validate one journal line (raises pydantic.ValidationError)."""
    return EVENT_ADAPTER.validate_json(data)

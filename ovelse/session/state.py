"""Exercise state, built only by replaying journal events.

:func:`apply` is deterministic (no I/O, no clock): it depends only on the state and the event. It
updates the state in place so that appending one event costs O(1); copy the state first
(``copy.deepcopy``) if the old value is needed. Structural problems (a gap in ``seq``, a correction
of an unknown entry, acting after the end) raise :class:`ReplayError`; scenario rules (which
choices are available) are checked by the engine before an event is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from pydantic import ValidationError

from ovelse.session.errors import SessionError
from ovelse.session.events import (
    CORRECTABLE,
    FACTS_SEQ,
    RETRACTABLE,
    ActionStatusChanged,
    ChoiceTaken,
    Corrected,
    Ended,
    EventBase,
    ExerciseStarted,
    NodeEntered,
    ParticipantAdded,
    Paused,
    Reopened,
    Resumed,
    Retracted,
    RoleAssigned,
    RoleUnassigned,
    RoomView,
)


class ReplayError(SessionError):
    """An event does not fit the state it is applied to (the journal is inconsistent)."""


@dataclass(slots=True)
class PathStep:
    """One visit to a node, in the order the exercise went."""

    seq: int
    node_id: str
    via: str
    at: datetime
    elapsed: float
    scenario_time: str | None = None
    choice: int | None = None
    label: str | None = None


@dataclass(slots=True)
class Entry:
    """A log entry (decision, observation, note, inject, debrief item, participant) and its history."""

    seq: int
    original: EventBase
    current: EventBase
    node_id: str | None
    corrections: list[Corrected] = field(default_factory=list)
    retraction: Retracted | None = None
    status_changes: list[ActionStatusChanged] = field(default_factory=list)
    """Status updates of a tiltak, oldest first (the latest is in ``current.status``)."""

    @property
    def type(self) -> str:
        return self.original.type

    @property
    def retracted(self) -> bool:
        return self.retraction is not None

    @property
    def corrected(self) -> bool:
        return bool(self.corrections)

    @property
    def at(self) -> datetime:
        return self.original.at

    @property
    def elapsed(self) -> float:
        return self.original.elapsed


@dataclass(slots=True)
class Participant:
    """A person in the room and the roles they hold (several roles per person are fine)."""

    id: str
    name: str
    organisation: str | None
    roles: list[str]
    seq: int
    retracted: bool = False


@dataclass(slots=True)
class PauseSpan:
    """One pause; wall-clock times only, since the exercise clock stands still meanwhile."""

    seq: int
    at: datetime
    elapsed: float
    reason: str | None = None
    resumed_seq: int | None = None
    resumed_at: datetime | None = None
    cause: str = "break"
    """``break``, ``closed`` (the program was closed while running) or ``setup`` (old journals only)."""
    until: str | None = None

    @property
    def wall_seconds(self) -> float | None:
        """Length of the pause in wall-clock seconds, or None while it lasts."""
        return None if self.resumed_at is None else (self.resumed_at - self.at).total_seconds()


@dataclass(frozen=True, slots=True)
class RoomViewState:
    """What the room sees of the current node: how many of its (visible) messages, whether its questions
    and choices, and whether the room's screen is blanked."""

    node_id: str | None = None
    messages_shown: int = 0
    questions_shown: bool = False
    choices_shown: bool = False
    blank: bool = False


@dataclass
class ExerciseState:
    """Everything known about an exercise, derived from its events."""

    facts: ExerciseStarted | None = None
    last_seq: int = 0
    last_at: datetime | None = None
    elapsed: float = 0.0
    current_node: str | None = None
    path: list[PathStep] = field(default_factory=list)
    trail: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    participants: dict[str, Participant] = field(default_factory=dict)
    entries: dict[int, Entry] = field(default_factory=dict)
    log: list[Entry] = field(default_factory=list)
    decisions: list[Entry] = field(default_factory=list)
    observations: list[Entry] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)
    injects: list[Entry] = field(default_factory=list)
    ratings: list[Entry] = field(default_factory=list)
    lessons: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    paused: bool = False
    pauses: list[PauseSpan] = field(default_factory=list)
    reopenings: list[Reopened] = field(default_factory=list)
    ended: Ended | None = None
    room_view: RoomViewState = field(default_factory=RoomViewState)
    facts_original: ExerciseStarted | None = None
    facts_corrections: list[Corrected] = field(default_factory=list)
    """Edits of the exercise facts (``corrected`` events of seq 1); ``facts`` is the current version."""

    # -- derived views (cheap: they scan small collections, never the journal) --

    @property
    def started(self) -> bool:
        return self.facts is not None

    @property
    def is_ended(self) -> bool:
        return self.ended is not None

    @property
    def begun(self) -> bool:
        """True once the exercise has started (the start node was entered); set-up comes before."""
        return bool(self.path)

    @property
    def began_at(self) -> datetime | None:
        """Wall-clock time the exercise started (the exercise clock's zero), None during set-up.

        Old journals paused the clock for set-up right after entering the start node (cause ``setup``):
        there the exercise started when that pause ended."""
        if not self.path:
            return None
        first = self.path[0]
        if self.pauses and self.pauses[0].cause == "setup" and self.pauses[0].elapsed == first.elapsed:
            return self.pauses[0].resumed_at
        return first.at

    @property
    def current_step(self) -> PathStep | None:
        return self.path[-1] if self.path else None

    def can_go_back(self) -> bool:
        return len(self.trail) > 1

    def node_elapsed(self, elapsed_now: float) -> float:
        """Exercise-clock seconds spent in the current node up to ``elapsed_now``."""
        step = self.current_step
        return max(0.0, elapsed_now - step.elapsed) if step else 0.0

    def active_participants(self) -> list[Participant]:
        return [p for p in self.participants.values() if not p.retracted]

    def holders(self, role: str) -> list[Participant]:
        """Participants (not retracted) holding ``role``."""
        return [p for p in self.participants.values() if not p.retracted and role in p.roles]

    def held_roles(self) -> set[str]:
        return {r for p in self.participants.values() if not p.retracted for r in p.roles}

    def missing_roles(self, required: Iterable[str]) -> list[str]:
        """The roles in ``required`` that nobody holds, in the given order."""
        held = self.held_roles()
        return [r for r in required if r not in held]

    def inject_fired(self, inject_id: str) -> bool:
        """True when the pool inject was fired and that was not retracted."""
        return any(e.original.inject_id == inject_id and not e.retracted for e in self.injects)  # type: ignore[attr-defined]

    def rating(self, objective_id: str) -> Entry | None:
        """The latest rating of an objective that is not retracted."""
        for entry in reversed(self.ratings):
            if entry.current.objective_id == objective_id and not entry.retracted:  # type: ignore[attr-defined]
                return entry
        return None

    def paused_wall_seconds(self) -> float:
        """Wall-clock seconds spent in finished pauses."""
        return sum(p.wall_seconds or 0.0 for p in self.pauses)


# -- apply ------------------------------------------------------------------------------------


def _fail(event: EventBase, code: str, /, **params: object) -> NoReturn:
    raise ReplayError(f"replay.{code}", seq=event.seq, type=event.type, **params)


class Refused(ValueError):
    """A correction that does not fit the entry: ``code`` and ``params`` as for :class:`ReplayError`."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _entry(state: ExerciseState, event: EventBase, bucket: list[Entry] | None) -> Entry:
    entry = Entry(event.seq, event, event, state.current_node)
    state.entries[event.seq] = entry
    state.log.append(entry)
    if bucket is not None:
        bucket.append(entry)
    return entry


def _started(state: ExerciseState, e: ExerciseStarted) -> None:
    if state.facts is not None:
        _fail(e, "already_started")
    state.facts = state.facts_original = e


def _participant(state: ExerciseState, e: ParticipantAdded) -> None:
    if e.participant_id in state.participants:
        _fail(e, "participant_exists", pid=e.participant_id)
    state.participants[e.participant_id] = Participant(
        e.participant_id, e.name, e.organisation, list(dict.fromkeys(e.roles)), e.seq
    )
    _entry(state, e, None)


def _person(state: ExerciseState, e: RoleAssigned | RoleUnassigned) -> Participant:
    person = state.participants.get(e.participant_id)
    if person is None or person.retracted:
        _fail(e, "unknown_participant", pid=e.participant_id)
    return person


def _assign(state: ExerciseState, e: RoleAssigned) -> None:
    person = _person(state, e)
    if e.role in person.roles:
        _fail(e, "has_role", name=person.name, role=e.role)
    person.roles.append(e.role)


def _unassign(state: ExerciseState, e: RoleUnassigned) -> None:
    person = _person(state, e)
    if e.role not in person.roles:
        _fail(e, "lacks_role", name=person.name, role=e.role)
    person.roles.remove(e.role)


def _step(
    state: ExerciseState,
    e: NodeEntered | ChoiceTaken,
    node_id: str,
    via: str,
    choice: int | None = None,
    label: str | None = None,
) -> None:
    state.current_node = node_id
    state.room_view = RoomViewState(node_id, blank=state.room_view.blank)
    state.path.append(PathStep(e.seq, node_id, via, e.at, e.elapsed, e.scenario_time, choice, label))


def _entered(state: ExerciseState, e: NodeEntered) -> None:
    if e.via == "start":
        if state.path:
            _fail(e, "second_start")
        state.trail.append((e.node_id, frozenset(state.flags)))
    elif not state.path:
        _fail(e, "first_not_start")
    elif e.via == "back":
        if len(state.trail) < 2 or state.trail[-2][0] != e.node_id:
            _fail(e, "cannot_go_back", node=e.node_id)
        state.trail.pop()
        state.flags = set(state.trail[-1][1])
    elif e.via in ("next", "jump"):
        state.trail.append((e.node_id, frozenset(state.flags)))
    else:
        _fail(e, "choice_as_move")
    _step(state, e, e.node_id, e.via)


def _choice(state: ExerciseState, e: ChoiceTaken) -> None:
    if state.current_node != e.node_id:
        _fail(e, "choice_elsewhere", node=e.node_id, current=state.current_node)
    state.flags.update(e.set)
    state.flags.difference_update(e.clear)
    state.trail.append((e.target, frozenset(state.flags)))
    _step(state, e, e.target, "choice", e.choice, e.label)


def _paused(state: ExerciseState, e: Paused) -> None:
    if state.paused:
        _fail(e, "already_paused")
    state.paused = True
    state.pauses.append(PauseSpan(e.seq, e.at, e.elapsed, e.reason, cause=e.cause, until=e.until))


def _resumed(state: ExerciseState, e: Resumed) -> None:
    if not state.paused:
        _fail(e, "not_paused")
    state.paused = False
    span = state.pauses[-1]
    span.resumed_seq, span.resumed_at = e.seq, e.at


def _target(
    state: ExerciseState, e: Retracted | Corrected | ActionStatusChanged, allowed: frozenset[str]
) -> Entry:
    entry = state.entries.get(e.target)
    if entry is None or entry.type not in allowed:
        _fail(e, "bad_target", target=e.target)
    if entry.retracted:
        _fail(e, "target_retracted", target=e.target)
    return entry


def _retracted(state: ExerciseState, e: Retracted) -> None:
    entry = _target(state, e, RETRACTABLE)
    entry.retraction = e
    if entry.type == "participant_added":
        state.participants[entry.current.participant_id].retracted = True  # type: ignore[attr-defined]


def corrected_event(entry: Entry, fields: dict[str, Any]) -> EventBase:
    """The entry's current event with ``fields`` replaced, validated (raises ValueError)."""
    allowed = CORRECTABLE.get(entry.type, frozenset())
    unknown = set(fields) - allowed
    if unknown:
        raise Refused("field_not_correctable", field=sorted(unknown)[0])
    current = entry.current
    try:
        return type(current).model_validate({**current.model_dump(), **fields})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise Refused("bad_value", where=where) from None


def corrected_facts(facts: ExerciseStarted, fields: dict[str, Any]) -> ExerciseStarted:
    """The exercise facts with ``fields`` replaced, validated (raises ValueError)."""
    unknown = set(fields) - CORRECTABLE["exercise_started"]
    if unknown:
        raise Refused("field_not_correctable", field=sorted(unknown)[0])
    try:
        return ExerciseStarted.model_validate({**facts.model_dump(), **fields})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise Refused("bad_value", where=".".join(str(p) for p in err["loc"])) from None


def _corrected(state: ExerciseState, e: Corrected) -> None:
    if e.target == FACTS_SEQ:
        assert state.facts is not None  # apply() refuses anything before exercise_started
        try:
            state.facts = corrected_facts(state.facts, e.fields)
        except Refused as exc:
            _fail(e, exc.code, **exc.params)
        state.facts_corrections.append(e)
        return
    entry = _target(state, e, frozenset(CORRECTABLE))
    try:
        entry.current = corrected_event(entry, e.fields)
    except Refused as exc:
        _fail(e, exc.code, **exc.params)
    entry.corrections.append(e)
    if entry.type == "participant_added":
        current: ParticipantAdded = entry.current  # type: ignore[assignment]
        person = state.participants[current.participant_id]
        person.name, person.organisation = current.name, current.organisation
        if "roles" in e.fields:
            person.roles = list(dict.fromkeys(current.roles))


def _action_status(state: ExerciseState, e: ActionStatusChanged) -> None:
    entry = _target(state, e, frozenset({"action_added"}))
    entry.current = entry.current.model_copy(update={"status": e.status})
    entry.status_changes.append(e)


def _room_view(state: ExerciseState, e: RoomView) -> None:
    if e.node_id != state.current_node:
        _fail(e, "room_view_elsewhere", node=e.node_id, current=state.current_node)
    state.room_view = RoomViewState(e.node_id, e.messages_shown, e.questions_shown, e.choices_shown, e.blank)


def _reopened(state: ExerciseState, e: Reopened) -> None:
    state.reopenings.append(e)


def _ended(state: ExerciseState, e: Ended) -> None:
    if state.paused:  # ending during a pause ends the pause too
        state.paused = False
        span = state.pauses[-1]
        span.resumed_seq, span.resumed_at = e.seq, e.at
    state.ended = e


_HANDLERS: dict[str, Any] = {
    "exercise_started": _started,
    "participant_added": _participant,
    "role_assigned": _assign,
    "role_unassigned": _unassign,
    "node_entered": _entered,
    "choice_taken": _choice,
    "inject_fired": lambda s, e: _entry(s, e, s.injects),
    "decision_logged": lambda s, e: _entry(s, e, s.decisions),
    "observation": lambda s, e: _entry(s, e, s.observations),
    "note": lambda s, e: _entry(s, e, s.notes),
    "paused": _paused,
    "resumed": _resumed,
    "reopened": _reopened,
    "retracted": _retracted,
    "corrected": _corrected,
    "objective_rated": lambda s, e: _entry(s, e, s.ratings),
    "lesson_added": lambda s, e: _entry(s, e, s.lessons),
    "action_added": lambda s, e: _entry(s, e, s.actions),
    "action_status": _action_status,
    "room_view": _room_view,
    "heartbeat": lambda s, e: None,
    "ended": _ended,
}


def apply(state: ExerciseState, event: EventBase) -> ExerciseState:
    """Apply one event to ``state`` (in place) and return it; raise ReplayError if it does not fit."""
    if event.seq != state.last_seq + 1:
        _fail(event, "seq_gap", expected=state.last_seq + 1)
    if state.ended is not None:
        _fail(event, "after_end")
    if state.facts is None and event.type != "exercise_started":
        _fail(event, "no_facts_first")
    if event.elapsed < state.elapsed:
        _fail(event, "clock_backwards")
    _HANDLERS[event.type](state, event)
    state.last_seq = event.seq
    state.last_at = event.at
    state.elapsed = event.elapsed
    return state


def replay(events: Iterable[EventBase]) -> ExerciseState:
    """The state after all ``events``, from an empty start."""
    state = ExerciseState()
    for event in events:
        apply(state, event)
    return state

"""What the room may see at one moment, derived from the scenario and the replayed journal state.

Pure and cheap (no Textual, no I/O, no clock). Only the parts of the scenario meant for the room are
copied into the snapshot: facilitator notes, «if the talk stalls» prompts and the log (decisions,
observations, notes) never get here, so no view can show them by accident. What of the current
innspill is shown follows the facilitator's reveals (the room view state): messages one at a time,
then the questions, then the choices; a blank screen hides everything.

A snapshot is immutable (tuples, frozen dataclasses), so it can be handed from the app's thread to
the web server's thread as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ovelse.scenario.model import Inject, Message, Node, Question, Scenario
from ovelse.scenario.roles import CATALOGUE
from ovelse.session.events import InjectFired
from ovelse.session.state import ExerciseState

CLOSED_REASON = "lukket"
"""The pause reason ``Session.close()`` records (journals written before ``Paused.cause`` existed)."""

Screen = Literal["waiting", "innspill", "pause", "closed", "ended", "blank"]
"""What fills the room's screen: waiting for the start (or for the facilitator), the innspill, a pause,
the facilitator's program closed, the closing screen, or nothing (the facilitator blanked it)."""


@dataclass(frozen=True)
class Reveal:
    """How much of the current innspill the room sees (mirrors the session's room view state)."""

    messages_shown: int = 0
    questions_shown: bool = False
    choices_shown: bool = False
    blank: bool = False

    @classmethod
    def everything(cls) -> Reveal:
        """All of it (the facilitator's own view, and journals written before reveals existed)."""
        return cls(messages_shown=1 << 30, questions_shown=True, choices_shown=True)


@dataclass(frozen=True)
class RoomMessage:
    sender: str
    to: str
    """The addressed roles by name, comma separated ('' when none)."""
    channel: str | None
    text: str
    text_se: str | None = None
    public: bool = False


@dataclass(frozen=True)
class RoomQuestion:
    text: str
    roles: str
    """The roles asked, by name ('' when none)."""
    text_se: str | None = None


@dataclass(frozen=True)
class RoomItem:
    """One innspill as the room sees it (a scenario node, or an extra inject from the pool).

    ``hidden_*`` count what the facilitator has not revealed yet: the room's views ignore them, the
    facilitator's view uses them to say what is still to come."""

    title: str
    text: str = ""
    title_se: str | None = None
    text_se: str | None = None
    time: str | None = None
    phase: str | None = None
    messages: tuple[RoomMessage, ...] = ()
    questions: tuple[RoomQuestion, ...] = ()
    roles: str = ""
    choices: tuple[str, ...] = ()
    is_extra: bool = False
    is_end: bool = False
    hidden_messages: int = 0
    hidden_questions: int = 0
    hidden_choices: int = 0


@dataclass(frozen=True)
class RoomSnapshot:
    """Everything the room's views show, plus what they need to run the exercise clock."""

    seq: int
    title: str
    municipality: str
    marking: str | None
    item: RoomItem | None
    extras: tuple[RoomItem, ...]
    paused: bool
    ended: bool
    closed: bool
    """Paused because the facilitator's program was closed."""
    elapsed: float
    """Exercise clock (seconds, pauses excluded) at the last event."""
    last_at: datetime | None
    """Wall-clock time (UTC) of the last event."""
    language: Literal["nb", "nn"] = "nb"
    """The language of the exercise: the room's page speaks it."""
    room_languages: tuple[str, ...] = ("nb",)
    """The languages the room is addressed in (``se``: Northern Sámi parallel text)."""
    until: str | None = None
    """The planned resume time of the pause («10:15»), when the facilitator gave one."""
    blank: bool = False
    extra_ids: tuple[str, ...] = field(default=(), compare=False)

    @property
    def screen(self) -> Screen:
        if self.ended:
            return "ended"
        if self.closed:
            return "closed"
        if self.paused:
            return "pause"
        if self.item is None:
            return "waiting"
        if self.blank:
            return "blank"
        return "innspill"

    @property
    def sami(self) -> bool:
        """True when the room is also addressed in Northern Sámi."""
        return "se" in self.room_languages

    @property
    def clock_running(self) -> bool:
        return not (self.paused or self.ended or self.last_at is None)

    def elapsed_at(self, now: datetime) -> float:
        """The exercise clock at wall-clock ``now``: it stands still while paused and after the end."""
        if not self.clock_running or self.last_at is None:
            return self.elapsed
        return self.elapsed + max(0.0, (now - self.last_at).total_seconds())


# -- building -----------------------------------------------------------------------------------


def _optional_text(value: str | None) -> str | None:
    """A parallel text (``title_se``/``text_se``), or None when absent or blank."""
    return value if value is not None and value.strip() else None


def role_lookup(scenario: Scenario | None) -> dict[str, str]:
    """Role id → name: the catalogue, then the scenario's own roles."""
    names = {r.id: r.name for r in CATALOGUE.values()}
    if scenario is not None:
        names.update({r.id: r.name for r in scenario.roles.custom})
    return names


def _names(roles: dict[str, str], ids: Iterable[str]) -> str:
    return ", ".join(roles.get(r, r) for r in ids)


def _message(message: Message, roles: dict[str, str]) -> RoomMessage:
    return RoomMessage(
        sender=message.sender,
        to=_names(roles, message.to),
        channel=message.channel,
        text=message.text,
        text_se=_optional_text(message.text_se),
        public=message.public,
    )


def _question(question: Question, roles: dict[str, str]) -> RoomQuestion:
    return RoomQuestion(
        text=question.text, roles=_names(roles, question.roles), text_se=_optional_text(question.text_se)
    )


def visible_messages(messages: Sequence[Message], flags: frozenset[str]) -> list[Message]:
    """The messages whose condition holds for ``flags``."""
    return [m for m in messages if m.when is None or m.when.holds(flags)]


def node_item(
    node: Node,
    flags: frozenset[str],
    reveal: Reveal | None = None,
    *,
    roles: dict[str, str] | None = None,
    messages: Sequence[Message] | None = None,
    choices: Sequence[str] | None = None,
) -> RoomItem:
    """The room's part of a node (never ``facilitator_notes`` or ``prompts``), cut to ``reveal``."""
    reveal = reveal or Reveal.everything()
    roles = roles if roles is not None else role_lookup(None)
    shown = list(messages) if messages is not None else visible_messages(node.messages, flags)
    labels = (
        list(choices)
        if choices is not None
        else [c.label for c in node.choices if c.when is None or c.when.holds(flags)]
    )
    cut = min(len(shown), max(0, reveal.messages_shown))
    questions = tuple(_question(q, roles) for q in node.questions) if reveal.questions_shown else ()
    return RoomItem(
        title=node.title,
        text=node.text,
        title_se=_optional_text(node.title_se),
        text_se=_optional_text(node.text_se),
        time=node.time,
        phase=node.phase,
        messages=tuple(_message(m, roles) for m in shown[:cut]),
        questions=questions,
        roles=_names(roles, node.roles),
        choices=tuple(labels) if reveal.choices_shown else (),
        is_end=node.end,
        hidden_messages=len(shown) - cut,
        hidden_questions=0 if reveal.questions_shown else len(node.questions),
        hidden_choices=0 if reveal.choices_shown else len(labels),
    )


def inject_item(
    inject: Inject,
    flags: frozenset[str],
    *,
    roles: dict[str, str] | None = None,
    messages: Sequence[Message] | None = None,
) -> RoomItem:
    """The room's part of an extra inject (never ``facilitator_notes``): all of it, once fired."""
    roles = roles if roles is not None else role_lookup(None)
    shown = list(messages) if messages is not None else visible_messages(inject.messages, flags)
    return RoomItem(
        title=inject.title,
        text=inject.text,
        title_se=_optional_text(inject.title_se),
        text_se=_optional_text(inject.text_se),
        messages=tuple(_message(m, roles) for m in shown),
        questions=tuple(_question(q, roles) for q in inject.questions),
        roles=_names(roles, inject.roles),
        is_extra=True,
    )


def state_reveal(state: ExerciseState) -> Reveal:
    """The facilitator's reveals for the current innspill, from the replayed state (``room_view``
    events; entering an innspill starts with nothing of it revealed, the blank screen carried over)."""
    view = state.room_view
    if view.node_id != state.current_node:
        return Reveal(blank=view.blank)
    return Reveal(view.messages_shown, view.questions_shown, view.choices_shown, view.blank)


def _pause_details(state: ExerciseState) -> tuple[bool, str | None]:
    """(closed, until) of the pause in progress."""
    if not state.paused or not state.pauses:
        return False, None
    span = state.pauses[-1]
    closed = span.cause == "closed" or (span.cause == "break" and span.reason == CLOSED_REASON)
    if closed and state.reopenings and state.reopenings[-1].seq > span.seq:
        closed = False  # the program is open again: the room sees an ordinary pause until resumed
    return closed, span.until if span.until and span.until.strip() else None


def build_snapshot(scenario: Scenario, state: ExerciseState) -> RoomSnapshot:
    """The room's view of ``state``. Extra injects fired since the current innspill began (and not
    retracted) are shown with it, newest first."""
    flags = frozenset(state.flags)
    roles = role_lookup(scenario)
    reveal = state_reveal(state)
    node = scenario.node_map.get(state.current_node) if state.current_node else None
    item = node_item(node, flags, reveal, roles=roles) if node is not None else None
    since = state.current_step.seq if state.current_step is not None else 0
    extras: list[RoomItem] = []
    extra_ids: list[str] = []
    for entry in reversed(state.injects):
        if entry.seq <= since:
            break
        if not isinstance(entry.original, InjectFired):
            continue
        inject_id = entry.original.inject_id
        inject = scenario.inject_map.get(inject_id)
        if inject is not None and not entry.retracted:
            extras.append(inject_item(inject, flags, roles=roles))
            extra_ids.append(inject_id)
    facts = state.facts
    meta = scenario.meta
    language = facts.language if facts is not None else meta.language
    room_languages = meta.room_languages
    closed, until = _pause_details(state)
    return RoomSnapshot(
        seq=state.last_seq,
        title=facts.title if facts is not None else meta.title,
        municipality=facts.municipality if facts is not None else meta.municipality,
        marking=meta.sensitivity.marking,
        item=item,
        extras=tuple(extras),
        paused=state.paused,
        ended=state.is_ended,
        closed=closed,
        elapsed=state.elapsed,
        last_at=state.last_at,
        language="nn" if language == "nn" else "nb",
        room_languages=tuple(str(code) for code in room_languages),
        until=until,
        blank=reveal.blank,
        extra_ids=tuple(extra_ids),
    )

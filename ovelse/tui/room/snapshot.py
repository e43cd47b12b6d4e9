"""What the room may see at one moment, derived from the scenario and the replayed journal state.

Pure and cheap (no Textual, no I/O). Only the parts of the scenario meant for the room are copied into
the snapshot: facilitator notes, «if the talk stalls» prompts and the log (decisions, observations,
notes) never get here, so the view cannot show them by accident. The engine has no «show to room»
event, so nothing from the log is shown at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ovelse.scenario.model import Inject, Message, Node, Question, Scenario
from ovelse.session.state import ExerciseState

CLOSED_REASON = "lukket"
"""The pause reason ``Session.close()`` records. Other pause reasons are typed by the facilitator and
are not shown to the room."""


@dataclass(frozen=True)
class RoomItem:
    """One innspill as the room sees it (a scenario node, or an extra inject from the pool)."""

    title: str
    text: str = ""
    time: str | None = None
    phase: str | None = None
    messages: tuple[Message, ...] = ()
    questions: tuple[Question, ...] = ()
    roles: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    is_extra: bool = False
    is_end: bool = False


@dataclass(frozen=True)
class RoomSnapshot:
    """Everything the room's view shows, plus what it needs to run the exercise clock."""

    seq: int
    title: str
    municipality: str
    marking: str | None
    item: RoomItem | None
    extras: tuple[RoomItem, ...]
    paused: bool
    ended: bool
    closed: bool
    """Paused because the facilitator's program was closed (the engine's pause reason «lukket»)."""
    elapsed: float
    """Exercise clock (seconds, pauses excluded) at the last event."""
    last_at: datetime | None
    """Wall-clock time (UTC) of the last event."""

    def elapsed_at(self, now: datetime) -> float:
        """The exercise clock at wall-clock ``now``: it stands still while paused and after the end."""
        if self.paused or self.ended or self.last_at is None:
            return self.elapsed
        return self.elapsed + max(0.0, (now - self.last_at).total_seconds())


def _visible(messages: list[Message], flags: frozenset[str]) -> tuple[Message, ...]:
    return tuple(m for m in messages if m.when is None or m.when.holds(flags))


def node_item(node: Node, flags: frozenset[str]) -> RoomItem:
    """The room's part of a node: never ``facilitator_notes`` or ``prompts``."""
    choices = tuple(c.label for c in node.choices if c.when is None or c.when.holds(flags))
    return RoomItem(
        title=node.title,
        text=node.text,
        time=node.time,
        phase=node.phase,
        messages=_visible(node.messages, flags),
        questions=tuple(node.questions),
        roles=tuple(node.roles),
        choices=choices,
        is_end=node.end,
    )


def inject_item(inject: Inject, flags: frozenset[str]) -> RoomItem:
    """The room's part of an extra inject: never ``facilitator_notes``."""
    return RoomItem(
        title=inject.title,
        text=inject.text,
        messages=_visible(inject.messages, flags),
        questions=tuple(inject.questions),
        roles=tuple(inject.roles),
        is_extra=True,
    )


def build_snapshot(scenario: Scenario, state: ExerciseState) -> RoomSnapshot:
    """The room's view of ``state``. Extra injects fired since the current innspill began (and not
    retracted) are shown with it, newest first."""
    flags = frozenset(state.flags)
    node = scenario.node_map.get(state.current_node) if state.current_node else None
    item = node_item(node, flags) if node is not None else None
    since = state.current_step.seq if state.current_step is not None else 0
    extras: list[RoomItem] = []
    for entry in reversed(state.injects):
        if entry.seq <= since:
            break
        inject = scenario.inject_map.get(getattr(entry.original, "inject_id", ""))
        if inject is not None and not entry.retracted:
            extras.append(inject_item(inject, flags))
    facts = state.facts
    meta = scenario.meta
    return RoomSnapshot(
        seq=state.last_seq,
        title=facts.title if facts is not None else meta.title,
        municipality=facts.municipality if facts is not None else meta.municipality,
        marking=meta.sensitivity.marking,
        item=item,
        extras=tuple(extras),
        paused=state.paused,
        ended=state.is_ended,
        closed=state.paused and bool(state.pauses) and state.pauses[-1].cause == "closed",
        elapsed=state.elapsed,
        last_at=state.last_at,
    )

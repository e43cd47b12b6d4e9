"""Replay events read from a journal, turning inconsistencies into errors with line numbers."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ovelse.plaintext import path_text
from ovelse.session.errors import JournalCorrupt, Phrase
from ovelse.session.events import EventBase
from ovelse.session.state import ExerciseState, ReplayError, apply


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are built.

    Reading a journal creates one model per line; without this, repeated full collections scanning the
    growing heap cost more than parsing itself. Events hold no reference cycles, so nothing is lost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def replay_journal(
    events: Iterable[EventBase], path: Path, state: ExerciseState | None = None, first_line_no: int = 2
) -> ExerciseState:
    """Apply ``events`` (line ``first_line_no`` onwards) to ``state`` or a new state."""
    state = state if state is not None else ExerciseState()
    line_no = first_line_no
    try:
        with gc_paused():
            for event in events:
                apply(state, event)
                line_no += 1
    except ReplayError as exc:
        raise JournalCorrupt(
            "journal.inconsistent",
            path=path,
            line=line_no,
            name=path_text(path.name),
            detail=Phrase.message_of(exc),
            replay=exc,
        ) from None
    return state


def require_start(state: ExerciseState, path: Path) -> ExerciseState:
    """Refuse a journal whose events do not even include the exercise facts (a journal still in set-up,
    before the start node was entered, is fine)."""
    if not state.started:
        raise JournalCorrupt("journal.no_start", path=path, line=2, name=path_text(path.name))
    return state

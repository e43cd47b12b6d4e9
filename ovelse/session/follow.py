"""Reading a journal without writing: load it whole (for reports) or follow it live (projector view)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ovelse import platform
from ovelse.plaintext import path_text
from ovelse.session import journalfile
from ovelse.session.errors import JournalCorrupt, JournalError
from ovelse.session.events import EventBase
from ovelse.session.journal import (
    Chain,
    JournalHeader,
    Notice,
    parse_events,
    parse_header,
    parse_journal,
    scenario_from_header,
    torn_notice,
)
from ovelse.session.journalfile import open_journal_file, read_all, read_line_at
from ovelse.session.oserrors import journal_os_error
from ovelse.session.replaying import replay_journal, require_start
from ovelse.session.state import ExerciseState

if TYPE_CHECKING:
    from ovelse.scenario.model import Scenario

_HEARTBEAT = b'{"type":"heartbeat",'


def _open_read_only(path: Path) -> int:
    """Open for reading; only a regular file of at most MAX_JOURNAL_BYTES, and never blocking."""
    return open_journal_file(path, os.O_RDONLY, "read_journal")


@dataclass
class LoadedJournal:
    """A journal read in full: everything an export needs. ``warnings`` is shown to the user."""

    path: Path
    header: JournalHeader
    scenario: Scenario
    events: list[EventBase]
    state: ExerciseState
    warnings: list[Notice] = field(default_factory=list)
    chain_head: str = ""
    """The hash chain value of the last event read (see docs/journal-format.md): put it in a report, and
    ``ovelse verify`` can later tell whether the journal still matches it."""


def load_journal(path: str | os.PathLike[str]) -> LoadedJournal:
    """Read a journal without locking or changing it. A torn last line is skipped with a warning."""
    path = Path(path)
    fd = _open_read_only(path)
    try:
        data = read_all(fd, path)
    except OSError as exc:
        raise journal_os_error(exc, path, "read_journal", context="read") from None
    finally:
        os.close(fd)
    parsed = parse_journal(data, path)
    scenario = scenario_from_header(parsed.header, path)
    state = require_start(replay_journal(parsed.events, path), path)
    warnings = list(parsed.notices)
    if parsed.torn:
        warnings.append(torn_notice(path, parsed))
    return LoadedJournal(path, parsed.header, scenario, parsed.events, state, warnings, parsed.chain.value)


class JournalFollower:
    """Follow a journal another process is writing: :meth:`read_new` returns what was appended since.

    Never locks or writes. A partial last line (still being written) is left for the next call. If the
    journal shrank below what was already read (the writer undid a failed append), the state is rebuilt
    from the start, all events are returned again and ``generation`` goes up by one."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = _open_read_only(self.path)
        try:
            first = read_line_at(self._fd, 0)
            if first is None:
                raise JournalError(
                    "journal.no_header", path=self.path, line=1, name=path_text(self.path.name)
                )
            self.header = parse_header(first[0], self.path)
            self._header_line = first[0]
            self.scenario: Scenario = scenario_from_header(self.header, self.path)
        except OSError as exc:
            self.close()
            raise journal_os_error(exc, self.path, "read_journal", context="read") from None
        except BaseException:
            self.close()
            raise
        self._body_start = first[1]
        self.generation = 0
        self._restart()

    def _restart(self) -> None:
        self.state = ExerciseState()
        self._chain = Chain.after_header(self._header_line)
        self._offset = self._body_start
        self._line = 2
        self.pending = 0
        self.alive: EventBase | None = None
        """The writer's latest heartbeat after the last event, if any (the program was alive then)."""

    def read_new(self) -> list[EventBase]:
        """Events appended since the last call (all events on the first call), applied to ``state``."""
        if self._fd is None:
            raise JournalError("journal.follower_closed", path=self.path)
        try:
            size = os.fstat(self._fd).st_size
            if size > journalfile.MAX_JOURNAL_BYTES:
                raise JournalError(
                    "journal.grew_too_large",
                    path=self.path,
                    name=path_text(self.path.name),
                    limit=journalfile.size_text(journalfile.MAX_JOURNAL_BYTES),
                )
            if size < self._offset:
                self.generation += 1
                self._restart()
            data = platform.pread(self._fd, size - self._offset, self._offset) if size > self._offset else b""
        except OSError as exc:
            raise journal_os_error(exc, self.path, "read_journal", context="read") from None
        end = data.rfind(b"\n") + 1
        self.pending = len(data) - end
        if not end:
            return []
        lines = data[: end - 1].split(b"\n")
        # A heartbeat as the last line is the writer's provisional line: the next event takes its place, so
        # it is not applied; it is kept aside (``alive``) and read again next time.
        provisional = lines.pop() if lines[-1].startswith(_HEARTBEAT) else None
        events = parse_events(lines, self._line, self.path, self._chain) if lines else []
        replay_journal(events, self.path, self.state, self._line)
        consumed = end - (len(provisional) + 1 if provisional is not None else 0)
        self._offset += consumed
        self._line += len(lines)
        self.pending = len(data) - consumed
        self.alive = None
        if provisional is not None:
            trial = Chain(self._chain.value, self._chain.first_sealed, self._chain.unsealed)
            with contextlib.suppress(JournalCorrupt):  # being replaced right now: read again next time
                self.alive = parse_events([provisional], self._line, self.path, trial)[0]
        return events

    @property
    def chain_head(self) -> str:
        """The hash chain value of the last event read."""
        return self._chain.value

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> JournalFollower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

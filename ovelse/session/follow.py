"""Reading a journal without writing: load it whole (for reports) or follow it live (projector view)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ovelse import platform
from ovelse.scenario.model import Scenario
from ovelse.session import journal
from ovelse.session.errors import JournalError
from ovelse.session.events import EventBase
from ovelse.session.journal import (
    JournalHeader,
    Notice,
    open_journal_file,
    parse_events,
    parse_header,
    parse_journal,
    read_all,
    scenario_from_header,
)
from ovelse.session.oserrors import journal_os_error
from ovelse.session.replaying import replay_journal, require_start
from ovelse.session.state import ExerciseState


def _open_read_only(path: Path) -> int:
    """Open for reading; only a regular file of at most MAX_JOURNAL_BYTES, and never blocking."""
    return open_journal_file(path, os.O_RDONLY, "lese journalen")


@dataclass
class LoadedJournal:
    """A journal read in full: everything an export needs. ``warnings`` is shown to the user."""

    path: Path
    header: JournalHeader
    scenario: Scenario
    events: list[EventBase]
    state: ExerciseState
    warnings: list[Notice] = field(default_factory=list)


def load_journal(path: str | os.PathLike[str]) -> LoadedJournal:
    """Read a journal without locking or changing it. A torn last line is skipped with a warning."""
    path = Path(path)
    fd = _open_read_only(path)
    try:
        data = read_all(fd, path)
    except OSError as exc:
        raise journal_os_error(exc, path, "lese journalen", context="read") from None
    finally:
        os.close(fd)
    parsed = parse_journal(data, path)
    scenario = scenario_from_header(parsed.header, path)
    state = require_start(replay_journal(parsed.events, path), path)
    warnings = list(parsed.notices)
    if parsed.torn:
        warnings.append(
            Notice(
                f"Den siste linjen i {path.name} (linje {len(parsed.events) + 2}) er ufullstendig og er ikke tatt med.",
                "Programmet ble trolig stoppet midt i en lagring. Åpne øvelsen i ovelse for å sette linjen til side.",
            )
        )
    return LoadedJournal(path, parsed.header, scenario, parsed.events, state, warnings)


def read_line_at(fd: int, offset: int, chunk: int = 1 << 16) -> tuple[bytes, int] | None:
    """The complete line starting at ``offset`` (without newline) and the offset after it, or None
    (also when no newline comes within MAX_JOURNAL_BYTES: nothing that long is a journal line)."""
    limit = journal.MAX_JOURNAL_BYTES
    parts: list[bytes] = []
    pos = offset
    while True:
        if pos - offset > limit:
            return None
        data = platform.pread(fd, chunk, pos)
        if not data:
            return None
        cut = data.find(b"\n")
        if cut >= 0:
            parts.append(data[:cut])
            return b"".join(parts), pos + cut + 1
        parts.append(data)
        pos += len(data)


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
                    f"{self.path.name} er tom eller mangler journalhodet.",
                    "Oppgi en journalfil laget av ovelse (.jsonl).",
                    path=self.path,
                    line=1,
                )
            self.header = parse_header(first[0], self.path)
            self.scenario: Scenario = scenario_from_header(self.header, self.path)
        except OSError as exc:
            self.close()
            raise journal_os_error(exc, self.path, "lese journalen", context="read") from None
        except BaseException:
            self.close()
            raise
        self._body_start = first[1]
        self.generation = 0
        self._restart()

    def _restart(self) -> None:
        self.state = ExerciseState()
        self._offset = self._body_start
        self._line = 2
        self.pending = 0

    def read_new(self) -> list[EventBase]:
        """Events appended since the last call (all events on the first call), applied to ``state``."""
        if self._fd is None:
            raise JournalError("Journalen er lukket.", "Åpne den på nytt.", path=self.path)
        try:
            size = os.fstat(self._fd).st_size
            if size > journal.MAX_JOURNAL_BYTES:
                limit = journal.size_text(journal.MAX_JOURNAL_BYTES)
                raise JournalError(
                    f"{self.path.name} har vokst til over {limit} og kan ikke være en "
                    "øvelsesjournal; resten er ikke lest.",
                    "Oppgi en journalfil laget av ovelse (.jsonl).",
                    path=self.path,
                )
            if size < self._offset:
                self.generation += 1
                self._restart()
            data = platform.pread(self._fd, size - self._offset, self._offset) if size > self._offset else b""
        except OSError as exc:
            raise journal_os_error(exc, self.path, "lese journalen", context="read") from None
        end = data.rfind(b"\n") + 1
        self.pending = len(data) - end
        if not end:
            return []
        lines = data[: end - 1].split(b"\n")
        events = parse_events(lines, self._line, self.path)
        replay_journal(events, self.path, self.state, self._line)
        self._offset += end
        self._line += len(lines)
        return events

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> JournalFollower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

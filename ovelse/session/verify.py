"""Check a journal against its hash chain (``ovelse verify JOURNAL``), without changing it.

A journal is intact when every line reads, every stored chain value matches the one computed from the lines
before it, and the events replay without contradiction. A report carries the chain value of the last event
it was made from; given that value, :func:`verify_journal` also says at which line the journal matched it,
so a filed report can be checked against the journal it came from (also when the journal grew later).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ovelse.session.errors import JournalError
from ovelse.session.journal import (
    CHAIN_HEX,
    Chain,
    Notice,
    chain_next,
    parse_header,
    parse_journal,
    scenario_from_header,
    torn_notice,
    unseal,
)
from ovelse.session.journalfile import open_journal_file, read_all
from ovelse.session.oserrors import journal_os_error
from ovelse.session.replaying import replay_journal, require_start


@dataclass
class VerifyResult:
    """What :func:`verify_journal` found.

    ``ok`` is True when nothing is wrong: no error, no torn last line, and (when ``expected`` was given) the
    value was found. ``sealed`` tells whether every event line carries its own chain value (False for
    journals from an older ovelse, whose changes can then only be detected from the first sealed line)."""

    path: Path
    ok: bool
    events: int = 0
    head: str | None = None
    """The chain value of the last complete event: what a report made now would carry."""
    sealed: bool = False
    first_sealed: int | None = None
    unsealed: int = 0
    error: JournalError | None = None
    """Why the journal is not intact (code, line): a changed, broken or unreadable line."""
    notices: list[Notice] = field(default_factory=list)
    expected: str | None = None
    matched_line: int | None = None
    """The line whose chain value is ``expected`` (None: not found, or nothing expected)."""
    error_event: tuple[int | None, str | None] | None = None
    """``(seq, type)`` of the event on the line of ``error``, as far as the line can still be read."""
    missing_newline: bool = False
    """The last event is complete but lacks its newline (an editor saved the file); nothing is lost."""


def valid_expected(value: str) -> bool:
    """True when ``value`` can be a chain value from a report: 8 to 32 hex digits (case does not matter)."""
    want = value.strip().lower()
    return 8 <= len(want) <= CHAIN_HEX and all(c in "0123456789abcdef" for c in want)


def verify_journal(path: str | os.PathLike[str], expected: str | None = None) -> VerifyResult:
    """Check ``path`` without locking or changing it. Never raises for a damaged journal: the problem is in
    ``error``. ``expected`` is a chain value from a report (the full value or at least its first 8 hex
    digits, case does not matter)."""
    path = Path(path)
    want = expected.strip().lower() if expected else None
    result = VerifyResult(path=path, ok=False, expected=want)
    data = b""
    try:
        fd = open_journal_file(path, os.O_RDONLY, "read_journal")
        try:
            data = read_all(fd, path)
        except OSError as exc:
            raise journal_os_error(exc, path, "read_journal", context="read") from None
        finally:
            os.close(fd)
        parsed = parse_journal(data, path)
        scenario_from_header(parsed.header, path)
        require_start(replay_journal(parsed.events, path), path)
    except JournalError as exc:
        result.error = exc
        if exc.line is not None and exc.line >= 2:
            result.error_event = _event_on_line(data, exc.line)
        return result
    chain = parsed.chain
    result.missing_newline = parsed.missing_newline
    result.events = len(parsed.events)
    result.head = chain.value
    result.first_sealed, result.unsealed = chain.first_sealed, chain.unsealed
    result.sealed = chain.unsealed == 0 and bool(parsed.events)
    result.notices = list(parsed.notices)
    if parsed.torn:
        result.notices.append(torn_notice(path, parsed))
    if want is not None:
        result.matched_line = _line_with(data, want)
    result.ok = not parsed.torn and (want is None or result.matched_line is not None)
    return result


def _event_on_line(data: bytes, number: int) -> tuple[int | None, str | None] | None:
    """``(seq, type)`` read from line ``number`` (header = 1) of ``data``, each None when unreadable."""
    lines = data.split(b"\n", number)
    if len(lines) < number:
        return None
    try:
        raw = json.loads(lines[number - 1])
    except (ValueError, UnicodeDecodeError, RecursionError):
        return (None, None)
    if not isinstance(raw, dict):
        return (None, None)
    seq, kind = raw.get("seq"), raw.get("type")
    return (
        seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
        kind if isinstance(kind, str) else None,
    )


def _line_with(data: bytes, want: str) -> int | None:
    """The first line (header = 1) whose chain value starts with ``want``."""
    if not valid_expected(want):
        return None
    head_end = data.find(b"\n")
    header_line = data[:head_end]
    parse_header(header_line, Path("journal"))
    chain = Chain.after_header(header_line)
    if chain.value.startswith(want):
        return 1
    value = chain.value
    for number, line in enumerate(data[head_end + 1 :].split(b"\n"), start=2):
        if not line:
            break
        value = chain_next(value, unseal(line)[0])
        if value.startswith(want):
            return number
    return None

"""Summaries of the journals in a directory, for a start screen that offers to resume."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ovelse import platform
from ovelse.plaintext import path_text
from ovelse.session.errors import JournalError, SessionError
from ovelse.session.journalfile import header_object, open_journal_file, read_line_at
from ovelse.session.oserrors import Reason
from ovelse.session.paths import JOURNAL_SUFFIX, resolve_journal_dir


@dataclass
class JournalSummary:
    """What a start screen shows about one journal; ``error`` (and its rendered ``problem``) when it cannot
    be read."""

    path: Path
    scenario_title: str | None = None
    scenario_id: str | None = None
    title: str | None = None
    municipality: str | None = None
    started: datetime | None = None
    last_activity: datetime | None = None
    ended: bool = False
    events: int = 0
    torn: bool = False
    error: SessionError | None = None

    @property
    def problem(self) -> str | None:
        """Why the journal cannot be read, in the current language (None when it can)."""
        return self.error.message if self.error is not None else None

    @property
    def resumable(self) -> bool:
        return self.error is None and not self.ended


def _last_line(fd: int, start: int, size: int, chunk: int = 1 << 16) -> tuple[bytes | None, bool]:
    """The last complete line at or after ``start`` and whether something incomplete follows it."""
    end = size
    tail = b""
    pos = size
    while pos > start:
        step = min(chunk, pos - start)
        pos -= step
        tail = platform.pread(fd, step, pos) + tail
        last_nl = tail.rfind(b"\n")
        if last_nl < 0:
            continue
        torn = pos + last_nl + 1 < end
        prev_nl = tail.rfind(b"\n", 0, last_nl)
        if prev_nl >= 0 or pos == start:
            return tail[prev_nl + 1 : last_nl], torn
    return None, size > start


def summarize_journal(path: Path) -> JournalSummary:
    """Read the header, the first event and the last complete line (not the whole journal)."""
    summary = JournalSummary(path=path)
    try:
        fd = open_journal_file(path, os.O_RDONLY, "read_journal")
    except JournalError as exc:
        summary.error = exc
        return summary
    try:
        size = os.fstat(fd).st_size
        first = read_line_at(fd, 0)
        if first is None:
            summary.error = JournalError("listing.empty", path=path)
            return summary
        # a summary, not a check: opening the journal validates the whole header (journal.parse_header)
        header = header_object(first[0], path)
        scenario = header["scenario"]
        summary.scenario_title = str(scenario["title"])
        summary.scenario_id = str(scenario["id"])
        summary.municipality = str(scenario["municipality"])
        summary.started = datetime.fromisoformat(header["created"])
        second = read_line_at(fd, first[1])
        if second is not None:
            started = json.loads(second[0])
            summary.title = started.get("title")
            summary.municipality = started.get("municipality") or summary.municipality
        last, summary.torn = _last_line(fd, first[1], size)
        if last is not None:
            event = json.loads(last)
            summary.events = int(event.get("seq", 0))
            summary.last_activity = datetime.fromisoformat(event["at"])
            summary.ended = event.get("type") == "ended"
    except JournalError as exc:
        summary.error = exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        summary.error = JournalError("listing.unreadable", path=path, kind=exc.__class__.__name__)
    finally:
        os.close(fd)
    return summary


def _recency(summary: JournalSummary) -> float:
    when = summary.last_activity or summary.started
    return when.timestamp() if when else 0.0


def list_journals(directory: str | os.PathLike[str] | None = None) -> list[JournalSummary]:
    """Journals in ``directory`` (default: the journal directory), latest activity first."""
    folder = resolve_journal_dir(directory)
    try:
        paths = [
            p
            for p in folder.iterdir()
            if p.name.endswith(JOURNAL_SUFFIX) and not p.name.startswith(".") and p.is_file()
        ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise JournalError(
            "listing.folder_unreadable", path=folder, folder=path_text(folder), reason=Reason(exc)
        ) from None
    summaries = [summarize_journal(p) for p in paths]
    summaries.sort(key=_recency, reverse=True)
    return summaries

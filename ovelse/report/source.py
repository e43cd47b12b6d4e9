"""Read a journal for a report: read-only, never locked, never modified (``ovelse.session.load_journal``).

A torn last line (the writer was stopped mid-write) is left where it is and becomes a warning in the
report; a corrupt line in the middle stops the export with the line number.
"""

from __future__ import annotations

import os
from pathlib import Path

from ovelse.plaintext import clean
from ovelse.report.errors import ExportError, GradedMaterial
from ovelse.scenario.loader import load_scenario_text
from ovelse.scenario.model import GRADED_LEVELS
from ovelse.session import JournalError, LoadedJournal, SessionError, load_journal
from ovelse.session.journal import parse_header
from ovelse.session.journalfile import open_journal_file

__all__ = ["LoadedJournal", "read_journal"]


def read_journal(path: str | os.PathLike[str]) -> LoadedJournal:
    """Read and replay the journal at ``path``; raise ExportError (or GradedMaterial) with a Norwegian message."""
    path = Path(path)
    if path.is_dir():
        raise ExportError("report.is_folder", path=clean(str(path)))
    try:
        loaded = load_journal(path)
    except JournalError as exc:
        _refuse_if_graded(path)
        raise ExportError.passed_on(exc) from None
    if loaded.state.facts is None:
        raise ExportError("report.not_started", name=clean(path.name))
    return loaded


_MAX_HEADER_BYTES = 64 * 1024 * 1024  # the header holds the scenario's text (at most 16 MB as UTF-8 escapes)


def _refuse_if_graded(path: Path) -> None:
    """A journal the engine could not load may hold a graded scenario (only by editing it by hand):
    say so plainly rather than reporting an unreadable file."""
    try:
        fd = open_journal_file(path, os.O_RDONLY, "lese journalen")  # never blocks on a FIFO or device
        with os.fdopen(fd, "rb") as fh:
            header = parse_header(fh.readline(_MAX_HEADER_BYTES).rstrip(b"\n"), path)
    except (OSError, SessionError):
        return
    copy = header.scenario
    graded = copy.sensitivity.strip().lower().replace(" ", "_") in GRADED_LEVELS or any(
        f.code == "OV107" for f in load_scenario_text(copy.text, copy.name).findings
    )
    if graded:
        raise GradedMaterial("report.graded_scenario", title=clean(copy.title), name=clean(path.name))

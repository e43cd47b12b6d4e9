"""Read a journal for a report: read-only, never locked, never modified (``ovelse.session.load_journal``).

A torn last line (the writer was stopped mid-write) is left where it is and becomes a warning in the
report; a corrupt line in the middle stops the export with the line number.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ovelse.report.errors import ExportError, GradedMaterial
from ovelse.scenario.loader import load_scenario_text
from ovelse.scenario.model import GRADED_LEVELS
from ovelse.session import JournalError, LoadedJournal, SessionError, load_journal
from ovelse.session.journal import open_journal_file, parse_header, read_all

__all__ = ["LoadedJournal", "ReportSource", "read_journal"]

# What may need cleaning in the event lines, as it appears in JSON: escaped C0 controls, tab, CR,
# backspace, form feed, DEL and C1 controls, bidirectional controls, surrogates and non-characters,
# raw or escaped. A hit only means «check every text»; no hit proves that no text needs cleaning.
_NEEDS_CLEANING = re.compile(
    rb"\\u00[0-1][0-9a-fA-F]|\\u00[7-9][0-9a-fA-F]|\\[tbfr]|\x7f|\xc2[\x80-\x9f]"
    rb"|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]"
    rb"|\\u(?:200[eEfF]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F]|[fF][fF][fF][eEfF])"
)
# The same test in two quicker steps. First any JSON escape but «\"», «\\», «\/» and «\n» (rare in a
# journal, and a pattern that starts with a backslash is searched for quickly); only when there is one,
# the whole pattern above …
_ODD_ESCAPE = re.compile(rb'\\[^"\\/n]')
# … else DEL and the raw multi-byte characters, looked for among the non-ASCII bytes alone (each pattern
# lies within one UTF-8 character, so deleting the ASCII bytes around them neither hides nor makes a hit).
_ASCII = bytes(range(128))
_RAW_CONTROL = re.compile(
    rb"\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]"
)
# Words that could mark an entry with a security grade (model._is_graded is the real test), searched for
# among the ASCII letters alone, lower-cased (taking out everything else can only add hits), and the
# non-ASCII letters that the grade test's case-insensitive matching or str.lower() takes for an ASCII
# letter (İ ı ſ K: «hemmelıg»).
_GRADE_WORDS = (b"begrenset", b"konfidensielt", b"hemmelig", b"gradering")
_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_NOT_LETTERS = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_GRADE_LOOKALIKE = re.compile(rb"\xc4[\xb0\xb1]|\xc5\xbf|\xe2\x84\xaa")


@dataclass
class ReportSource(LoadedJournal):
    """A loaded journal and what a scan of its event lines found (so clean journals skip per-text work)."""

    needs_cleaning: bool = True
    may_be_graded: bool = True


def _scan(loaded: LoadedJournal) -> ReportSource:
    """Scan the event lines once. The file is only appended to, so bytes read now cover every loaded event.

    The header line (its scenario text is cleaned and checked separately) is skipped by offsets rather
    than cut off: copying a megabyte costs more than searching it."""
    try:
        fd = open_journal_file(loaded.path, os.O_RDONLY, "lese journalen")
        try:
            data = read_all(fd, loaded.path)  # one read of the whole (size-capped) file
        finally:
            os.close(fd)
    except (OSError, SessionError):
        data = None
    fields = {f.name: getattr(loaded, f.name) for f in dataclasses.fields(LoadedJournal)}
    if data is None:
        return ReportSource(**fields)
    start = data.find(b"\n") + 1 or len(data)
    header = data[:start]
    if _ODD_ESCAPE.search(data, start) is not None:  # rare; a \u escape can spell any letter
        needs_cleaning = _NEEDS_CLEANING.search(data, start) is not None
        lookalike = data.find(b"\\u", start) >= 0 or _GRADE_LOOKALIKE.search(data, start) is not None
    else:
        non_ascii, skip = data.translate(None, _ASCII), len(header.translate(None, _ASCII))
        needs_cleaning = data.find(b"\x7f", start) >= 0 or _RAW_CONTROL.search(non_ascii, skip) is not None
        lookalike = _GRADE_LOOKALIKE.search(non_ascii, skip) is not None
    letters, skip = data.translate(_LOWER, _NOT_LETTERS), len(header.translate(_LOWER, _NOT_LETTERS))
    return ReportSource(
        **fields,
        needs_cleaning=needs_cleaning,
        may_be_graded=lookalike or any(letters.find(word, skip) >= 0 for word in _GRADE_WORDS),
    )


def read_journal(path: str | os.PathLike[str]) -> ReportSource:
    """Read and replay the journal at ``path``; raise ExportError (or GradedMaterial) with a Norwegian message."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} er en mappe, ikke en journalfil.", "Oppgi selve journalfilen (.jsonl).")
    try:
        loaded = load_journal(path)
    except JournalError as exc:
        _refuse_if_graded(path)
        raise ExportError(exc.message, exc.hint) from None
    except SessionError as exc:  # pragma: no cover - load_journal raises JournalError subclasses
        raise ExportError(exc.message, exc.hint) from None
    if loaded.state.facts is None:
        raise ExportError(
            f"{path.name} har ingen øvelse ennå (ingen hendelser etter journalhodet).",
            "Start øvelsen før du lager rapport.",
        )
    return _scan(loaded)


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
        raise GradedMaterial(f"Scenarioet «{copy.title}» i {path.name}")

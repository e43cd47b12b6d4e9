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
from ovelse.session.journal import parse_header

__all__ = ["LoadedJournal", "ReportSource", "read_journal"]

# What may need cleaning in the event lines, as it appears in JSON: escaped C0 controls, tab, CR,
# backspace, form feed, DEL and C1 controls, bidirectional controls, surrogates and non-characters,
# raw or escaped. A hit only means «check every text»; no hit proves that no text needs cleaning.
_NEEDS_CLEANING = re.compile(
    rb"\\u00[0-1][0-9a-fA-F]|\\u00[7-9][0-9a-fA-F]|\\[tbfr]|\x7f|\xc2[\x80-\x9f]"
    rb"|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]"
    rb"|\\u(?:200[eEfF]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F]|[fF][fF][fF][eEfF])")
# Words that could mark an entry with a security grade (model._is_graded is the real test), and the
# start of a JSON \u escape, which could spell them. Lower-cased bytes: ASCII only, which these are.
_GRADE_WORDS = (b"begrenset", b"konfidensielt", b"hemmelig", b"gradering", b"\\u00")


@dataclass
class ReportSource(LoadedJournal):
    """A loaded journal and what a scan of its event lines found (so clean journals skip per-text work)."""

    needs_cleaning: bool = True
    may_be_graded: bool = True


def _scan(loaded: LoadedJournal) -> ReportSource:
    """Scan the event lines once. The file is only appended to, so bytes read now cover every loaded event."""
    try:
        with open(loaded.path, "rb") as fh:
            fh.readline()  # the header: the scenario text is cleaned and checked separately
            body = fh.read()
    except OSError:
        body = None
    fields = {f.name: getattr(loaded, f.name) for f in dataclasses.fields(LoadedJournal)}
    if body is None:
        return ReportSource(**fields)
    lower = body.lower()
    return ReportSource(**fields, needs_cleaning=_NEEDS_CLEANING.search(body) is not None,
                        may_be_graded=any(word in lower for word in _GRADE_WORDS))


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
        raise ExportError(f"{path.name} har ingen øvelse ennå (ingen hendelser etter journalhodet).",
                          "Start øvelsen før du lager rapport.")
    return _scan(loaded)


def _refuse_if_graded(path: Path) -> None:
    """A journal the engine could not load may hold a graded scenario (only by editing it by hand):
    say so plainly rather than reporting an unreadable file."""
    try:
        with open(path, "rb") as fh:
            header = parse_header(fh.readline().rstrip(b"\n"), path)
    except (OSError, SessionError):
        return
    copy = header.scenario
    graded = copy.sensitivity.strip().lower().replace(" ", "_") in GRADED_LEVELS or any(
        f.code == "OV107" for f in load_scenario_text(copy.text, copy.name).findings)
    if graded:
        raise GradedMaterial(f"Scenarioet «{copy.title}» i {path.name}")

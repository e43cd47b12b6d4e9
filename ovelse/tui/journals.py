"""Journals on the start screen: where they are and how to describe one in a list row."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ovelse.i18n import _
from ovelse.plaintext import path_text
from ovelse.platform.paths import JOURNAL_SUFFIX
from ovelse.tui.safetext import one_line

if TYPE_CHECKING:
    from ovelse.session.listing import JournalSummary


def resolve_journal_dir(directory: str | Path | None) -> Path:
    from ovelse.platform.paths import resolve_journal_dir as resolve

    return resolve(directory)


def unfinished_journals(directory: Path) -> list[JournalSummary]:
    """Journals in ``directory`` whose exercise has not ended, newest first; [] if none or unreadable."""
    from ovelse.errors import OvelseError
    from ovelse.session import list_journals

    try:
        infos = list_journals(directory)
    except (OSError, OvelseError):
        return []
    return [i for i in infos if not i.ended]


def describe_journal(info: JournalSummary) -> tuple[str, str]:
    """(title, details) for one journal row."""
    title = one_line(info.title or info.scenario_title or path_text(info.path.stem))
    parts = []
    if info.problem:
        parts.append(_("kan ikke åpnes: {problem}").format(problem=one_line(info.problem)))
    if info.municipality:
        parts.append(one_line(info.municipality))
    when = info.last_activity or info.started
    if when is not None:
        from ovelse.i18n.dates import clock, local, short_date

        parts.append(
            _("sist endret {date} kl. {time}").format(date=short_date(local(when).date()), time=clock(when))
        )
    parts.append(path_text(info.path.name))
    return title, " · ".join(parts)


def has_journals(directory: Path) -> bool:
    """True if ``directory`` may hold a journal (any visible ``*.jsonl``), without reading one, so
    an empty folder is shown as such before the session package is even imported."""
    try:
        with os.scandir(directory) as entries:
            return any(e.name.endswith(JOURNAL_SUFFIX) and not e.name.startswith(".") for e in entries)
    except OSError:
        return False

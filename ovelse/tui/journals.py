"""Journals on the start screen: where they are and how to describe one in a list row."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ovelse.i18n import _
from ovelse.plaintext import path_text
from ovelse.platform.paths import JOURNAL_SUFFIX
from ovelse.tui.safetext import one_line


def resolve_journal_dir(directory: str | Path | None) -> Path:
    from ovelse.platform.paths import resolve_journal_dir as resolve

    return resolve(directory)


def unfinished_journals(directory: Path) -> list[Any]:
    """Journals in ``directory`` whose exercise has not ended, newest first; [] if none or unreadable."""
    try:
        from ovelse.session import list_journals
    except ImportError:  # pragma: no cover - engine missing
        return []
    try:
        infos = list(list_journals(directory))
    except Exception:
        return []
    return [i for i in infos if not getattr(i, "ended", False)]


def describe_journal(info: Any) -> tuple[str, str]:
    """(title, details) for one journal row (an ``ovelse.session.JournalSummary``)."""
    title = one_line(
        getattr(info, "title", None)
        or getattr(info, "scenario_title", None)
        or path_text(Path(getattr(info, "path", "")).stem)
    )
    parts = []
    problem = getattr(info, "problem", None)
    if problem:
        parts.append(_("kan ikke åpnes: {problem}").format(problem=one_line(problem)))
    municipality = getattr(info, "municipality", None)
    if municipality:
        parts.append(one_line(municipality))
    when = getattr(info, "last_activity", None) or getattr(info, "started", None)
    if when is not None:
        from ovelse.tui.names import format_date  # imports the scenario model: not for has_journals

        try:
            local = when.astimezone()
            parts.append(
                _("sist endret {date} kl. {time}").format(
                    date=format_date(local.date()), time=f"{local:%H:%M}"
                )
            )
        except (AttributeError, ValueError, OSError):
            pass
    path = getattr(info, "path", None)
    if path is not None:
        parts.append(path_text(Path(path).name))
    return title, " · ".join(parts)


def has_journals(directory: Path) -> bool:
    """True if ``directory`` may hold a journal (any visible ``*.jsonl``), without reading one, so
    an empty folder is shown as such before the session package is even imported."""
    try:
        with os.scandir(directory) as entries:
            return any(e.name.endswith(JOURNAL_SUFFIX) and not e.name.startswith(".") for e in entries)
    except OSError:
        return False

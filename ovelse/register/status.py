"""Tiltak statuses: the journal's codes, the register's Norwegian names, and what users may type."""

from __future__ import annotations

from datetime import date

from ovelse.register.errors import RegisterError

STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "cancelled")
OPEN_STATUSES = frozenset({"open", "in_progress"})
# What may be typed on the command line (and in the app): codes and Norwegian words in both written forms.
_ALIASES: dict[str, str] = {
    "open": "open",
    "ikke-startet": "open",
    "ikkje-starta": "open",
    "ikkje-starta-opp": "open",
    "ny": "open",
    "in_progress": "in_progress",
    "in-progress": "in_progress",
    "pågår": "in_progress",
    "pagar": "in_progress",
    "done": "done",
    "fullført": "done",
    "fullfort": "done",
    "utført": "done",
    "cancelled": "cancelled",
    "forkastet": "cancelled",
    "forkasta": "cancelled",
    "avlyst": "cancelled",
}
TYPED_CHOICES = ("ikke-startet", "pågår", "fullført", "forkastet")


def status_name(code: str) -> str:
    """The status in running text («pågår»): the session's status names, lower-cased."""
    from ovelse.session.events import action_status_name

    return action_status_name(code).lower()


def parse_status(text: str) -> str:
    """The status code for what the user typed; RegisterError REG011 otherwise."""
    key = text.strip().lower().replace(" ", "-")
    code = _ALIASES.get(key) or _ALIASES.get(key.replace("_", "-"))
    if code is None:
        raise RegisterError("REG011", status=text[:40], choices=", ".join(TYPED_CHOICES))
    return code


def fmt_date(value: date | None) -> str:
    """A date as Norwegians write it (dd.mm.åååå), «–» for none."""
    from ovelse.i18n.dates import short_date

    return short_date(value) or "–"

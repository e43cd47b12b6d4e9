"""Scenario time: strict parsing of «D+1 14:00», «D-2», «14:00» and «T+1:30»."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ovelse.i18n import N_, _

_DAY_CLOCK = re.compile(r"^D(?:(?P<sign>[+-])(?P<days>\d{1,3}))?(?: (?P<h>\d{1,2}):(?P<m>\d{2}))?$")
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")
_ELAPSED = re.compile(r"^T\+(?P<h>\d{1,3}):(?P<m>\d{2})$")

FORMAT_HINT = N_("bruk f.eks. «D+1 14:00», «D-2», «D 08:30», «14:00» eller «T+1:30» (i anførselstegn)")
"""The hint for a malformed scenario time (a msgid: render with ``_``)."""


@dataclass(frozen=True, slots=True)
class ScenarioTime:
    """A parsed scenario time. ``minutes`` orders times on one axis where that makes sense."""

    text: str
    day: int | None
    minutes_of_day: int | None
    elapsed_minutes: int | None

    @property
    def sort_key(self) -> int | None:
        """Minutes from D 00:00 (or from T+0:00), or None for a bare day without clock."""
        if self.elapsed_minutes is not None:
            return self.elapsed_minutes
        return (self.day or 0) * 1440 + (self.minutes_of_day or 0)


def _clock(h: str, m: str) -> int:
    hours, minutes = int(h), int(m)
    if hours > 23 or minutes > 59:
        raise ValueError(_("ugyldig klokkeslett «{clock}»").format(clock=f"{h}:{m}"))
    return hours * 60 + minutes


def parse_scenario_time(text: str) -> ScenarioTime:
    """Parse a scenario time exactly as the author wrote it; raise ValueError with a Norwegian message."""
    if not isinstance(text, str):
        raise ValueError(_("scenariotid må være tekst"))
    if match := _DAY_CLOCK.match(text):
        day = int(match["days"]) * (-1 if match["sign"] == "-" else 1) if match["days"] else 0
        minutes = _clock(match["h"], match["m"]) if match["h"] else None
        return ScenarioTime(text, day, minutes, None)
    if match := _CLOCK.match(text):
        return ScenarioTime(text, None, _clock(match["h"], match["m"]), None)
    if match := _ELAPSED.match(text):
        minutes = int(match["m"])
        if minutes > 59:
            raise ValueError(_("ugyldig tid «{time}»").format(time=text))
        return ScenarioTime(text, None, None, int(match["h"]) * 60 + minutes)
    raise ValueError(_("ukjent format på scenariotid «{time}»").format(time=text))

"""THE date, time and duration formatter of ovelse (reports, and the UI): one home for every clock text.

Names of weekdays and months come from Babel's CLDR data for the current language (``nb``/``nn``);
numeric forms («10:05», «15.09.2026») are the same in both. Wall-clock times are stored in UTC and
shown in Norwegian local time (Europe/Oslo) whatever the machine's own time zone, so a report reads
the same wherever it is made. Durations use the catalogue («1 t 5 min»).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_format_date

from ovelse.i18n import BABEL_LOCALES, N_, _, current_language

LOCAL = ZoneInfo("Europe/Oslo")  # tzdata is a dependency, so this works on Windows too

__all__ = [
    "LOCAL",
    "clock",
    "duration",
    "exercise_clock",
    "exercise_clock_full",
    "iso_utc",
    "local",
    "long_date",
    "month_year",
    "short_date",
    "stamp",
    "timer",
]


def local(when: datetime) -> datetime:
    """``when`` on the Norwegian wall clock."""
    return when.astimezone(LOCAL)


def clock(when: datetime) -> str:
    """«10:05» in Norwegian local time."""
    return local(when).strftime("%H:%M")


def stamp(when: datetime) -> str:
    """«2026-09-15 10:05:00» in local time (sortable; spreadsheets read it as a date and time)."""
    t = local(when)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"


def iso_utc(when: datetime | None) -> str | None:
    """ISO 8601 in UTC with «Z» («2026-09-15T08:04:00Z»); None stays None."""
    if when is None:
        return None
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def long_date(day: date) -> str:
    """«tirsdag 15. september 2026» (nynorsk: «tysdag 15. september 2026»), from Babel's locale data."""
    return _babel_format_date(day, "EEEE d. MMMM y", locale=BABEL_LOCALES[current_language()])


def month_year(day: date) -> str:
    """«september 2026»."""
    return _babel_format_date(day, "LLLL y", locale=BABEL_LOCALES[current_language()])


def short_date(day: date | str | None) -> str:
    """«15.09.2026» (always a four-digit year), or an empty string for no date."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def exercise_clock(seconds: float) -> str:
    """The exercise clock as «1:05» (hours:minutes, seconds dropped)."""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def exercise_clock_full(seconds: float) -> str:
    """«1:05:30»."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def timer(seconds: float | None) -> str:
    """A running timer: «05:09», or «1:05:09» once it passes an hour."""
    total = max(0, int(seconds or 0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


_HOURS_MINUTES = N_("{hours} t {minutes} min")
_HOURS = N_("{hours} t")
_MINUTES = N_("{minutes} min")
_UNDER_A_MINUTE = N_("under 1 min")
_NO_DURATION = "–"


def duration(seconds: float | None) -> str:
    """«1 t 5 min», «45 min», «under 1 min» (rounded to whole minutes); «–» for no value."""
    if seconds is None:
        return _NO_DURATION
    minutes = round(seconds / 60)
    if minutes < 1:
        return _(_UNDER_A_MINUTE) if seconds > 0 else _(_MINUTES).format(minutes=0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _(_MINUTES).format(minutes=rest)
    if not rest:
        return _(_HOURS).format(hours=hours)
    return _(_HOURS_MINUTES).format(hours=hours, minutes=rest)

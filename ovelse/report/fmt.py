"""Norwegian formatting of times, dates and durations for the human-readable formats.

Wall-clock times are stored in UTC and shown in Norwegian local time (Europe/Oslo), whatever the
machine's own time zone is, so a report reads the same wherever it is made.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

try:
    from zoneinfo import ZoneInfo

    LOCAL: tzinfo = ZoneInfo("Europe/Oslo")
except (ImportError, KeyError, OSError, ValueError):  # pragma: no cover - no time zone database
    LOCAL = UTC

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def local(when: datetime) -> datetime:
    return when.astimezone(LOCAL)


_HOUR = timedelta(hours=1)
_HHMM = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
_span: tuple[datetime, datetime, object, timedelta] | None = None


def _to_local(when: datetime) -> datetime:
    """``when`` moved to local wall-clock fields (its tzinfo is then meaningless: read the fields only).

    The shift is computed once per hour and time zone object (offsets change only on whole hours),
    since converting thousands of log times one by one is a large part of a report's work."""
    global _span
    span = _span
    if span is None or when.tzinfo is not span[2] or not span[0] <= when < span[1]:
        start = when.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        local_offset = start.astimezone(LOCAL).utcoffset() or timedelta(0)
        span = _span = (start, start + _HOUR, when.tzinfo, local_offset - (when.utcoffset() or timedelta(0)))
    return when + span[3]


def clock(when: datetime) -> str:
    """«10:05» in local time."""
    t = _to_local(when)
    return _HHMM[t.hour * 60 + t.minute]


def stamp(when: datetime) -> str:
    """«2026-09-15 10:05:00» in local time (sortable; spreadsheets read it as a date and time)."""
    t = _to_local(when)
    return f"{t.year}-{t.month:02d}-{t.day:02d} {_HHMM[t.hour * 60 + t.minute]}:{t.second:02d}"


def long_date(day: date) -> str:
    """«tirsdag 15. september 2026»."""
    return f"{WEEKDAYS[day.weekday()]} {day.day}. {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | str | None) -> str:
    """«15.09.2026» (a deadline), or an empty string."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def exercise_clock(seconds: float) -> str:
    """The exercise clock as «1:05» (hours:minutes, seconds dropped)."""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def exercise_clock_full(seconds: float) -> str:
    """«1:05:30»."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def duration(seconds: float | None) -> str:
    """«1 t 5 min», «45 min», «under 1 min»."""
    if seconds is None:
        return "–"
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under 1 min" if seconds > 0 else "0 min"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} t {rest} min" if rest else f"{hours} t"


def count(n: int, one: str, many: str) -> str:
    """«1 beslutning», «3 beslutninger»."""
    return f"{n} {one if n == 1 else many}"


def join_names(names: list[str]) -> str:
    """«A, B og C»."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]

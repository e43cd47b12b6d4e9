"""Norwegian formatting of times, dates and durations for the human-readable formats.

Wall-clock times are stored in UTC and shown in Norwegian local time (Europe/Oslo), whatever the
machine's own time zone is, so a report reads the same wherever it is made.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, tzinfo

try:
    from zoneinfo import ZoneInfo

    LOCAL: tzinfo = ZoneInfo("Europe/Oslo")
except (ImportError, KeyError, OSError, ValueError):  # pragma: no cover - no time zone database
    LOCAL = UTC

MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def local(when: datetime) -> datetime:
    return when.astimezone(LOCAL)


_HHMM = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
_SS = [f"{s:02d}" for s in range(60)]
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# The local offset of the last UTC hour seen (offsets change only on whole hours) and the last local
# day's date text, each in one tuple so that threads never see half an update: converting thousands of
# log times one by one is otherwise a large part of a report's work.
_hour_offset: tuple[int, int] = (-1, 0)
_day_text: tuple[int, str] = (-1, "")


_OFFSETS: dict[int, int] = {}  # UTC hour → local offset in seconds, for times that jump back and forth


def _hour_offset_of(seconds: int) -> tuple[int, int]:
    hour = seconds // 3600
    offset = _OFFSETS.get(hour)
    if offset is None:
        if len(_OFFSETS) > 10_000:
            _OFFSETS.clear()
        local_offset = datetime.fromtimestamp(hour * 3600, UTC).astimezone(LOCAL).utcoffset()
        offset = _OFFSETS[hour] = int(local_offset.total_seconds()) if local_offset else 0
    return hour, offset


def _local_seconds(when: datetime) -> int:
    """``when`` as whole seconds since the epoch on the local wall clock (for its fields only)."""
    global _hour_offset
    seconds = math.floor(when.timestamp())
    hour, offset = _hour_offset
    if seconds // 3600 != hour:
        hour, offset = _hour_offset = _hour_offset_of(seconds)
    return seconds + offset


def clock(when: datetime) -> str:
    """«10:05» in local time."""
    return _HHMM[_local_seconds(when) // 60 % 1440]


_ZERO = timedelta(0)


def _local_seconds_of_utc(whens: list[datetime]) -> list[int | None]:
    """Each UTC time as seconds on the local wall clock, counted from day 1 of year 1 (see
    ``date.toordinal``), worked out from its fields: quicker than ``timestamp()``, which asks the time
    zone object. None for times that are not in UTC."""
    out: list[int | None] = []
    hour_key, offset = None, 0
    for when in whens:
        if when.utcoffset() != _ZERO:
            out.append(None)
            continue
        key = when.toordinal() * 24 + when.hour
        if key != hour_key:
            hour_key = key
            offset = _hour_offset_of((key - _EPOCH_ORDINAL * 24) * 3600)[1]
        out.append(key * 3600 + when.minute * 60 + when.second + offset)
    return out


def clocks(whens: list[datetime]) -> list[str]:
    """``[clock(when) for when in whens]``, quicker."""
    hhmm = _HHMM
    return [
        clock(when) if seconds is None else hhmm[seconds // 60 % 1440]
        for when, seconds in zip(whens, _local_seconds_of_utc(whens), strict=True)
    ]


def utc_isoformats(whens: list[datetime]) -> list[str | None]:
    """``when.isoformat()`` of each UTC time with «Z» for «+00:00», worked out from its fields (quicker
    than ``isoformat()``, which asks the time zone object); None for other times."""
    out: list[str | None] = []
    hhmm, ss = _HHMM, _SS
    days: dict[int, str] = {}
    for when in whens:
        if when.utcoffset() != _ZERO:
            out.append(None)
            continue
        ordinal = when.toordinal()
        day = days.get(ordinal)
        if day is None:
            day = days[ordinal] = when.date().isoformat()
        micro = when.microsecond
        clock = f"{hhmm[when.hour * 60 + when.minute]}:{ss[when.second]}"
        out.append(f"{day}T{clock}.{micro:06d}Z" if micro else f"{day}T{clock}Z")
    return out


def stamp(when: datetime) -> str:
    """«2026-09-15 10:05:00» in local time (sortable; spreadsheets read it as a date and time)."""
    global _day_text
    day, rest = divmod(_local_seconds(when), 86400)
    cached_day, text = _day_text
    if day != cached_day:
        d = date.fromordinal(_EPOCH_ORDINAL + day)
        text = f"{d.year}-{d.month:02d}-{d.day:02d}"
        _day_text = (day, text)
    return f"{text} {_HHMM[rest // 60]}:{_SS[rest % 60]}"


def stamps(whens: list[datetime]) -> list[str]:
    """``[stamp(when) for when in whens]``, quicker."""
    out = []
    hhmm, ss = _HHMM, _SS
    cached_day, text = None, ""
    for when, seconds in zip(whens, _local_seconds_of_utc(whens), strict=True):
        if seconds is None:
            out.append(stamp(when))
            continue
        day, rest = divmod(seconds, 86400)
        if day != cached_day:
            d = date.fromordinal(day)
            cached_day, text = day, f"{d.year}-{d.month:02d}-{d.day:02d}"
        out.append(f"{text} {hhmm[rest // 60]}:{ss[rest % 60]}")
    return out


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


def exercise_clocks(seconds: list[float]) -> list[str]:
    """``[exercise_clock(s) for s in seconds]``, quicker (each minute is formatted once)."""
    texts: dict[int, str] = {}
    out = []
    for minutes in [int(s) // 60 for s in seconds]:
        text = texts.get(minutes)
        if text is None:
            text = texts[minutes] = f"{minutes // 60}:{minutes % 60:02d}"
        out.append(text)
    return out


def exercise_clock_full(seconds: float) -> str:
    """«1:05:30»."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def exercise_clocks_full(seconds: list[float]) -> list[str]:
    """``[exercise_clock_full(s) for s in seconds]``, quicker."""
    return [f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}" for whole in [int(s) for s in seconds]]


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

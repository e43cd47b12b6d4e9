"""The register's reports as data: the municipality's oppfølgingsrapport and the regional summary.

Renderers (``render.py``) only lay these out; every number is computed here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ovelse.register.errors import RegisterError
from ovelse.register.queries import TiltakRow, list_tiltak
from ovelse.register.similar import LessonRef, Recurring, recurring_lessons
from ovelse.register.status import OPEN_STATUSES, STATUSES
from ovelse.register.store import Register
from ovelse.register.tables import actions, exercises, lessons, objectives, tiltak

SECTION7_YEARS = 2


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    id: int
    journal_id: str
    version: int
    title: str
    exercise_date: date
    municipality: str
    region: str | None
    scenario_id: str
    scenario_title: str
    themes: tuple[str, ...]
    nato_baseline: tuple[int, ...]
    marking: str | None
    language: str


@dataclass(frozen=True, slots=True)
class Section7:
    """Forskrift om kommunal beredskapsplikt § 7: an exercise at least every second year."""

    municipality: str
    last: date | None
    due: date | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class RatingSummary:
    """Objective ratings (1–5) for one theme or NATO baseline requirement."""

    key: str
    count: int
    average: float
    distribution: tuple[int, int, int, int, int]
    municipalities: int


@dataclass(frozen=True, slots=True)
class MunicipalityStatus:
    municipality: str
    counts: dict[str, int]
    overdue: int
    section7: Section7


@dataclass
class FollowUp:
    municipality: str
    today: date
    markings: list[str]
    language: str
    exercises: list[ExerciseInfo]
    section7: Section7
    open_by_owner: list[tuple[str, list[TiltakRow]]]
    overdue: list[TiltakRow]
    tiltak: list[TiltakRow]
    counts: dict[str, int]
    recurring: list[Recurring]


@dataclass
class Regional:
    region: str | None
    today: date
    since: date | None
    markings: list[str]
    exercises: list[ExerciseInfo]
    by_theme: list[RatingSummary]
    by_nato: list[RatingSummary]
    common_lessons: list[Recurring]
    municipalities: list[MunicipalityStatus] = field(default_factory=list)


def due_date(last: date) -> date:
    try:
        return last.replace(year=last.year + SECTION7_YEARS)
    except ValueError:  # 29 February
        return last.replace(year=last.year + SECTION7_YEARS, day=28)


def section7(municipality: str, last: date | None, today: date) -> Section7:
    if last is None:
        return Section7(municipality, None, None, True)
    due = due_date(last)
    return Section7(municipality, last, due, due < today)


def _exercises(
    register: Register, *, municipality: str | None = None, region: str | None = None
) -> list[ExerciseInfo]:
    query = select(
        exercises.c.id,
        exercises.c.journal_id,
        exercises.c.version,
        exercises.c.title,
        exercises.c.exercise_date,
        exercises.c.municipality,
        exercises.c.region,
        exercises.c.scenario_id,
        exercises.c.scenario_title,
        exercises.c.themes,
        exercises.c.nato_baseline,
        exercises.c.marking,
        exercises.c.language,
    ).where(exercises.c.current)
    if municipality is not None:
        query = query.where(func.lower(exercises.c.municipality) == municipality.strip().lower())
    if region:
        query = query.where(func.lower(exercises.c.region) == region.strip().lower())
    query = query.order_by(exercises.c.exercise_date.desc(), exercises.c.id.desc())
    with register.read() as conn:
        rows = conn.execute(query).all()
    return [
        ExerciseInfo(
            *row[:9], tuple(row.themes or ()), tuple(row.nato_baseline or ()), row.marking, row.language
        )
        for row in rows
    ]


def _lesson_refs(register: Register, chosen: list[ExerciseInfo]) -> list[LessonRef]:
    by_id = {e.id: e for e in chosen}
    refs: list[LessonRef] = []
    ids = list(by_id)
    with register.read() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(lessons.c.id, lessons.c.exercise_id, lessons.c.text, lessons.c.number)
                .where(lessons.c.exercise_id.in_(ids[start : start + 500]))
                .order_by(lessons.c.exercise_id, lessons.c.number)
            ).all()
            for row in rows:
                e = by_id[row.exercise_id]
                refs.append(
                    LessonRef(
                        row.id, row.text, e.municipality, e.title, e.exercise_date, e.journal_id, row.number
                    )
                )
    return refs


def _markings(chosen: list[ExerciseInfo], rows: list[TiltakRow] = ()) -> list[str]:  # type: ignore[assignment]
    found = [e.marking for e in chosen if e.marking] + [r.marking for r in rows if r.marking]
    return list(dict.fromkeys(found))


def follow_up(register: Register, municipality: str, today: date) -> FollowUp:
    """The oppfølgingsrapport for one municipality."""
    chosen = _exercises(register, municipality=municipality)
    if not chosen:
        raise RegisterError("REG014", what=municipality[:100])
    name = chosen[0].municipality
    rows = list_tiltak(register, municipality=name)
    open_rows = [r for r in rows if r.status in OPEN_STATUSES]
    by_owner: dict[str, list[TiltakRow]] = defaultdict(list)
    for row in open_rows:
        by_owner[row.owner or ""].append(row)
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return FollowUp(
        municipality=name,
        today=today,
        markings=_markings(chosen, rows),
        language=chosen[0].language,
        exercises=chosen,
        section7=section7(name, chosen[0].exercise_date, today),
        open_by_owner=sorted(by_owner.items(), key=lambda kv: (kv[0] == "", kv[0].lower())),
        overdue=[r for r in open_rows if r.overdue(today)],
        tiltak=rows,
        counts=counts,
        recurring=recurring_lessons(_lesson_refs(register, chosen)),
    )


def regional(register: Register, region: str | None, today: date, since: date | None = None) -> Regional:
    """The regional summary: the latest exercise of each municipality (or all since ``since``)."""
    everything = _exercises(register, region=region)
    if not everything:
        raise RegisterError("REG014", what=(region or "regionen")[:100])
    last: dict[str, date] = {}
    for e in everything:
        last.setdefault(e.municipality, e.exercise_date)  # newest first
    if since is not None:
        chosen = [e for e in everything if e.exercise_date >= since]
    else:
        seen: set[str] = set()
        chosen = []
        for e in everything:
            if e.municipality not in seen:
                seen.add(e.municipality)
                chosen.append(e)
    by_theme, by_nato = _ratings(register, chosen)
    counts = _status_counts(register, region, today)
    municipalities = [
        MunicipalityStatus(
            m,
            counts.get(m, (dict.fromkeys(STATUSES, 0), 0))[0],
            counts.get(m, ({}, 0))[1],
            section7(m, last[m], today),
        )
        for m in sorted(last, key=str.lower)
    ]
    return Regional(
        region=region or None,
        today=today,
        since=since,
        markings=_markings(everything),
        exercises=sorted(chosen, key=lambda e: (e.municipality.lower(), e.exercise_date)),
        by_theme=by_theme,
        by_nato=by_nato,
        common_lessons=recurring_lessons(_lesson_refs(register, chosen), across_municipalities=True),
        municipalities=municipalities,
    )


def _ratings(
    register: Register, chosen: list[ExerciseInfo]
) -> tuple[list[RatingSummary], list[RatingSummary]]:
    municipality_of = {e.id: e.municipality for e in chosen}
    themes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    nato: dict[str, list[tuple[int, str]]] = defaultdict(list)
    ids = list(municipality_of)
    with register.read() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(
                    objectives.c.exercise_id,
                    objectives.c.rating,
                    objectives.c.themes,
                    objectives.c.nato_baseline,
                ).where(
                    objectives.c.exercise_id.in_(ids[start : start + 500]), objectives.c.rating.is_not(None)
                )
            ).all()
            for row in rows:
                where = municipality_of[row.exercise_id]
                for theme in row.themes or ():
                    themes[str(theme)].append((row.rating, where))
                for number in row.nato_baseline or ():
                    nato[str(number)].append((row.rating, where))
    return _summaries(themes), _summaries(nato)


def _summaries(groups: dict[str, list[tuple[int, str]]]) -> list[RatingSummary]:
    out = []
    for key in sorted(groups, key=lambda k: (len(k), k)):
        values = groups[key]
        ratings = [r for r, _ in values]
        dist = tuple(sum(1 for r in ratings if r == n) for n in range(1, 6))
        out.append(
            RatingSummary(key, len(ratings), sum(ratings) / len(ratings), dist, len({m for _, m in values}))  # type: ignore[arg-type]
        )
    return out


def _status_counts(
    register: Register, region: str | None, today: date
) -> dict[str, tuple[dict[str, int], int]]:
    base = (
        select(exercises.c.municipality, tiltak.c.status, func.count())
        .select_from(actions)
        .join(exercises, (exercises.c.id == actions.c.exercise_id) & exercises.c.current)
        .join(tiltak, tiltak.c.id == actions.c.tiltak_id)
    )
    if region:
        base = base.where(func.lower(exercises.c.region) == region.strip().lower())
    late = base.where(actions.c.deadline < today, tiltak.c.status.in_(sorted(OPEN_STATUSES)))
    out: dict[str, tuple[dict[str, int], int]] = {}
    with register.read() as conn:
        for municipality, status, n in conn.execute(base.group_by(exercises.c.municipality, tiltak.c.status)):
            counts, overdue = out.setdefault(municipality, (dict.fromkeys(STATUSES, 0), 0))
            counts[status] = int(n)
        for municipality, _status, n in conn.execute(
            late.group_by(exercises.c.municipality, tiltak.c.status)
        ):
            counts, overdue = out[municipality]
            out[municipality] = (counts, overdue + int(n))
    return out

"""Reading the register: tiltak with filters, status changes (append-only) and their history."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.engine import Connection

from ovelse.i18n import _
from ovelse.register.errors import RegisterError
from ovelse.register.status import OPEN_STATUSES, STATUSES
from ovelse.register.store import Register, whoami
from ovelse.register.tables import actions, exercises, status_log, tiltak


@dataclass(frozen=True, slots=True)
class TiltakRow:
    """One tiltak as listed: its newest journal version and its current status."""

    id: int
    text: str
    owner: str
    deadline: date | None
    status: str
    status_on: date | None
    number: int
    lesson_number: int | None
    journal_id: str
    seq: int
    municipality: str
    region: str | None
    exercise_title: str
    exercise_date: date
    marking: str | None

    def overdue(self, today: date) -> bool:
        return self.deadline is not None and self.deadline < today and self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class StatusEntry:
    status: str
    on: date
    by: str
    comment: str
    recorded_at: datetime


_COLUMNS = (
    tiltak.c.id,
    actions.c.text,
    actions.c.owner,
    actions.c.deadline,
    tiltak.c.status,
    tiltak.c.status_on,
    actions.c.number,
    actions.c.lesson_number,
    tiltak.c.journal_id,
    tiltak.c.seq,
    exercises.c.municipality,
    exercises.c.region,
    exercises.c.title.label("exercise_title"),
    exercises.c.exercise_date,
    exercises.c.marking,
)


def _tiltak_query(
    *,
    statuses: Collection[str] | None = None,
    overdue_on: date | None = None,
    municipality: str | None = None,
    region: str | None = None,
    journal_id: str | None = None,
    search: str | None = None,
) -> Select[tuple[object, ...]]:
    query = (
        select(*_COLUMNS)
        .select_from(actions)
        .join(exercises, and_(exercises.c.id == actions.c.exercise_id, exercises.c.current))
        .join(tiltak, tiltak.c.id == actions.c.tiltak_id)
    )
    if statuses:
        query = query.where(tiltak.c.status.in_(list(statuses)))
    if overdue_on is not None:
        query = query.where(actions.c.deadline < overdue_on, tiltak.c.status.in_(sorted(OPEN_STATUSES)))
    if municipality:
        query = query.where(func.lower(exercises.c.municipality) == municipality.strip().lower())
    if region:
        query = query.where(func.lower(exercises.c.region) == region.strip().lower())
    if journal_id:
        query = query.where(tiltak.c.journal_id == journal_id)
    if search:
        pattern = (
            "%" + search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        query = query.where(
            or_(
                func.lower(actions.c.text).like(pattern, escape="\\"),
                func.lower(actions.c.owner).like(pattern, escape="\\"),
            )
        )
    return query


def list_tiltak(
    register: Register,
    *,
    statuses: Collection[str] | None = None,
    overdue_on: date | None = None,
    municipality: str | None = None,
    region: str | None = None,
    journal_id: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[TiltakRow]:
    """Tiltak of the newest version of each exercise, by deadline (none last), then number.

    With a ``limit`` the rows with a deadline come first straight from the (deadline, id) index, so the
    first screen of 50,000 tiltak needs no sort; rows without a deadline are fetched only if room is left."""
    query = _tiltak_query(
        statuses=statuses,
        overdue_on=overdue_on,
        municipality=municipality,
        region=region,
        journal_id=journal_id,
        search=search,
    )
    with register.read() as conn:
        if limit is None or offset:
            ordered = query.order_by(actions.c.deadline.asc().nulls_last(), actions.c.id)
            if limit is not None:
                ordered = ordered.limit(limit).offset(offset)
            return [TiltakRow(**row._mapping) for row in conn.execute(ordered)]
        dated = (
            query.where(actions.c.deadline.is_not(None))
            .order_by(actions.c.deadline, actions.c.id)
            .with_hint(actions, "INDEXED BY ix_actions_deadline", "sqlite")  # walk the index, no sort
        )
        rows = [TiltakRow(**row._mapping) for row in conn.execute(dated.limit(limit))]
        if len(rows) < limit:
            undated = query.where(actions.c.deadline.is_(None)).order_by(actions.c.id)
            rows += [TiltakRow(**row._mapping) for row in conn.execute(undated.limit(limit - len(rows)))]
        return rows


def count_tiltak(register: Register, **filters: object) -> int:
    inner = _tiltak_query(**filters).subquery()  # type: ignore[arg-type]
    with register.read() as conn:
        return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def get_tiltak(register: Register, tiltak_id: int) -> TiltakRow:
    query = _tiltak_query().where(tiltak.c.id == tiltak_id)
    with register.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise RegisterError("REG010", id=tiltak_id)
    return TiltakRow(**row._mapping)


def set_status(
    register: Register,
    tiltak_id: int,
    status: str,
    *,
    on: date | None = None,
    by: str | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> StatusEntry:
    """Append a status change to the tiltak's history (nothing is ever changed or removed)."""
    if status not in STATUSES:
        raise RegisterError("REG011", status=status, choices=", ".join(STATUSES))
    now = (now or datetime.now(UTC)).astimezone(UTC)
    entry = StatusEntry(status, on or now.astimezone().date(), (by or whoami())[:200], comment[:20000], now)
    what = _("statusendringen for tiltak nr. {id}").format(id=tiltak_id)
    with register.write(what) as conn:
        if conn.execute(select(tiltak.c.id).where(tiltak.c.id == tiltak_id)).first() is None:
            raise RegisterError("REG010", id=tiltak_id)
        conn.execute(
            status_log.insert().values(
                tiltak_id=tiltak_id,
                status=entry.status,
                on=entry.on,
                by=entry.by,
                comment=entry.comment,
                recorded_at=entry.recorded_at,
            )
        )
        _refresh_status(conn, tiltak_id)
    return entry


def _refresh_status(conn: Connection, tiltak_id: int) -> None:
    latest = conn.execute(
        select(status_log.c.status, status_log.c.on)
        .where(status_log.c.tiltak_id == tiltak_id)
        .order_by(status_log.c.on.desc(), status_log.c.id.desc())
        .limit(1)
    ).first()
    if latest is not None:
        conn.execute(
            update(tiltak).where(tiltak.c.id == tiltak_id).values(status=latest[0], status_on=latest[1])
        )


def history(register: Register, tiltak_id: int) -> list[StatusEntry]:
    """The status changes made in the register, oldest first."""
    with register.read() as conn:
        rows = conn.execute(
            select(
                status_log.c.status,
                status_log.c.on,
                status_log.c.by,
                status_log.c.comment,
                status_log.c.recorded_at,
            )
            .where(status_log.c.tiltak_id == tiltak_id)
            .order_by(status_log.c.on, status_log.c.id)
        ).all()
    return [StatusEntry(*row[:4], _utc(row[4])) for row in rows]


def _utc(value: datetime) -> datetime:
    """Times are stored in UTC; SQLite hands them back without the zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def status_events(register: Register, journal_id: str) -> list[dict[str, object]]:
    """The register's status changes for one exercise as ``action_status`` events (session contract)."""
    with register.read() as conn:
        known = conn.execute(select(exercises.c.id).where(exercises.c.journal_id == journal_id)).first()
        if known is None:
            raise RegisterError("REG013", id=journal_id[:64])
        rows = conn.execute(
            select(tiltak.c.seq, status_log.c.status, status_log.c.on, status_log.c.by, status_log.c.comment)
            .join(tiltak, tiltak.c.id == status_log.c.tiltak_id)
            .where(tiltak.c.journal_id == journal_id)
            .order_by(status_log.c.on, status_log.c.id)
        ).all()
    return [
        {
            "type": "action_status",
            "target": seq,
            "status": status,
            "on": on.isoformat(),
            "by": by,
            "comment": comment,
        }
        for seq, status, on, by, comment in rows
    ]

"""Importing exercises: idempotent by journal id, a changed journal becomes a new version, one
transaction per file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection

from ovelse.i18n import _
from ovelse.register.records import ExerciseRecord
from ovelse.register.sources import read_exercise
from ovelse.register.store import Register, whoami
from ovelse.register.tables import actions, exercises, lessons, objectives, status_log, tiltak

NEW, VERSION, SAME = "new", "version", "same"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What one import did: ``kind`` is NEW, VERSION (a changed journal: a new version) or SAME."""

    kind: str
    record: ExerciseRecord
    version: int
    previous: int | None
    exercise_id: int


def import_file(
    register: Register, path: str | os.PathLike[str], *, now: datetime | None = None, by: str | None = None
) -> ImportOutcome:
    """Read and import one file; RegisterError (nothing stored) when it cannot be."""
    return import_record(register, read_exercise(path), now=now, by=by)


def import_record(
    register: Register, record: ExerciseRecord, *, now: datetime | None = None, by: str | None = None
) -> ImportOutcome:
    now = now or datetime.now(UTC)
    digest = record.content_hash()
    what = _("importen av {file}").format(file=record.source_name)
    with register.write(what) as conn:
        outcome = _import(conn, record, digest, now, by or whoami())
    if record.exempt and outcome.kind != SAME:
        register.secure_for_exempt()
    return outcome


def _import(conn: Connection, record: ExerciseRecord, digest: str, now: datetime, by: str) -> ImportOutcome:
    known = conn.execute(
        select(exercises.c.id, exercises.c.version, exercises.c.content_hash).where(
            exercises.c.journal_id == record.journal_id
        )
    ).all()
    for row in known:
        if row.content_hash == digest:
            return ImportOutcome(SAME, record, row.version, None, row.id)
    previous = max((row.version for row in known), default=None)
    version = (previous or 0) + 1
    if known:
        conn.execute(
            update(exercises).where(exercises.c.journal_id == record.journal_id).values(current=False)
        )
    exercise_id = conn.execute(
        exercises.insert()
        .values(
            journal_id=record.journal_id,
            version=version,
            current=True,
            content_hash=digest,
            source_kind=record.source_kind,
            source_name=record.source_name,
            imported_at=now,
            imported_by=by[:200],
            title=record.title[:300],
            municipality=record.municipality[:300],
            region=record.region[:300] if record.region else None,
            exercise_date=record.exercise_date,
            scenario_id=record.scenario_id,
            scenario_title=record.scenario_title[:300],
            scenario_version=record.scenario_version[:300],
            scenario_hash=record.scenario_hash,
            themes=list(record.themes),
            nato_baseline=list(record.nato_baseline),
            sensitivity=record.sensitivity,
            marking=record.marking,
            language=record.language,
        )
        .returning(exercises.c.id)
    ).scalar_one()
    if record.objectives:
        conn.execute(
            objectives.insert(),
            [
                {
                    "exercise_id": exercise_id,
                    "objective_id": o.objective_id,
                    "text": o.text,
                    "rating": o.rating,
                    "comment": o.comment,
                    "themes": list(o.themes),
                    "nato_baseline": list(o.nato_baseline),
                }
                for o in record.objectives
            ],
        )
    if record.lessons:
        conn.execute(
            lessons.insert(),
            [
                {
                    "exercise_id": exercise_id,
                    "number": x.number,
                    "seq": x.seq,
                    "text": x.text,
                    "objectives": list(x.objectives),
                }
                for x in record.lessons
            ],
        )
    if record.actions:
        ids = _tiltak_ids(conn, record, new=not known)
        conn.execute(
            actions.insert(),
            [
                {
                    "exercise_id": exercise_id,
                    "tiltak_id": ids[a.seq],
                    "number": a.number,
                    "text": a.text,
                    "owner": a.owner,
                    "deadline": a.deadline,
                    "journal_status": a.status,
                    "lesson_number": a.lesson_number,
                }
                for a in record.actions
            ],
        )
        _refresh_from_journal(conn, exercise_id, ids)
    return ImportOutcome(VERSION if known else NEW, record, version, previous, exercise_id)


def _tiltak_ids(conn: Connection, record: ExerciseRecord, new: bool) -> dict[int, int]:
    """The stable tiltak number for each action seq, created on first sight."""

    def existing() -> dict[int, int]:
        rows = conn.execute(
            select(tiltak.c.seq, tiltak.c.id).where(tiltak.c.journal_id == record.journal_id)
        ).all()
        return {row.seq: row.id for row in rows}

    ids = existing() if not new else {}
    missing = [a for a in record.actions if a.seq not in ids]
    if missing:
        rows = conn.execute(
            tiltak.insert().returning(tiltak.c.seq, tiltak.c.id, sort_by_parameter_order=True),
            [{"journal_id": record.journal_id, "seq": a.seq, "status": a.status} for a in missing],
        )
        ids.update({row.seq: row.id for row in rows})
    return ids


def _refresh_from_journal(conn: Connection, exercise_id: int, ids: dict[int, int]) -> None:
    """Tiltak without a status in the register's own log take the status of the newest journal version."""
    journal_status = (
        select(actions.c.journal_status)
        .where(actions.c.tiltak_id == tiltak.c.id, actions.c.exercise_id == exercise_id)
        .scalar_subquery()
    )
    logged = select(status_log.c.id).where(status_log.c.tiltak_id == tiltak.c.id).exists()
    conn.execute(
        update(tiltak)
        .where(tiltak.c.id.in_(list(ids.values())), ~logged)
        .values(status=journal_status, status_on=None)
    )


def exercise_count(conn: Connection, **where: Any) -> int:
    query = select(func.count()).select_from(exercises).where(exercises.c.current)
    for key, value in where.items():
        query = query.where(and_(exercises.c[key] == value))
    return int(conn.execute(query).scalar_one())

"""The register's schema at the newest migration (SQLAlchemy Core); migrations/ builds it step by step.

Identity and history are kept apart: ``exercises`` holds one row per imported *version* of a journal
(``current`` marks the newest), ``tiltak`` one row per tiltak across versions (journal id + seq, the
stable number users see), and ``status_log`` the append-only status history. ``tiltak.status`` is a
cache of the latest status (rebuilt from the log and the journals), kept for fast listing.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

exercises = Table(
    "exercises",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("journal_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source_kind", String(10), nullable=False),
    Column("source_name", String(300), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("title", String(300), nullable=False),
    Column("municipality", String(300), nullable=False),
    Column("exercise_date", Date, nullable=False),
    Column("scenario_id", String(64), nullable=False),
    Column("scenario_title", String(300), nullable=False),
    Column("scenario_version", String(300), nullable=False),
    Column("scenario_hash", String(64), nullable=False),
    Column("themes", JSON, nullable=False),
    Column("nato_baseline", JSON, nullable=False),
    Column("sensitivity", String(10), nullable=False),
    Column("marking", String(400), nullable=True),
    Column("language", String(5), nullable=False),
    Column("region", String(300), nullable=True),
    UniqueConstraint("journal_id", "version", name="uq_exercises_journal_version"),
    Index("ix_exercises_municipality", "municipality"),
    Index("ix_exercises_current", "current"),
)

objectives = Table(
    "objectives",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("exercise_id", Integer, ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False),
    Column("objective_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("rating", Integer, nullable=True),
    Column("comment", Text, nullable=True),
    Column("themes", JSON, nullable=False),
    Column("nato_baseline", JSON, nullable=False),
    Index("ix_objectives_exercise", "exercise_id"),
)

lessons = Table(
    "lessons",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("exercise_id", Integer, ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("objectives", JSON, nullable=False),
    Index("ix_lessons_exercise", "exercise_id"),
)

tiltak = Table(
    "tiltak",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("journal_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("status", String(20), nullable=False, server_default="open"),
    Column("status_on", Date, nullable=True),
    UniqueConstraint("journal_id", "seq", name="uq_tiltak_journal_seq"),
    Index("ix_tiltak_status", "status"),
)

actions = Table(
    "actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("exercise_id", Integer, ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False),
    Column("tiltak_id", Integer, ForeignKey("tiltak.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", String(20000), nullable=False),
    Column("deadline", Date, nullable=True),
    Column("journal_status", String(20), nullable=False),
    Column("lesson_number", Integer, nullable=True),
    Index("ix_actions_exercise", "exercise_id"),
    Index("ix_actions_tiltak", "tiltak_id"),
    Index("ix_actions_deadline", "deadline", "id"),
)

status_log = Table(
    "status_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tiltak_id", Integer, ForeignKey("tiltak.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("on", Date, nullable=False),
    Column("by", String(200), nullable=False),
    Column("comment", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_status_log_tiltak", "tiltak_id"),
)

"""First register schema: exercises (versions), objectives, lessons, tiltak, actions, status log.

Revision ID: r0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exercises",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("journal_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source_kind", sa.String(10), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("municipality", sa.String(300), nullable=False),
        sa.Column("exercise_date", sa.Date, nullable=False),
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("scenario_title", sa.String(300), nullable=False),
        sa.Column("scenario_version", sa.String(300), nullable=False),
        sa.Column("scenario_hash", sa.String(64), nullable=False),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("nato_baseline", sa.JSON, nullable=False),
        sa.Column("sensitivity", sa.String(10), nullable=False),
        sa.Column("marking", sa.String(400), nullable=True),
        sa.Column("language", sa.String(5), nullable=False),
        sa.UniqueConstraint("journal_id", "version", name="uq_exercises_journal_version"),
    )
    op.create_index("ix_exercises_municipality", "exercises", ["municipality"])
    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "exercise_id", sa.Integer, sa.ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("objective_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rating", sa.Integer, nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("nato_baseline", sa.JSON, nullable=False),
    )
    op.create_index("ix_objectives_exercise", "objectives", ["exercise_id"])
    op.create_table(
        "lessons",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "exercise_id", sa.Integer, sa.ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("objectives", sa.JSON, nullable=False),
    )
    op.create_index("ix_lessons_exercise", "lessons", ["exercise_id"])
    op.create_table(
        "tiltak",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("journal_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.UniqueConstraint("journal_id", "seq", name="uq_tiltak_journal_seq"),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "exercise_id", sa.Integer, sa.ForeignKey("exercises.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("tiltak_id", sa.Integer, sa.ForeignKey("tiltak.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("owner", sa.String(20000), nullable=False),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("journal_status", sa.String(20), nullable=False),
        sa.Column("lesson_number", sa.Integer, nullable=True),
    )
    op.create_index("ix_actions_exercise", "actions", ["exercise_id"])
    op.create_index("ix_actions_tiltak", "actions", ["tiltak_id"])
    op.create_table(
        "status_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tiltak_id", sa.Integer, sa.ForeignKey("tiltak.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_status_log_tiltak", "status_log", ["tiltak_id"])


def downgrade() -> None:
    for table in ("status_log", "actions", "tiltak", "lessons", "objectives", "exercises"):
        op.drop_table(table)

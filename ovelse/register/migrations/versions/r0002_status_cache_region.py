"""Region per exercise, and the current status of each tiltak cached for fast listing (backfilled).

Revision ID: r0002
Revises: r0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0002"
down_revision: str | None = "r0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercises") as batch:
        batch.add_column(sa.Column("region", sa.String(300), nullable=True))
    op.create_index("ix_exercises_current", "exercises", ["current"])
    with op.batch_alter_table("tiltak") as batch:
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="open"))
        batch.add_column(sa.Column("status_on", sa.Date, nullable=True))
    op.create_index("ix_tiltak_status", "tiltak", ["status"])
    op.create_index("ix_actions_deadline", "actions", ["deadline", "id"])
    # Backfill: the latest register status, else the status in the newest imported version of the journal.
    op.execute(
        """
        UPDATE tiltak SET
          status = COALESCE(
            (SELECT s.status FROM status_log s WHERE s.tiltak_id = tiltak.id
              ORDER BY s."on" DESC, s.id DESC LIMIT 1),
            (SELECT a.journal_status FROM actions a JOIN exercises e ON e.id = a.exercise_id
              WHERE a.tiltak_id = tiltak.id ORDER BY e.version DESC LIMIT 1),
            'open'),
          status_on = (SELECT s."on" FROM status_log s WHERE s.tiltak_id = tiltak.id
              ORDER BY s."on" DESC, s.id DESC LIMIT 1)
        """
    )


def downgrade() -> None:
    op.drop_index("ix_actions_deadline", "actions")
    op.drop_index("ix_tiltak_status", "tiltak")
    with op.batch_alter_table("tiltak") as batch:
        batch.drop_column("status_on")
        batch.drop_column("status")
    op.drop_index("ix_exercises_current", "exercises")
    with op.batch_alter_table("exercises") as batch:
        batch.drop_column("region")

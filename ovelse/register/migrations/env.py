"""Alembic environment: always run on the connection handed over by ovelse.register.store."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):  # pragma: no cover - only if someone runs the alembic CLI
    raise RuntimeError("the register migrations run through ovelse.register.store only")
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Alembic migrations of the register, run programmatically by :mod:`ovelse.register.store`."""

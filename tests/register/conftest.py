"""Every register test runs against SQLite and a real PostgreSQL (``$OVELSE_TEST_POSTGRES_URL``, started
by .ci/run). Without PostgreSQL those runs skip with the reason shown, except when CI=true: there they fail."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

PG_ENV = "OVELSE_TEST_POSTGRES_URL"
NO_PG = (
    "PostgreSQL er ikke tilgjengelig: sett OVELSE_TEST_POSTGRES_URL (.ci/run starter en midlertidig tjener)"
)


def postgres_base() -> str:
    """The server URL, or skip (fail under CI=true)."""
    url = os.environ.get(PG_ENV, "").strip()
    if url.lower() == "none":  # said out loud by a CI job that has no PostgreSQL (e.g. Windows runners)
        pytest.skip(f"{PG_ENV}=none: PostgreSQL er valgt bort for denne kjøringen")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true, men {NO_PG}", pytrace=False)
        pytest.skip(NO_PG)
    return url


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url, autocommit=True)


@pytest.fixture
def pg_databases() -> Iterator[Callable[[], str]]:
    """Makes fresh, empty PostgreSQL databases on the test server; all dropped afterwards."""
    from sqlalchemy.engine import make_url

    base = postgres_base()
    names: list[str] = []

    def create() -> str:
        name = f"ovelse_test_{uuid.uuid4().hex[:12]}"
        with _admin(base) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return make_url(base).set(database=name).render_as_string(hide_password=False)

    try:
        yield create
    finally:
        with _admin(base) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_databases: Callable[[], str]) -> str:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    return pg_databases()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty register on each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite3")
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
def register(db_url: str) -> Iterator[object]:
    from ovelse.register.store import open_register

    reg = open_register(db_url, lock_timeout=0.5)
    try:
        yield reg
    finally:
        reg.close()

"""Opening a register (SQLite file or PostgreSQL server), migrating it, and its write lock.

The database URL comes from ``--database``, else ``$OVELSE_REGISTER_URL``, else an SQLite file in the
user's data folder. Passwords come from the URL or the environment (``PGPASSWORD``, ``~/.pgpass``); they are
never shown: :func:`shown_url` is the only form of the URL that reaches a message.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from ovelse.i18n import _
from ovelse.register.errors import ConnectionLost, NewerRegister, RegisterError, RegisterLocked

ENV_URL = "OVELSE_REGISTER_URL"
REGISTER_FILE = "register.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "r0002"
"""The newest migration (tests check it is Alembic's head); a register at HEAD opens without loading Alembic."""
KNOWN_REVISIONS = frozenset({"r0001", "r0002"})
LOCK_KEY = 0x0F0E15  # the register's advisory lock on PostgreSQL (one per database)
APP_NAME_PREFIX = "ovelse-register"
PRIVATE_MODE = 0o600
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def default_url() -> str:
    """``$OVELSE_REGISTER_URL`` or the SQLite file in the user's data folder."""
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    return str(Path(platformdirs.user_data_dir("ovelse", appauthor=False)) / REGISTER_FILE)


def parse_url(raw: str) -> URL:
    """A SQLAlchemy URL for a path, ``sqlite:///…`` or ``postgresql://…`` (driver psycopg 3)."""
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise RegisterError("REG003", scheme=raw.split("://", 1)[0][:40]) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    raise RegisterError("REG003", scheme=url.drivername[:40])


def shown_url(url: URL) -> str:
    """The URL as users may see it: no password, ever (also not a password hidden in the query)."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    safe = URL.create(
        url.get_backend_name(),
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query={k: v for k, v in url.query.items() if "pass" not in k.lower()},
    )
    return safe.render_as_string(hide_password=True)


def whoami() -> str:
    """«user@host» for the status log and the lock holder (never a secret)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name on this system
        user = "ukjent"
    return f"{user}@{socket.gethostname()}"


@dataclass
class Register:
    """An open register. Use :func:`open_register`; close it with :meth:`close` (or ``with``)."""

    url: URL
    engine: Engine
    lock_timeout: float = 5.0
    notices: list[str] = field(default_factory=list)
    exempt_warned: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def where(self) -> str:
        return shown_url(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing -------------------------------------------------------------------

    def _connect(self) -> Connection:
        try:
            return self.engine.connect()
        except DBAPIError as exc:
            raise RegisterError("REG002", where=self.where, why=_connect_reason(exc)) from None

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading."""
        conn = self._connect()
        try:
            yield conn
        except DBAPIError as exc:
            raise _db_error(exc, self, _("lesingen")) from None
        finally:
            conn.close()

    @contextlib.contextmanager
    def write(self, what: str) -> Iterator[Connection]:
        """One transaction holding the register's write lock: all of it is stored, or nothing.

        Waits up to ``lock_timeout`` seconds for another writer, then raises RegisterLocked naming it.
        A lost connection raises ConnectionLost (the server rolls the transaction back)."""
        holder_file = self._holder_file()
        try:
            with self._connect() as conn:
                conn = conn.execution_options(ovelse_write=True)
                try:
                    with conn.begin():
                        self._lock(conn)
                        if holder_file is not None:
                            _write_holder(holder_file)
                        try:
                            yield conn
                        finally:
                            if holder_file is not None:
                                with contextlib.suppress(OSError):
                                    holder_file.unlink()
                except OperationalError as exc:
                    if self.is_sqlite and "locked" in str(exc.orig).lower():
                        raise self._locked(None) from None
                    raise
        except RegisterError:
            raise
        except DBAPIError as exc:
            raise _db_error(exc, self, what) from None

    def _lock(self, conn: Connection) -> None:
        if self.is_sqlite:
            return  # BEGIN IMMEDIATE (see _sqlite_engine) already holds the write lock
        ms = max(1, int(self.lock_timeout * 1000))
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {ms}")
        try:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
                raise self._locked(self._pg_holder()) from None
            raise

    def _holder_file(self) -> Path | None:
        path = self.sqlite_path
        return path.with_name(path.name + ".holder") if path is not None else None

    def _locked(self, holder: str | None) -> RegisterLocked:
        if holder is None and (holder_file := self._holder_file()) is not None:
            holder = _read_holder(holder_file)
        return RegisterLocked(holder=holder or "en annen prosess", seconds=f"{self.lock_timeout:g}")

    def _pg_holder(self) -> str | None:
        query = text(
            "SELECT a.application_name, a.usename, a.client_addr, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.objid = :key "
            # advisory locks are per database, pg_locks shows the whole cluster
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1"
        )
        try:
            with self.engine.connect() as conn:
                row = conn.execute(query, {"key": LOCK_KEY}).first()
        except SQLAlchemyError:
            return None
        if row is None:
            return None
        name = str(row.application_name or "")
        who = name.removeprefix(APP_NAME_PREFIX).strip(" :") or str(row.usename or "")
        return who or None

    # -- exempt material -----------------------------------------------------------------------

    def secure_for_exempt(self) -> None:
        """Called after exempt material is stored: SQLite files become owner-only; a server warns once."""
        path = self.sqlite_path
        if path is not None:
            for p in (path, *(path.with_name(path.name + s) for s in _SQLITE_SIDE_FILES)):
                with contextlib.suppress(FileNotFoundError):
                    os.chmod(p, PRIVATE_MODE)
        elif not self.is_sqlite and not self.exempt_warned:
            self.exempt_warned = True
            self.notices.append("exempt_on_server")


def _write_holder(path: Path) -> None:
    data = json.dumps({"who": whoami(), "pid": os.getpid(), "since": datetime.now(UTC).isoformat()})
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, PRIVATE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)


def _read_holder(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.loads(fh.read(4096))
        who, pid, since = str(raw["who"]), int(raw["pid"]), str(raw["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return f"{who} (prosess {pid}, siden {since[:19].replace('T', ' ')} UTC)"


def _db_error(exc: DBAPIError, register: Register, what: str) -> RegisterError:
    if exc.connection_invalidated or _is_disconnect(exc):
        return ConnectionLost(what=what)
    return RegisterError("REG006", what=what)


def _connect_reason(exc: DBAPIError) -> str:
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    # psycopg reports a failed connection without an SQLSTATE; the server's own words are all there is.
    said = str(exc.orig).lower()
    if sqlstate.startswith("28") or "authentication failed" in said or "no password supplied" in said:
        return _("innloggingen ble avvist (sjekk brukernavn og passord)")
    if sqlstate == "3D000" or ("database" in said and "does not exist" in said):
        return _("databasen finnes ikke")
    if isinstance(exc.orig, sqlite3.Error):
        return _("filen er ikke en SQLite-database eller kan ikke åpnes")
    return _("fikk ikke kontakt med databasetjeneren")


def _is_disconnect(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    return sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03")


# -- opening ---------------------------------------------------------------------------------------


def _alembic_config(conn: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    """Alembic's head, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return str(head)


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    path = url.database
    if path and path != ":memory:":
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():  # created owner-only: a register names people and their tiltak
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, PRIVATE_MODE))
            elif not stat.S_ISREG(os.stat(target).st_mode):
                raise RegisterError("REG002", where=str(target), why="ikke en vanlig fil")
        except FileExistsError:
            pass
        except OSError as exc:
            from ovelse.fileio import os_error_text

            raise RegisterError("REG002", where=str(target), why=os_error_text(exc)) from None
    # One pooled connection is kept open: closing the last connection checkpoints the WAL every time.
    engine = create_engine(url, pool_size=1, max_overflow=4, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("ovelse_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _pg_engine(url: URL) -> Engine:
    app = f"{APP_NAME_PREFIX} {whoami()} pid {os.getpid()}"[:63]
    return create_engine(  # pooled: a server connection (TLS, SCRAM) costs more than most queries
        url,
        pool_size=2,
        max_overflow=2,
        pool_pre_ping=True,
        connect_args={"application_name": app, "connect_timeout": 10},
        hide_parameters=True,
    )


def open_register(url: str | None = None, *, lock_timeout: float = 5.0, migrate: bool = True) -> Register:
    """Open (and create or upgrade in place) the register at ``url`` (default: :func:`default_url`).

    Raises NewerRegister for a register made by a newer ovelse (it is left untouched)."""
    parsed = parse_url(url if url is not None else default_url())
    engine = (
        _sqlite_engine(parsed, lock_timeout) if parsed.get_backend_name() == "sqlite" else _pg_engine(parsed)
    )
    register = Register(parsed, engine, lock_timeout)
    if migrate:
        try:
            upgrade(register)
        except BaseException:
            engine.dispose()
            raise
    return register


def current_revision(register: Register) -> str | None:
    """The register's schema revision (None when empty); REG002 when it cannot be read at all."""
    with register._connect() as conn:
        try:
            if not inspect(conn).has_table("alembic_version"):
                return None
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError as exc:
            raise RegisterError("REG002", where=register.where, why=_connect_reason(exc)) from None
    return str(found[0]) if found else None


def upgrade(register: Register, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one locked transaction; refuse a schema from a newer version."""
    found = current_revision(register)
    if found is not None and found not in KNOWN_REVISIONS:
        raise NewerRegister(where=register.where, found=found[:40])
    if found == HEAD and revision in ("head", HEAD):
        return
    from alembic import command

    with register.write(_("oppgraderingen av registeret")) as conn:
        command.upgrade(_alembic_config(conn), revision)


def today() -> date:
    return datetime.now(UTC).astimezone().date()

"""Opening, migrating and locking a register, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from journals import Spec, write_journal
from sqlalchemy import inspect, text
from system_tools import file_mode

from ovelse.register.errors import NewerRegister, RegisterError, RegisterLocked
from ovelse.register.importing import import_file
from ovelse.register.queries import list_tiltak
from ovelse.register.store import (
    Register,
    current_revision,
    head_revision,
    open_register,
    parse_url,
    shown_url,
    upgrade,
)


def test_head_constant_is_alembics_head() -> None:
    from ovelse.register.store import HEAD, KNOWN_REVISIONS, known_revisions

    assert head_revision() == HEAD
    assert known_revisions() == set(KNOWN_REVISIONS)


def test_new_register_has_the_newest_schema(register: Register) -> None:
    assert current_revision(register) == head_revision()
    with register.read() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {"exercises", "objectives", "lessons", "tiltak", "actions", "status_log"} <= tables


def test_opening_twice_changes_nothing(db_url: str) -> None:
    open_register(db_url).close()
    with open_register(db_url) as again:
        assert current_revision(again) == head_revision()


def test_register_from_a_newer_version_is_refused_untouched(db_url: str) -> None:
    with open_register(db_url) as reg, reg.write("test") as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'r9999'"))
    with pytest.raises(NewerRegister) as info:
        open_register(db_url)
    assert "nyere versjon av ovelse" in info.value.message
    assert "r9999" in info.value.message
    assert "Oppdater ovelse" in info.value.hint
    with open_register(db_url, migrate=False) as reg:
        assert current_revision(reg) == "r9999"


def test_old_register_upgrades_in_place_keeping_its_data(db_url: str, tmp_path: Path) -> None:
    """A register at the first schema, with an exercise and a status change, is upgraded to the newest."""
    reg = open_register(db_url, migrate=False)
    try:
        upgrade(reg, "r0001")
        assert current_revision(reg) == "r0001"
        with reg.write("test") as conn:
            conn.execute(
                text(
                    "INSERT INTO exercises (id, journal_id, version, current, content_hash, source_kind, "
                    "source_name, imported_at, imported_by, title, municipality, exercise_date, scenario_id, "
                    "scenario_title, scenario_version, scenario_hash, themes, nato_baseline, sensitivity, "
                    "marking, language) VALUES (1, 'j1', 1, :t, 'h', 'journal', 'a.jsonl', :now, 'kari', "
                    "'Øvelse', 'Elvebygd kommune', :d, 's', 'S', '1', 'x', '[]', '[]', 'open', NULL, 'nb')"
                ),
                {"t": True, "now": "2025-01-01 10:00:00+00:00", "d": date(2025, 1, 1)},
            )
            conn.execute(text("INSERT INTO tiltak (id, journal_id, seq) VALUES (1, 'j1', 5), (2, 'j1', 6)"))
            conn.execute(
                text(
                    "INSERT INTO actions (exercise_id, tiltak_id, number, text, owner, deadline, "
                    "journal_status, lesson_number) VALUES (1, 1, 1, 'Oppdater varslingslisten', 'Kari', "
                    ":d, 'open', NULL), (1, 2, 2, 'Test nødstrøm', 'Per', NULL, 'in_progress', NULL)"
                ),
                {"d": date(2025, 3, 1)},
            )
            conn.execute(
                text(
                    'INSERT INTO status_log (tiltak_id, status, "on", by, comment, recorded_at) '
                    "VALUES (1, 'done', :d, 'kari', 'ferdig', :now)"
                ),
                {"d": date(2025, 2, 1), "now": "2025-02-01 10:00:00+00:00"},
            )
        upgrade(reg)
        assert current_revision(reg) == head_revision()
        rows = {r.id: r for r in list_tiltak(reg)}
        assert rows[1].status == "done" and rows[1].status_on == date(2025, 2, 1)  # from the log
        assert rows[2].status == "in_progress"  # from the journal
        assert rows[1].region is None
    finally:
        reg.close()


def test_sqlite_register_is_created_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "register.sqlite3"
    open_register(str(path)).close()
    assert file_mode(path) in (0o600, None)


def test_sqlite_register_with_exempt_material_becomes_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    open_register(str(path)).close()
    os.chmod(path, 0o644)  # e.g. copied by hand
    with open_register(str(path)) as reg:
        import_file(reg, write_journal(tmp_path / "j", Spec(exempt=True)))
    assert file_mode(path) in (0o600, None)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            assert file_mode(side) in (0o600, None)


def test_unsupported_url_is_refused() -> None:
    with pytest.raises(RegisterError) as info:
        parse_url("mysql://kari:hemmelig@db/register")
    assert info.value.code == "REG003"
    assert "hemmelig" not in info.value.message + info.value.hint


def test_shown_url_never_has_the_password() -> None:
    url = parse_url("postgresql://kari:s3cret%21@db.example:5432/register?sslmode=require&password=x2")
    shown = shown_url(url)
    assert "s3cret" not in shown and "x2" not in shown
    assert "kari@db.example:5432/register" in shown


def test_wrong_password_is_a_norwegian_message_without_the_password(pg_database: str) -> None:
    from sqlalchemy.engine import make_url

    wrong = make_url(pg_database).set(password="feil-passord-123").render_as_string(hide_password=False)
    with pytest.raises(RegisterError) as info:
        open_register(wrong)
    assert info.value.code == "REG002"
    assert "innloggingen ble avvist" in info.value.message
    assert "feil-passord-123" not in info.value.message + info.value.hint


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    path.write_bytes(b"dette er ikke sqlite" * 100)
    with pytest.raises(RegisterError) as info:
        open_register(str(path))
    assert info.value.code == "REG002"
    assert "SQLite" in info.value.message


def test_locked_register_waits_then_names_the_holder(db_url: str) -> None:
    first = open_register(db_url, lock_timeout=0.3)
    second = open_register(db_url, lock_timeout=0.3)
    try:
        with first.write("test"), pytest.raises(RegisterLocked) as info, second.write("test"):
            pass  # pragma: no cover - the lock is held
        message = info.value.message
        assert "i bruk av" in message and "0.3 sekunder" in message
        assert "@" in message  # user@host of the holder
        assert str(os.getpid()) in message
        with second.write("test"):  # free again
            pass
    finally:
        first.close()
        second.close()


def test_lock_holder_is_looked_up_in_this_database_only(pg_databases: Callable[[], str]) -> None:
    """Advisory locks are per database but pg_locks lists the whole cluster: a writer in another
    register on the same server is not named as this register's holder."""
    here = open_register(pg_databases(), lock_timeout=0.3)
    there = open_register(pg_databases(), lock_timeout=0.3)
    try:
        with there.write("test"):
            assert here._pg_holder() is None
            with here.write("test"):  # not blocked by the other database's writer
                pass
    finally:
        here.close()
        there.close()

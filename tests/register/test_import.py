"""Importing journals and JSON exports: idempotent, versioned, all or nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from journals import LESSONS, Spec, write_journal
from sqlalchemy import event, func, select, text

from ovelse.register.errors import ConnectionLost, RegisterError
from ovelse.register.importing import NEW, SAME, VERSION, import_file
from ovelse.register.queries import list_tiltak
from ovelse.register.sources import read_exercise
from ovelse.register.store import Register
from ovelse.register.tables import actions, exercises, lessons, objectives, tiltak
from ovelse.scenario.fingerprint import scenario_hash


def _count(register: Register, table) -> int:  # type: ignore[no-untyped-def]
    with register.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def json_export(journal: Path) -> Path:
    from ovelse.report import build_report, read_journal, render

    out = journal.with_suffix(".json")
    out.write_bytes(render(build_report(read_journal(journal)), "json"))
    return out


def test_import_journal(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec(ratings={"M1": 2, "M2": 5}))
    outcome = import_file(register, path)
    assert outcome.kind == NEW and outcome.version == 1
    record = outcome.record
    assert record.municipality == "Elvebygd kommune" and record.region == "Testfylke"
    assert record.exercise_date == date(2026, 9, 15)
    assert [o.rating for o in record.objectives] == [2, 5]
    assert record.objectives[1].themes == ("krisekommunikasjon",)  # the objective's own themes
    assert record.objectives[0].themes == ("helseberedskap", "krisekommunikasjon")  # else the scenario's
    assert [x.number for x in record.lessons] == [1, 2, 3]
    rows = list_tiltak(register)
    assert len(rows) == 3
    assert rows[0].owner == "Beredskapskoordinator" and rows[0].lesson_number == 1
    assert rows[0].deadline == date(2026, 11, 14)


def test_same_journal_twice_is_not_imported_again(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec())
    import_file(register, path)
    again = import_file(register, path)
    assert again.kind == SAME and again.version == 1
    assert _count(register, exercises) == 1 and _count(register, actions) == 3


def test_json_export_of_an_imported_journal_is_the_same_exercise(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec(exempt=True, retract_last_action=True))
    first = import_file(register, path)
    second = import_file(register, json_export(path))
    assert second.kind == SAME, "the journal and its JSON export hold the same content"
    assert first.record.content_hash() == second.record.content_hash()
    assert second.record.marking == "Unntatt offentlighet, jf. offl. § 24 tredje ledd"


def test_json_export_alone(register: Register, tmp_path: Path) -> None:
    outcome = import_file(register, json_export(write_journal(tmp_path, Spec(actions=2))))
    assert outcome.kind == NEW and outcome.record.source_kind == "json"
    assert len(list_tiltak(register)) == 2


def test_a_format_1_export_from_before_the_chain_value_still_imports(
    register: Register, tmp_path: Path
) -> None:
    path = write_journal(tmp_path, Spec(actions=2))
    new = json_export(path)
    doc = json.loads(new.read_text(encoding="utf-8"))
    assert doc["format"] == 2 and len(doc["journal"]["chain"]) == 32
    del doc["journal"]["chain"]
    del doc["exercise"]["corrections"]
    doc["format"] = 1
    old = tmp_path / "gammel.json"
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    first = import_file(register, old)
    assert first.kind == NEW and len(list_tiltak(register)) == 2
    assert import_file(register, new).kind == SAME, "the chain value is not part of the exercise's content"
    doc["format"] = 2  # format 2 without the chain value is not a valid format 2 file
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RegisterError) as info:
        import_file(register, old)
    assert info.value.code == "REG022"


def test_changed_journal_becomes_a_new_version(register: Register, tmp_path: Path) -> None:
    spec = Spec(journal_id="abc123", actions=2)
    import_file(register, write_journal(tmp_path / "v1", spec))
    changed = Spec(journal_id="abc123", actions=2, extra_lesson=LESSONS[5])
    outcome = import_file(register, write_journal(tmp_path / "v2", changed))
    assert outcome.kind == VERSION and outcome.version == 2 and outcome.previous == 1
    with register.read() as conn:
        versions = conn.execute(
            select(exercises.c.version, exercises.c.current).order_by(exercises.c.version)
        ).all()
    assert [tuple(v) for v in versions] == [(1, False), (2, True)]
    assert len(list_tiltak(register)) == 2  # only the newest version is listed
    assert _count(register, tiltak) == 2  # tiltak keep their number across versions
    assert _count(register, lessons) == 3 + 4  # both versions are kept
    # importing the old file again changes nothing
    assert import_file(register, write_journal(tmp_path / "v1b", spec)).kind == SAME


def test_retracted_action_is_left_out(register: Register, tmp_path: Path) -> None:
    import_file(register, write_journal(tmp_path, Spec(actions=3, retract_last_action=True)))
    assert len(list_tiltak(register)) == 2


def test_unfinished_journal_is_refused(register: Register, tmp_path: Path) -> None:
    with pytest.raises(RegisterError) as info:
        import_file(register, write_journal(tmp_path, Spec(ended=False)))
    assert info.value.code == "REG025"
    assert "ikke avsluttet" in info.value.message
    assert _count(register, exercises) == 0


def test_journal_with_a_broken_tail_is_refused(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec())
    with open(path, "ab") as fh:
        fh.write(b'{"type":"note","seq":99,"at":"2026')
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert info.value.code == "REG026"
    assert _count(register, exercises) == 0


def test_graded_journal_is_refused(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec())
    lines = path.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    header["scenario"]["sensitivity"] = "begrenset"
    header["scenario"]["text"] = header["scenario"]["text"].replace("level: open", "level: begrenset")
    header["scenario"]["hash"] = scenario_hash(header["scenario"]["text"])
    lines[0] = json.dumps(header).encode()
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert info.value.code == "REG027"
    assert _count(register, exercises) == 0


def test_json_that_does_not_match_the_schema(register: Register, tmp_path: Path) -> None:
    path = json_export(write_journal(tmp_path, Spec()))
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["action_plan"][1]["owner"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert info.value.code == "REG022"
    assert "action_plan/1" in info.value.message and "«owner» mangler" in info.value.message
    assert _count(register, exercises) == 0


def test_broken_json_has_a_position(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "eksport.json"
    path.write_text('{"kind": "ovelse-rapport",\n "format": 1,\n oops}', encoding="utf-8")
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert info.value.code == "REG021" and "linje 3" in info.value.message


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"kind": "noe annet"}', "REG023"),
        (b'{"kind": "ovelse-rapport", "format": 7}', "REG024"),
        (b'{"kind": "ovelse-rapport", "format": 1, "sensitivity": {"level": "hemmelig"}}', "REG027"),
        (b"\xff\xfe not utf-8", "REG020"),
    ],
)
def test_other_bad_json(register: Register, tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert info.value.code == code


def test_hostile_file_name_is_shown_cleaned(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "a\x1b[31mrød.json"
    path.write_bytes(b"[]")
    with pytest.raises(RegisterError) as info:
        import_file(register, path)
    assert "\x1b" not in info.value.message


def test_missing_file_and_folder(register: Register, tmp_path: Path) -> None:
    with pytest.raises(RegisterError) as info:
        import_file(register, tmp_path / "finnes-ikke.json")
    assert info.value.code == "REG020"
    with pytest.raises(RegisterError) as info:
        import_file(register, tmp_path)
    assert info.value.code == "REG020"


def test_hostile_text_is_stored_cleaned(register: Register, tmp_path: Path) -> None:
    path = write_journal(tmp_path, Spec(lessons=("Farlig \x1b]0;tittel\x07tekst \u202eomvendt",), actions=1))
    record = read_exercise(path)
    assert "\x1b" not in record.lessons[0].text and "\u202e" not in record.lessons[0].text
    import_file(register, path)
    assert "\x1b" not in list_tiltak(register)[0].text


def test_exempt_on_postgresql_warns_once(pg_database: str, tmp_path: Path) -> None:
    from ovelse.register.store import open_register

    with open_register(pg_database) as reg:
        import_file(reg, write_journal(tmp_path / "a", Spec(exempt=True)))
        import_file(reg, write_journal(tmp_path / "b", Spec(exempt=True, municipality="Fjellbygd kommune")))
        assert reg.notices == ["exempt_on_server"]


def test_lost_connection_mid_import_rolls_back(pg_database: str, tmp_path: Path) -> None:
    """The server ends the importing backend (pg_terminate_backend) between two inserts: nothing is kept."""
    import psycopg

    from ovelse.register.store import open_register

    path = write_journal(tmp_path, Spec(actions=4))
    with open_register(pg_database) as reg:
        killed: list[int] = []

        @event.listens_for(reg.engine, "before_cursor_execute")
        def _kill(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if statement.startswith("INSERT INTO actions") and not killed:
                pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
                with psycopg.connect(pg_database, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                killed.append(pid)

        with pytest.raises(ConnectionLost) as info:
            import_file(reg, path)
        assert killed
        assert "Forbindelsen til databasen ble brutt" in info.value.message
        event.remove(reg.engine, "before_cursor_execute", _kill)
        for table in (exercises, objectives, lessons, tiltak, actions):
            assert _count(reg, table) == 0
        assert import_file(reg, path).kind == NEW  # and it works once the connection is back


def test_failed_import_on_sqlite_rolls_back(tmp_path: Path) -> None:
    from ovelse.register.store import open_register

    with open_register(str(tmp_path / "r.sqlite3")) as reg:
        calls: list[str] = []

        @event.listens_for(reg.engine, "before_cursor_execute")
        def _fail(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if statement.startswith("INSERT INTO actions"):
                calls.append(statement)
                cursor.execute("SELECT * FROM no_such_table")

        with pytest.raises(RegisterError) as info:
            import_file(reg, write_journal(tmp_path, Spec()))
        assert calls and info.value.code == "REG006"
        for table in (exercises, objectives, lessons, tiltak, actions):
            assert _count(reg, table) == 0
        with reg.read() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1

"""``ovelse register …`` as a user runs it: real processes, Norwegian messages, exit codes, no secrets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from journals import Spec, write_journal
from system_tools import file_mode

ROOT = Path(__file__).resolve().parents[2]


def ovelse(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "OVELSE_SPRAK": "nb", **(env or {})}
    full.pop("OVELSE_REGISTER_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "ovelse", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=cwd,
        timeout=120,
    )


def test_import_list_status_report(db_url: str, tmp_path: Path) -> None:
    a = write_journal(tmp_path / "j", Spec(actions=2), "a.jsonl")
    b = write_journal(
        tmp_path / "j", Spec(municipality="Fjellbygd kommune", exempt=True, actions=1), "b.jsonl"
    )
    bad = tmp_path / "j" / "tom.json"
    bad.write_text("{", encoding="utf-8")
    run = ovelse("register", "--database", db_url, "import", str(a), str(b), str(bad), str(a))
    assert run.returncode == 1, run.stderr
    assert "Importerte a.jsonl" in run.stdout and "Importerte b.jsonl" in run.stdout
    assert "allerede importert (versjon 1)" in run.stdout
    assert "tom.json er ikke gyldig JSON (linje 1" in run.stderr and "1 fil ble ikke importert" in run.stderr
    assert "Traceback" not in run.stderr
    if db_url.startswith("postgresql"):
        assert run.stderr.count("unntatt offentlighet; det ligger på en databasetjener") == 1

    listed = ovelse("register", "tiltak", "--database", db_url, "--kommune", "Elvebygd kommune")
    assert listed.returncode == 0 and "3 tiltak" not in listed.stdout and "2 tiltak" in listed.stdout
    assert "Unntatt offentlighet" not in listed.stdout
    everything = ovelse("register", "--database", db_url, "tiltak", "--format", "json")
    data = json.loads(everything.stdout)
    assert data["markings"] == ["Unntatt offentlighet, jf. offl. § 24 tredje ledd"]
    first = data["tiltak"][0]["id"]

    changed = ovelse(
        "register",
        "--database",
        db_url,
        "status",
        str(first),
        "pågår",
        "--kommentar",
        "Bestilt",
        "--av",
        "Kari Nordmann",
        "--dato",
        "2026-12-01",
    )
    assert changed.returncode == 0, changed.stderr
    assert "har status «pågår» fra 01.12.2026 (registrert av Kari Nordmann)" in changed.stdout
    hist = ovelse("register", "--database", db_url, "historikk", str(first))
    assert "01.12.2026  pågår" in hist.stdout and "Bestilt" in hist.stdout
    assert "1 tiltak" in ovelse("register", "--database", db_url, "tiltak", "--status", "pågår").stdout

    out = tmp_path / "rapport.docx"
    made = ovelse(
        "register",
        "--database",
        db_url,
        "rapport",
        "--kommune",
        "Fjellbygd kommune",
        "--format",
        "docx",
        "-o",
        str(out),
    )
    assert made.returncode == 0, made.stderr
    assert file_mode(out) in (0o600, None)  # exempt material: owner only
    again = ovelse(
        "register",
        "--database",
        db_url,
        "rapport",
        "--kommune",
        "Fjellbygd kommune",
        "--format",
        "docx",
        "-o",
        str(out),
    )
    assert again.returncode == 1 and "finnes allerede" in again.stderr
    regional = ovelse("register", "--database", db_url, "rapport", "--region", "--format", "csv")
    assert regional.returncode == 0 and "Fjellbygd kommune" in regional.stdout
    which = ovelse("register", "--database", db_url, "rapport", "--format", "md")
    assert which.returncode == 1 and "--kommune" in which.stderr

    side = tmp_path / "status.json"
    journal_id = data["tiltak"][0]["journal_id"]
    exported = ovelse("register", "--database", db_url, "eksport-status", journal_id, "-o", str(side))
    assert exported.returncode == 0
    assert json.loads(side.read_text(encoding="utf-8"))["events"][0]["status"] == "in_progress"


def test_bad_input_is_norwegian(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite3")
    run = ovelse("register", "--database", db, "status", "77", "ferdig")
    assert run.returncode == 2 and "Ukjent status «ferdig»" in run.stderr and "fullført" in run.stderr
    run = ovelse("register", "--database", db, "status", "77", "fullført")
    assert run.returncode == 1 and "Fant ikke tiltak nr. 77" in run.stderr
    run = ovelse("register", "--database", "mysql://a:b@c/d", "tiltak")
    assert run.returncode == 2 and "støttes ikke" in run.stderr
    run = ovelse("register", "--database", db, "status", "1", "pågår", "--dato", "i går")
    assert run.returncode == 2 and "Ugyldig dato" in run.stderr
    for r in (run,):
        assert "Traceback" not in r.stderr


def test_password_is_never_printed(pg_database: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    password = make_url(pg_database).password
    assert password
    journal = write_journal(tmp_path, Spec(exempt=True))
    runs = [
        ovelse("register", "--database", pg_database, "import", str(journal)),
        ovelse("register", "--database", pg_database, "tiltak"),
        ovelse("register", "--database", pg_database, "status", "999", "pågår"),
        ovelse(
            "register",
            "--database",
            make_url(pg_database).set(password="galt").render_as_string(False),
            "tiltak",
        ),
        ovelse("register", "--database", make_url(pg_database).set(port=1).render_as_string(False), "tiltak"),
        ovelse("register", "tiltak", env={"OVELSE_REGISTER_URL": pg_database}),
    ]
    for run in runs:
        assert password not in run.stdout + run.stderr
        assert "galt" not in run.stderr and "Traceback" not in run.stderr
    assert "innloggingen ble avvist" in runs[3].stderr
    assert "fikk ikke kontakt" in runs[4].stderr
    assert runs[5].returncode == 0


@pytest.mark.parametrize("args", [("register", "--help"), ("register", "rapport", "--help")])
def test_help(args: tuple[str, ...]) -> None:
    run = ovelse(*args)
    assert run.returncode == 0 and "--database" in run.stdout

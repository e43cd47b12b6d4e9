"""``ovelse verify`` (issue 11 §4): the journal against its hash chain, and a filed report against its journal.

The final chain value is in every report format; ``verify --rapport VALUE`` tells whether the report was made
from the journal (also after the journal grew), and refuses a changed, cut or foreign journal."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from report_script import FACTS, START
from system_tools import needs_pango

from ovelse.cli import main
from ovelse.report import build_report, read_journal, render
from ovelse.session import FakeClock, Session, load_journal

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "tests" / "session" / "golden" / "format1-flom.jsonl"
HEX = re.compile(r"\b[0-9a-f]{32}\b")


def verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _line_of(path: Path, needle: bytes) -> int:
    """The 1-based number of the first event line (after the header) that contains ``needle``."""
    lines = path.read_bytes().split(b"\n")
    return next(i for i, line in enumerate(lines[1:], 2) if needle in line)


def test_an_intact_journal_exits_0_and_shows_the_value_a_report_carries(journal: Path, capsys):
    code, out, err = verify(capsys, str(journal))
    head = load_journal(journal).chain_head
    lines = len(journal.read_bytes().splitlines())
    assert code == 0 and err == ""
    assert "journalen er uendret" in out and f"(linje {lines}): {head}" in out


@pytest.mark.parametrize(
    ("needle", "old", "new"),
    [
        (b"ny prognose", b"2026-09-15T08", b"2026-09-15T09"),  # a timestamp digit
        (b"ny prognose", b"prognose", b"prognosa"),  # one letter
    ],
)
def test_a_flipped_byte_in_the_middle_exits_1_with_line_and_event(journal: Path, capsys, needle, old, new):
    number = _line_of(journal, needle)
    lines = journal.read_bytes().split(b"\n")
    assert 2 < number < len(lines) - 3, "the changed line must be in the middle"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    journal.write_bytes(b"\n".join(lines))
    code, out, err = verify(capsys, str(journal))
    assert code == 1 and out == ""
    assert "stemmer ikke med kontrollkjeden" in err
    assert f"sted: linje {number}, hendelse nr. {number - 1} (Beslutning)" in err
    assert "Traceback" not in err


def test_a_line_that_is_no_longer_json_names_the_line(journal: Path, capsys):
    number = _line_of(journal, b"ny prognose")
    lines = journal.read_bytes().split(b"\n")
    lines[number - 1] = lines[number - 1][:40]
    journal.write_bytes(b"\n".join(lines))
    code, _out, err = verify(capsys, str(journal))
    assert code == 1 and f"sted: linje {number} (hendelsen kan ikke leses)" in err


def test_a_journal_cut_in_the_middle_of_a_line_exits_1(journal: Path, capsys):
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 25])
    lines = len(data.splitlines())
    code, out, err = verify(capsys, str(journal))
    assert code == 1 and out == ""
    assert "ikke hel" in err and f"sted: linje {lines}" in err
    assert journal.read_bytes() == data[: len(data) - 25], "verify never changes the journal"


def test_a_last_line_without_its_newline_is_intact_and_says_so(journal: Path, capsys):
    journal.write_bytes(journal.read_bytes().rstrip(b"\n"))  # an editor saved the file
    code, out, err = verify(capsys, str(journal))
    assert code == 0 and err == "" and "mangler linjeskift" in out


def test_a_journal_cut_at_a_line_end_is_caught_by_the_report_value(journal: Path, capsys):
    filed = build_report(read_journal(journal)).chain_head
    data = journal.read_bytes()
    journal.write_bytes(data[: data.rstrip(b"\n").rfind(b"\n") + 1])  # the last event removed
    code, _out, _err = verify(capsys, str(journal))
    assert code == 0  # a journal that ends earlier is still a journal …
    code, _out, err = verify(capsys, str(journal), "--rapport", filed)
    assert code == 1 and "finnes ikke i journalen" in err  # … but not the one the report was made from


def test_an_old_journal_without_the_chain_says_so(tmp_path: Path, capsys):
    old = tmp_path / OLD.name
    shutil.copyfile(OLD, old)
    code, out, err = verify(capsys, str(old))
    assert code == 0 and err == ""
    assert "eldre versjon av ovelse uten kontrollkjede" in out and "kan ikke oppdages" in out
    assert load_journal(old).chain_head in out


def test_an_old_journal_continued_today_is_covered_from_its_first_sealed_line(tmp_path: Path, capsys):
    old = tmp_path / "format1-setup-closed.jsonl"
    shutil.copyfile(OLD.with_name(old.name), old)
    loaded = load_journal(old)
    clock = FakeClock(loaded.state.last_at)
    clock.advance(60)
    s = Session.open(old, clock=clock)
    s.note("Ny")
    s.close(pause=False)
    first = len(loaded.events) + 2
    code, out, _err = verify(capsys, str(old))
    assert code == 0 and f"Linjene før linje {first}" in out


def test_a_missing_file_a_folder_and_a_fifo_exit_2_without_waiting(tmp_path: Path, capsys):
    assert verify(capsys, str(tmp_path / "borte.jsonl"))[0] == 2
    code, _out, err = verify(capsys, str(tmp_path))
    assert code == 2 and "mappe" in err
    (tmp_path / "tom.jsonl").write_bytes(b"")
    assert verify(capsys, str(tmp_path / "tom.jsonl"))[0] == 2
    (tmp_path / "tekst.jsonl").write_text("hei\n", encoding="utf-8")
    assert verify(capsys, str(tmp_path / "tekst.jsonl"))[0] == 2
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        return
    fifo = tmp_path / "rør.jsonl"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "ovelse", "verify", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2 and "FIFO" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 15  # a reader that opened the FIFO would wait forever


def test_a_value_that_is_not_a_chain_value_exits_2(journal: Path, capsys):
    for value in ("xyz", "1234567", "g" * 32, "0" * 33):
        code, out, err = verify(capsys, str(journal), "--rapport", value)
        assert code == 2 and out == "" and "er ikke en kontrollverdi" in err


def _values_in(fmt: str, data: bytes) -> set[str]:
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for row in t.rows for c in row.cells]
        )
    else:
        text = data.decode("utf-8")
    return set(HEX.findall(text))


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json", "csv"])
def test_every_report_format_carries_the_final_chain_value(journal: Path, fmt: str):
    report = build_report(read_journal(journal))
    head = load_journal(journal).chain_head
    assert report.chain_head == head
    values = _values_in(fmt, render(report, fmt))
    values.discard(report.journal_id)  # the journal id is 32 hex digits too
    assert values == {head}


@needs_pango()
def test_the_archive_carries_the_value_in_its_json_and_its_journal(journal: Path):
    report = build_report(read_journal(journal))
    data = render(report, "arkiv", journal=journal)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        json_name = next(n for n in names if n.endswith(".json"))
        assert report.chain_head in z.read(json_name).decode("utf-8")


def test_a_report_is_checked_against_its_journal_also_after_the_journal_grew(journal_dir_session, capsys):
    session, clock, path = journal_dir_session
    session.note("Før rapporten")
    report = build_report(read_journal(path))
    filed = _values_in("md", render(report, "md")) - {report.journal_id}
    (value,) = filed
    code, out, _err = verify(capsys, str(path), "--rapport", value)
    assert code == 0 and "slik den er nå" in out
    lines_then = len(path.read_bytes().splitlines())
    clock.advance(30)
    session.note("Etter rapporten")
    session.note("Enda en")
    code, out, _err = verify(capsys, str(path), "--rapport", value[:8].upper())
    assert (
        code == 0 and f"Rapporten stemmer med linje {lines_then}" in out and "2 hendelser er lagt til" in out
    )
    code, _out, err = verify(capsys, str(path), "--rapport", "0" * 32)
    assert code == 1 and "finnes ikke i journalen" in err


def test_a_report_does_not_match_another_exercise_of_the_same_scenario(journal: Path, tmp_path: Path, capsys):
    from report_script import run_exercise

    other = run_exercise(tmp_path / "andre")  # the same script, the same clock: only the journal id differs
    value = build_report(read_journal(other)).chain_head
    code, _out, err = verify(capsys, str(journal), "--rapport", value)
    assert code == 1 and "finnes ikke i journalen" in err


@pytest.fixture
def journal_dir_session(tmp_path: Path):
    from report_script import SCENARIO_TEXT

    clock = FakeClock(START)
    s = Session.create(SCENARIO_TEXT, "flom-elvebygd.yaml", FACTS, journal_dir=tmp_path / "j", clock=clock)
    yield s, clock, s.path
    s.close(pause=False)


def test_verify_speaks_nynorsk_when_asked(journal: Path, capsys, monkeypatch):
    from ovelse import i18n

    monkeypatch.setenv("OVELSE_SPRAK", "nb")
    try:
        code = main(["--sprak", "nn", "verify", str(journal)])
        out = capsys.readouterr().out
        assert code == 0 and "journalen er uendra" in out and "hendingar" in out
        journal.write_bytes(journal.read_bytes()[:-20])
        code = main(["--sprak", "nn", "verify", str(journal)])
        assert code == 1 and "stad: linje" in capsys.readouterr().err
    finally:
        i18n.set_language("nb")

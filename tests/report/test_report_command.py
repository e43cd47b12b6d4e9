"""``ovelse export``: exit codes, messages, never overwriting, read-only access to the journal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from report_script import run_exercise

from ovelse.cli import main
from ovelse.session import Session


def _export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "fmt,suffix", [("md", ".md"), ("html", ".html"), ("docx", ".docx"), ("json", ".json"), ("csv", ".csv")]
)
def test_export_writes_beside_the_journal(capsys, journal, fmt, suffix):
    code, _, err = _export(capsys, str(journal), "--format", fmt)
    target = journal.with_suffix(suffix)
    assert code == 0, err
    assert target.exists() and target.stat().st_size > 1000
    assert "Skrev" in err and str(target) in err
    assert sorted(p.name for p in journal.parent.iterdir()) == sorted([journal.name, target.name])


def test_existing_file_is_not_overwritten_without_force(capsys, journal, tmp_path):
    out = tmp_path / "rapport.md"
    out.write_text("viktig", encoding="utf-8")
    code, _, err = _export(capsys, str(journal), "-o", str(out))
    assert code == 1
    assert "finnes allerede" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "viktig"
    code, _, _ = _export(capsys, str(journal), "-o", str(out), "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# Flomøvelse for kriseledelsen 2026")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["rapport.md"]  # no temp files left


def test_the_journal_itself_is_never_the_output(capsys, journal):
    before = journal.read_bytes()
    code, _, err = _export(capsys, str(journal), "-o", str(journal), "--force")
    assert code == 2 and "journalen" in err
    assert journal.read_bytes() == before


def test_markdown_to_standard_output(journal):
    proc = subprocess.run(
        [sys.executable, "-m", "ovelse", "export", str(journal), "-o", "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8").startswith("# Flomøvelse for kriseledelsen 2026")
    assert not list(journal.parent.glob("*.md"))


def test_word_cannot_go_to_standard_output(capsys, journal):
    code, out, err = _export(capsys, str(journal), "--format", "docx", "-o", "-")
    assert code == 2 and out == "" and "Word" in err


@pytest.mark.parametrize(
    "content,expected",
    [
        (None, "Finner ikke"),
        (b"", "er tom"),
        (b"hei\nverden\n", "ikke en lesbar"),
    ],
)
def test_unreadable_journals_give_a_message_and_exit_2(capsys, tmp_path, content, expected):
    path = tmp_path / "journal.jsonl"
    if content is not None:
        path.write_bytes(content)
    code, _, err = _export(capsys, str(path))
    assert code == 2
    assert expected in err and "Traceback" not in err


def test_corrupt_middle_line_is_reported_with_its_line_number(capsys, journal):
    lines = journal.read_bytes().split(b"\n")
    lines[5] = b'{"type": "note", "seq": 5, "oops"'
    journal.write_bytes(b"\n".join(lines))
    code, _, err = _export(capsys, str(journal))
    assert code == 2 and "Linje 6" in err


def test_graded_entry_is_refused_with_exit_1(capsys, tmp_path):
    path = run_exercise(tmp_path, extra=lambda s, clock: s.note("BEGRENSET: vaktplan"))
    code, _, err = _export(capsys, str(path), "--format", "html")
    assert code == 1
    assert "sikkerhetsgrad" in err and "godkjente systemer" in err
    assert not path.with_suffix(".html").exists()


def test_export_while_the_exercise_is_open_in_another_window(capsys, tmp_path):
    path = run_exercise(tmp_path, end=False)
    with Session.open(path) as session:  # holds the writer's lock
        before = path.read_bytes()
        code, _, err = _export(capsys, str(path), "--format", "json", "-o", str(tmp_path / "r.json"))
        assert code == 0, err
        assert "ikke avsluttet" in err  # the warning is shown on the terminal too
        assert path.read_bytes() == before
        session.note("Fortsatt i gang")


def test_a_bug_is_a_message_not_a_traceback(capsys, journal, monkeypatch):
    from ovelse.report import command

    def boom(*args, **kwargs):
        raise RuntimeError("noe gikk galt")

    monkeypatch.setattr(command, "render", boom)
    code, _, err = _export(capsys, str(journal))
    assert code == 2 and "Uventet feil" in err and "Traceback" not in err


def test_output_folder_missing(capsys, journal, tmp_path):
    code, _, err = _export(capsys, str(journal), "-o", str(tmp_path / "finnes-ikke" / "r.md"))
    assert code == 2 and "finnes ikke" in err


def test_default_output_for_a_journal_without_suffix(capsys, journal, tmp_path):
    bare = tmp_path / "journal"
    bare.write_bytes(journal.read_bytes())
    code, _, _ = _export(capsys, str(bare), "--format", "csv")
    assert code == 0 and (tmp_path / "journal.csv").exists()


def test_report_package_is_importable_without_the_ui():
    code = (
        "import sys, ovelse.report, ovelse.report.word, ovelse.report.html, ovelse.report.markdown, "
        "ovelse.report.csvlog, ovelse.report.jsondata\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('ovelse.tui'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_cli_parser_offers_every_format():
    from ovelse.cli import build_parser
    from ovelse.report import FORMATS

    parser = build_parser()
    args = parser.parse_args(["export", "j.jsonl", "--format", "docx"])
    assert args.format == "docx" and args.output is None and args.force is False
    choices = next(
        a for a in parser._subparsers._group_actions[0].choices["export"]._actions if a.dest == "format"
    ).choices
    assert set(choices) == set(FORMATS)


def test_export_journal_for_the_app_never_overwrites(tmp_path):
    from ovelse.report import export_journal

    path = run_exercise(tmp_path, end=False)
    with Session.open(path):  # the app holds the writer's lock during the debrief
        first = export_journal(path)
        second = export_journal(path)
    assert first == path.with_suffix(".docx")
    assert second == path.with_name(path.stem + "-2.docx")
    assert first.read_bytes()[:2] == b"PK" and second.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Windows has no FIFOs (named pipes in the file system)")
def test_fifo_is_refused_without_hanging(capsys, tmp_path):
    fifo = tmp_path / "rør.jsonl"
    os.mkfifo(fifo)
    code, _, err = _export(capsys, str(fifo))
    assert code == 2 and "FIFO" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["format1-flom.jsonl", "format1-setup-closed.jsonl"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json", "csv"])
def test_old_journals_still_export(tmp_path, name, fmt):
    """Journals written before the new events (language, room view, pause cause, status changes)."""
    import shutil
    from pathlib import Path

    from ovelse.report import export

    source = Path(__file__).resolve().parents[1] / "session" / "golden" / name
    journal = tmp_path / name
    shutil.copyfile(source, journal)
    result = export(journal, fmt)
    assert result.output is not None and result.output.stat().st_size > 500

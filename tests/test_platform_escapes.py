"""Black-box: file names with terminal escape sequences never reach the terminal from the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ovelse.session import FakeClock, Session
from tests.tui.conftest import SCENARIO

# Windows file names cannot hold control characters at all; the cleaner is tested on the messages there.
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names")
ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "ø\x1b]0;hacked\x07\x1b[2J\x1b[31mrød\x9b1m"
SHOWN = "ø\\x1b]0;hacked\\x07\\x1b[2J\\x1b[31mrød\\x9b1m"
CLEANED = "ørød"  # what ovelse.plaintext.clean leaves; either form is safe


def _named(text: str) -> bool:
    return SHOWN in text or CLEANED in text


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVELSE_JOURNAL_DIR=str(cwd / "journaler"))
    return subprocess.run(
        [sys.executable, "-m", "ovelse", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def _no_controls(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\x9b"), repr(text)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    session = Session.create(
        SCENARIO.read_text(encoding="utf-8"), "s.yaml", journal_dir=tmp_path, clock=FakeClock()
    )
    session.close()
    hostile = tmp_path / f"{HOSTILE}.jsonl"
    session.path.rename(hostile)
    return hostile


def test_validate_summary(tmp_path):
    bad = tmp_path / f"{HOSTILE}.yaml"
    bad.write_text("meta: [\n", encoding="utf-8")
    proc = _run("validate", bad.name, cwd=tmp_path)
    _no_controls(proc.stdout + proc.stderr)
    assert f"{SHOWN}.yaml: FEIL" in proc.stderr


@pytest.mark.parametrize("command", ["resume", "export", "vis", "serve"])
def test_missing_journal_errors(tmp_path, command):
    proc = _run(command, f"{HOSTILE}.jsonl", cwd=tmp_path)
    assert proc.returncode != 0
    _no_controls(proc.stdout + proc.stderr)
    assert _named(proc.stderr)


def test_export_says_where_it_wrote(tmp_path, journal):
    proc = _run("export", journal.name, "--format", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _no_controls(proc.stderr)
    assert "Skrev" in proc.stderr and _named(proc.stderr)
    proc = _run("export", journal.name, "--format", "md", cwd=tmp_path)  # exists now
    _no_controls(proc.stderr)
    assert _named(proc.stderr)


def test_graph_output_file(tmp_path):
    target = f"{HOSTILE}.dot"
    proc = _run("graph", str(SCENARIO), "--format", "dot", "-o", target, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _no_controls(proc.stderr)
    assert f"Skrev {SHOWN}.dot" in proc.stderr
    proc = _run("graph", str(SCENARIO), "-o", target, cwd=tmp_path)
    assert proc.returncode == 1
    _no_controls(proc.stderr)
    assert f"{SHOWN}.dot finnes allerede" in proc.stderr

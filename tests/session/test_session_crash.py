"""Crash test: an exercise in a child process is killed with SIGKILL at random moments. Every event the
child saw acknowledged must be in the journal afterwards, and the journal must open cleanly.

SIGKILL alone rarely tears a line (the page cache survives the process), so some trials also append a
partial line before reopening, as a power cut in the middle of the next write would leave."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from session_scenarios import BRANCHING

from ovelse.session import Session, list_journals, load_journal

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "crash_child.py"
TRIALS = 60
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 1  # Popen.kill's exit status on Windows


def spawn(journal_dir: Path, scenario: Path, journal: Path | None) -> subprocess.Popen:
    args = [sys.executable, str(CHILD), str(journal_dir), str(scenario)] + ([str(journal)] if journal else [])
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def acknowledged(stdout: bytes) -> tuple[Path | None, list[tuple[int, str, str]]]:
    """The journal path and the acknowledged events; a last line without newline was not complete."""
    path, acks = None, []
    for line in stdout.decode("utf-8").split("\n")[:-1]:
        if line.startswith("READY "):
            path = Path(line[6:])
        else:
            seq, kind, text = line.split("\t")
            acks.append((int(seq), kind, text))
    return path, acks


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path):
    rng = random.Random(20260915)
    journal_dir = tmp_path / "journaler"
    scenario = tmp_path / "krasj.yaml"
    scenario.write_text(BRANCHING, encoding="utf-8")
    journal: Path | None = None
    torn_seen = total_acks = 0
    for trial in range(TRIALS):
        if trial % 6 == 0:
            journal = None  # a new exercise now and then; otherwise resume the crashed one
        child = spawn(journal_dir, scenario, journal)
        first = b""
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0.0, 0.8))  # anywhere, including start-up and creation
        else:
            assert child.stdout is not None
            first = child.stdout.readline()
            assert first.startswith(b"READY "), child.stderr.read().decode() if child.stderr else ""
            time.sleep(rng.uniform(0.0, 0.15))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean shutdown either way
        out, err = child.communicate(timeout=30)
        path, acks = acknowledged(first + out)
        assert child.returncode == KILLED, err.decode()
        if path is None:
            path = journal
        if path is None or not path.exists():
            assert not acks
            continue
        if rng.random() < 0.3:  # also a power cut in the middle of the next write
            with open(path, "ab") as f:
                f.write(b'{"type":"note","seq":99999,"at":"2026-'[: rng.randint(1, 35)])
        resumed = Session.open(path)
        try:
            torn_seen += bool(resumed.notices)
            events = load_journal(path).events
            by_seq = {e.seq: e for e in events}
            for seq, kind, text in acks:
                assert seq in by_seq, f"trial {trial}: acknowledged event {seq} lost"
                event = by_seq[seq]
                assert event.type == kind
                if text:
                    logged = event.fields.get("text") if kind == "corrected" else getattr(event, "text", None)
                    assert logged == text
            total_acks += len(acks)
        finally:
            resumed.close()
        journal = path
    # every journal in the folder opens cleanly
    for summary in list_journals(journal_dir):
        assert summary.problem is None
        Session.open(summary.path).close()
    assert total_acks > 100 and torn_seen > 0

"""A real terminal (tmux): ``ovelse`` from this tree, on the interpreter under test, runs; a decision is
saved, the process is killed with SIGKILL, and ``ovelse resume`` shows the decision again; and, on a clock
made 20 times faster by libfaketime, a quiet minute before the kill stays on the exercise clock."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from system_tools import needs

from ovelse.session import load_journal

from .conftest import SCENARIO

pytestmark = needs("tmux")


ROOT = Path(__file__).resolve().parents[2]


def _ovelse_command() -> str:
    """The interpreter and the source tree under test (not whatever ``ovelse`` is first on PATH)."""
    return f"env PYTHONPATH={shlex.quote(str(ROOT))} {shlex.quote(sys.executable)} -m ovelse"


class Tmux:
    """One private tmux server (its own socket), so nothing touches the user's sessions."""

    def __init__(self) -> None:
        self.socket = f"ovelse-test-{uuid.uuid4().hex[:8]}"

    def quit_mid_exercise(self) -> None:
        """Ctrl+Q, confirm, and wait (up to 10 s) until the app has closed its journal and exited."""
        self.keys("C-q")
        self.wait_for("Avslutte programmet midt i øvelsen?")
        self.keys("j")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.screen():
            time.sleep(0.05)

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, timeout=10
        ).stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command)

    def screen(self) -> str:
        try:
            return self.run("capture-pane", "-p", "-t", "t")
        except subprocess.CalledProcessError:
            return ""

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Poll the terminal until ``text`` shows (a real terminal has no idle hook to wait on)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"«{text}» kom aldri på skjermen:\n{screen}")

    def pane_pid(self) -> int:
        return int(self.run("list-panes", "-t", "t", "-F", "#{pane_pid}").split()[0])

    def kill_server(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def test_decision_survives_kill_and_resume(tmp_path: Path):
    journal_dir = tmp_path / "journaler"
    journal_dir.mkdir()
    env = f"env OVELSE_JOURNAL_DIR={shlex.quote(str(journal_dir))} TERM=xterm-256color"
    tmux = Tmux()
    try:
        tmux.start(f"exec {env} {_ovelse_command()} run {shlex.quote(str(SCENARIO))}")
        tmux.wait_for("Oppsett, steg 1 av 2")
        tmux.keys("C-n")
        tmux.wait_for("Noen felt er tomme")  # place, facilitator and purpose were left blank
        tmux.keys("j")
        tmux.wait_for("Oppsett, steg 2 av 2")
        tmux.keys("C-n")
        # After set-up: the room-safe view. The first innspill's facilitator notes are not on screen.
        screen = tmux.wait_for("Rommet ser dette")
        assert "Hemmelig notat" not in screen and "Bare for øvingsleder" not in screen
        tmux.keys("d")  # a facilitator-only form asks first
        tmux.wait_for("Bytte til øvingsledervisningen?")
        tmux.keys("n")
        screen = tmux.wait_for("Rommet ser dette")
        assert "Hemmelig notat" not in screen
        tmux.keys("V")  # upper case works like lower case
        screen = tmux.wait_for("Bare for deg")
        assert "Hemmelig notat" in screen
        tmux.keys("d")
        tmux.wait_for("Ny beslutning")
        tmux.keys("Sykehjemmet evakueres til skolen", literal=True)
        tmux.wait_for("Sykehjemmet evakueres til skolen")
        tmux.keys("C-s")
        tmux.wait_for("Beslutningen er lagret")

        (journal,) = journal_dir.glob("*.jsonl")
        assert b"Sykehjemmet evakueres til skolen" in journal.read_bytes()
        pid = tmux.pane_pid()
        os.kill(pid, signal.SIGKILL)  # no clean shutdown: only what was already on disk counts
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        tmux.kill_server()

        tmux = Tmux()
        tmux.start(f"exec {env} {_ovelse_command()} resume {shlex.quote(str(journal))}")
        screen = tmux.wait_for("Rommet ser dette")  # resumed in the room-safe view too
        assert "Hemmelig notat" not in screen
        tmux.keys("v")
        screen = tmux.wait_for("Bare for deg")
        assert "Rødt farevarsel" in screen and "Hemmelig notat" in screen
        tmux.keys("l")  # the whole log
        tmux.wait_for("Sykehjemmet evakueres til skolen")
        tmux.keys("Escape")
        tmux.wait_for("Bare for deg")
        tmux.quit_mid_exercise()
    finally:
        tmux.kill_server()
    state = load_journal(journal).state
    assert [e.current.text for e in state.decisions] == ["Sykehjemmet evakueres til skolen"]
    assert state.reopenings and state.paused  # reopened after the kill, paused when closed properly


CLOCK = re.compile(r"(?:(\d+):)?(\d\d):(\d\d)(?: av \d+ min)? · innspill")
"""The exercise clock in the top line («00:03 av 210 min · innspill 00:03 av 12 min»; «Øvingstid» before it
only on wider screens)."""


def _screen_clock(screen: str) -> int | None:
    """The exercise clock on screen, in seconds (None when it is not shown)."""
    match = CLOCK.search(screen.split("\n", 1)[0])
    if match is None:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _faketime_command() -> str | None:
    """Environment that runs the process under libfaketime with a clock that starts 10 minutes in the past
    and runs 20 times as fast (wall clock, monotonic clock and sleeps alike); None when libfaketime is not
    installed. ``LD_PRELOAD`` rather than the ``faketime`` wrapper, which would stand between tmux and the
    app as a parent process (the test kills the app itself)."""
    if shutil.which("faketime") is None:
        return None
    libraries = sorted(Path("/usr/lib").glob("*/faketime/libfaketimeMT.so.1")) + sorted(
        Path("/usr/lib/faketime").glob("libfaketimeMT.so.1")
    )
    if not libraries:
        return None
    return f"LD_PRELOAD={shlex.quote(str(libraries[0]))} FAKETIME='-10m x20'"


def _wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform != "linux", reason="libfaketime is preloaded the Linux way (LD_PRELOAD)")
@needs("faketime", what="faketime (libfaketime)")
def test_kill_minus_9_a_minute_after_the_last_entry_keeps_that_minute_on_the_clock(tmp_path: Path):
    """Issue 11: kill -9 the real app 60 s of exercise time after the last logged entry; ``ovelse resume``
    shows an exercise clock at least 45 s later than the entry (the heartbeat kept the quiet minute). The
    app runs under libfaketime at 20× speed, so the minute takes 3 s here and the product has no test hook;
    its clock starts 10 minutes back, so the reopening (on the real clock) comes after a gap, which does
    not count."""
    faketime = _faketime_command()
    assert faketime is not None, "libfaketimeMT.so.1 not found beside the faketime program"
    journal_dir = tmp_path / "journaler"
    journal_dir.mkdir()
    env = f"env OVELSE_JOURNAL_DIR={shlex.quote(str(journal_dir))} TERM=xterm-256color"
    tmux = Tmux()
    try:
        tmux.start(f"exec {env} {faketime} {_ovelse_command()} run {shlex.quote(str(SCENARIO))}")
        tmux.wait_for("Oppsett, steg 1 av 2")
        tmux.keys("C-n")
        tmux.wait_for("Noen felt er tomme")
        tmux.keys("j")
        tmux.wait_for("Oppsett, steg 2 av 2")
        tmux.keys("C-n")
        tmux.wait_for("Rommet ser dette")
        tmux.keys("v")
        tmux.wait_for("Bare for deg")
        tmux.keys("d")
        tmux.wait_for("Ny beslutning")
        tmux.keys("Brannvesenet varsles", literal=True)
        tmux.wait_for("Brannvesenet varsles")
        tmux.keys("C-s")
        tmux.wait_for("Beslutningen er lagret")
        (journal,) = journal_dir.glob("*.jsonl")
        (decision,) = load_journal(journal).state.decisions
        entry = decision.elapsed
        # Wait (on the screen, at 20× speed) until a minute of exercise time has passed since the entry.
        deadline = time.monotonic() + 30
        shown = None
        while time.monotonic() < deadline:
            shown = _screen_clock(tmux.screen())
            if shown is not None and shown >= entry + 62:
                break
            time.sleep(0.05)
        assert shown is not None and shown >= entry + 62, f"the clock never reached {entry + 62}: {shown}"
        pid = tmux.pane_pid()
        os.kill(pid, signal.SIGKILL)
        _wait_until_gone(pid)
        tmux.kill_server()
        last = load_journal(journal).events[-1]
        assert last.type == "heartbeat" and last.elapsed >= entry + 45, (last.type, last.elapsed, entry)
        checked = subprocess.run(
            [sys.executable, "-m", "ovelse", "verify", str(journal)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert checked.returncode == 0, (
            checked.stderr
        )  # the provisional heartbeat line is sealed like any other

        tmux = Tmux()  # resumed on the real clock: 10 minutes after the fake one, a gap that does not count
        tmux.start(f"exec {env} {_ovelse_command()} resume {shlex.quote(str(journal))}")
        screen = tmux.wait_for(" · innspill")
        resumed = _screen_clock(screen)
        assert resumed is not None and resumed >= entry + 45, (resumed, entry, screen)
        assert resumed < entry + 120, "the time the program was not running must not count"
        print(f"entry {entry:.1f} s, last heartbeat {last.elapsed:.1f} s, resumed clock {resumed} s")
        tmux.quit_mid_exercise()
    finally:
        tmux.kill_server()
    state = load_journal(journal).state
    assert state.reopenings and state.reopenings[-1].gap > 300  # the ten minutes between the two clocks

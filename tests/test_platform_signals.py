"""SIGTERM and SIGHUP (the terminal window closed) write the same «closed» pause as quitting with «q»;
a journal that cannot be closed makes the program exit non-zero. Real terminal (tmux) where it matters."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from system_tools import needs

from ovelse.platform.signals import close_signals, on_close_signals
from ovelse.session import FakeClock, Session, load_journal
from tests.tui.conftest import SCENARIO
from tests.tui.test_terminal import Tmux

ROOT = Path(__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
needs_tmux = needs("tmux")
main_thread = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need the main thread"
)


def test_the_close_signals_of_each_system():
    names = {s.name for s in close_signals()}
    assert names == ({"SIGTERM", "SIGBREAK"} if sys.platform == "win32" else {"SIGTERM", "SIGHUP"})


@posix_only
@main_thread
@pytest.mark.parametrize("sig", [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)])
def test_callback_runs_on_the_loop_not_inside_the_interrupted_code(sig):
    ran: list[str] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        restore = on_close_signals(lambda: (ran.append(threading.current_thread().name), done.set_result(1)))
        try:
            os.kill(os.getpid(), sig)
            ran.append("after kill")  # the interrupted code goes on; the callback comes after
            await asyncio.wait_for(done, 5)
        finally:
            restore()

    asyncio.run(main())
    assert ran == ["after kill", threading.main_thread().name]
    assert signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler) or callable(
        signal.getsignal(sig)
    )


@posix_only
@main_thread
def test_without_a_loop_the_signal_unwinds_through_finally_blocks():
    before = signal.getsignal(signal.SIGTERM)
    closed = []
    restore = on_close_signals(lambda: None)
    try:
        with pytest.raises(SystemExit) as info:
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)  # interrupted at once
            finally:
                closed.append(True)
        assert info.value.code == 128 + signal.SIGTERM and closed == [True]
    finally:
        restore()
    assert signal.getsignal(signal.SIGTERM) == before


def _closed_pause_fields() -> dict[str, object]:
    """What «q» / Session.close() writes last, minus what differs between runs."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        session = Session.create(
            SCENARIO.read_text(encoding="utf-8"), "s.yaml", journal_dir=tmp, clock=FakeClock()
        )
        session.close()
        last = load_journal(session.path).events[-1]
    return {k: v for k, v in last.model_dump().items() if k not in ("seq", "at", "elapsed", "scenario_time")}


def _start_exercise(tmux: Tmux, journal_dir: Path, extra: str = "") -> None:
    env = f"env OVELSE_JOURNAL_DIR={shlex.quote(str(journal_dir))} TERM=xterm-256color PYTHONPATH={shlex.quote(str(ROOT))}"
    command = f"{env} {shlex.quote(sys.executable)} {extra or '-m ovelse'} run {shlex.quote(str(SCENARIO))}"
    rc = journal_dir.parent / "rc"
    tmux.start(f"{command}; echo $? > {shlex.quote(str(rc))}; sleep 30")
    tmux.wait_for("Oppsett, steg 1 av 2")
    tmux.keys("C-n")
    tmux.wait_for("Noen felt er tomme")  # place, facilitator and purpose were left blank
    tmux.keys("j")
    tmux.wait_for("Oppsett, steg 2 av 2")
    tmux.keys("C-n")
    tmux.wait_for("Rommet ser dette")  # after set-up: the room-safe view


def _wait_rc(path: Path, timeout: float = 15.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return int(path.read_text())
        time.sleep(0.05)
    raise AssertionError("the program did not stop")


def _app_pid(tmux: Tmux) -> int:
    """The Python process running in the pane (the pane's shell is its parent)."""
    shell = tmux.pane_pid()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == shell:
                return int(entry.name)
    raise AssertionError("no child process in the pane")


@posix_only
@needs_tmux
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the process through /proc")
@pytest.mark.parametrize("sig", [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)])
def test_signal_writes_the_same_closed_pause_as_quitting(tmp_path, sig):
    journal_dir = tmp_path / "journaler"
    journal_dir.mkdir()
    tmux = Tmux()
    try:
        _start_exercise(tmux, journal_dir)
        os.kill(_app_pid(tmux), sig)
        rc = _wait_rc(tmp_path / "rc")
    finally:
        tmux.kill_server()
    (journal,) = journal_dir.glob("*.jsonl")
    loaded = load_journal(journal)
    last = loaded.events[-1]
    fields = {
        k: v for k, v in last.model_dump().items() if k not in ("seq", "at", "elapsed", "scenario_time")
    }
    assert fields == _closed_pause_fields()
    assert loaded.state.paused
    assert rc == 0


DRIVER = """
import sys
from ovelse.session import JournalError, Session

def broken_close(self, pause=True):
    self._writer.close()
    raise JournalError("Disken er full: kunne ikke lagre hendelsen.", "Frigjør plass.")

Session.close = broken_close
from ovelse.cli import main
sys.exit(main(sys.argv[1:]))
"""


@posix_only
@needs_tmux
def test_a_journal_that_cannot_be_closed_exits_non_zero(tmp_path):
    journal_dir = tmp_path / "journaler"
    journal_dir.mkdir()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    tmux = Tmux()
    try:
        _start_exercise(tmux, journal_dir, extra=shlex.quote(str(driver)))
        tmux.keys("C-q")
        tmux.wait_for("Avslutte programmet midt i øvelsen?")
        tmux.keys("j")
        rc = _wait_rc(tmp_path / "rc")
        screen = tmux.screen()
    finally:
        tmux.kill_server()
    assert rc == 2
    assert "journalen ble ikke lukket riktig" in screen

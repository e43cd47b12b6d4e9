"""Disk full, read-only folders, permission denied, a second writer: clear messages, consistent state, retry."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from session_scenarios import BRANCHING

from ovelse import platform
from ovelse.session import (
    FakeClock,
    JournalError,
    JournalFollower,
    JournalLocked,
    Session,
    load_journal,
)

# Writes and fsyncs go through the platform seam (os.pwrite on POSIX, seek + write on Windows; F_FULLFSYNC
# on macOS), so the faults are injected there and the tests mean the same on every system.
REAL_PWRITE, REAL_FSYNC = platform.pwrite, platform.fsync
REAL_FTRUNCATE, REAL_OPEN = os.ftruncate, os.open


def fail_after(monkeypatch, name: str, code: int, partial: bool = False, times: int = 10**9):
    """Make the seam's ``name`` (pwrite, fsync) raise OSError(code); with ``partial`` the first pwrite
    writes half the data."""
    calls = {"n": 0}

    def pwrite(fd, data, offset):
        calls["n"] += 1
        if partial and calls["n"] == 1:
            return REAL_PWRITE(fd, bytes(data[: len(data) // 2]), offset)
        if calls["n"] <= times:
            raise OSError(code, os.strerror(code))
        return REAL_PWRITE(fd, data, offset)

    def other(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= times:
            raise OSError(code, os.strerror(code))
        return {"fsync": REAL_FSYNC}[name](*args, **kwargs)

    monkeypatch.setattr(platform, name, pwrite if name == "pwrite" else other)
    return calls


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "Disken er full"),
        (errno.EDQUOT, "Disken er full"),
        (errno.EROFS, "skrivebeskyttet"),
        (errno.EACCES, "Ingen tilgang"),
        (errno.EIO, "skrivefeil"),
    ],
)
def test_failed_write_changes_nothing_and_retry_works(session: Session, monkeypatch, code, words):
    session.log_decision("Før feilen")
    before_bytes, before_state = session.path.read_bytes(), session.state
    seq = session.state.last_seq
    fail_after(monkeypatch, "pwrite", code, partial=True)
    with pytest.raises(JournalError) as info:
        session.log_decision("Under feilen")
    assert words in info.value.message and "prøv igjen" in info.value.hint and info.value.errno == code
    assert session.path.read_bytes() == before_bytes  # the partial line was cut off
    assert session.state.last_seq == seq and session.state.decisions[-1].current.text == "Før feilen"
    assert session.state is before_state
    monkeypatch.undo()
    event = session.log_decision("Etter feilen")
    assert event.seq == seq + 1
    assert load_journal(session.path).state == session.state


def test_failed_fsync_is_not_acknowledged(session: Session, monkeypatch):
    before = session.path.read_bytes()
    fail_after(monkeypatch, "fsync", errno.EIO, times=1)
    with pytest.raises(JournalError, match="skrivefeil"):
        session.note("x")
    assert session.path.read_bytes() == before and session.state.last_seq == 2
    assert session.note("y").seq == 3


def test_failed_rollback_is_repaired_before_the_next_append(session: Session, monkeypatch):
    before = session.path.read_bytes()
    fail_after(monkeypatch, "pwrite", errno.ENOSPC, partial=True)
    real_ftruncate = os.ftruncate
    monkeypatch.setattr(os, "ftruncate", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "io")))
    with pytest.raises(JournalError):
        session.note("halvveis")
    assert len(session.path.read_bytes()) > len(before)  # garbage still there: truncate failed
    monkeypatch.setattr(platform, "pwrite", REAL_PWRITE)
    monkeypatch.setattr(os, "ftruncate", real_ftruncate)
    session.note("neste")
    session.close(pause=False)
    again = Session.open(session.path)
    try:
        assert again.notices == [] and [e.current.text for e in again.state.notes] == ["neste"]
    finally:
        again.close()


def test_pause_and_navigation_are_not_applied_when_not_written(
    session: Session, monkeypatch, clock: FakeClock
):
    clock.advance(10)
    fail_after(monkeypatch, "pwrite", errno.ENOSPC)
    for call in (session.pause, lambda: session.choose(0), lambda: session.add_participant("Ola")):
        with pytest.raises(JournalError):
            call()
    assert not session.state.paused and session.state.current_node == "a" and not session.state.participants
    monkeypatch.undo()
    clock.advance(10)
    assert session.elapsed_now() == 20.0  # the clock kept running: no pause was recorded
    session.pause()
    assert session.state.paused


def fail_open(monkeypatch, code: int, match: str):
    def fake_open(path, flags, *args, **kwargs):
        if match in str(path) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return REAL_OPEN(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


@pytest.mark.parametrize(
    "code, words",
    [(errno.EROFS, "skrivebeskyttet"), (errno.EACCES, "Ingen tilgang"), (errno.ENOSPC, "Disken er full")],
)
def test_create_in_unwritable_folder(journal_dir: Path, clock: FakeClock, monkeypatch, code, words):
    journal_dir.mkdir(parents=True)
    fail_open(monkeypatch, code, str(journal_dir))
    with pytest.raises(JournalError) as info:
        Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    assert words in info.value.message and "prøv igjen" in info.value.hint
    assert list(journal_dir.iterdir()) == []
    monkeypatch.undo()
    Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock).close()


def test_disk_full_while_creating_leaves_no_files(journal_dir: Path, clock: FakeClock, monkeypatch):
    fail_after(monkeypatch, "pwrite", errno.ENOSPC, partial=True)
    with pytest.raises(JournalError, match="Disken er full"):
        Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    assert list(journal_dir.iterdir()) == []


def test_resume_from_read_only_location_points_to_read_only_view(session: Session, monkeypatch):
    session.close()
    fail_open(monkeypatch, errno.EROFS, session.path.name)
    with pytest.raises(JournalError) as info:
        Session.open(session.path)
    assert "skrivebeskyttet" in info.value.message and "skrivebeskyttet for å se" in info.value.hint
    assert load_journal(session.path).state.paused  # reading still works


def test_torn_line_cannot_be_set_aside_in_read_only_folder(session: Session, monkeypatch):
    session.close(pause=False)
    with open(session.path, "ab") as f:
        f.write(b'{"ty')
    before = session.path.read_bytes()
    fail_open(monkeypatch, errno.EROFS, ".torn-")
    with pytest.raises(JournalError, match="skrivebeskyttet"):
        Session.open(session.path)
    assert session.path.read_bytes() == before
    monkeypatch.undo()
    Session.open(session.path).close()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root ignores file permissions; the same paths are covered by the simulated EACCES tests",
)
def test_real_read_only_folder(journal_dir: Path, clock: FakeClock):  # pragma: no cover - not run as root
    journal_dir.mkdir()
    journal_dir.chmod(0o500)
    try:
        with pytest.raises(JournalError, match="Ingen tilgang"):
            Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    finally:
        journal_dir.chmod(0o700)


def test_second_writer_is_refused_and_a_follower_works(session: Session):
    session.note("første")
    with pytest.raises(JournalLocked) as info:
        Session.open(session.path)
    assert "allerede åpen" in info.value.message and "skrivebeskyttet" in info.value.hint
    follower = JournalFollower(session.path)
    assert follower.read_new()[-1].text == "første"
    session.note("andre")
    assert follower.read_new()[-1].text == "andre"
    follower.close()
    session.close()
    Session.open(session.path).close()  # the lock went with the first writer


def test_second_writer_in_another_process_is_refused(session: Session):
    code = (
        "import sys\n"
        "from ovelse.session import Session, JournalLocked, load_journal\n"
        "try:\n"
        "    Session.open(sys.argv[1])\n"
        "except JournalLocked as exc:\n"
        "    print('LOCKED', exc.message)\n"
        "print('READ', load_journal(sys.argv[1]).state.last_seq)\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code, str(session.path)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("LOCKED Øvelsen i") and "READ 2" in out.stdout


def test_failure_after_linking_leaves_no_journal(journal_dir: Path, clock: FakeClock, monkeypatch):
    import ovelse.session.journal as journal

    def broken_fsync_dir(directory):
        raise OSError(errno.EIO, "io")

    monkeypatch.setattr(journal, "fsync_dir", broken_fsync_dir)
    with pytest.raises(JournalError, match="skrivefeil"):
        Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    assert list(journal_dir.iterdir()) == []


def test_journal_folder_that_cannot_be_made(tmp_path: Path, clock: FakeClock):
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe")
    with pytest.raises(JournalError) as info:
        Session.create(BRANCHING, "t.yaml", journal_dir=blocker / "journaler", clock=clock)
    assert "journalmappen" in info.value.message

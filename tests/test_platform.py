"""The platform seam: both implementations, the Windows one driven here with a stand-in for msvcrt."""

from __future__ import annotations

import errno
import os
import sys
import types
from pathlib import Path

import pytest

from ovelse import platform
from ovelse.platform import windows
from ovelse.platform.common import LockHeld, Unsupported

sys.path.insert(0, str(Path(__file__).resolve().parent / "session"))

from session_scenarios import BRANCHING

try:
    from ovelse.platform import posix
except ImportError:  # Windows: no fcntl; the Windows implementation is the real one there
    posix = None  # type: ignore[assignment]

IMPLEMENTATIONS = [m for m in (posix, windows) if m is not None]
posix_only = pytest.mark.skipif(posix is None, reason="POSIX implementation (fcntl)")


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking semantics: a byte range locked by one descriptor is refused to every other one
    (EACCES, as the C runtime reports it); the range starts at the descriptor's file position."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}  # (inode, offset) -> fd
        self.calls: list[tuple[int, int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        key = (os.fstat(fd).st_ino, offset)
        self.calls.append((fd, mode, nbytes, offset))
        if mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            del self.held[key]
            return
        owner = self.held.get(key)
        if owner is not None and owner != fd:
            raise OSError(errno.EACCES, "Permission denied")
        self.held[key] = fd


@pytest.fixture
def msvcrt(monkeypatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    return fake


@pytest.mark.parametrize("impl", IMPLEMENTATIONS, ids=lambda m: m.NAME)
def test_positional_io_leaves_no_gap_and_is_binary(impl, tmp_path):
    fd = impl.open_fd(tmp_path / "f", os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        assert impl.pwrite(fd, b"a\nb\n", 0) == 4
        assert impl.pwrite(fd, b"c\n", 4) == 2
        assert impl.pread(fd, 100, 0) == b"a\nb\nc\n"
        assert impl.pread(fd, 2, 2) == b"b\n"
        assert impl.pread(fd, 10, 6) == b""
        impl.fsync(fd)
    finally:
        os.close(fd)
    assert (tmp_path / "f").read_bytes() == b"a\nb\nc\n"  # no \r\n anywhere


def test_windows_positional_io_does_not_move_a_shared_reader(tmp_path):
    """Positional calls seek; they must hold the I/O lock so two of them never interleave."""
    fd = windows.open_fd(tmp_path / "f", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        windows.pwrite(fd, b"0123456789", 0)
        assert [windows.pread(fd, 3, off) for off in (7, 0, 4)] == [b"789", b"012", b"456"]
    finally:
        os.close(fd)


@pytest.mark.parametrize("impl", IMPLEMENTATIONS, ids=lambda m: m.NAME)
def test_link_new_never_replaces_and_removes_the_temporary_name(impl, tmp_path):
    tmp, target = tmp_path / ".t.tmp", tmp_path / "j.jsonl"
    tmp.write_bytes(b"ny")
    target.write_bytes(b"gammel")
    with pytest.raises(FileExistsError):
        impl.link_new(tmp, target)
    assert target.read_bytes() == b"gammel" and tmp.exists()
    free = tmp_path / "j-2.jsonl"
    impl.link_new(tmp, free)
    assert free.read_bytes() == b"ny" and not tmp.exists()


@posix_only
def test_posix_link_new_without_hard_links_renames_only_a_free_name(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")  # vfat

    monkeypatch.setattr(os, "link", no_links)
    tmp, taken = tmp_path / ".t.tmp", tmp_path / "j.jsonl"
    tmp.write_bytes(b"ny")
    taken.write_bytes(b"gammel")
    with pytest.raises(FileExistsError):
        posix.link_new(tmp, taken)
    posix.link_new(tmp, tmp_path / "k.jsonl")
    assert (tmp_path / "k.jsonl").read_bytes() == b"ny" and taken.read_bytes() == b"gammel"


def test_windows_publish_reopens_and_keeps_the_descriptor_on_a_taken_name(tmp_path, msvcrt):
    tmp, taken, free = tmp_path / ".t.tmp", tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    taken.write_bytes(b"gammel")
    fd = windows.open_fd(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    windows.pwrite(fd, b"hode\n", 0)
    with pytest.raises(FileExistsError):
        windows.publish(fd, tmp, taken)
    assert windows.pread(fd, 10, 0) == b"hode\n"  # still usable for the next name
    new_fd, reopened = windows.publish(fd, tmp, free)
    try:
        assert reopened and not tmp.exists()
        assert windows.pread(new_fd, 10, 0) == b"hode\n"
        assert windows.pwrite(new_fd, b"x\n", 5) == 2
    finally:
        os.close(new_fd)
    assert free.read_bytes() == b"hode\nx\n" and taken.read_bytes() == b"gammel"


@posix_only
def test_posix_lock_is_exclusive_between_descriptors(tmp_path):
    path = tmp_path / "j"
    path.write_bytes(b"x")
    first, second = os.open(path, os.O_RDWR), os.open(path, os.O_RDWR)
    try:
        assert posix.lock_exclusive(first) is None
        with pytest.raises(LockHeld):
            posix.lock_exclusive(second)
        posix.unlock(first)
        assert posix.lock_exclusive(second) is None
    finally:
        os.close(first)
        os.close(second)


def test_windows_lock_is_beyond_every_byte_a_reader_reads(tmp_path, msvcrt):
    path = tmp_path / "j"
    path.write_bytes(b"hode\n")
    writer, other = windows.open_fd(path, os.O_RDWR), windows.open_fd(path, os.O_RDWR)
    try:
        os.lseek(writer, 3, os.SEEK_SET)
        assert windows.lock_exclusive(writer) is None
        assert os.lseek(writer, 0, os.SEEK_CUR) == 3  # position restored
        (fd, mode, nbytes, offset) = msvcrt.calls[-1]
        assert (fd, mode, nbytes) == (writer, msvcrt.LK_NBLCK, 1)
        assert offset == windows.LOCK_OFFSET > 1 << 30  # beyond MAX_JOURNAL_BYTES: readers never meet it
        with pytest.raises(LockHeld):
            windows.lock_exclusive(other)
        assert windows.pread(other, 10, 0) == b"hode\n"
        windows.unlock(writer)
        assert windows.lock_exclusive(other) is None
    finally:
        os.close(writer)
        os.close(other)


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EINVAL])
def test_a_disk_that_cannot_lock_gives_a_norwegian_notice(tmp_path, monkeypatch, msvcrt, code):
    def refuse(fd, mode, nbytes):
        raise OSError(code, "not supported")

    monkeypatch.setattr(msvcrt, "locking", refuse)
    if posix is not None:
        import fcntl

        monkeypatch.setattr(fcntl, "flock", lambda fd, op: refuse(fd, op, 0))
    path = tmp_path / "j"
    path.write_bytes(b"x")
    fd = os.open(path, os.O_RDWR)
    try:
        for impl in IMPLEMENTATIONS:
            notice = impl.lock_exclusive(fd)
            assert isinstance(notice, Unsupported) and notice.feature == "lock"
            assert notice.message == "Låsen mot to vinduer virker ikke på denne disken."
    finally:
        os.close(fd)


def test_other_lock_errors_are_not_hidden(tmp_path, monkeypatch, msvcrt):
    monkeypatch.setattr(msvcrt, "locking", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "io")))
    path = tmp_path / "j"
    path.write_bytes(b"x")
    fd = os.open(path, os.O_RDWR)
    try:
        with pytest.raises(OSError) as info:
            windows.lock_exclusive(fd)
        assert info.value.errno == errno.EIO
    finally:
        os.close(fd)


@posix_only
def test_private_files(tmp_path, monkeypatch):
    fd = posix.open_fd(tmp_path / "p", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        assert posix.make_private(fd) is None
        assert os.fstat(fd).st_mode & 0o777 == 0o600
        monkeypatch.setattr(os, "fchmod", lambda fd, mode: (_ for _ in ()).throw(OSError(errno.EPERM, "")))
        assert posix.make_private(fd) == Unsupported("private", errno.EPERM)  # FAT: no modes
    finally:
        os.close(fd)
    notice = windows.make_private(-1)
    assert notice.feature == "private" and "eieren" in notice.message and notice.hint


@posix_only
def test_nonblocking_open_does_not_wait_for_a_fifo_writer(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "rør"
    os.mkfifo(fifo)
    fd = posix.open_nonblocking(fifo, os.O_RDONLY)  # would hang forever without O_NONBLOCK
    os.close(fd)


@posix_only
def test_fsync_dir(tmp_path, monkeypatch):
    posix.fsync_dir(tmp_path)
    windows.fsync_dir(tmp_path)  # a no-op, and says so
    real = os.fsync

    def refuse(fd):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "fsync", refuse)
    posix.fsync_dir(tmp_path)  # a disk that cannot fsync a folder: the file itself is durable
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "io")))
    with pytest.raises(OSError):
        posix.fsync_dir(tmp_path)
    monkeypatch.setattr(os, "fsync", real)


@posix_only
def test_macos_fsync_uses_full_fsync(tmp_path, monkeypatch):
    import fcntl

    calls = []
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", lambda fd, op: calls.append(op))
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync"))
    posix.fsync(3)
    assert calls == [51]


def test_os_reason_is_norwegian_and_knows_windows_codes():
    assert platform.os_reason(OSError(errno.ENOSPC, "No space left")) == "disken er full"
    assert platform.os_reason(OSError(99999, "x")) == "feilkode 99999"
    assert platform.os_reason(OSError()) == "ukjent feil"
    sharing = OSError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32  # type: ignore[attr-defined]
    assert platform.os_reason(sharing) == "filen er i bruk av et annet program"
    from ovelse.fileio import os_error_text
    from ovelse.session.oserrors import os_reason

    assert os_error_text is platform.os_reason
    assert os_reason(OSError(errno.EROFS, "")) == platform.os_reason(OSError(errno.EROFS, ""))


def test_os_reason_in_nynorsk():
    from ovelse.i18n import use_language

    with use_language("nn"):
        assert platform.os_reason(OSError(errno.EACCES, "")) != "mangler tilgang"


# -- the journal on the Windows implementation ----------------------------------------------------


@pytest.fixture
def on_windows(monkeypatch, msvcrt):
    """Select the Windows implementation for everything that goes through the seam."""
    for name in ("open_fd", "open_nonblocking", "make_blocking", "pread", "pwrite", "fsync"):
        monkeypatch.setattr(platform, name, getattr(windows, name))
    for name in ("lock_exclusive", "unlock", "make_private", "link_new", "publish", "fsync_dir"):
        monkeypatch.setattr(platform, name, getattr(windows, name))
    import ovelse.session.journal as journal

    monkeypatch.setattr(journal, "fsync_dir", windows.fsync_dir)
    return msvcrt


def test_journal_on_the_windows_implementation(tmp_path, on_windows):
    from ovelse.session import FakeClock, JournalLocked, Session, load_journal

    clock = FakeClock()
    session = Session.create(BRANCHING, "t.yaml", journal_dir=tmp_path, clock=clock)
    path = session.path
    assert on_windows.held  # the writer holds the lock on the renamed, reopened file
    session.log_decision("Kriseledelsen settes")
    with pytest.raises(JournalLocked):
        Session.open(path, clock=clock)
    assert [d.current.text for d in load_journal(path).state.decisions] == ["Kriseledelsen settes"]
    session.close()
    assert not on_windows.held
    again = Session.open(path, clock=clock)
    again.note("videre")
    again.close()
    data = path.read_bytes()
    assert b"\r\n" not in data and data.count(b"\n") >= 6
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_private_journal_on_windows_says_what_does_not_hold(tmp_path, on_windows):
    from ovelse.session import FakeClock, Session

    private = BRANCHING.replace(
        "  duration_minutes: 60\n",
        "  duration_minutes: 60\n  sensitivity:\n    level: exempt\n    legal_basis: Offl. § 24\n",
    )
    session = Session.create(private, "t.yaml", journal_dir=tmp_path, clock=FakeClock())
    try:
        assert [n.message for n in session.notices] == [windows.make_private(-1).message]
    finally:
        session.close()


@posix_only
def test_journal_on_a_disk_that_cannot_lock_still_saves(tmp_path, monkeypatch):
    import fcntl

    from ovelse.session import FakeClock, Session, load_journal

    def refuse(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)
    session = Session.create(BRANCHING, "t.yaml", journal_dir=tmp_path, clock=FakeClock())
    assert [n.message for n in session.notices] == ["Låsen mot to vinduer virker ikke på denne disken."]
    session.log_decision("Lagres likevel")
    session.close()
    reopened = Session.open(session.path, clock=FakeClock())
    assert "Låsen mot to vinduer" in reopened.notices[0].message
    reopened.close()
    assert [d.current.text for d in load_journal(session.path).state.decisions] == ["Lagres likevel"]


@pytest.mark.skipif(sys.platform != "win32", reason="the real msvcrt")
def test_real_windows_lock_leaves_the_data_readable(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b"hode\n")
    writer, other = windows.open_fd(path, os.O_RDWR), windows.open_fd(path, os.O_RDWR)
    try:
        assert windows.lock_exclusive(writer) is None
        with pytest.raises(LockHeld):
            windows.lock_exclusive(other)
        assert windows.pread(other, 100, 0) == b"hode\n"  # mandatory lock, but not on the data
        windows.pwrite(writer, b"x\n", 5)
        assert windows.pread(other, 100, 0) == b"hode\nx\n"
    finally:
        windows.unlock(writer)
        os.close(writer)
        os.close(other)

"""Windows: ``msvcrt.locking`` beyond the end of the file, emulated positional I/O, binary opens.

Importable on every system (``msvcrt`` is loaded when a lock is taken), so the tests can drive these
branches on Linux with a stand-in for ``msvcrt``. What differs from POSIX, and why:

* Locks on Windows are mandatory: a locked byte cannot be read by anyone else. The writer therefore
  locks one byte at :data:`LOCK_OFFSET`, far beyond any journal, so readers (``vis``, ``serve``,
  ``export``, the start screen) still read everything while a second writer is refused.
* There are no ``pread``/``pwrite``: seek + read/write under a process-wide lock.
* ``os.open`` opens in text mode unless ``O_BINARY`` is given (it would turn ``\\n`` into ``\\r\\n``).
* An open file cannot be renamed, so :func:`publish` closes, renames and opens the file again.
* There are no FIFOs in the file system, so opening never blocks; a directory cannot be fsynced
  (NTFS journals its own metadata); file modes are not owner-only ACLs (see :func:`make_private`).
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import threading
from pathlib import Path
from types import ModuleType

from ovelse.platform.common import NOT_SUPPORTED, LockHeld, Unsupported

NAME = "windows"
PRIVATE_MODES = False
"""ovelse cannot make a file owner-only here; it gets the access rights of its folder."""

LOCK_OFFSET = 1 << 40
"""The byte the writer lock covers: far beyond MAX_JOURNAL_BYTES, so no reader ever meets it."""

_EXTRA = getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
_io = threading.Lock()  # seek + read/write pairs must not interleave on one descriptor
_HELD = (errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK), errno.EDEADLK)


def _msvcrt() -> ModuleType:
    return importlib.import_module("msvcrt")


def open_fd(path: str | os.PathLike[str], flags: int, mode: int = 0o666) -> int:
    """``os.open`` in binary mode, not inherited by child processes."""
    return os.open(path, flags | _EXTRA, mode)


def open_nonblocking(path: str | os.PathLike[str], flags: int) -> int:
    """There are no FIFOs in the Windows file system; an ordinary open does not block."""
    return open_fd(path, flags)


def make_blocking(fd: int) -> None:
    return None


def pread(fd: int, size: int, offset: int) -> bytes:
    with _io:
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)


def pwrite(fd: int, data: bytes | memoryview, offset: int) -> int:
    with _io:
        os.lseek(fd, offset, os.SEEK_SET)
        return os.write(fd, data)


def fsync(fd: int) -> None:
    """``os.fsync`` is ``FlushFileBuffers`` here: it flushes the drive's cache too."""
    os.fsync(fd)


def _locking(fd: int, mode_name: str) -> None:
    module = _msvcrt()
    with _io:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            module.locking(fd, getattr(module, mode_name), 1)
        finally:
            os.lseek(fd, position, os.SEEK_SET)


def lock_exclusive(fd: int) -> Unsupported | None:
    """Lock the byte at :data:`LOCK_OFFSET` without waiting; :class:`LockHeld` if another has it."""
    try:
        _locking(fd, "LK_NBLCK")
    except OSError as exc:
        if exc.errno in _HELD:
            raise LockHeld() from None
        if exc.errno in NOT_SUPPORTED:
            return Unsupported("lock", exc.errno)
        raise
    return None


def unlock(fd: int) -> None:
    """Release the lock before the descriptor is closed (Windows frees it late otherwise)."""
    with contextlib.suppress(OSError):
        _locking(fd, "LK_UNLCK")


def make_private(fd: int) -> Unsupported:
    """File modes do not restrict access on Windows: the file inherits its folder's ACL. The default
    journal folder (in the user's profile) is open to its owner only; say so instead of pretending."""
    return Unsupported("private")


def link_new(tmp: Path, path: Path) -> None:
    """Rename the closed file ``tmp`` to ``path`` only if that name is free (``FileExistsError``).

    ``os.rename`` on Windows never replaces an existing file, so this cannot race another writer."""
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    os.rename(tmp, path)


def publish(fd: int, tmp: Path, path: Path) -> tuple[int, bool]:
    """Close ``fd``, rename ``tmp`` to ``path`` (never replacing) and open it again read-write.

    Returns the new descriptor and True (the lock went with the old one: lock again). If the name is
    taken, ``tmp`` is opened again and ``FileExistsError`` raised, so the caller can try another."""
    unlock(fd)
    os.close(fd)
    try:
        link_new(tmp, path)
    except BaseException:
        # The caller still owns a descriptor for tmp (to try another name, or to close and remove it).
        reopened = open_fd(tmp, os.O_RDWR)
        if reopened != fd:
            os.dup2(reopened, fd, inheritable=False)
            os.close(reopened)
        raise
    return open_fd(path, os.O_RDWR), True


def fsync_dir(directory: Path) -> None:
    """A directory cannot be opened for fsync on Windows; NTFS journals the new name itself."""
    return None

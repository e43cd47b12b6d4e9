"""Linux, macOS and other Unix: ``fcntl.flock``, ``pread``/``pwrite``, non-blocking opens, mode 0600."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
from pathlib import Path

from ovelse.platform.common import NO_HARD_LINKS, NOT_SUPPORTED, LockHeld, Unsupported

NAME = "posix"
PRIVATE_MODES = True
"""File modes are real here: a private file is created with mode 0600."""

_EXTRA = os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)


def open_fd(path: str | os.PathLike[str], flags: int, mode: int = 0o666) -> int:
    """``os.open`` with the flags every file of ovelse needs (not inherited, never a controlling tty)."""
    return os.open(path, flags | _EXTRA, mode)


def open_nonblocking(path: str | os.PathLike[str], flags: int) -> int:
    """Open an existing file without waiting (a FIFO opened for reading would wait for a writer).

    Check that the descriptor is a regular file, then call :func:`make_blocking`."""
    return os.open(path, flags | _EXTRA | os.O_NONBLOCK)


def make_blocking(fd: int) -> None:
    os.set_blocking(fd, True)


def pread(fd: int, size: int, offset: int) -> bytes:
    return os.pread(fd, size, offset)


def pwrite(fd: int, data: bytes | memoryview, offset: int) -> int:
    return os.pwrite(fd, data, offset)


def fsync(fd: int) -> None:
    """Flush the file to the disk itself. On macOS plain ``fsync`` stops at the drive's cache, so
    ``F_FULLFSYNC`` is used where the filesystem has it."""
    if sys.platform == "darwin":
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError as exc:
            if exc.errno not in NOT_SUPPORTED and exc.errno != errno.ENOTTY:
                raise
    os.fsync(fd)


def lock_exclusive(fd: int) -> Unsupported | None:
    """Take the exclusive writer lock without waiting; :class:`LockHeld` if another process has it.

    Returns an :class:`Unsupported` notice when the filesystem cannot lock (some network disks)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise LockHeld() from None
    except OSError as exc:
        if exc.errno in NOT_SUPPORTED:
            return Unsupported("lock", exc.errno)
        raise
    return None


def unlock(fd: int) -> None:
    """Release the lock (closing the descriptor releases it too)."""
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


def make_private(fd: int) -> Unsupported | None:
    """Mode exactly 0600, whatever the umask; a filesystem without modes (FAT) gives a notice."""
    try:
        os.fchmod(fd, 0o600)
    except OSError as exc:
        if exc.errno in NOT_SUPPORTED or exc.errno == errno.EPERM:
            return Unsupported("private", exc.errno)
        raise
    return None


def link_new(tmp: Path, path: Path) -> None:
    """Give the file ``tmp`` the name ``path`` only if that name is free; ``FileExistsError`` if not.

    Never replaces a file, not even in a race with another writer (a hard link fails if the name
    exists). On filesystems without hard links the file is renamed if the name is still free.
    ``tmp`` is gone afterwards."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.rename(tmp, path)
        return
    with contextlib.suppress(OSError):  # a left-over hidden temporary file is harmless
        os.unlink(tmp)


def publish(fd: int, tmp: Path, path: Path) -> tuple[int, bool]:
    """Give the open file ``fd`` (named ``tmp``) the name ``path`` as :func:`link_new` does.

    Returns the descriptor to go on with and whether it was opened again (its lock is then lost).
    Here the same descriptor stays valid, lock included."""
    link_new(tmp, path)
    return fd, False


def fsync_dir(directory: Path) -> None:
    """fsync a directory so a new or renamed entry in it survives a power cut.

    A filesystem that cannot fsync a directory (``EINVAL`` on some network disks) is accepted: the
    file's own data is already durable."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _EXTRA)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in NOT_SUPPORTED and exc.errno != errno.EBADF:
            raise
    finally:
        os.close(fd)

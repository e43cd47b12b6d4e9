"""The one seam between ovelse and the operating system.

Everything that differs between Linux, macOS and Windows lives behind these functions: opening files
(binary, not inherited, never blocking on a FIFO), positional reads and writes, the exclusive writer
lock on a journal, giving a finished temporary file its name without replacing anything, fsync of a
directory, owner-only file modes, the Norwegian text for an ``OSError`` and the signals that mean
«the window was closed».

The implementation is chosen once, at import, from ``sys.platform``: :mod:`ovelse.platform.posix` (Linux,
macOS and other Unix) or :mod:`ovelse.platform.windows`. Both modules import on every system (the
Windows one loads ``msvcrt`` only when it locks), so the tests drive the Windows branches here too.

Why no locking library: the lock must sit on the journal's own descriptor (so it moves with the file
and vanishes with the process) and, on Windows, must not cover the bytes readers read — Windows locks
are mandatory, so ``vis``, ``serve`` and ``export`` could not read a journal whose data is locked.
``filelock`` locks a separate ``.lock`` file, and ``portalocker`` locks from offset 0; ``fcntl.flock``
and ``msvcrt.locking`` on a byte far beyond the end of the file do exactly what is needed in a few lines.
"""

from __future__ import annotations

import sys

from ovelse.platform.common import LockHeld, Unsupported
from ovelse.platform.oserror import os_reason
from ovelse.platform.signals import on_close_signals

if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI runner
    from ovelse.platform import windows as _impl
else:
    from ovelse.platform import posix as _impl

NAME: str = _impl.NAME
"""«posix» or «windows»: the implementation in use."""

open_fd = _impl.open_fd
open_nonblocking = _impl.open_nonblocking
make_blocking = _impl.make_blocking
pread = _impl.pread
pwrite = _impl.pwrite
fsync = _impl.fsync
lock_exclusive = _impl.lock_exclusive
unlock = _impl.unlock
make_private = _impl.make_private
link_new = _impl.link_new
publish = _impl.publish
fsync_dir = _impl.fsync_dir
PRIVATE_MODES = _impl.PRIVATE_MODES

__all__ = [
    "NAME",
    "PRIVATE_MODES",
    "LockHeld",
    "Unsupported",
    "fsync",
    "fsync_dir",
    "link_new",
    "lock_exclusive",
    "make_blocking",
    "make_private",
    "on_close_signals",
    "open_fd",
    "open_nonblocking",
    "os_reason",
    "pread",
    "publish",
    "pwrite",
    "unlock",
]

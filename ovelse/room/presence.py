"""Is the facilitator's program still holding its journal? (for ``ovelse serve``'s «venter på øvingsleder»)

The one writer of a journal holds an exclusive ``flock`` on it while it is open (see
``ovelse.session.journal``). A short, non-blocking shared lock on a separate read-only descriptor
tells whether that writer is still there: it succeeds only when nobody holds the exclusive lock.
The probe lasts microseconds and is released at once. Where ``flock`` does not exist (Windows) the
answer is «unknown» (None) and the page relies on the journal alone.
"""

from __future__ import annotations

import os
from pathlib import Path

try:  # POSIX only; the seam for other platforms is the None answer
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def writer_present(path: Path) -> bool | None:
    """True while some process holds the journal's writer lock, False when none does, None if unknown."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)

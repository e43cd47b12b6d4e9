"""Is the facilitator's program still holding its journal? (for ``ovelse serve``'s «venter på øvingsleder»)

The one writer of a journal holds the exclusive writer lock on it while it is open (see
``ovelse.session.journal`` and :mod:`ovelse.platform`). Trying that lock, without waiting, on a separate
read-only descriptor tells whether the writer is still there: it succeeds only when nobody holds it,
and is released at once (the probe lasts microseconds). Where the disk cannot lock, the answer is
«unknown» (None) and the page relies on the journal alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from ovelse import platform


def writer_present(path: Path) -> bool | None:
    """True while some process holds the journal's writer lock, False when none does, None if unknown."""
    try:
        fd = platform.open_nonblocking(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            unsupported = platform.lock_exclusive(fd)
        except platform.LockHeld:
            return True
        except OSError:
            return None
        if unsupported is not None:
            return None
        platform.unlock(fd)
        return False
    finally:
        os.close(fd)

"""Where journals live: a parameter, then ``$OVELSE_JOURNAL_DIR``, then the user's data directory
(platformdirs: ``~/.local/share`` on Linux, ``~/Library/Application Support`` on macOS,
``%LOCALAPPDATA%`` on Windows — a folder only its owner can read on all three).

Here rather than in the session package so the start screen can look for journals without importing
the session engine."""

from __future__ import annotations

import os
from pathlib import Path

ENV_JOURNAL_DIR = "OVELSE_JOURNAL_DIR"
JOURNAL_SUFFIX = ".jsonl"


def default_journal_dir() -> Path:
    """``$OVELSE_JOURNAL_DIR`` if set, else ``<user data dir>/ovelse/journaler``."""
    env = os.environ.get(ENV_JOURNAL_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("ovelse", appauthor=False) / "journaler"


def resolve_journal_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """The journal directory to use: ``directory`` when given, else :func:`default_journal_dir`."""
    if directory is not None and str(directory).strip():
        return Path(directory).expanduser()
    return default_journal_dir()

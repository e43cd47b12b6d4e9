"""Where journals live: a parameter, then ``$OVELSE_JOURNAL_DIR``, then the user's data directory.

The rules live in :mod:`ovelse.platform.paths` (the start screen uses them without the engine)."""

from __future__ import annotations

from ovelse.platform.paths import ENV_JOURNAL_DIR, JOURNAL_SUFFIX, default_journal_dir, resolve_journal_dir

__all__ = ["ENV_JOURNAL_DIR", "JOURNAL_SUFFIX", "default_journal_dir", "resolve_journal_dir"]

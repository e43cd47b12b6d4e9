"""The scenario's fingerprint: a hash of its text, light enough to check a journal header without the model."""

from __future__ import annotations

import hashlib


def scenario_hash(text: str) -> str:
    """SHA-256 of the scenario text as the author wrote it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

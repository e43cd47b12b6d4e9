"""Status changes made in the register, exported back for the exercise: ``action_status`` events
(the session's ``ActionStatusChanged``: target, status, on, by, comment) in a sidecar file beside
the journal, with a SHA-256 of its content so that a changed file is noticed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select

from ovelse import __version__
from ovelse.register.errors import RegisterError
from ovelse.register.queries import status_events
from ovelse.register.store import Register
from ovelse.register.tables import exercises

SIDECAR_KIND = "ovelse-tiltaksstatus"
SIDECAR_FORMAT = 1


def _digest(events: list[dict[str, Any]]) -> str:
    blob = json.dumps(events, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def sidecar(register: Register, journal_id: str) -> dict[str, Any]:
    """The sidecar document for the exercise with ``journal_id``."""
    events = status_events(register, journal_id)
    with register.read() as conn:
        marking = conn.execute(
            select(exercises.c.marking).where(exercises.c.journal_id == journal_id, exercises.c.current)
        ).scalar_one_or_none()
    return {
        "kind": SIDECAR_KIND,
        "format": SIDECAR_FORMAT,
        "generator": f"ovelse {__version__}",
        "journal_id": journal_id,
        "marking": marking,
        "events": events,
        "sha256": _digest(events),
    }


def sidecar_bytes(register: Register, journal_id: str) -> tuple[bytes, bool]:
    """The sidecar as bytes, and whether it must be owner-only (exempt material)."""
    doc = sidecar(register, journal_id)
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), doc["marking"] is not None


def read_sidecar(data: bytes, name: str) -> list[dict[str, Any]]:
    """The events of a sidecar, checked against its digest (RegisterError REG030 otherwise)."""
    try:
        doc = json.loads(data)
        ok = doc.get("kind") == SIDECAR_KIND and doc.get("format") == SIDECAR_FORMAT
        events = doc["events"] if ok else None
        ok = ok and isinstance(events, list) and doc.get("sha256") == _digest(events)
    except (ValueError, AttributeError, KeyError, TypeError):
        ok = False
    if not ok:
        raise RegisterError("REG030", file=name)
    return list(doc["events"])

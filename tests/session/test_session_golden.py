"""Old journals (format 1, written before heartbeats, room views, the hash chain and pause causes) still
open, replay to the same state, and export.

The golden journals under ``golden/`` were written by the engine as it was before these changes; the
``*.state.json`` files hold a summary of the state that engine replayed from them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ovelse.session import ExerciseState, load_journal

GOLDEN = Path(__file__).resolve().parent / "golden"
JOURNALS = sorted(GOLDEN.glob("format1-*.jsonl"))
UPDATE = os.environ.get("OVELSE_UPDATE_GOLDEN") == "1"


def summary(state: ExerciseState) -> dict[str, Any]:
    """What a report is built from, in plain JSON (only fields that existed in format 1)."""
    return {
        "last_seq": state.last_seq,
        "elapsed": state.elapsed,
        "current_node": state.current_node,
        "flags": sorted(state.flags),
        "path": [[s.seq, s.node_id, s.via, s.at.isoformat(), s.elapsed, s.choice] for s in state.path],
        "participants": [
            [p.id, p.name, p.organisation, p.roles, p.retracted] for p in state.participants.values()
        ],
        "log": [
            [
                e.seq,
                e.type,
                e.node_id,
                e.current.model_dump(mode="json", exclude={"chain"}),
                [c.seq for c in e.corrections],
                e.retraction.seq if e.retraction else None,
            ]
            for e in state.log
        ],
        "pauses": [
            [p.seq, p.at.isoformat(), p.elapsed, p.reason, p.resumed_seq, p.wall_seconds]
            for p in state.pauses
        ],
        "reopenings": [[r.seq, r.gap] for r in state.reopenings],
        "ended": state.ended.seq if state.ended else None,
    }


@pytest.mark.parametrize("path", JOURNALS, ids=lambda p: p.stem)
def test_old_journal_replays_to_the_same_state(path: Path):
    got = summary(load_journal(path).state)
    expected_file = path.with_suffix(".state.json")
    if UPDATE:
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))

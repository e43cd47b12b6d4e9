"""Fixtures for the room's view tests (helpers live in ``room_helpers.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from room_helpers import Writer
from room_scenarios import ROOM


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "rom-test.yaml"
    path.write_text(ROOM, encoding="utf-8")
    return path


@pytest.fixture
def writer(tmp_path: Path, scenario_file: Path):
    started: list[Writer] = []

    def start(*args: str) -> Writer:
        w = Writer(*(args or (str(tmp_path / "journaler"), str(scenario_file))))
        started.append(w)
        return w

    yield start
    for w in started:
        w.stop()

"""Fixtures for the session engine tests: a fake clock, a journal directory, a running session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from session_scenarios import BRANCHING

from ovelse.session import FakeClock, Session


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    return tmp_path / "journaler"


@pytest.fixture
def session(journal_dir: Path, clock: FakeClock):
    s = Session.create(
        BRANCHING,
        "test.yaml",
        {"facilitator": "Kari Nordmann", "place": "Kommunestyresalen"},
        journal_dir=journal_dir,
        clock=clock,
    )
    yield s
    s.close(pause=False)


def journal_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()

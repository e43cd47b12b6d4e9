"""Fixtures for the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_script import run_exercise


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return run_exercise(tmp_path / "journaler")

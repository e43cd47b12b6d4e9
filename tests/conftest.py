"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start screen's listing cache (ovelse.bundled) goes to a folder of this test run, not ~/.cache."""
    monkeypatch.setenv("OVELSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))

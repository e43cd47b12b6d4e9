"""A plain (non-editable) install ships the bundled scenarios and the starter as package data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_bundled_scenarios(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 and "No matching distribution" in proc.stderr:
        pytest.skip("byggeverktøyet (hatchling) kan ikke lastes ned her")
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("ovelse-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for scenario in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert f"ovelse/bundled/{scenario.name}" in names
    assert "ovelse/scenario/starter.yaml" in names

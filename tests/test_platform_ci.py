"""The hosted CI workflow runs the README's test command on Linux, Windows and macOS."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Kom i gang", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)[1]


def test_matrix_covers_three_systems_and_three_pythons():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    matrix = jobs["tests"]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    assert jobs["tests"]["strategy"]["fail-fast"] is False


def test_workflow_runs_the_readme_command_word_for_word():
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["tests"]["steps"]
    commands = [step.get("run", "").strip() for step in steps]
    assert _readme_test_command() in commands


def test_ci_script_and_readme_agree_and_run_in_parallel():
    command = _readme_test_command()
    assert "-n auto" in command  # pytest-xdist: the suite a contributor runs stays short
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")

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


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def test_matrix_covers_three_systems_and_three_pythons():
    jobs = _jobs()
    linux, other = jobs["linux"], jobs["windows-macos"]
    assert linux["runs-on"] == "ubuntu-latest"
    assert set(other["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    for job in (linux, other):
        assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
        assert job["strategy"]["fail-fast"] is False


def test_workflow_runs_the_readme_command_word_for_word():
    for name in ("linux", "windows-macos"):
        commands = [step.get("run", "").strip() for step in _jobs()[name]["steps"]]
        assert _readme_test_command() in commands, name


def test_postgresql_runs_on_linux_and_is_turned_off_out_loud_elsewhere():
    jobs = _jobs()
    service = jobs["linux"]["services"]["postgres"]
    url = jobs["linux"]["env"]["OVELSE_TEST_POSTGRES_URL"]
    assert url.startswith("postgresql://") and service["env"]["POSTGRES_PASSWORD"] in url
    assert "5432:5432" in service["ports"] and "pg_isready" in service["options"]
    assert jobs["windows-macos"]["env"]["OVELSE_TEST_POSTGRES_URL"] == "none"
    assert "services" not in jobs["windows-macos"]  # service containers run only on Linux runners


def test_linux_installs_every_program_that_may_not_skip_there():
    """On Linux CI (CI=true) the tests for tmux, faketime, Chromium, LibreOffice, poppler, Pango and Graphviz fail
    instead of skipping (tests/system_tools.py), so the Linux job must install all of them."""
    steps = _jobs()["linux"]["steps"]
    installs = " ".join(step.get("run", "") for step in steps)
    for package in (
        "graphviz",
        "tmux",
        "faketime",
        "poppler-utils",
        "libpango-1.0-0",
        "libreoffice-writer-nogui",
    ):
        assert package in installs, package
    chrome = [s for s in steps if str(s.get("uses", "")).startswith("browser-actions/setup-chrome")]
    assert chrome and "OVELSE_CHROMIUM" in installs
    other = " ".join(step.get("run", "") for step in _jobs()["windows-macos"]["steps"])
    assert "tmux" not in other and "libreoffice" not in other  # those tests skip there, with the reason


def test_ci_script_and_readme_agree_and_run_in_parallel():
    command = _readme_test_command()
    assert "-n auto" in command  # pytest-xdist: the suite a contributor runs stays short
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_a_missing_program_skips_except_on_linux_ci(monkeypatch):
    import importlib
    import sys

    import system_tools

    try:
        for ci, platform, skips in (("true", "linux", False), ("true", "win32", True), ("", "linux", True)):
            monkeypatch.setenv("CI", ci)
            monkeypatch.setattr(sys, "platform", platform)
            importlib.reload(system_tools)
            mark = system_tools.needs("ovelse-finnes-ikke-program")
            assert mark.args[0] is skips, (ci, platform)
            assert "ovelse-finnes-ikke-program er ikke installert" in mark.kwargs["reason"]
    finally:
        monkeypatch.undo()
        importlib.reload(system_tools)

"""Bad and hostile input: capped findings, one parse, Norwegian text with positions, editor line numbers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ovelse.i18n import use_language
from ovelse.scenario import safeyaml
from ovelse.scenario.diagnostics import MAX_PER_CODE
from ovelse.scenario.loader import load_scenario_text, refuse_to_run

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "diagnostics"
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")


def _english(text: str) -> bool:
    words = ("Unable", "found ", "expected", "Input should", "could not", "while ", "parse")
    return any(w in text for w in words)


def test_a_million_duplicate_keys_are_refused_with_a_bounded_report():
    text = "a: 1\n" * 1_000_000  # 5 MB, two million elements
    result = load_scenario_text(text, "dup.yaml")
    assert len(result.findings) <= MAX_PER_CODE + 2
    assert {f.code for f in result.findings} <= {"OV009", "OV010", "OV014"}
    assert result.scenario is None


def test_duplicate_keys_below_the_element_limit_are_capped_with_a_summary_line():
    text = VALID.replace("  summary: Kort test.\n", "  summary: Kort test.\n" + "  summary: igjen\n" * 20_000)
    result = load_scenario_text(text, "dup.yaml")
    dups = [f for f in result.findings if f.code == "OV010"]
    assert len(dups) == MAX_PER_CODE
    (summary,) = [f for f in result.findings if f.code == "OV014"]
    assert summary.count == 20_000 - MAX_PER_CODE and summary.of_code == "OV010"
    assert result.counts()["error"] == 20_000
    assert "19\u00a0950" in summary.message
    assert (dups[0].line, dups[0].column) == (7, 3)
    assert dups[0].hint.startswith("første forekomst er på linje 6")


def test_capping_applies_to_model_findings_too():
    nodes = "".join(f"  - id: n{i}\n    tittel: x\n" for i in range(300))
    text = VALID.split("nodes:\n")[0] + "nodes:\n" + nodes
    result = load_scenario_text(text, "mange.yaml")
    codes = [f.code for f in result.findings]
    assert codes.count("OV102") == MAX_PER_CODE and codes.count("OV101") == MAX_PER_CODE
    assert result.counts()["error"] == 600
    assert {f.of_code for f in result.findings if f.code == "OV014"} == {"OV101", "OV102"}


def test_a_two_million_item_list_is_refused_at_the_element_limit():
    result = load_scenario_text("- 1\n" * 2_000_000, "liste.yaml")
    (finding,) = result.findings
    assert finding.code == "OV009"
    assert finding.line == safeyaml.MAX_ELEMENTS  # the first element past the limit


def test_the_file_is_parsed_once(monkeypatch):
    calls = []
    real = safeyaml.load_yaml

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("ovelse.scenario.loader.load_yaml", counting)
    text = VALID.replace("next: b", "next: bb").replace("text: Ferdig.", 'text: "Ferdig. TODO \\e[2J"')
    result = load_scenario_text(text, "x.yaml")
    assert {"OV202", "OV215", "OV218"} <= {f.code for f in result.findings}
    assert len(calls) == 1
    assert all(f.line is not None for f in result.findings)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_yaml_only_line_breaks_do_not_shift_line_numbers(separator):
    text = VALID.replace("title: Første", f'title: "Før{separator}ste"').replace("next: b", "next: bb")
    (finding,) = [f for f in load_scenario_text(text, "x.yaml").findings if f.code == "OV202"]
    assert (finding.line, finding.column) == (20, 11)  # what an editor shows


def test_yaml_only_line_break_in_a_syntax_error_keeps_the_editor_line():
    text = f'a: "x{chr(0x2028)}y"\nb: [1, 2\nc: 3\n'
    (finding,) = load_scenario_text(text, "x.yaml").findings
    assert finding.code == "OV005"
    assert finding.line == 3


@pytest.mark.parametrize(
    ("snippet", "code", "words"),
    [
        ('  summary: "a\\uD800"\n', "OV005", "Unicode-escape"),
        ('  summary: "a\\q"\n', "OV005", "escape-tegn"),
        ("  summary: S\n  duration_minutes: " + "9" * 5000 + "\n", "OV103", "altfor stort tall"),
        ("  summary: S\n  duration_minutes: 1.5\n", "OV103", "heltall"),
        ("  summary: S\n  duration_minutes: [1]\n", "OV103", "heltall"),
        ("  summary: S\n  sensitivity: {level: exempt}\n", "OV106", "legal_basis"),
    ],
)
def test_library_messages_come_out_norwegian_with_a_position(snippet, code, words):
    text = VALID.replace("  summary: Kort test.\n", snippet)
    findings = load_scenario_text(text, "x.yaml").findings
    (finding,) = [f for f in findings if f.code == code]
    assert words in finding.message
    assert finding.line is not None and finding.column is not None
    assert not _english(finding.message) and not _english(finding.hint)


def test_unknown_field_that_exists_elsewhere_is_not_suggested_as_itself():
    text = VALID.replace(
        "    text: Ferdig.\n", "    text: Ferdig.\n    questions:\n      - text: Hva nå?\n        id: q1\n"
    )
    (finding,) = [f for f in load_scenario_text(text, "x.yaml").findings if f.code == "OV102"]
    assert "«id»" in finding.message
    assert "mente du «id»" not in finding.hint
    assert "hører ikke hjemme" in finding.hint


def test_messages_render_in_nynorsk():
    text = VALID.replace("next: b", "next: bb")
    with use_language("nn"):
        (finding,) = [f for f in load_scenario_text(text, "x.yaml").findings if f.code == "OV202"]
        shown = finding.format_text()
    assert "ikkje" in finding.message
    assert shown.split("\n")[1].startswith("  tips: ")


def test_refusal_for_a_broken_file_and_none_for_a_good_one(tmp_path):
    good = tmp_path / "god.yaml"
    good.write_text(VALID, encoding="utf-8")
    assert refuse_to_run(good) is None
    bad = tmp_path / "\x1b[2Jfeil.yaml"
    bad.write_text("a: 1\n" * 5000, encoding="utf-8")
    refusal = refuse_to_run(bad, limit=5)
    assert refusal is not None and len(refusal.shown) == 5
    lines = refusal.lines()
    assert "\x1b" not in "\n".join(lines)
    assert lines[-2].startswith("… og ")
    assert "ovelse validate" in lines[-1]


def test_run_refuses_a_hostile_scenario_in_the_terminal_without_starting_the_app(tmp_path):
    bad = tmp_path / "dup.yaml"
    bad.write_text("a: 1\n" * 200_000, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OVELSE_JOURNAL_DIR": str(tmp_path / "j")}
    proc = subprocess.run(
        [sys.executable, "-m", "ovelse", "run", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1
    assert proc.stderr.count(": error[") == 20
    assert "scenarioet har feil" in proc.stderr
    assert not (tmp_path / "j").exists()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ovelse", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_validate_prints_what_the_exploration_covered():
    proc = _cli("validate", str(FIXTURES / "OV224.yaml"))
    assert proc.returncode == 0
    assert "utforsket 5 tilstander: 3/4 noder, 4/5 valg mulige" in proc.stderr
    data = __import__("json").loads(_cli("validate", "--format", "json", str(FIXTURES / "OV224.yaml")).stdout)
    coverage = data["files"][0]["statistics"]["coverage"]
    assert coverage["exhaustive"] and coverage["nodes_reached"] == 3 and coverage["choices_total"] == 5


def test_validate_summary_counts_the_findings_not_shown(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("a: 1\n" * 1000, encoding="utf-8")
    proc = _cli("validate", str(path))
    assert proc.returncode == 1
    assert proc.stdout.count("error[OV010]") == MAX_PER_CODE
    assert "info[OV014]: … og 949 funn til med koden OV010" in proc.stdout
    assert "FEIL – 1003 feil" in proc.stderr  # 999 duplicates + 4 missing required fields, not the 54 shown

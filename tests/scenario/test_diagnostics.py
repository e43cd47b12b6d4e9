"""One fixture per diagnostic code: code, severity, line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ovelse.scenario import safeyaml
from ovelse.scenario.diagnostics import CODES
from ovelse.scenario.loader import load_scenario, load_scenario_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diagnostics"

# code -> (severity, line, column) of the finding the fixture file OVxxx.yaml must produce.
EXPECTED = {
    "OV003": ("error", 6, 13),
    "OV004": ("error", 1, 1),
    "OV005": ("error", 13, 7),
    "OV006": ("error", 17, 1),
    "OV007": ("error", 1, 67),
    "OV008": ("error", 6, 26),
    "OV010": ("error", 23, 5),
    "OV011": ("error", 1, 1),
    "OV012": ("error", 25, 1),
    "OV013": ("error", 6, 12),
    "OV101": ("error", 3, 3),
    "OV102": ("error", 24, 5),
    "OV103": ("error", 7, 21),
    "OV104": ("error", 21, 9),
    "OV105": ("error", 16, 11),
    "OV106": ("error", 8, 5),
    "OV107": ("error", 8, 12),
    "OV108": ("warning", 7, 13),
    "OV201": ("error", 21, 9),
    "OV202": ("error", 20, 11),
    "OV203": ("warning", 25, 9),
    "OV204": ("error", 21, 5),
    "OV205": ("error", 29, 9),
    "OV206": ("error", 21, 5),
    "OV207": ("warning", 21, 7),
    "OV208": ("warning", 23, 26),
    "OV209": ("warning", 23, 15),
    "OV210": ("error", 18, 23),
    "OV211": ("error", 19, 22),
    "OV212": ("warning", 10, 9),
    "OV213": ("warning", 11, 24),
    "OV214": ("warning", 21, 5),
    "OV215": ("info", 23, 11),
    "OV216": ("warning", 23, 15),
    "OV217": ("error", 13, 11),
    "OV218": ("warning", 23, 11),
    "OV219": ("warning", 8, 14),
    "OV220": ("warning", 24, 15),
    "OV221": ("warning", 7, 21),
    "OV222": ("warning", 10, 9),
    "OV223": ("warning", 35, 15),
    "OV224": ("warning", 42, 9),
}


def test_valid_fixture_is_clean():
    result = load_scenario(FIXTURES / "valid.yaml")
    assert result.findings == []
    assert result.scenario is not None


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_fixture_reports_code_at_position(code):
    severity, line, column = EXPECTED[code]
    result = load_scenario(FIXTURES / f"{code}.yaml")
    matching = [f for f in result.findings if f.code == code]
    assert matching, [f.format_text() for f in result.findings]
    finding = matching[0]
    assert (finding.severity, finding.line, finding.column) == (severity, line, column), finding.format_text()
    assert finding.message and finding.file.endswith(f"{code}.yaml")
    if severity == "error":
        assert result.scenario is None


def test_every_code_has_a_fixture_or_a_test():
    tested_elsewhere = {"OV001", "OV002", "OV009", "OV014", "OV225"}
    assert set(CODES) == set(EXPECTED) | tested_elsewhere


def test_every_code_is_documented_with_an_example():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code in CODES:
        section = doc.split(f"## {code}", 1)
        assert len(section) == 2, f"{code} mangler i docs/diagnostics.md"
        assert "```" in section[1].split("\n## ", 1)[0], f"{code} mangler eksempel"


def test_missing_file_is_ov001(tmp_path):
    result = load_scenario(tmp_path / "finnes-ikke.yaml")
    assert [f.code for f in result.findings] == ["OV001"]


def test_directory_is_ov001(tmp_path):
    assert [f.code for f in load_scenario(tmp_path).findings] == ["OV001"]


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * 2048 + b"\n")
    monkeypatch.setattr(safeyaml, "MAX_BYTES", 1024)
    result = load_scenario(path)
    assert [f.code for f in result.findings] == ["OV002"]


def test_too_many_elements_is_ov009(monkeypatch):
    monkeypatch.setattr(safeyaml, "MAX_ELEMENTS", 50)
    text = "a:\n" + "".join(f"  - [x{i}]\n" for i in range(100))
    result = load_scenario_text(text, "mange.yaml")
    assert [f.code for f in result.findings] == ["OV009"]


def test_findings_are_all_collected_not_just_the_first():
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("next: b", "next: bb").replace(
        "roles: [ordforer]\n    objectives", "roles: [x]\n    objectives"
    )
    text = text.replace("    text: Ferdig.\n", "    text: Ferdig.\n    ukjent: 1\n")
    result = load_scenario_text(text, "mange-feil.yaml")
    codes = {f.code for f in result.findings}
    assert {"OV102"} <= codes  # model errors stop the graph checks for that file
    result2 = load_scenario_text(text.replace("    ukjent: 1\n", ""), "mange-feil.yaml")
    assert {"OV202", "OV210"} <= {f.code for f in result2.findings}


def test_text_format_has_position_code_and_hint():
    result = load_scenario(FIXTURES / "OV202.yaml")
    text = result.findings[0].format_text()
    first, hint = text.split("\n")
    assert first.endswith("error[OV202]: «next» viser til noden «bb», som ikke finnes")
    assert ":20:11: " in first
    assert hint.startswith("  tips: ")


def test_control_characters_in_author_text_are_shown_escaped_not_sent_to_the_terminal():
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace("next: b", 'next: "b\\e[2J"')
    finding = next(f for f in load_scenario_text(text, "esc.yaml").findings if f.code == "OV104")
    out = finding.format_text()
    assert "\x1b" not in out
    assert "b\\x1b[2J" in out


def test_nul_byte_is_a_positioned_syntax_error():
    (finding,) = load_scenario_text('format: 1\nmeta:\n  title: "a\x00b"\n', "nul.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("OV005", 3, 12)
    assert "U+0000" in finding.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Windows has no FIFOs (named pipes in the file system)")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "rør.yaml"
    os.mkfifo(fifo)
    assert [f.code for f in load_scenario(fifo).findings] == ["OV001"]


def test_an_ordered_sami_translation_lowers_ov220_to_info_and_says_so():
    """``meta.translation_pending: [se]``: the gap is known (the translation is ordered), so strict passes;
    the finding stays, as info, and says why, and the room still shows «samisk tekst mangler»."""
    text = (FIXTURES / "OV220.yaml").read_text(encoding="utf-8")
    pending = text.replace("  languages: [nb, se]\n", "  languages: [nb, se]\n  translation_pending: [se]\n")
    assert pending != text
    before = load_scenario_text(text, "ov220.yaml")
    after = load_scenario_text(pending, "ov220.yaml")
    assert {f.severity for f in before.findings if f.code == "OV220"} == {"warning"}
    gaps = [f for f in after.findings if f.code == "OV220"]
    assert len(gaps) == len([f for f in before.findings if f.code == "OV220"])
    assert {f.severity for f in gaps} == {"info"}
    assert all("oversettelse er bestilt" in f.message for f in gaps)
    assert not before.ok(strict=True) and after.ok(strict=True)
    assert after.scenario is not None and after.scenario.meta.sami_pending

    from ovelse.room.render import item_blocks
    from ovelse.room.snapshot import node_item

    node = after.scenario.node_map[after.scenario.start]
    blocks = item_blocks(node_item(node, frozenset()), sami=True)
    assert any(b.se_missing for b in blocks)


def test_translation_pending_without_sami_in_the_room_changes_nothing():
    text = (FIXTURES / "OV220.yaml").read_text(encoding="utf-8")
    nb_only = text.replace("  languages: [nb, se]\n", "  translation_pending: [se]\n")
    result = load_scenario_text(nb_only, "ov220.yaml")
    assert result.scenario is not None and not result.scenario.meta.sami_pending
    assert [f for f in result.findings if f.code == "OV220"] == []

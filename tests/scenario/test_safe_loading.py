"""Hostile and tricky YAML: limits, YAML 1.1 typing traps, encodings."""

from __future__ import annotations

import tracemalloc

import pytest

from ovelse.scenario.diagnostics import FatalLoadError
from ovelse.scenario.loader import load_scenario, load_scenario_bytes, load_scenario_text
from ovelse.scenario.safeyaml import load_yaml

MINIMAL = """\
format: 1
meta:
  id: t
  title: T
  municipality: K
  summary: S
start: a
nodes:
  - id: a
    title: A
    time: {time}
    text: {text}
    end: true
"""


def _codes(text: str) -> list[str]:
    return [f.code for f in load_scenario_text(text, "x.yaml").findings]


def test_alias_bomb_fails_fast_without_eating_memory():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    assert len(bomb) < 1000
    tracemalloc.start()
    with pytest.raises(FatalLoadError) as exc:
        load_yaml(bomb, "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert exc.value.finding.code == "OV008"
    assert peak < 5_000_000


def test_many_aliases_refused():
    text = "a: &x 1\nb: [" + ",".join(["*x"] * 1500) + "]\n"
    with pytest.raises(FatalLoadError) as exc:
        load_yaml(text)
    assert exc.value.finding.code == "OV008"


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_nesting_does_not_crash(opener):
    text = opener * 50_000
    assert _codes(text) == ["OV007"]


def test_deep_block_nesting_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    assert _codes(text) == ["OV007"]


@pytest.mark.parametrize(
    ("written", "kept"),
    [("12:30", "12:30"), ("D+1 14:00", "D+1 14:00"), ("'08:00'", "08:00")],
)
def test_times_keep_exactly_what_the_author_wrote(written, kept):
    result = load_scenario_text(MINIMAL.format(time=written, text="x"), "t.yaml")
    assert result.findings == []
    assert result.scenario.nodes[0].time == kept


@pytest.mark.parametrize(
    "word", ["NO", "no", "yes", "on", "off", "2024-05-01", "0o17", "1e3", "0x1F", ".inf", "~x"]
)
def test_yaml11_implicit_types_do_not_corrupt_text(word):
    result = load_scenario_text(MINIMAL.format(time='"D"', text=word), "t.yaml")
    assert result.scenario is not None, [f.format_text() for f in result.findings]
    assert result.scenario.nodes[0].text == word


def test_ids_that_look_like_numbers_or_booleans_stay_text():
    text = MINIMAL.format(time='"D"', text="x").replace("id: a", "id: 010").replace("start: a", "start: 010")
    text = text.replace("  id: t\n", "  id: no\n")
    result = load_scenario_text(text, "t.yaml")
    assert result.findings == []
    assert result.scenario.start == "010" and result.scenario.nodes[0].id == "010"
    assert result.scenario.meta.id == "no"


def test_non_utf8_reports_position():
    raw = MINIMAL.format(time='"D"', text="Bl\xe5b\xe6r").encode("latin-1")
    result = load_scenario_bytes(raw, "latin.yaml")
    (finding,) = result.findings
    assert finding.code == "OV003"
    assert (finding.line, finding.column) == (12, 13)


def test_utf8_bom_is_accepted():
    raw = "\ufeff".encode() + MINIMAL.format(time='"D"', text="Blåbær").encode()
    assert load_scenario_bytes(raw, "bom.yaml").findings == []


def test_utf16_is_refused():
    raw = MINIMAL.format(time='"D"', text="x").encode("utf-16")
    assert [f.code for f in load_scenario_bytes(raw, "u16.yaml").findings] == ["OV003"]


@pytest.mark.parametrize("text", ["", "   \n", "# bare en kommentar\n", "~\n"])
def test_empty_documents(text):
    assert _codes(text) == ["OV004"]


@pytest.mark.parametrize(("text", "code"), [("- a\n- b\n", "OV011"), ("bare tekst\n", "OV011")])
def test_top_level_must_be_mapping(text, code):
    assert _codes(text) == [code]


def test_tab_indentation_has_position():
    (finding,) = load_scenario_text("meta:\n\tid: x\n", "tab.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("OV006", 2, 1)


def test_duplicate_keys_all_reported():
    text = MINIMAL.format(time='"D"', text="x") + "start: a\nformat: 1\n"
    findings = load_scenario_text(text, "dup.yaml").findings
    assert [(f.code, f.line) for f in findings if f.code == "OV010"] == [("OV010", 14), ("OV010", 15)]


def test_merge_key_refused():
    assert _codes("a: &a {x: 1}\nb:\n  <<: *a\n") == ["OV013"]


def test_markup_and_escapes_in_text_are_kept_literally():
    nasty = '"[bold red]x[/] \\e[31m <script>"'
    result = load_scenario_text(MINIMAL.format(time='"D"', text=nasty), "t.yaml")
    assert result.scenario.nodes[0].text == "[bold red]x[/] \x1b[31m <script>"


def test_file_path_loading_matches_text_loading(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.format(time='"D+1 08:00"', text="Hei"), encoding="utf-8")
    result = load_scenario(path)
    assert result.findings == [] and result.scenario.nodes[0].time == "D+1 08:00"
    assert len(result.content_hash) == 64

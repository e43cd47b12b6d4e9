"""Dreiebok and handout: what each holds, the time plan, marking, safety, the CLI, golden files."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import time
from pathlib import Path

import pytest
import yaml
from system_tools import file_mode

from ovelse import cli, i18n
from ovelse.authoring.command import render
from ovelse.authoring.dreiebok import build_dreiebok
from ovelse.authoring.plan import plan
from ovelse.bundled import bundled_files
from ovelse.i18n import use_language
from ovelse.report.layout import plain_text
from ovelse.report.markdown import render_markdown
from ovelse.scenario.loader import load_scenario, load_scenario_text
from ovelse.scenario.model import Scenario

HERE = Path(__file__).parent
FIXTURE = HERE.parent / "report" / "scenario.yaml"
GOLDEN = HERE / "golden"
MARKING = "Unntatt offentlighet, jf. offl. § 24 tredje ledd"


def _scenario(path: Path = FIXTURE) -> Scenario:
    result = load_scenario(path)
    assert result.scenario is not None, [f.format_text() for f in result.findings]
    return result.scenario


def _from_data(data: dict) -> Scenario:
    result = load_scenario_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "test.yaml")
    assert result.scenario is not None, [f.format_text() for f in result.findings]
    return result.scenario


def _markdown(scenario: Scenario, **kwargs: object) -> str:
    with use_language(scenario.meta.language):
        return render_markdown(build_dreiebok(scenario, **kwargs))  # type: ignore[arg-type]


def _all_text(scenario: Scenario, handout: bool) -> str:
    doc = build_dreiebok(scenario, handout=handout)
    parts: list[str] = []
    for block in doc.blocks:
        for name in ("runs",):
            if hasattr(block, name):
                parts.append(plain_text(getattr(block, name)))
        if hasattr(block, "text"):
            parts.append(block.text)
        if hasattr(block, "items"):
            for item in block.items:
                parts.append(plain_text(item.runs))
                parts.extend(plain_text(s) for s in item.sub)
        if hasattr(block, "rows"):
            for row in block.rows:
                parts.extend(plain_text(cell) for cell in row)
    return "\n".join(parts)


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.stem)
def test_handout_holds_nothing_facilitator_only(path):
    scenario = _scenario(path)
    text = _all_text(scenario, handout=True)
    secret = []
    for item in [*scenario.nodes, *scenario.injects]:
        if item.facilitator_notes:
            secret.append(item.facilitator_notes)
        secret.extend(q.text for q in item.questions)
        secret.extend(m.text for m in item.messages)
    for node in scenario.nodes:
        secret.extend(node.prompts)
        secret.extend(c.label for c in node.choices)
    leaked = [s for s in secret if s.strip() and s.strip() in text]
    assert leaked == []
    assert scenario.meta.title in text
    for entry in scenario.backstory:
        assert entry.text.strip() in text


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.stem)
def test_dreiebok_holds_every_innspill_note_prompt_and_choice(path):
    scenario = _scenario(path)
    text = _all_text(scenario, handout=False)
    for node in scenario.nodes:
        assert node.title in text
        if node.facilitator_notes:
            assert node.facilitator_notes.strip() in text
        for prompt in node.prompts:
            assert prompt.strip() in text
        for choice in node.choices:
            assert choice.label in text
    for inject in scenario.injects:
        assert inject.title in text


def test_time_plan_counts_from_the_start():
    scenario = _scenario()
    p = plan(scenario, time(9, 0))
    assert [n.node.id for n in p.nodes][:2] == ["varsel", "stab"]
    assert p.nodes[0].clock == time(9, 0)
    assert p.nodes[1].clock == time(9, 15)  # varsel takes 15 minutes
    assert p.evaluation_clock is not None
    assert p.total_minutes == p.evaluation_offset + scenario.meta.evaluation_minutes
    md = _markdown(scenario, start=time(9, 0))
    assert "| 09:15 |" in md


def test_over_budget_plan_is_flagged():
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["meta"]["duration_minutes"] = 30
    scenario = _from_data(data)
    assert plan(scenario).over_budget > 0
    assert "over tida" in _markdown(scenario)


def test_exempt_scenario_is_marked_and_written_private(tmp_path, monkeypatch):
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["meta"]["sensitivity"] = {"level": "exempt", "legal_basis": "offl. § 24 tredje ledd"}
    source = tmp_path / "hemmelig.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for fmt in ("md", "html", "docx"):
        assert cli.main(["dreiebok", str(source), "--format", fmt]) == 0
        out = tmp_path / f"hemmelig-dreiebok.{fmt}"
        if os.name == "posix":
            assert file_mode(out) in (0o600, None)
        data_bytes = out.read_bytes()
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(data_bytes)) as docx:
                header_xml = "".join(
                    docx.read(n).decode() for n in docx.namelist() if n.startswith("word/header")
                )
            assert MARKING in header_xml
        else:
            assert MARKING in data_bytes.decode()
    assert cli.main(["dreiebok", str(source), "--deltakere", "--format", "md"]) == 0
    assert (tmp_path / "hemmelig-deltakere.md").read_text(encoding="utf-8").startswith(f"**{MARKING}**")


def test_scenario_text_is_never_interpreted():
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["meta"]["title"] = "<script>alert(1)</script> [bold]x[/bold] \x1b[31mrød"
    data["nodes"][0]["facilitator_notes"] = '*ikke kursiv* <b>ikke fet</b> =HYPERLINK("x")'
    scenario = _from_data(data)
    with use_language("nb"):
        doc = build_dreiebok(scenario)
        html = render("html", doc, __import__("datetime").datetime(2026, 12, 2)).decode()
        md = render_markdown(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>ikke fet</b>" not in html
    assert "\x1b" not in html and "\x1b" not in md
    assert "\\*ikke kursiv\\*" in md


def test_cli_refuses_bad_start_time_and_docx_to_stdout(capsys):
    assert cli.main(["dreiebok", str(FIXTURE), "--start", "25:99", "--format", "md", "-o", "-"]) == 2
    assert "starttid" in capsys.readouterr().err
    assert cli.main(["dreiebok", str(FIXTURE), "--format", "docx", "-o", "-"]) == 2
    assert "standard ut" in capsys.readouterr().err


def test_cli_refuses_a_broken_scenario(tmp_path, capsys):
    broken = tmp_path / "ødelagt.yaml"
    broken.write_text("meta: [\n", encoding="utf-8")
    assert cli.main(["dreiebok", str(broken), "--format", "md", "-o", "-"]) == 1
    err = capsys.readouterr().err
    assert "ovelse validate" in err and "Traceback" not in err


def test_existing_output_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "d.md"
    out.write_text("behold meg", encoding="utf-8")
    assert cli.main(["dreiebok", str(FIXTURE), "--format", "md", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "behold meg"
    assert cli.main(["dreiebok", str(FIXTURE), "--format", "md", "-o", str(out), "--force"]) == 0


def test_nynorsk_scenario_gives_a_nynorsk_dreiebok():
    bremanger = next(p for p in bundled_files() if p.stem == "damsabotasje-bremanger")
    scenario = _scenario(bremanger)
    assert scenario.meta.language == "nn"
    md = _markdown(scenario)
    assert "Dreiebok for øvingsleiar" in md
    assert "Dreiebok for øvingsleder" not in md
    assert i18n.current_language() == "nb"


def test_sami_room_shows_missing_text():
    nesseby = next(p for p in bundled_files() if p.stem == "krigsutflytting-ost-finnmark")
    md = _markdown(_scenario(nesseby))
    assert "Samisk tekst mangler" in md


@pytest.mark.parametrize(
    ("name", "language", "handout"),
    [("dreiebok.nb.md", "nb", False), ("deltakere.nb.md", "nb", True), ("dreiebok.nn.md", "nn", False)],
)
def test_golden_files(name, language, handout):
    scenario = _scenario()
    with use_language(language):
        md = render_markdown(build_dreiebok(scenario, start=time(9, 0), handout=handout))
    golden = GOLDEN / name
    if os.environ.get("OVELSE_UPDATE_GOLDEN"):
        golden.write_text(md, encoding="utf-8")
    assert md == golden.read_text(encoding="utf-8")

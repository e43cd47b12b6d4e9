"""The command line: exit codes, formats, and no traceback ever."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from system_tools import needs

from ovelse.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "diagnostics"
STARTER = ROOT / "ovelse" / "scenario" / "starter.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ovelse", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_validate_clean_file_exits_0(capsys):
    assert main(["validate", str(FIX / "valid.yaml")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "OK" in err


def test_validate_errors_exit_1_with_positions(capsys):
    assert main(["validate", str(FIX / "OV202.yaml")]) == 1
    out = capsys.readouterr().out
    assert "OV202.yaml:20:11: error[OV202]:" in out and "tips:" in out


def test_warnings_fail_only_under_strict(capsys):
    assert main(["validate", str(FIX / "OV203.yaml")]) == 0
    assert main(["validate", "--strict", str(FIX / "OV203.yaml")]) == 1
    # info findings never fail
    assert main(["validate", "--strict", str(FIX / "OV215.yaml")]) == 0


def test_unreadable_exits_2(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "nei.yaml")]) == 2
    assert main(["validate", str(FIX / "OV003.yaml")]) == 2


def test_usage_error_exits_2_in_norwegian():
    proc = run_cli("validate")
    assert proc.returncode == 2
    assert "feil:" in proc.stderr and "Traceback" not in proc.stderr


def test_several_files_collect_all(capsys):
    assert (
        main(["validate", "-q", str(FIX / "valid.yaml"), str(FIX / "OV210.yaml"), str(FIX / "OV211.yaml")])
        == 1
    )
    out = capsys.readouterr().out
    assert "OV210" in out and "OV211" in out


def test_json_format(capsys):
    assert main(["validate", "--format", "json", str(FIX / "OV202.yaml"), str(FIX / "valid.yaml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    first = data["files"][0]["findings"][0]
    assert {"code": "OV202", "line": 20, "column": 11, "severity": "error"}.items() <= first.items()
    assert data["files"][1]["findings"] == []
    assert data["files"][1]["statistics"]["nodes"] == 2


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIX.glob("*.yaml")))
def test_no_traceback_for_any_fixture(fixture):
    proc = run_cli("validate", str(FIX / fixture))
    assert proc.returncode in (0, 1, 2)
    assert "Traceback" not in proc.stderr + proc.stdout


def test_graph_mermaid_quotes_ids_and_marks_start_and_end(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        (FIX / "valid.yaml").read_text().replace("id: b", "id: end").replace("next: b", "next: end")
    )
    proc = run_cli("graph", str(scenario))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.splitlines()[3] == "flowchart TD"
    assert "START" in out and ":::slutt" in out
    assert '"Slutt<br/>(end)"' in out
    assert "\n    end --> " not in out and " --> end\n" not in out


@needs("dot", what="Graphviz (dot)")
def test_graph_dot_renders_with_graphviz(tmp_path):
    proc = run_cli("graph", "--format", "dot", str(STARTER))
    assert proc.returncode == 0
    assert 'label="Kriseledelsen settes straks\\n+kriseledelse_satt"' in proc.stdout
    svg = subprocess.run(["dot", "-Tsvg"], input=proc.stdout, capture_output=True, text=True, timeout=60)
    assert svg.returncode == 0, svg.stderr
    assert "<svg" in svg.stdout


def test_graph_of_broken_scenario_exits_1():
    proc = run_cli("graph", str(FIX / "OV202.yaml"))
    assert proc.returncode == 1 and "OV202" in proc.stderr


def test_schema_is_draft7_and_accepts_starter_and_bundled():
    proc = run_cli("schema")
    schema = json.loads(proc.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in [STARTER, *sorted((ROOT / "scenarios").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (path.name, errors[:3])


def test_committed_schema_is_current():
    proc = run_cli("schema")
    assert (ROOT / "docs" / "ovelse-scenario.schema.json").read_text(encoding="utf-8") == proc.stdout


def test_new_writes_valid_starter_and_refuses_overwrite(tmp_path):
    target = tmp_path / "ny.yaml"
    assert main(["new", str(target)]) == 0
    assert main(["validate", "--strict", str(target)]) == 0
    assert main(["new", str(target)]) == 1  # refused, like «export» without --force
    assert main(["new", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=ovelse-scenario.schema.json"
    )
    assert json.loads((tmp_path / "ovelse-scenario.schema.json").read_text(encoding="utf-8"))["$schema"]


def test_help_and_validate_do_not_import_textual():
    code = (
        "import sys, io, contextlib\n"
        "from ovelse.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        f"    main(['validate', {str(FIX / 'valid.yaml')!r}])\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_help_is_norwegian():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("bruk: ovelse")
    assert "vis denne hjelpeteksten" in proc.stdout


def test_roles_lists_catalogue(capsys):
    assert main(["roller"]) == 0
    out = capsys.readouterr().out
    assert "ordforer" in out and "Sivilforsvaret" in out and "Beredskapsråd:" in out


def test_role_texts_follow_the_domain_review(capsys):
    """Review 2026-12, findings 2 and 40: the ordfører's hastekompetanse only when given by the
    kommunestyret; Sivilforsvaret runs the sirens; NVE also supervises dams."""
    from ovelse.scenario.roles import CATALOGUE

    assert "dersom kommunestyret har gitt slik myndighet" in CATALOGUE["ordforer"].responsibility
    assert "tyfon" in CATALOGUE["sivilforsvaret"].responsibility
    assert "tilsyn med dammer" in CATALOGUE["nve"].responsibility


def test_graph_labels_never_carry_terminal_escapes(tmp_path):
    scenario = tmp_path / "esc.yaml"
    scenario.write_text(
        (FIX / "valid.yaml").read_text().replace("title: Slutt", 'title: "Slutt\\e[2J\\e[31m"')
    )
    for fmt in ("mermaid", "dot"):
        proc = run_cli("graph", "--format", fmt, str(scenario))
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and "Slutt" in proc.stdout


def test_output_to_missing_folder_is_a_norwegian_error(tmp_path):
    proc = run_cli("schema", "-o", str(tmp_path / "nei" / "s.json"))
    assert proc.returncode == 2
    assert "finnes ikke" in proc.stderr and "No such file" not in proc.stderr


def _descriptions(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "description" and isinstance(v, str)] + [
            d for k, v in node.items() if k != "description" for d in _descriptions(v)
        ]
    if isinstance(node, list):
        return [d for v in node for d in _descriptions(v)]
    return []


def test_schema_descriptions_are_norwegian_and_reach_nynorsk_users():
    """The editor shows these: Norwegian for every object type (not the models' English docstrings), and
    in nynorsk with ``--sprak nn`` (the bundled docs/ file stays bokmål)."""
    import ovelse.scenario.model as model
    from ovelse.i18n import use_language
    from ovelse.scenario.schema import scenario_schema

    docstrings = {
        (cls.__doc__ or "").strip()
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, model.BaseModel)
    }
    bokmal = _descriptions(scenario_schema())
    with use_language("nn"):
        nynorsk = _descriptions(scenario_schema())
    assert len(bokmal) == len(nynorsk) > 40
    assert not set(bokmal) & docstrings
    changed = sum(b != n for b, n in zip(bokmal, nynorsk, strict=True))
    assert changed >= 0.8 * len(bokmal)  # the rest read the same in both («Teksten på nordsamisk.»)
    assert "Et innspill (en fase) i øvelsen." in bokmal and "Eit innspel (ein fase) i øvinga." in nynorsk

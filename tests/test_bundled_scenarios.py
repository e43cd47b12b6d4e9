"""The bundled scenarios (scenarios/*.yaml) validate clean and meet the minimums of the scenario brief.

Parametrized over whatever files ``ovelse.bundled.bundled_files()`` finds, so files added later are
covered without touching this module.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ovelse.bundled import bundled_files
from ovelse.scenario.graph_export import to_dot
from ovelse.scenario.loader import load_scenario
from ovelse.scenario.model import Condition, Scenario
from ovelse.scenario.roles import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "ovelse" / "scenario" / "starter.yaml"
MODELINE = "# yaml-language-server: $schema=../docs/ovelse-scenario.schema.json"

FILES = bundled_files()


def test_there_are_bundled_scenarios() -> None:
    assert len(FILES) >= 1, "ingen scenariofiler i scenarios/"


def _load(path: Path) -> Scenario:
    result = load_scenario(path)
    assert result.scenario is not None, [f.message for f in result.findings]
    return result.scenario


def _findings_text(path: Path) -> list[str]:
    return [f"{f.line}:{f.column} {f.severity}[{f.code}] {f.message}" for f in load_scenario(path).findings]


def _reachable_from(scenario: Scenario, starts: list[str]) -> set[str]:
    """Node ids reachable from ``starts`` (inclusive) over ``next`` and choice targets."""
    seen: set[str] = set()
    stack = [s for s in starts if s in scenario.node_map]
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = scenario.node_map[node_id]
        targets = [c.target for c in node.choices] + ([node.next] if node.next else [])
        stack.extend(t for t in targets if t in scenario.node_map)
    return seen


def _conditions_in(scenario: Scenario, node_ids: set[str]) -> list[Condition]:
    """Every condition on choices and messages of the given nodes, plus all pool-inject conditions."""
    out: list[Condition] = []
    for node in scenario.nodes:
        if node.id in node_ids:
            out.extend(c.when for c in node.choices if c.when is not None)
            out.extend(m.when for m in node.messages if m.when is not None)
    for inject in scenario.injects:
        if inject.when is not None:
            out.append(inject.when)
        out.extend(m.when for m in inject.messages if m.when is not None)
    return out


ids = [p.name for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_validates_without_any_finding(path: Path) -> None:
    assert _findings_text(path) == []


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_starts_with_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_meta_language_and_sources(path: Path) -> None:
    scenario = _load(path)
    assert scenario.meta.language == "nb"
    assert scenario.meta.sources, "meta.sources er tom"
    assert all(s.title.strip() for s in scenario.meta.sources)
    assert scenario.meta.themes, "ingen Norge øver-temaer"
    assert scenario.meta.nato_baseline, "ingen NATO-grunnkrav"


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_backstory_and_pool(path: Path) -> None:
    scenario = _load(path)
    assert scenario.backstory and all(e.text.strip() for e in scenario.backstory)
    assert len(scenario.injects) >= 1, "ingen ekstra innspill i «injects»"


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_at_least_eight_nodes_each_complete(path: Path) -> None:
    scenario = _load(path)
    assert len(scenario.nodes) >= 8
    for node in scenario.nodes:
        assert node.time, f"{node.id}: mangler scenariotid"
        assert node.text.strip(), f"{node.id}: mangler tekst"
        assert 2 <= len(node.questions) <= 4, f"{node.id}: {len(node.questions)} spørsmål"
        assert all(q.roles for q in node.questions), f"{node.id}: spørsmål uten rolle"
        assert node.messages, f"{node.id}: ingen meldinger"
        assert node.facilitator_notes and node.facilitator_notes.strip(), (
            f"{node.id}: mangler øvingslederens notat"
        )


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_objectives_three_to_five_and_all_exercised(path: Path) -> None:
    scenario = _load(path)
    objective_ids = {o.id for o in scenario.objectives}
    assert 3 <= len(objective_ids) <= 5
    exercised = {oid for node in scenario.nodes for oid in node.objectives}
    assert objective_ids <= exercised, f"øves ikke: {sorted(objective_ids - exercised)}"


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_every_role_is_known(path: Path) -> None:
    scenario = _load(path)
    known = set(CATALOGUE) | {r.id for r in scenario.roles.custom}
    used = set(scenario.roles.required) | set(scenario.roles.optional)
    for item in [*scenario.nodes, *scenario.injects]:
        used.update(item.roles)
        for question in item.questions:
            used.update(question.roles)
        for message in item.messages:
            used.update(message.to)
    assert used <= known, f"ukjente roller: {sorted(used - known)}"
    assert scenario.roles.required, "ingen påkrevde roller"


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_two_decision_points_whose_flags_are_read_later(path: Path) -> None:
    scenario = _load(path)
    good: list[str] = []
    for node in scenario.nodes:
        if len({c.target for c in node.choices}) < 2:
            continue
        later = _reachable_from(scenario, [c.target for c in node.choices])
        read = set().union(*(c.flags() for c in _conditions_in(scenario, later)))
        if any(set(c.set) & read for c in node.choices):
            good.append(node.id)
    assert len(good) >= 2, f"beslutningspunkter med flagg som leses senere: {good}"


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_dot_output_renders_with_graphviz(path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz (dot) er ikke installert")
    text = to_dot(_load(path))
    proc = subprocess.run([dot, "-Tsvg"], input=text.encode("utf-8"), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"<svg" in proc.stdout


def test_starter_template_validates_clean() -> None:
    assert _findings_text(STARTER) == []

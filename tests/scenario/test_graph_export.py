"""Graph export a facilitator can read: conditions on edges, the inject pool aside, wrapped labels."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from system_tools import needs

from ovelse.scenario.graph_export import WRAP, condition_text, to_dot, to_mermaid
from ovelse.scenario.loader import load_scenario, load_scenario_text
from ovelse.scenario.model import Condition

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diagnostics"
POOL = """
injects:
  - id: x1
    title: Et svært langt ekstra innspill om strømbrudd på sykehjemmet
    text: Strømmen går.
  - id: x2
    title: Bare når evakuert
    text: Noe skjer.
    when: {all_of: [evakuert]}
"""


def _scenario():
    text = (FIXTURES / "OV223.yaml").read_text(encoding="utf-8") + POOL
    result = load_scenario_text(text, "g.yaml")
    assert result.scenario is not None
    return result.scenario


def test_conditional_edges_are_dashed_and_carry_their_condition():
    dot = to_dot(_scenario())
    conditional = [line for line in dot.splitlines() if "hvis evakuert og ventet" in line]
    assert len(conditional) == 1 and "style=dashed" in conditional[0]
    plain = [line for line in dot.splitlines() if 'label="Videre"' in line]
    assert plain and "dashed" not in plain[0]


def test_mermaid_draws_conditional_edges_dotted():
    mermaid = to_mermaid(_scenario())
    assert re.search(r'n1 -\.->\|"Begge deler<br/>hvis evakuert og ventet"\| n2', mermaid)
    assert re.search(r'n1 -->\|"Videre"\| n2', mermaid)


def test_extra_injects_sit_in_their_own_cluster_with_conditions():
    dot = to_dot(_scenario())
    cluster = dot.split("subgraph cluster_pool {", 1)[1].split("\n    }", 1)[0]
    assert "i0 [" in cluster and "i1 [" in cluster and "hvis evakuert" in cluster
    assert not re.search(r"\bi\d+ -> n", dot)  # the pool is not part of the story's flow
    mermaid = to_mermaid(_scenario())
    assert 'subgraph pool["Ekstra innspill' in mermaid and "i1[[" in mermaid


def test_labels_are_wrapped():
    dot = to_dot(_scenario())
    labels = re.findall(r'label="((?:[^"\\]|\\.)*)"', dot)
    long_label = next(label for label in labels if "strømbrudd" in label)
    assert all(len(part) <= WRAP for part in long_label.split("\\n"))
    mermaid = to_mermaid(_scenario())
    assert "Et svært langt ekstra<br/>innspill om" in mermaid


@pytest.mark.parametrize(
    ("cond", "text"),
    [
        (Condition(all_of=["a"]), "a"),
        (Condition(all_of=["a"], any_of=["b", "c"], none_of=["d"]), "a og (b eller c) og ikke d"),
        (Condition(any_of=["b", "c"]), "b eller c"),
        (Condition(none_of=["d", "e"]), "ikke d og ikke e"),
    ],
)
def test_condition_text(cond, text):
    assert condition_text(cond) == text


@needs("dot", what="Graphviz (dot)")
def test_dot_with_pool_and_conditions_renders():
    for path in [FIXTURES / "OV224.yaml", *sorted((FIXTURES.parents[2] / "scenarios").glob("*.yaml"))]:
        result = load_scenario(path)
        assert result.scenario is not None
        proc = subprocess.run(["dot", "-Tsvg"], input=to_dot(result.scenario), capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr

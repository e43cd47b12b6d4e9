"""Condition-aware exploration agrees with brute force, and the bounded fallback claims nothing false."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ovelse.bundled import bundled_files
from ovelse.scenario import explore as explore_module
from ovelse.scenario.checks import distances_to_end
from ovelse.scenario.explore import explore
from ovelse.scenario.loader import load_scenario, load_scenario_text
from ovelse.scenario.model import Scenario

FLAGS = ["a", "b", "c"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diagnostics"


@st.composite
def flag_scenarios(draw) -> Scenario:
    n = draw(st.integers(1, 8))
    flag_list = st.lists(st.sampled_from(FLAGS), max_size=2, unique=True)
    nodes = []
    for i in range(n):
        node: dict = {"id": f"n{i}", "title": f"Node {i}", "text": "x"}
        kind = draw(st.sampled_from(["end", "next", "choices"]))
        if kind == "end" or (i == n - 1 and kind == "next"):
            node["end"] = True
        elif kind == "next":
            node["next"] = f"n{draw(st.integers(0, n - 1))}"
        else:
            choices = []
            for j in range(draw(st.integers(1, 3))):
                choice: dict = {
                    "label": f"valg {j}",
                    "target": f"n{draw(st.integers(0, n - 1))}",
                    "set": draw(flag_list),
                    "clear": draw(flag_list),
                }
                if draw(st.booleans()):
                    choice["when"] = {
                        "all_of": draw(flag_list),
                        "any_of": draw(flag_list),
                        "none_of": draw(flag_list),
                    }
                choices.append(choice)
            node["choices"] = choices
        nodes.append(node)
    data = {
        "meta": {"id": "t", "title": "T", "municipality": "K", "summary": "S"},
        "start": "n0",
        "nodes": nodes,
    }
    return Scenario.model_validate(data)


def brute_force(scenario: Scenario) -> tuple[set[str], set[tuple[int, int]]]:
    """Every (node, set of all flags) state, with Condition.holds on real sets: no projection, no bits."""
    position = {}
    for i, node in enumerate(scenario.nodes):
        position.setdefault(node.id, i)
    start = (scenario.start, frozenset())
    seen = {start}
    queue = deque([start])
    reached: set[str] = set()
    available: set[tuple[int, int]] = set()
    while queue:
        node_id, flags = queue.popleft()
        reached.add(node_id)
        node = scenario.node_map[node_id]
        moves = []
        if node.next:
            moves.append((node.next, flags))
        for j, choice in enumerate(node.choices):
            if choice.when is None or choice.when.holds(set(flags)):
                available.add((position[node_id], j))
                moves.append((choice.target, frozenset((set(flags) | set(choice.set)) - set(choice.clear))))
        for state in moves:
            if state not in seen:
                seen.add(state)
                queue.append(state)
    return reached, available


@settings(max_examples=150, deadline=None)
@given(flag_scenarios())
def test_exploration_agrees_with_brute_force(scenario):
    result = explore(scenario)
    reached, available = brute_force(scenario)
    assert result.coverage.exhaustive
    assert result.reached == reached
    assert result.available == available
    assert result.coverage.nodes_reached == len(reached)


@settings(max_examples=100, deadline=None)
@given(flag_scenarios(), st.integers(1, 4))
def test_bounded_exploration_only_reports_what_is_possible(scenario, bound):
    result = explore(scenario, max_states=bound, playthroughs=20)
    reached, available = brute_force(scenario)
    assert result.reached <= reached
    assert result.available <= available
    if not result.coverage.exhaustive:
        assert result.coverage.playthroughs == 20 and result.coverage.seed is not None


def test_bounded_exploration_is_repeatable():
    text = (FIXTURES / "OV224.yaml").read_text(encoding="utf-8")
    scenario = load_scenario_text(text, "x.yaml").scenario or Scenario.model_validate({})
    first = explore(scenario, max_states=2, playthroughs=5)
    second = explore(scenario, max_states=2, playthroughs=5)
    assert first.reached == second.reached and first.coverage == second.coverage


def test_non_exhaustive_exploration_reports_ov225_and_no_claims(monkeypatch):
    monkeypatch.setattr(explore_module, "MAX_STATES", 3)
    result = load_scenario(FIXTURES / "OV224.yaml")
    codes = [f.code for f in result.findings]
    assert "OV225" in codes and "OV223" not in codes and "OV224" not in codes
    assert result.coverage is not None and not result.coverage.exhaustive
    assert "gjennomspillinger" in result.summary()


def test_flags_no_condition_reads_do_not_multiply_states():
    nodes = [
        {
            "id": f"n{i}",
            "title": "x",
            "text": "x",
            "choices": [{"label": "v", "target": f"n{i + 1}", "set": [f"f{i}"]}],
        }
        for i in range(30)
    ] + [{"id": "n30", "title": "x", "text": "x", "end": True}]
    data = {
        "meta": {"id": "t", "title": "T", "municipality": "K", "summary": "S"},
        "start": "n0",
        "nodes": nodes,
    }
    result = explore(Scenario.model_validate(data))
    assert result.coverage.exhaustive and result.coverage.states == 31 and result.coverage.flags == 0


def test_bundled_scenarios_are_explored_fully():
    for path in bundled_files():
        result = load_scenario(path)
        assert result.coverage is not None and result.coverage.exhaustive, path
        assert result.coverage.nodes_reached == result.coverage.nodes_total, path


def test_a_choice_sets_then_clears_as_the_engine_does():
    nodes = [
        {
            "id": "a",
            "title": "x",
            "text": "x",
            "choices": [{"label": "v", "target": "b", "set": ["f"], "clear": ["f"]}],
        },
        {
            "id": "b",
            "title": "x",
            "text": "x",
            "choices": [
                {"label": "med f", "target": "c", "when": {"all_of": ["f"]}},
                {"label": "uten f", "target": "c", "when": {"none_of": ["f"]}},
            ],
        },
        {"id": "c", "title": "x", "text": "x", "end": True},
    ]
    data = {
        "meta": {"id": "t", "title": "T", "municipality": "K", "summary": "S"},
        "start": "a",
        "nodes": nodes,
    }
    result = explore(Scenario.model_validate(data))
    assert result.available == {(0, 0), (1, 1)}


@settings(max_examples=100, deadline=None)
@given(flag_scenarios())
def test_distances_to_end_are_the_fewest_steps_forward(scenario):
    """Against a forward breadth-first walk from each node: nodes that cannot reach an end are left out."""
    successors = {n.id: [c.target for c in n.choices] + ([n.next] if n.next else []) for n in scenario.nodes}
    expected: dict[str, int] = {}
    for node in scenario.nodes:
        seen, queue = {node.id}, deque([(node.id, 0)])
        while queue:
            current, steps = queue.popleft()
            if scenario.node(current).end:
                expected[node.id] = steps
                break
            for nxt in successors[current]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, steps + 1))
    assert distances_to_end(scenario) == expected

"""Property tests: random valid graphs validate clean; dump → load gives the same model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ovelse.scenario.dump import dump_scenario
from ovelse.scenario.loader import load_scenario_text
from ovelse.scenario.model import Scenario

# Text an author could type: no control characters except newline, no lone surrogates or odd line breaks.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"), blacklist_characters="\x85")
    | st.just("\n"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and "TODO" not in s and "FIXME" not in s)
TIME = st.one_of(
    st.builds(
        lambda d, h, m: f"D{d:+d} {h:02d}:{m:02d}" if d else f"D {h:02d}:{m:02d}",
        st.integers(-5, 5),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
    st.builds(lambda h, m: f"T+{h}:{m:02d}", st.integers(0, 99), st.integers(0, 59)),
)


@st.composite
def scenarios(draw) -> dict:
    n = draw(st.integers(1, 25))
    nodes = []
    flags_to_read: list[str] = []
    for i in range(n):
        node: dict = {"id": f"n{i}", "title": draw(TEXT), "text": draw(TEXT)}
        if draw(st.booleans()):
            node["time"] = draw(TIME)
        if draw(st.booleans()):
            node["phase"] = f"Fase {i // 4 + 1}"
        if i == 0:
            node["roles"] = ["ordforer"]
            node["objectives"] = ["M1"]
        if i == n - 1:
            node["end"] = True
        else:
            extra = draw(st.lists(st.integers(0, n - 1), max_size=3))
            if not extra and draw(st.booleans()):
                node["next"] = f"n{i + 1}"
            else:
                choices = [{"label": draw(TEXT), "target": f"n{i + 1}"}]
                for k, target in enumerate(extra):
                    choice = {"label": draw(TEXT), "target": f"n{target}"}
                    if draw(st.booleans()):
                        flag = f"f{i}_{k}"
                        choice["set"] = [flag]
                        flags_to_read.append(flag)
                    choices.append(choice)
                node["choices"] = choices
        nodes.append(node)
    if flags_to_read:
        nodes[-1]["messages"] = [
            {"from": "Politiet", "to": ["ordforer"], "text": "Status.", "when": {"any_of": flags_to_read}}
        ]
    return {
        "format": 1,
        "meta": {"id": "prop", "title": draw(TEXT), "municipality": "Testkommune", "summary": draw(TEXT)},
        "objectives": [{"id": "M1", "text": "Mål"}],
        "roles": {"required": ["ordforer"]},
        "start": "n0",
        "nodes": nodes,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_valid_graphs_validate_clean_and_round_trip(data):
    scenario = Scenario.model_validate(data)
    text = dump_scenario(scenario)
    result = load_scenario_text(text, "prop.yaml")
    assert result.findings == [], [f.format_text() for f in result.findings]
    assert result.scenario == scenario
    assert result.stats.paths is None or result.stats.paths >= 1


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw):
    from ovelse.scenario.loader import load_scenario_bytes

    result = load_scenario_bytes(raw, "random.yaml")
    assert (
        result.scenario is None
        or result.findings == []
        or all(f.severity != "error" for f in result.findings)
    )


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    result = load_scenario_text(text, "random.yaml")
    for finding in result.findings:
        assert finding.code.startswith("OV") and finding.message

"""Write a scenario model back to YAML (round-trips through the loader unchanged)."""

from __future__ import annotations

import yaml

from ovelse.scenario.model import Scenario

MODELINE = "# yaml-language-server: $schema=ovelse-scenario.schema.json\n"


def dump_scenario(scenario: Scenario, *, modeline: bool = True) -> str:
    """YAML text for ``scenario``; default values are left out."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data.setdefault("format", scenario.format)
    ordered = {
        key: data[key]
        for key in (
            "format",
            "meta",
            "objectives",
            "roles",
            "backstory",
            "facts",
            "start",
            "nodes",
            "injects",
        )
        if key in data
    }
    text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return (MODELINE if modeline else "") + text

"""Norwegian names for ids shown on screen (roles, objectives, themes), always cleaned."""

from __future__ import annotations

from collections.abc import Sequence

from ovelse.scenario.model import Scenario, theme_name
from ovelse.scenario.roles import CATALOGUE
from ovelse.tui.safetext import one_line


def role_name(scenario: Scenario | None, role_id: str) -> str:
    """The role's Norwegian name: the scenario's own roles first, then the catalogue, else the id."""
    if scenario is not None:
        for custom in scenario.roles.custom:
            if custom.id == role_id:
                return one_line(custom.name)
    role = CATALOGUE.get(role_id)
    return role.name if role else one_line(role_id)


def role_names(scenario: Scenario | None, role_ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(role_name(scenario, r) for r in role_ids)


def theme_names(themes: Sequence[str]) -> str:
    return ", ".join(one_line(theme_name(t)) for t in themes)


def objective_text(scenario: Scenario | None, objective_id: str) -> str:
    if scenario is not None:
        for objective in scenario.objectives:
            if objective.id == objective_id:
                return one_line(objective.text)
    return one_line(objective_id)

"""The planned course of a scenario: the main path through the graph with clock times from a start.

The main path follows ``next``, or the first choice of a node, from ``start`` until an end (or a node
already on the path). It is the plan a facilitator reads: branches the room may take instead are listed
with the node they lead to, not timed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ovelse.scenario.model import Node, Scenario

DEFAULT_NODE_MINUTES = 10
"""Minutes planned for an innspill that does not say (``duration_minutes``)."""


@dataclass(frozen=True, slots=True)
class PlannedNode:
    """One innspill on the main path: its place, planned minutes and clock time (if a start was given)."""

    number: int
    node: Node
    minutes: int
    offset_minutes: int
    clock: time | None


@dataclass(frozen=True, slots=True)
class Plan:
    """The main path, the evaluation slot after it, and how the time adds up."""

    nodes: list[PlannedNode]
    evaluation_offset: int
    evaluation_minutes: int
    evaluation_clock: time | None
    end_clock: time | None
    planned_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.evaluation_offset + self.evaluation_minutes

    @property
    def over_budget(self) -> int:
        """Minutes by which innspill plus evaluation exceed the planned duration (0 when they fit)."""
        return max(0, self.total_minutes - self.planned_minutes)


def main_path(scenario: Scenario) -> list[Node]:
    nodes = scenario.node_map
    path: list[Node] = []
    seen: set[str] = set()
    current = nodes.get(scenario.start)
    while current is not None and current.id not in seen:
        path.append(current)
        seen.add(current.id)
        if current.end:
            break
        target = current.next or (current.choices[0].target if current.choices else None)
        current = nodes.get(target) if target else None
    return path


def _at(start: time | None, minutes: int) -> time | None:
    if start is None:
        return None
    return (datetime.combine(datetime(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def plan(scenario: Scenario, start: time | None = None) -> Plan:
    """The main path with planned minutes, and clock times counted from ``start``."""
    out: list[PlannedNode] = []
    offset = 0
    for number, node in enumerate(main_path(scenario), start=1):
        minutes = node.duration_minutes or DEFAULT_NODE_MINUTES
        out.append(PlannedNode(number, node, minutes, offset, _at(start, offset)))
        offset += minutes
    evaluation = scenario.meta.evaluation_minutes
    return Plan(
        nodes=out,
        evaluation_offset=offset,
        evaluation_minutes=evaluation,
        evaluation_clock=_at(start, offset),
        end_clock=_at(start, offset + evaluation),
        planned_minutes=scenario.meta.duration_minutes,
    )

"""Condition-aware exploration of a scenario: which nodes and choices can really be reached.

The flags are declarative (a choice sets and clears flags; conditions read them), so the state of a
run is ``(node, flags)`` and the moves are fixed: ``next`` keeps the flags, an available choice
applies ``set`` then ``clear`` (as the session engine does) and moves to its target. Going back
restores earlier flags and a facilitator's jump is outside the design, so neither adds states.

The search is breadth-first over states with memoisation. Flags that no condition reads cannot
change what is available, so they are dropped from the state; the rest are bits of an int. When the
state space is larger than ``max_states``, the search stops and a fixed-seed random playthrough
(as ChoiceScript's randomtest) samples further; the result then says it is not exhaustive, and
nothing is claimed about what was not seen.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ovelse.scenario.model import Condition, Scenario

MAX_STATES = 400_000
PLAYTHROUGHS = 2_000
PLAYTHROUGH_STEPS = 10_000  # per playthrough (a loop without an end stops here)
STEP_BUDGET = 300_000  # for all playthroughs together, so a huge scenario is still checked in seconds
SEED = 20_260


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the exploration covered (shown by ``validate`` and in its JSON statistics)."""

    exhaustive: bool
    states: int
    nodes_reached: int
    nodes_total: int
    choices_available: int
    choices_total: int
    flags: int
    playthroughs: int = 0
    seed: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "exhaustive": self.exhaustive,
            "states": self.states,
            "nodes_reached": self.nodes_reached,
            "nodes_total": self.nodes_total,
            "choices_available": self.choices_available,
            "choices_total": self.choices_total,
            "flags": self.flags,
            "playthroughs": self.playthroughs,
            "seed": self.seed,
        }


@dataclass(slots=True)
class Exploration:
    """Reached node ids and available choices ``(node index, choice index)``, with the coverage."""

    coverage: Coverage
    reached: set[str] = field(default_factory=set)
    available: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Move:
    choice: int  # -1 for ``next``
    need_all: int
    need_any: int
    need_none: int
    set_bits: int
    clear_bits: int
    target: int

    def open(self, flags: int) -> bool:
        return (
            flags & self.need_all == self.need_all
            and (not self.need_any or flags & self.need_any != 0)
            and not flags & self.need_none
        )

    def apply(self, flags: int) -> int:
        return (flags | self.set_bits) & ~self.clear_bits


def read_flags(scenario: Scenario) -> list[str]:
    """Flags some choice condition reads, in first-seen order (the only ones that steer a run)."""
    seen: dict[str, None] = {}
    for node in scenario.nodes:
        for choice in node.choices:
            if choice.when is not None:
                for flag in (*choice.when.all_of, *choice.when.any_of, *choice.when.none_of):
                    seen.setdefault(flag, None)
    return list(seen)


def _moves(scenario: Scenario, bits: dict[str, int]) -> tuple[list[str], list[list[_Move]], list[int]]:
    """Node ids (one per distinct id, first wins), the moves out of each, and each node's position."""
    ids = list(scenario.node_map)
    index = {node_id: i for i, node_id in enumerate(ids)}
    positions: dict[str, int] = {}
    for i, node in enumerate(scenario.nodes):
        positions.setdefault(node.id, i)

    def mask(flags: list[str]) -> int:
        out = 0
        for flag in flags:
            out |= bits.get(flag, 0)
        return out

    moves: list[list[_Move]] = []
    for node_id in ids:
        node = scenario.node_map[node_id]
        out: list[_Move] = []
        if node.next is not None and node.next in index:
            out.append(_Move(-1, 0, 0, 0, 0, 0, index[node.next]))
        for j, choice in enumerate(node.choices):
            if choice.target not in index:
                continue
            cond = choice.when or Condition()
            out.append(
                _Move(
                    j,
                    mask(cond.all_of),
                    mask(cond.any_of) if cond.any_of else 0,
                    mask(cond.none_of),
                    mask(choice.set),
                    mask(choice.clear),
                    index[choice.target],
                )
            )
        moves.append(out)
    return ids, moves, [positions[node_id] for node_id in ids]


def _playthroughs(
    start: int,
    moves: list[list[_Move]],
    positions: list[int],
    reached: set[int],
    available: set[tuple[int, int]],
    count: int,
    seed: int,
) -> int:
    """Random runs from the start with a fixed seed; returns how many were made within the step budget."""
    rng = random.Random(seed)
    pick = rng.randrange
    budget = STEP_BUDGET
    runs = 0
    while runs < count and budget > 0:
        runs += 1
        node, flags = start, 0
        for _step in range(min(PLAYTHROUGH_STEPS, budget)):
            budget -= 1
            reached.add(node)
            open_moves = [m for m in moves[node] if m.choice < 0 or m.open(flags)]
            if not open_moves:
                break
            for m in open_moves:
                if m.choice >= 0:
                    available.add((positions[node], m.choice))
            move = open_moves[pick(len(open_moves))]
            node, flags = move.target, move.apply(flags)
    return runs


def explore(
    scenario: Scenario,
    *,
    max_states: int | None = None,
    playthroughs: int | None = None,
    seed: int = SEED,
) -> Exploration:
    """Explore every ``(node, flags)`` state reachable from the start (bounded; see the module text)."""
    max_states = MAX_STATES if max_states is None else max_states
    playthroughs = PLAYTHROUGHS if playthroughs is None else playthroughs
    flags = read_flags(scenario)
    bits = {flag: 1 << i for i, flag in enumerate(flags)}
    ids, moves, positions = _moves(scenario, bits)
    choices_total = sum(len(n.choices) for n in scenario.nodes)
    index = {node_id: i for i, node_id in enumerate(ids)}
    reached_idx: set[int] = set()
    available: set[tuple[int, int]] = set()
    if scenario.start not in index:
        return Exploration(Coverage(True, 0, 0, len(scenario.nodes), 0, choices_total, len(flags)))

    shift = len(flags)
    start = index[scenario.start] << shift
    seen = {start}
    queue = deque([start])
    low = (1 << shift) - 1
    exhaustive = True
    while queue:
        state = queue.popleft()
        node, state_flags = state >> shift, state & low
        reached_idx.add(node)
        for move in moves[node]:
            if move.choice >= 0:
                if not move.open(state_flags):
                    continue
                available.add((positions[node], move.choice))
            nxt = (move.target << shift) | move.apply(state_flags)
            if nxt not in seen:
                if len(seen) >= max_states:
                    exhaustive = False
                    continue
                seen.add(nxt)
                queue.append(nxt)
    runs = 0
    if not exhaustive:
        runs = _playthroughs(
            index[scenario.start], moves, positions, reached_idx, available, playthroughs, seed
        )
    reached = {ids[i] for i in reached_idx}
    coverage = Coverage(
        exhaustive=exhaustive,
        states=len(seen),
        nodes_reached=len(reached),
        nodes_total=len(ids),
        choices_available=len(available),
        choices_total=choices_total,
        flags=len(flags),
        playthroughs=runs,
        seed=seed if not exhaustive else None,
    )
    return Exploration(coverage, reached, available)

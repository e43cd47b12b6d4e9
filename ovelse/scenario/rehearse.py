"""Rehearsal of a scenario before the day: walk it freely, with no journal and nothing written.

A :class:`Rehearsal` holds a position (node and flags, as the session engine would have them) over
the last scenario that loaded without errors, and reloads the file when it changes on disk. A file
that has errors from the start still opens: there is no position yet (``ready`` is False), the
findings are there to show, and the first save without errors starts the rehearsal.

* a reload with errors keeps the old scenario and the position, and exposes the new findings, so the
  facilitator sees what to fix without losing the place;
* a reload without errors swaps the scenario in and keeps the position when the node still exists
  (otherwise it goes back to the start and says so in ``notice``).

It only ever reads the file (no journal, no settings, no cache), moves are the engine's (``next``;
an available choice sets then clears its flags; back restores the flags) plus a jump to any node,
which keeps the flags.

What the facilitator has seen is remembered (``visited`` nodes, ``taken`` choices), so
:meth:`Rehearsal.remaining` can say which innspill, branches and objectives are still to look at, of
those the condition-aware exploration (:mod:`ovelse.scenario.explore`) says can be reached. A
:class:`Stopwatch` keeps the time spent at each innspill against the planned ``duration_minutes``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ovelse.errors import OvelseError, register_messages
from ovelse.i18n import N_
from ovelse.scenario.diagnostics import Finding
from ovelse.scenario.explore import Exploration, explore
from ovelse.scenario.loader import LoadResult, load_scenario
from ovelse.scenario.model import Choice, Message, Node, Objective, Scenario

register_messages(
    {
        "rehearse.unloadable": (
            N_("{file} kan ikke øves på ennå: scenarioet har feil"),
            N_("rett feilene som vises; filen lastes på nytt når du lagrer"),
        ),
        "rehearse.unknown_node": (
            N_("Ukjent innspill «{node}»."),
            N_("Velg et av innspillene i scenarioet."),
        ),
        "rehearse.no_next": (N_("Innspillet «{title}» har ikke noe neste innspill."), ""),
        "rehearse.no_choice": (N_("Valg nr. {number} finnes ikke her."), ""),
        "rehearse.unavailable": (
            N_("Valget «{label}» er ikke tilgjengelig med flaggene nå."),
            N_("Hopp dit med «g» hvis du vil se det likevel."),
        ),
        "rehearse.first": (N_("Kan ikke gå tilbake: dette er det første innspillet."), ""),
        "rehearse.moved_to_start": (
            N_("Innspillet «{node}» finnes ikke lenger; prøvingen starter på nytt fra start."),
            "",
        ),
    }
)


class RehearsalError(OvelseError):
    """A move the rehearsal cannot make (rendered through the catalogue by the caller)."""


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one saved version of the file cheaply (size and modification time)."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns)


@dataclass(slots=True)
class Rehearsal:
    """A free walk through a scenario file; see the module text."""

    path: Path
    display_name: str
    result: LoadResult
    scenario: Scenario | None
    node_id: str | None
    flags: frozenset[str] = frozenset()
    trail: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    notice: RehearsalError | None = None
    stamp: FileStamp | None = None
    visited: set[str] = field(default_factory=set)
    """Node ids shown at least once since the rehearsal started (kept over reloads while they exist)."""
    taken: set[tuple[str, int]] = field(default_factory=set)
    """Choices taken at least once: (node id, choice index)."""
    explored: tuple[Scenario, Exploration] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, display_name: str | None = None) -> Rehearsal:
        """Load ``path`` (never raises for a bad file: see ``ready`` and ``findings``)."""
        fs_path = Path(path)
        name = display_name or str(path)
        stamp = FileStamp.of(fs_path)
        result = load_scenario(fs_path, display_name=name)
        rehearsal = cls(fs_path, name, result, None, None, stamp=stamp)
        if result.scenario is not None:
            rehearsal._start(result.scenario)
        return rehearsal

    def _start(self, scenario: Scenario) -> None:
        self.scenario, self.node_id, self.flags = scenario, scenario.start, frozenset()
        self.trail = [(scenario.start, frozenset())]
        self.visited.add(scenario.start)

    @property
    def ready(self) -> bool:
        """A version of the file without errors has loaded, so there is a position."""
        return self.scenario is not None

    def _current(self) -> tuple[Scenario, Node]:
        if self.scenario is None or self.node_id is None:
            raise RehearsalError("rehearse.unloadable", file=self.display_name)
        return self.scenario, self.scenario.node_map[self.node_id]

    # -- what to show ---------------------------------------------------------------------------

    @property
    def node(self) -> Node:
        """The current node (RehearsalError «rehearse.unloadable» before the file has loaded once)."""
        return self._current()[1]

    @property
    def findings(self) -> list[Finding]:
        """Findings of the latest load (errors included when the latest save did not load)."""
        return self.result.findings

    @property
    def has_errors(self) -> bool:
        """The file as saved now has errors (the rehearsal goes on with the last good version)."""
        return self.result.scenario is None

    def choices(self) -> list[tuple[int, Choice, bool]]:
        """Every choice of the current node with its index and whether it is open with the flags now."""
        return [(i, c, c.when is None or c.when.holds(self.flags)) for i, c in enumerate(self.node.choices)]

    def messages(self) -> list[Message]:
        """The current node's messages the room would see with the flags now."""
        return [m for m in self.node.messages if m.when is None or m.when.holds(self.flags)]

    # -- moves ----------------------------------------------------------------------------------

    def _enter(self, node_id: str, flags: frozenset[str]) -> None:
        self.node_id, self.flags = node_id, flags
        self.trail.append((node_id, flags))
        self.visited.add(node_id)
        self.notice = None

    def advance(self) -> None:
        scenario, node = self._current()
        if node.next is None or node.next not in scenario.node_map:
            raise RehearsalError("rehearse.no_next", title=node.title)
        self._enter(node.next, self.flags)

    def choose(self, index: int) -> None:
        scenario, node = self._current()
        if not 0 <= index < len(node.choices):
            raise RehearsalError("rehearse.no_choice", number=index + 1)
        choice = node.choices[index]
        if choice.when is not None and not choice.when.holds(self.flags):
            raise RehearsalError("rehearse.unavailable", label=choice.label)
        if choice.target not in scenario.node_map:
            raise RehearsalError("rehearse.unknown_node", node=choice.target)
        self.taken.add((node.id, index))
        self._enter(choice.target, frozenset((self.flags | set(choice.set)) - set(choice.clear)))

    def jump(self, node_id: str) -> None:
        """Go to any node; the flags stay as they are (as the engine's facilitator jump)."""
        scenario, _node = self._current()
        if node_id not in scenario.node_map:
            raise RehearsalError("rehearse.unknown_node", node=node_id)
        self._enter(node_id, self.flags)

    def back(self) -> None:
        self._current()
        if len(self.trail) < 2:
            raise RehearsalError("rehearse.first")
        self.trail.pop()
        self.node_id, self.flags = self.trail[-1]
        self.notice = None

    # -- the file -------------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when the file was saved since the last load (a cheap stat, for polling)."""
        return FileStamp.of(self.path) != self.stamp

    def reload(self) -> bool:
        """Load the file again; True if the new version replaced the scenario (see the module text)."""
        self.stamp = FileStamp.of(self.path)
        result = load_scenario(self.path, display_name=self.display_name)
        self.result = result
        if result.scenario is None:
            return False
        if self.scenario is None or self.node_id is None:
            self._start(result.scenario)
            self.notice = None
            return True
        self.scenario = result.scenario
        nodes = self.scenario.node_map
        self.visited = {n for n in self.visited if n in nodes}
        self.taken = {(n, i) for n, i in self.taken if n in nodes and i < len(nodes[n].choices)}
        if self.node_id in nodes:
            self.trail = [(n, f) for n, f in self.trail if n in nodes] or [(self.node_id, self.flags)]
            self.notice = None
        else:
            self.notice = RehearsalError("rehearse.moved_to_start", node=self.node_id)
            self.node_id, self.flags = self.scenario.start, frozenset()
            self.trail = [(self.node_id, self.flags)]
            self.visited.add(self.node_id)
        return True

    # -- what is left to look at ----------------------------------------------------------------

    @property
    def exploration(self) -> Exploration:
        """The exploration of the scenario in use (the loader's, when the latest load is that one)."""
        scenario = self._current()[0]
        if self.explored is None or self.explored[0] is not scenario:
            exploration = self.result.exploration if self.result.scenario is scenario else None
            self.explored = (scenario, exploration or explore(scenario))
        return self.explored[1]

    def remaining(self) -> Remaining:
        """Innspill, branches and objectives not visited yet, of those that can really be reached."""
        scenario = self._current()[0]
        exploration = self.exploration
        nodes = tuple(
            node
            for node_id, node in scenario.node_map.items()
            if node_id in exploration.reached and node_id not in self.visited
        )
        choices = tuple(
            (node, j, choice)
            for i, node in enumerate(scenario.nodes)
            if scenario.node_map.get(node.id) is node
            for j, choice in enumerate(node.choices)
            if (i, j) in exploration.available and (node.id, j) not in self.taken
        )
        seen = {o for node_id in self.visited for o in scenario.node_map[node_id].objectives}
        objectives = tuple(o for o in scenario.objectives if o.id not in seen)
        return Remaining(
            nodes,
            choices,
            objectives,
            nodes_total=len(exploration.reached),
            choices_total=len(exploration.available),
            objectives_total=len(scenario.objectives),
        )

    def planned_minutes_visited(self) -> int:
        """The planned minutes (``duration_minutes``) of the innspill visited so far."""
        scenario = self._current()[0]
        return sum(scenario.node_map[n].duration_minutes or 0 for n in self.visited)


@dataclass(frozen=True, slots=True)
class Remaining:
    """What the rehearsal has not visited yet (only what the exploration says can be reached)."""

    nodes: tuple[Node, ...]
    choices: tuple[tuple[Node, int, Choice], ...]
    """(node, choice index, choice) of branches that can be open on some way through, never taken."""
    objectives: tuple[Objective, ...]
    """Objectives no visited innspill exercises."""
    nodes_total: int
    choices_total: int
    objectives_total: int


@dataclass(slots=True)
class Stopwatch:
    """Seconds spent at each node, on a monotonic clock the caller reads (``now``), with a pause."""

    spent: dict[str, float] = field(default_factory=dict)
    current: str | None = None
    since: float | None = None
    paused: bool = False

    def _stop(self, now: float) -> None:
        if self.current is not None and self.since is not None and not self.paused:
            self.spent[self.current] = self.spent.get(self.current, 0.0) + max(0.0, now - self.since)
        self.since = now

    def enter(self, node_id: str | None, now: float) -> None:
        """The rehearsal is at ``node_id`` from ``now`` on (the same node again changes nothing)."""
        if node_id == self.current:
            return
        self._stop(now)
        self.current = node_id

    def toggle_pause(self, now: float) -> None:
        self._stop(now)
        self.paused = not self.paused

    def at(self, node_id: str, now: float) -> float:
        """Seconds spent at ``node_id``, the running visit included."""
        spent = self.spent.get(node_id, 0.0)
        if node_id == self.current and self.since is not None and not self.paused:
            spent += max(0.0, now - self.since)
        return spent

    def total(self, now: float) -> float:
        """Seconds spent in the whole rehearsal (pauses excluded)."""
        running = 0.0
        if self.current is not None and self.since is not None and not self.paused:
            running = max(0.0, now - self.since)
        return sum(self.spent.values()) + running

"""Rehearsal of a scenario before the day: walk it freely, with no journal and nothing written.

A :class:`Rehearsal` holds a position (node and flags, as the session engine would have them) over
the last scenario that loaded without errors, and reloads the file when it changes on disk:

* a reload with errors keeps the old scenario and the position, and exposes the new findings, so the
  facilitator sees what to fix without losing the place;
* a reload without errors swaps the scenario in and keeps the position when the node still exists
  (otherwise it goes back to the start and says so in ``notice``).

It only ever reads the file (no journal, no settings, no cache), moves are the engine's (``next``;
an available choice sets then clears its flags; back restores the flags) plus a jump to any node,
which keeps the flags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ovelse.errors import OvelseError, register_messages
from ovelse.i18n import N_
from ovelse.scenario.diagnostics import Finding
from ovelse.scenario.loader import LoadResult, load_scenario
from ovelse.scenario.model import Choice, Message, Node, Scenario

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
    scenario: Scenario
    node_id: str
    flags: frozenset[str] = frozenset()
    trail: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    notice: RehearsalError | None = None
    stamp: FileStamp | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, display_name: str | None = None) -> Rehearsal:
        """Load ``path``; RehearsalError («rehearse.unloadable») with ``result`` if it has errors."""
        fs_path = Path(path)
        name = display_name or str(path)
        stamp = FileStamp.of(fs_path)
        result = load_scenario(fs_path, display_name=name)
        if result.scenario is None:
            error = RehearsalError("rehearse.unloadable", file=name)
            error.params["result"] = result
            raise error
        scenario = result.scenario
        return cls(
            fs_path,
            name,
            result,
            scenario,
            scenario.start,
            trail=[(scenario.start, frozenset())],
            stamp=stamp,
        )

    # -- what to show ---------------------------------------------------------------------------

    @property
    def node(self) -> Node:
        return self.scenario.node_map[self.node_id]

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
        self.notice = None

    def advance(self) -> None:
        node = self.node
        if node.next is None or node.next not in self.scenario.node_map:
            raise RehearsalError("rehearse.no_next", title=node.title)
        self._enter(node.next, self.flags)

    def choose(self, index: int) -> None:
        node = self.node
        if not 0 <= index < len(node.choices):
            raise RehearsalError("rehearse.no_choice", number=index + 1)
        choice = node.choices[index]
        if choice.when is not None and not choice.when.holds(self.flags):
            raise RehearsalError("rehearse.unavailable", label=choice.label)
        if choice.target not in self.scenario.node_map:
            raise RehearsalError("rehearse.unknown_node", node=choice.target)
        self._enter(choice.target, frozenset((self.flags | set(choice.set)) - set(choice.clear)))

    def jump(self, node_id: str) -> None:
        """Go to any node; the flags stay as they are (as the engine's facilitator jump)."""
        if node_id not in self.scenario.node_map:
            raise RehearsalError("rehearse.unknown_node", node=node_id)
        self._enter(node_id, self.flags)

    def back(self) -> None:
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
        self.scenario = result.scenario
        nodes = self.scenario.node_map
        if self.node_id in nodes:
            self.trail = [(n, f) for n, f in self.trail if n in nodes] or [(self.node_id, self.flags)]
            self.notice = None
        else:
            self.notice = RehearsalError("rehearse.moved_to_start", node=self.node_id)
            self.node_id, self.flags = self.scenario.start, frozenset()
            self.trail = [(self.node_id, self.flags)]
        return True

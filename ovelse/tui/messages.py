"""Navigation requests from screens to the app (Textual messages; screens never call app methods)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ovelse.scenario.loader import LoadResult


class OpenScenario(Message):
    """Open a loaded scenario: its findings when it has errors, else the set-up."""

    def __init__(self, result: LoadResult, file: str) -> None:
        super().__init__()
        self.result = result
        self.file = file


class ReloadScenario(Message):
    """Load the scenario file again (after the author fixed it) and open it."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file


class OpenJournal(Message):
    """Continue an exercise from its journal (opened and replayed in a worker)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class StartSession(Message):
    """Create the journal from the set-up facts and go on to the participants step."""

    def __init__(self, result: LoadResult, file: str, facts: dict[str, Any]) -> None:
        super().__init__()
        self.result = result
        self.file = file
        self.facts = facts


class ShowRun(Message):
    """Show the run screen (or the debrief, when the exercise has ended)."""


class LeaveSetup(Message):
    """Back from the facts form (no journal exists yet): to the start screen."""


class LeaveFindings(Message):
    """Close the findings screen."""

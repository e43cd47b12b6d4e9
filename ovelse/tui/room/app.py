"""The room's view as a Textual app: polls a :class:`JournalFollower` and shows what the room may see.

Read-only by construction: the only file access is the follower's read-only descriptor (no lock, no
write); no key does anything but scroll, switch theme or close the view.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from ovelse.i18n import _
from ovelse.i18n.dates import timer
from ovelse.room.payload import texts
from ovelse.room.snapshot import RoomSnapshot, build_snapshot
from ovelse.scenario.model import Scenario
from ovelse.session.clock import Clock, SystemClock
from ovelse.session.errors import JournalError
from ovelse.session.follow import JournalFollower
from ovelse.tui.room.screen import RoomScreen

POLL_INTERVAL = 0.2
"""Seconds between looks at the journal (one fstat when nothing changed)."""
RETRY_INTERVAL = 1.0
"""Seconds between attempts to open the journal again after it could not be read."""


class RoomApp(App[None]):
    """Follows the journal at ``follower.path`` and shows the room's view of it."""

    CSS_PATH = "room.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", _("Lukk visningen"), id="room-lukk"),
        Binding("t", "toggle_theme", _("Lyst/mørkt"), id="room-tema"),
        Binding("ctrl+c", "quit", _("Lukk"), show=False, priority=True),
    ]

    def __init__(
        self, follower: JournalFollower, *, clock: Clock | None = None, poll_interval: float = POLL_INTERVAL
    ) -> None:
        super().__init__()
        self.title = _("ovelse – rommets bilde")
        self.follower: JournalFollower | None = follower
        self.path: Path = follower.path
        self.scenario: Scenario = follower.scenario
        self.clock: Clock = clock or SystemClock()
        self.poll_interval = poll_interval
        self.snapshot: RoomSnapshot | None = None
        """What is on screen now (None before the first render)."""
        self.problem: str | None = None
        """Why the journal cannot be read right now (Norwegian), or None."""
        self.clock_text = ""
        self.renders = 0
        """How many times the journal-dependent part was rendered (tests: nothing changed, no render)."""
        self._generation = -1
        self._since_retry = 0.0

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], **kwargs: Any) -> RoomApp:
        """Open ``path`` read-only (raises JournalError) and build the app."""
        return cls(JournalFollower(path), **kwargs)

    @property
    def room(self) -> RoomScreen:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, RoomScreen):
                return screen
        raise LookupError("the room screen is not mounted")

    async def on_mount(self) -> None:
        await self.push_screen(RoomScreen())
        self.poll()
        self.set_interval(self.poll_interval, self.poll)

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.close()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # ------------------------------------------------------------------ following
    def poll(self) -> None:
        """Read what was appended since last time; render only if something changed; tick the clock."""
        changed = self._read()
        if changed and self.follower is not None:
            self.snapshot = build_snapshot(self.scenario, self.follower.state)
            self.room.show(self.snapshot)
            self.renders += 1
        self._tick()

    def _read(self) -> bool:
        follower = self.follower
        if follower is None:
            self._since_retry += self.poll_interval
            if self._since_retry < RETRY_INTERVAL:
                return False
            self._since_retry = 0.0
            try:
                follower = self.follower = JournalFollower(self.path)
            except JournalError as exc:
                self._set_problem(exc)
                return False
            self._generation = -1
        try:
            events = follower.read_new()
        except JournalError as exc:
            # The follower may be half-way through a batch: drop it and replay from the start later.
            follower.close()
            self.follower = None
            self._since_retry = 0.0
            self._set_problem(exc)
            return False
        self._set_problem(None)
        if events or follower.generation != self._generation:
            self._generation = follower.generation
            return True
        return False

    def _set_problem(self, exc: JournalError | None) -> None:
        text = None
        if exc is not None:
            text = _(
                "Journalen kan ikke leses akkurat nå: {problem} "
                "Viser det siste som ble lest, og prøver igjen hvert sekund."
            ).format(problem=exc.message)
        if text != self.problem:
            self.problem = text
            self.room.show_problem(text)

    def _tick(self) -> None:
        if self.snapshot is None:
            return
        text = f"{texts()['clock']} {timer(self.snapshot.elapsed_at(self.clock.now()))}"
        if text != self.clock_text:
            self.clock_text = text
            self.room.show_clock(text)

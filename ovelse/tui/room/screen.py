"""The one screen of the room's view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ovelse.scenario.model import Scenario
from ovelse.tui.room.render import snapshot_blocks
from ovelse.tui.room.snapshot import RoomSnapshot
from ovelse.tui.room.widgets import RoomHeader, RoomPanel
from ovelse.tui.safetext import one_line

PAUSE_TEXT = Content.assemble(("PAUSE", "bold"), "\nØvelsesklokken står stille.")
CLOSED_TEXT = Content.assemble(
    ("PAUSE", "bold"), "\nØvingsleders program er lukket; øvelsen fortsetter når det åpnes igjen."
)
ENDED_TEXT = Content.assemble(("Øvelsen er avsluttet", "bold"), "\nTakk for innsatsen.")


class RoomScreen(Screen[None]):
    """Header with the clock, a banner when paused or ended, the innspill, a status line."""

    def compose(self) -> ComposeResult:
        yield RoomHeader(id="room-header")
        yield Static(Content(""), id="room-banner")
        yield RoomPanel(id="room-body")
        yield Static(Content(""), id="room-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(RoomPanel).focus()

    def show(self, snapshot: RoomSnapshot, scenario: Scenario | None) -> None:
        """Render everything that depends on the journal (called only when it changed)."""
        subtitle = Content.assemble(
            one_line(snapshot.municipality), ("  ·  skrivebeskyttet visning", "italic")
        )
        marking = Content(one_line(snapshot.marking)) if snapshot.marking else None
        self.query_one(RoomHeader).set_heading(Content(one_line(snapshot.title)), subtitle, marking)
        banner = self.query_one("#room-banner", Static)
        if snapshot.ended:
            banner.update(ENDED_TEXT)
        elif snapshot.paused:
            banner.update(CLOSED_TEXT if snapshot.closed else PAUSE_TEXT)
        self.set_class(snapshot.paused and not snapshot.ended, "-paused")
        self.set_class(snapshot.ended, "-ended")
        self.query_one(RoomPanel).show(snapshot_blocks(snapshot, scenario))

    def show_clock(self, text: str) -> None:
        self.query_one(RoomHeader).set_clock(text)

    def show_problem(self, text: str | None) -> None:
        status = self.query_one("#room-status", Static)
        status.update(Content(text or ""))
        self.set_class(text is not None, "-problem")

"""The one screen of the room's terminal view (``ovelse vis``): the same content rules as the web page."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ovelse.room.payload import pause_text, texts
from ovelse.room.render import one_line
from ovelse.room.snapshot import RoomSnapshot
from ovelse.tui.room.render import snapshot_blocks
from ovelse.tui.room.widgets import RoomHeader, RoomPanel

SCREEN_CLASSES = ("-paused", "-closed", "-ended", "-blank", "-waiting", "-gone")


class RoomScreen(Screen[None]):
    """Header with the clock, the innspill or a full-screen text (pause, closed, ended), a status line."""

    def compose(self) -> ComposeResult:
        yield RoomHeader(id="room-header")
        yield Static(Content(""), id="room-banner")
        yield RoomPanel(id="room-body")
        yield Static(Content(""), id="room-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(RoomPanel).focus()

    def show(self, snapshot: RoomSnapshot) -> None:
        """Render everything that depends on the journal (called only when it changed)."""
        heading = Content.assemble(
            (one_line(snapshot.title), "bold"), "  ·  ", one_line(snapshot.municipality)
        )
        marking = Content(one_line(snapshot.marking)) if snapshot.marking else None
        self.query_one(RoomHeader).set_heading(heading, marking)
        words = texts()
        screen = snapshot.screen
        banner: Content | None = None
        if screen == "ended":
            banner = Content.assemble((words["ended"], "bold"), "\n\n", words["thanks"])
        elif screen == "closed":
            banner = Content.assemble((words["closed"], "bold"), "\n\n", words["closed_detail"])
        elif screen == "pause":
            banner = Content.assemble((pause_text(snapshot.until), "bold"), "\n\n", words["pause_detail"])
        self.query_one("#room-banner", Static).update(banner or Content(""))
        for name in SCREEN_CLASSES:
            self.remove_class(name)
        self.add_class(
            {"ended": "-ended", "closed": "-closed", "pause": "-paused", "blank": "-blank"}.get(
                screen, "-shown"
            )
        )
        self.query_one(RoomPanel).show(
            [] if banner is not None or screen == "blank" else snapshot_blocks(snapshot)
        )

    def show_clock(self, text: str) -> None:
        self.query_one(RoomHeader).set_clock(text)

    def show_problem(self, text: str | None) -> None:
        status = self.query_one("#room-status", Static)
        status.update(Content(text or ""))
        self.set_class(text is not None, "-problem")

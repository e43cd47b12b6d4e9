"""Widgets of the room's view: header with the exercise clock, the innspill panel, the banner."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from ovelse.tui.room.render import Block


class RoomHeader(Horizontal):
    """Exercise title, municipality and marking on the left; the exercise clock, large, on the right."""

    def compose(self) -> ComposeResult:
        with Vertical(id="room-heading"):
            yield Static(Content(""), id="room-title")
            yield Static(Content(""), id="room-subtitle")
            yield Static(Content(""), id="room-marking")
        with Horizontal(id="room-clock-box"):
            yield Static(Content("Øvelsestid"), id="room-clock-label")
            yield Digits("00:00", id="room-clock")

    def set_heading(self, title: Content, subtitle: Content, marking: Content | None) -> None:
        self.query_one("#room-title", Static).update(title)
        self.query_one("#room-subtitle", Static).update(subtitle)
        marking_widget = self.query_one("#room-marking", Static)
        marking_widget.update(marking or Content(""))
        marking_widget.display = marking is not None

    def set_clock(self, text: str) -> None:
        self.query_one("#room-clock", Digits).update(text)


class RoomPanel(VerticalScroll):
    """The innspill (and extra injects), one Static per block; reuses the Statics already mounted."""

    can_focus = True

    def show(self, blocks: list[Block]) -> None:
        existing = list(self.query_children(Static))
        for index, (classes, content) in enumerate(blocks):
            if index < len(existing):
                existing[index].set_classes(classes)
                existing[index].update(content)
            else:
                self.mount(Static(content, classes=classes))
        for widget in existing[len(blocks) :]:
            widget.remove()
        self.scroll_home(animate=False)

"""Widgets of the room's terminal view: a one-line header (exercise, marking, a small clock), the
innspill panel, and the full-screen pause / closing / waiting text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ovelse.tui.widgets.innspill import Block


class RoomHeader(Horizontal):
    """Exercise title and municipality on the left, the marking, the exercise clock small on the right."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="room-title")
        yield Static(Content(""), id="room-marking")
        yield Static(Content(""), id="room-clock")

    def set_heading(self, title: Content, marking: Content | None) -> None:
        self.query_one("#room-title", Static).update(title)
        marking_widget = self.query_one("#room-marking", Static)
        marking_widget.update(marking or Content(""))
        marking_widget.display = marking is not None

    def set_clock(self, text: str) -> None:
        self.query_one("#room-clock", Static).update(Content(text))


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

"""The whole log as a virtual list (Textual's Line API): only the rows on screen are ever rendered.

A DataTable built every row up front: 100,000 entries froze the log screen for ~26 s. This list keeps a
reference to the engine's entry list and renders a row when it scrolls into view (cached per entry and
width), so opening the screen costs the same at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ovelse.i18n.dates import timer
from ovelse.tui.safetext import one_line

if TYPE_CHECKING:
    from ovelse.session.state import Entry

RowText = Callable[["Entry"], tuple[str, str]]
"""(kind as shown, one-line summary) of an entry."""


class LogList(ScrollView, can_focus=True):
    """Rows ``Nr. · Tid · Type · Tekst`` for a sequence of entries; ↑/↓/PgUp/PgDn/Home/End move the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"log-list--cursor", "log-list--retracted", "log-list--muted"}
    DEFAULT_CSS = """
    LogList { height: 1fr; }
    LogList > .log-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    LogList:blur > .log-list--cursor { background: $block-cursor-blurred-background; text-style: none; }
    LogList > .log-list--retracted { color: $text-muted; text-style: strike; }
    LogList > .log-list--muted { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, row_text: RowText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._row_text = row_text
        self._entries: Sequence[Entry] = ()
        self._cache: dict[tuple[int, int, bool], Strip] = {}

    # ------------------------------------------------------------------ data
    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show ``entries`` (kept by reference; call again after the log changed)."""
        self._entries = entries
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(entries))
        if entries:
            self.cursor = min(self.cursor, len(entries) - 1)
        self.refresh()

    @property
    def entries(self) -> Sequence[Entry]:
        return self._entries

    def current(self) -> Entry | None:
        if not self._entries:
            return None
        return self._entries[self.cursor]

    # ------------------------------------------------------------------ rendering
    def _row(self, index: int, width: int) -> Strip:
        entry = self._entries[index]
        highlighted = index == self.cursor
        key = (index, width, highlighted)
        cached = self._cache.get(key)
        if cached is not None and not highlighted:
            return cached
        kind, summary = self._row_text(entry)
        number = f"{entry.seq:>7}  {timer(entry.elapsed):>8}  "
        kind_cell = f"{one_line(kind)[:22]:<22}  "
        base = self.rich_style
        if highlighted:
            text_style = base + self.get_component_rich_style("log-list--cursor")
            number_style = text_style
        elif entry.retracted:
            text_style = base + self.get_component_rich_style("log-list--retracted")
            number_style = base + self.get_component_rich_style("log-list--muted")
        else:
            text_style = base
            number_style = base + self.get_component_rich_style("log-list--muted")
        segments = [
            Segment(number, number_style),
            Segment(kind_cell, number_style if not highlighted else text_style),
            Segment(summary, text_style),
        ]
        strip = Strip(segments).crop_extend(0, width, text_style if highlighted else base)
        if len(self._cache) > 2000:
            self._cache.clear()
        self._cache[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._entries):
            return Strip.blank(width, self.rich_style)
        return self._row(index, width)

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._entries))

    # ------------------------------------------------------------------ cursor
    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            for key in [k for k in self._cache if k[0] == index]:
                del self._cache[key]
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(new))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def move_to(self, index: int) -> None:
        if self._entries:
            self.cursor = max(0, min(index, len(self._entries) - 1))

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, index: int) -> None:
        self.move_to(len(self._entries) - 1 if index < 0 else index)

    async def _on_click(self, event: events.Click) -> None:
        self.move_to(round(self.scroll_y) + event.y)

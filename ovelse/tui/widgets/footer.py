"""The footer: every key the screen shows, on as many lines as the width needs (never cut at the edge).

Textual's Footer is one line that scrolls sideways, so at 80–120 columns the last keys (Logg, Deltakere,
Evaluering, Avslutt) were simply invisible. This footer lays the keys out itself: whole «key description»
items wrapped onto up to :data:`MAX_LINES` lines, keys written as «Ctrl+N» and «N» (not «^n» / «n»),
keys that can do nothing right now dimmed. It re-renders only when the keys or the width change.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ovelse.i18n import _

MAX_LINES = 3
SEPARATOR = "  "

_NAMED = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Mellomrom",
    "tab": "Tab",
    "delete": "Delete",
    "backspace": "Backspace",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "question_mark": "?",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


def key_display(binding: Binding) -> str:
    """«Ctrl+N», «Shift+Tab», «F1», «N» – the way keys are printed on a keyboard and in the hints."""
    if binding.key_display:
        return _(binding.key_display)
    key = binding.key.split(",")[0].strip()
    *modifiers, name = key.split("+")
    if name in _NAMED:
        shown = _(_NAMED[name])
    elif len(name) == 1 or (name.startswith("f") and name[1:].isdigit()):
        shown = name.upper()
    else:
        shown = name.replace("_", " ").capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), shown])


FooterItem = tuple[str, str, bool]
"""(key as shown, description, enabled)."""


def footer_items(screen: Screen[object]) -> list[FooterItem]:
    """One item per action the screen shows in the footer, in binding order."""
    seen: set[str] = set()
    items: list[FooterItem] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        items.append((key_display(binding), _(binding.description), active.enabled))
    return items


def layout_lines(items: Iterable[FooterItem], width: int, max_lines: int = MAX_LINES) -> Content:
    """Whole items on lines no wider than ``width``; what does not fit in ``max_lines`` ends in «…»."""
    lines: list[list[Content]] = [[]]
    used = 0
    for key, description, enabled in items:
        item = Content.assemble(
            (key, "bold reverse $text-accent" if enabled else "$text-disabled reverse"),
            " ",
            (description, "" if enabled else "$text-disabled"),
        )
        extra = item.cell_length + (len(SEPARATOR) if lines[-1] else 0)
        if lines[-1] and used + extra > width:
            if len(lines) == max_lines:
                lines[-1].append(Content("…"))
                break
            lines.append([])
            used = 0
            extra = item.cell_length
        lines[-1].append(item)
        used += extra
    return Content("\n").join(Content(SEPARATOR).join(line) for line in lines)


class Bunntekst(Static):
    """The keys of the screen it sits on, wrapped to the width (see the module docstring)."""

    DEFAULT_CSS = """
    Bunntekst {
        dock: bottom;
        height: auto;
        max-height: 3;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, *, compact: bool = True, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self._shown: tuple[tuple[FooterItem, ...], int] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        width = max(20, self.size.width or self.app.size.width - 2)
        items = tuple(footer_items(screen))
        if (items, width) == self._shown:
            return
        self._shown = (items, width)
        self.update(layout_lines(items, width))

"""Top line: which exercise, the exercise clock, and time against the plan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ovelse.i18n import _
from ovelse.i18n.dates import timer

TITLE_MIN_WIDTH = 16
"""Columns the top bar keeps for the title (``#topbar-title`` has this min-width)."""


def clock_content(
    elapsed: float,
    planned_minutes: int | None,
    node_elapsed: float | None,
    node_minutes: int | None,
    paused: bool,
    *,
    short: bool = False,
    compact: bool = False,
) -> Content:
    """«Øvingstid 12:34 av 90 min · innspill 03:10 av 15 min», with PAUSE when paused. ``short`` leaves
    out «Øvingstid»; ``compact`` (for the narrowest screens) also the innspill's planned minutes."""
    short = short or compact
    parts: list[Content] = []
    if paused:
        parts.append(Content.styled(" " + _("PAUSE") + " ", "bold reverse $text-warning"))
    clock = Content.assemble("" if short else _("Øvingstid") + " ", (timer(elapsed), "bold"))
    if planned_minutes:
        left = planned_minutes * 60 - elapsed
        clock = Content.assemble(clock, " " + _("av {minutes} min").format(minutes=planned_minutes))
        if left < 0:
            over = _("({duration} over)").format(duration=timer(-left))
            clock = Content.assemble(clock, (" " + over, "bold $text-error"))
    parts.append(clock)
    if node_elapsed is not None:
        node = Content.assemble(_("innspill") + " ", (timer(node_elapsed), "bold"))
        if node_minutes:
            if not compact:
                node = Content.assemble(node, " " + _("av {minutes} min").format(minutes=node_minutes))
            if node_elapsed > node_minutes * 60:
                node = node.stylize("$text-warning")
        parts.append(node)
    return Content(" · ").join(parts)


class TopBar(Horizontal):
    """One line: title on the left, clock on the right."""

    def compose(self) -> ComposeResult:
        yield Static(id="topbar-title")
        yield Static(id="topbar-clock")

    def set_title(self, content: Content) -> None:
        self.query_one("#topbar-title", Static).update(content)

    def set_clock(self, content: Content) -> None:
        self.query_one("#topbar-clock", Static).update(content)

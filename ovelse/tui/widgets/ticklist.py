"""A selection list whose ticks read in shape, not only in colour: ``[x]`` chosen, ``[ ]`` not; and a radio
button the same way: ``(•)`` chosen, ``( )`` not.

Textual's SelectionList draws the same «X» for both states in two colours (1.4:1 contrast; on a projector
they look alike), so a pre-ticked item could be unticked by a Space the user meant as «tick». Forms start
with nothing ticked and say in their hint what the innspill suggests. Textual's RadioButton has the same
problem (the same «●» in two colours), so the rating and status forms use :class:`MarkedRadioButton`.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets import RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from ovelse.tui.safetext import one_line

TICKED = "[x]"
UNTICKED = "[ ]"
CHOSEN = "(•)"
UNCHOSEN = "( )"


class TickList(SelectionList[str]):
    """SelectionList with ``[x]`` / ``[ ]`` boxes (the same width as Textual's ``▐X▌`` button)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:  # a line below the last option
            return strip
        segments = list(strip)
        if len(segments) < 4:
            return strip
        box = TICKED if selection.value in self.selected else UNTICKED
        meta = segments[1].style.meta if segments[1].style else {}
        style = (segments[3].style or Style()) + Style(bold=True, meta=meta)
        return Strip([Segment(box, style), *segments[3:]], strip.cell_length)


def tick_selections(
    options: list[tuple[str, str]], ticked: list[str] | tuple[str, ...] = ()
) -> list[Selection[str]]:
    """(id, name) pairs as items (ticked only those in ``ticked``); names are shown literally."""
    return [Selection(Content(one_line(name)), value, value in ticked) for value, name in options]


class MarkedRadioButton(RadioButton):
    """RadioButton with ``(•)`` / ``( )`` (the same width as Textual's ``▐●▌``), in the label's colours."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--label")
        return Content.styled(CHOSEN if self.value else UNCHOSEN, style + VisualStyle(bold=True))

"""Stikkord (K): the facilitator's prompts «if the talk stalls», one key away from the run screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.tui.keys import keys
from ovelse.tui.widgets.facilitator import facilitator_content

if TYPE_CHECKING:
    from ovelse.scenario.model import Inject, Node


class PromptsScreen(ModalScreen[None]):
    """The current innspill's facilitator notes and prompts, large, until Esc."""

    BINDINGS = [Binding("escape," + keys("k", "q"), "close", N_("Lukk"), id="stikkord-lukk")]

    def __init__(self, item: Node | Inject | None) -> None:
        super().__init__(classes="dialog-screen")
        self._item = item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompts-dialog"):
            yield Static(
                Content.styled(_("Stikkord – bare for øvingslederen"), "bold"), classes="dialog-title"
            )
            with VerticalScroll(id="prompts-body"):
                yield Static(facilitator_content(self._item))
            yield Static(Content.styled(_("Esc eller K lukker."), "$text-muted"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

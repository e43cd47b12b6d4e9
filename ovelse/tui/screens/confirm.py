"""A yes/no confirmation dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ovelse.i18n import N_, _
from ovelse.tui.safetext import literal


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone in the room (ending, quitting)."""

    BINDINGS = [
        Binding("j,J,y,Y", "answer(True)", N_("Ja"), id="bekreft-ja"),
        Binding("n,N,escape", "answer(False)", N_("Nei"), id="bekreft-nei"),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "", no: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._message = message
        self._yes = yes or _("Ja")
        self._no = no or _("Nei")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(literal(self._title, "bold"), classes="dialog-title")
            yield Static(literal(self._message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("{label} (J)").format(label=self._yes), id="ja", variant="primary")
                yield Button(_("{label} (N)").format(label=self._no), id="nei")

    def on_mount(self) -> None:
        self.query_one("#nei", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "ja")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

"""A yes/no confirmation dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ovelse.tui.safetext import literal


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone in the room (ending, quitting)."""

    BINDINGS = [
        Binding("j", "answer(True)", "Ja", id="bekreft-ja"),
        Binding("n,escape", "answer(False)", "Nei", id="bekreft-nei"),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "Ja", no: str = "Nei") -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._message = message
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(literal(self._title, "bold"), classes="dialog-title")
            yield Static(literal(self._message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (J)", id="ja", variant="primary")
                yield Button(f"{self._no} (N)", id="nei")

    def on_mount(self) -> None:
        self.query_one("#nei", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "ja")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

"""Pause (P): optionally when the room will go on («10.15»), shown on the room's pause screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen


class PauseForm(FormScreen[str]):
    """Returns the planned resume time as typed ("" for none); the engine checks it (HH:MM / HH.MM)."""

    TITLE_TEXT = N_("Pause")
    HINT = N_("Enter eller Ctrl+S tar pause · Esc avbryter")

    def fields(self) -> ComposeResult:
        yield self.label(_("Vi fortsetter kl. (valgfritt, f.eks. 10.15)"))
        yield Input(compact=True, id="pause-til", placeholder=_("TT.MM"))

    def on_mount(self) -> None:
        self.query_one("#pause-til", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def build(self) -> str:
        return self.text_of("#pause-til")

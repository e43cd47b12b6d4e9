"""A free note in the log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen


class NoteForm(FormScreen[str]):
    TITLE_TEXT = N_("Nytt notat i loggen")

    def fields(self) -> ComposeResult:
        yield self.label(_("Notat"))
        yield Input(compact=True, id="notat-tekst", placeholder=_("f.eks. Statsforvalteren ringte inn"))

    def on_mount(self) -> None:
        self.query_one("#notat-tekst", Input).focus()

    def build(self) -> str:
        text = self.text_of("#notat-tekst")
        if not text:
            raise ValueError(_("skriv notatet"))
        return text

"""Correct the text of an earlier log entry (a new «rettet» event; history is never rewritten)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ovelse.tui.safetext import one_line
from ovelse.tui.screens.form import FormScreen


@dataclass(frozen=True)
class CorrectionInput:
    text: str
    reason: str


class CorrectForm(FormScreen[CorrectionInput]):
    TITLE_TEXT = "Rett en oppføring"

    def __init__(
        self, kind: str, text: str, *, save: Callable[[CorrectionInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._kind = kind
        self._text = text

    def fields(self) -> ComposeResult:
        yield Static(Content.assemble(("Opprinnelig: ", "bold"), one_line(self._text)))
        yield self.label(f"Ny tekst ({self._kind.lower()})")
        yield Input(compact=True, value=one_line(self._text), id="rett-tekst", classes="prefilled")
        yield self.label("Hvorfor rettes det? (valgfritt)")
        yield Input(compact=True, id="rett-grunn", placeholder="f.eks. skrivefeil")

    def on_mount(self) -> None:
        self.query_one("#rett-tekst", Input).focus()

    def build(self) -> CorrectionInput | None:
        text = self.text_of("#rett-tekst")
        if not text:
            raise ValueError("teksten kan ikke være tom")
        if text == one_line(self._text):
            raise ValueError("teksten er ikke endret")
        return CorrectionInput(text, self.text_of("#rett-grunn"))

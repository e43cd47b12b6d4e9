"""A læringspunkt, optionally linked to objectives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, SelectionList

from ovelse.tui.screens.form import FormScreen, role_selections


@dataclass(frozen=True)
class LessonInput:
    text: str
    objectives: list[str]


class LessonForm(FormScreen[LessonInput]):
    TITLE_TEXT = "Nytt læringspunkt"

    def __init__(
        self, objectives: list[tuple[str, str]], *, save: Callable[[LessonInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._objectives = objectives

    def fields(self) -> ComposeResult:
        yield self.label("Læringspunkt")
        yield Input(compact=True, id="laering-tekst", placeholder="hva lærte dere?")
        yield self.label("Øvingsmål det gjelder (valgfritt)")
        yield SelectionList(*role_selections(self._objectives), compact=True, id="laering-mal")

    def on_mount(self) -> None:
        self.query_one("#laering-tekst", Input).focus()

    def build(self) -> LessonInput:
        text = self.text_of("#laering-tekst")
        if not text:
            raise ValueError("skriv læringspunktet")
        return LessonInput(text, self.selected("#laering-mal"))

"""A læringspunkt, optionally linked to objectives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen, tick_list


@dataclass(frozen=True)
class LessonInput:
    text: str
    objectives: list[str]


class LessonForm(FormScreen[LessonInput]):
    TITLE_TEXT = N_("Nytt læringspunkt")

    def __init__(
        self, objectives: list[tuple[str, str]], *, save: Callable[[LessonInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._objectives = objectives

    def fields(self) -> ComposeResult:
        yield self.label(_("Læringspunkt"))
        yield Input(compact=True, id="laering-tekst", placeholder=_("hva lærte dere?"))
        yield self.label(_("Øvingsmål det gjelder (valgfritt; mellomrom krysser av)"))
        yield tick_list(self._objectives, id="laering-mal")

    def on_mount(self) -> None:
        self.query_one("#laering-tekst", Input).focus()

    def build(self) -> LessonInput:
        text = self.text_of("#laering-tekst")
        if not text:
            raise ValueError(_("skriv læringspunktet"))
        return LessonInput(text, self.selected("#laering-mal"))

"""An observer's note, linked to objectives (øvingsmål)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, SelectionList

from ovelse.tui.screens.form import FormScreen, role_selections


@dataclass(frozen=True)
class ObservationInput:
    text: str
    observer: str | None
    objectives: list[str]


class ObservationForm(FormScreen[ObservationInput]):
    TITLE_TEXT = "Ny observasjon"

    def __init__(
        self,
        objectives: list[tuple[str, str]],
        preselected: set[str] | None = None,
        observer: str = "",
        *,
        save: Callable[[ObservationInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._objectives = objectives
        self._preselected = preselected or set()
        self._observer = observer

    def fields(self) -> ComposeResult:
        yield self.label("Observasjon")
        yield Input(compact=True, id="observasjon-tekst", placeholder="hva så du?")
        yield self.label("Øvingsmål observasjonen gjelder (mellomrom velger)")
        yield SelectionList(
            *role_selections(self._objectives, self._preselected), compact=True, id="observasjon-mal"
        )
        yield self.label("Observatør")
        yield Input(
            compact=True,
            value=self._observer,
            id="observasjon-observator",
            placeholder="navn (valgfritt)",
            classes="prefilled" if self._observer else "",
        )

    def on_mount(self) -> None:
        self.query_one("#observasjon-tekst", Input).focus()

    def build(self) -> ObservationInput:
        text = self.text_of("#observasjon-tekst")
        if not text:
            raise ValueError("skriv observasjonen")
        return ObservationInput(
            text, self.text_of("#observasjon-observator") or None, self.selected("#observasjon-mal")
        )

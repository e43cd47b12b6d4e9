"""An observer's note, linked to objectives (øvingsmål)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen, suggestion_hint, tick_list


@dataclass(frozen=True)
class ObservationInput:
    text: str
    observer: str | None
    objectives: list[str]


class ObservationForm(FormScreen[ObservationInput]):
    """Observasjon: text, objectives (none ticked in advance; the innspill's are named), observer."""

    TITLE_TEXT = N_("Ny observasjon")

    def __init__(
        self,
        objectives: list[tuple[str, str]],
        suggested: list[str] | None = None,
        observer: str = "",
        *,
        save: Callable[[ObservationInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._objectives = objectives
        self._suggested = suggested or []
        self._observer = observer

    def fields(self) -> ComposeResult:
        yield self.label(_("Observasjon"))
        yield Input(compact=True, id="observasjon-tekst", placeholder=_("hva så du?"))
        yield self.label(
            suggestion_hint(_("Øvingsmål observasjonen gjelder (mellomrom krysser av)"), self._suggested)
        )
        yield tick_list(self._objectives, id="observasjon-mal")
        yield self.label(_("Observatør"))
        yield Input(
            compact=True,
            value=self._observer,
            id="observasjon-observator",
            placeholder=_("navn (valgfritt)"),
            classes="prefilled" if self._observer else "",
        )

    def on_mount(self) -> None:
        self.query_one("#observasjon-tekst", Input).focus()

    def build(self) -> ObservationInput:
        text = self.text_of("#observasjon-tekst")
        if not text:
            raise ValueError(_("skriv observasjonen"))
        return ObservationInput(
            text, self.text_of("#observasjon-observator") or None, self.selected("#observasjon-mal")
        )

"""Add a participant: name, organisation, roles from the catalogue (the scenario's roles first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, SelectionList

from ovelse.tui.screens.form import FormScreen, role_selections


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    organisation: str | None
    roles: list[str]


class ParticipantForm(FormScreen[ParticipantInput]):
    TITLE_TEXT = "Ny deltaker"

    def __init__(
        self, roles: list[tuple[str, str]], *, save: Callable[[ParticipantInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._roles = roles

    def fields(self) -> ComposeResult:
        yield self.label("Navn")
        yield Input(compact=True, id="deltaker-navn", placeholder="f.eks. Kari Nordmann")
        yield self.label("Organisasjon (valgfritt)")
        yield Input(compact=True, id="deltaker-org", placeholder="f.eks. Nesseby kommune")
        yield self.label("Roller (mellomrom velger; en person kan ha flere)")
        yield SelectionList(*role_selections(self._roles), compact=True, id="deltaker-roller")

    def on_mount(self) -> None:
        self.query_one("#deltaker-navn", Input).focus()

    def build(self) -> ParticipantInput:
        name = self.text_of("#deltaker-navn")
        if not name:
            raise ValueError("skriv navnet")
        return ParticipantInput(
            name, self.text_of("#deltaker-org") or None, self.selected("#deltaker-roller")
        )

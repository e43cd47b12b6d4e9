"""Add or edit a participant: name, organisation, roles from the catalogue (the scenario's roles first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen, tick_list


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    organisation: str | None
    roles: list[str]


class ParticipantForm(FormScreen[ParticipantInput]):
    TITLE_TEXT = N_("Ny deltaker")

    def __init__(
        self,
        roles: list[tuple[str, str]],
        *,
        initial: ParticipantInput | None = None,
        save: Callable[[ParticipantInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._roles = roles
        self._initial = initial
        if initial is not None:
            self.TITLE_TEXT = N_("Endre deltaker")

    def fields(self) -> ComposeResult:
        initial = self._initial
        yield self.label(_("Navn"))
        yield Input(
            initial.name if initial else "",
            compact=True,
            id="deltaker-navn",
            placeholder=_("f.eks. Kari Nordmann"),
            classes="prefilled" if initial else "",
        )
        yield self.label(_("Organisasjon (valgfritt)"))
        yield Input(
            (initial.organisation or "") if initial else "",
            compact=True,
            id="deltaker-org",
            placeholder=_("f.eks. Nesseby kommune"),
            classes="prefilled" if initial else "",
        )
        yield self.label(_("Roller (mellomrom krysser av; en person kan ha flere)"))
        yield tick_list(self._roles, id="deltaker-roller", ticked=initial.roles if initial else None)

    def on_mount(self) -> None:
        self.query_one("#deltaker-navn", Input).focus()

    def build(self) -> ParticipantInput:
        name = self.text_of("#deltaker-navn")
        if not name:
            raise ValueError(_("skriv navnet"))
        return ParticipantInput(
            name, self.text_of("#deltaker-org") or None, self.selected("#deltaker-roller")
        )

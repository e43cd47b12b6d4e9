"""Follow up a tiltak: a new status (ikke startet / pågår / utført / avlyst), from a date, by whom, why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioSet, Static

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date
from ovelse.session.events import ACTION_STATUS_NAMES
from ovelse.tui.screens.form import FormScreen
from ovelse.tui.screens.setup import parse_date
from ovelse.tui.widgets.ticklist import MarkedRadioButton


@dataclass(frozen=True)
class StatusInput:
    status: str
    on: date
    by: str
    comment: str


class StatusForm(FormScreen[StatusInput]):
    TITLE_TEXT = N_("Ny status for tiltaket")

    def __init__(
        self, text: str, current: str, today: date, *, save: Callable[[StatusInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._text = text
        self._current = current
        self._today = today

    def fields(self) -> ComposeResult:
        yield Static(Content.assemble((_("Tiltak: "), "bold"), self._text))
        yield self.label(_("Status (piltaster og mellomrom)"))
        with RadioSet(id="status-valg", compact=True):
            for code, name in ACTION_STATUS_NAMES.items():
                label = _(name) + (" " + _("(nå)") if code == self._current else "")
                yield MarkedRadioButton(
                    Content(label), value=False, name=code, disabled=code == self._current
                )
        yield self.label(_("Fra dato (DD.MM.ÅÅÅÅ)"))
        yield Input(short_date(self._today), compact=True, id="status-dato", classes="prefilled")
        yield self.label(_("Av hvem (valgfritt)"))
        yield Input(compact=True, id="status-av", placeholder=_("navn eller rolle"))
        yield self.label(_("Kommentar (valgfritt)"))
        yield Input(compact=True, id="status-kommentar", placeholder=_("hva er gjort, eller hvorfor avlyst?"))

    def on_mount(self) -> None:
        self.query_one("#status-valg", RadioSet).focus()

    def build(self) -> StatusInput:
        pressed = self.query_one("#status-valg", RadioSet).pressed_button
        if pressed is None or pressed.name is None:
            raise ValueError(_("velg en ny status"))
        on_text = self.text_of("#status-dato")
        on = parse_date(on_text, self._today) if on_text else self._today
        return StatusInput(pressed.name, on, self.text_of("#status-av"), self.text_of("#status-kommentar"))

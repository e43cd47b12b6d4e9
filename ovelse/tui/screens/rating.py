"""Rate one objective (øvingsmål) on the 1–5 scale, with an optional comment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioSet, Static

from ovelse.i18n import N_, _
from ovelse.session.events import RATING_SCALE
from ovelse.tui.safetext import clean
from ovelse.tui.screens.form import FormScreen
from ovelse.tui.widgets.ticklist import MarkedRadioButton


@dataclass(frozen=True)
class RatingInput:
    objective_id: str
    rating: int
    comment: str | None


class RatingForm(FormScreen[RatingInput]):
    TITLE_TEXT = N_("Vurder øvingsmålet")

    def __init__(
        self,
        objective_id: str,
        objective_text: str,
        rating: int | None = None,
        comment: str = "",
        scale: dict[int, str] | None = None,
        *,
        save: Callable[[RatingInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._objective_id = objective_id
        self._text = objective_text
        self._rating = rating
        self._comment = comment
        self._scale = scale or RATING_SCALE

    def fields(self) -> ComposeResult:
        yield Static(Content.assemble((f"{clean(self._objective_id)}: ", "bold"), clean(self._text)))
        yield self.label(_("Vurdering (piltaster og mellomrom)"))
        with RadioSet(id="vurdering", compact=True):
            for value, name in self._scale.items():
                yield MarkedRadioButton(
                    Content(f"{value} – {_(name)}"), value=value == self._rating, name=str(value)
                )
        yield self.label(_("Kommentar (valgfritt)"))
        yield Input(
            compact=True,
            value=self._comment,
            id="vurdering-kommentar",
            placeholder=_("hva begrunner vurderingen?"),
            classes="prefilled" if self._comment else "",
        )

    def on_mount(self) -> None:
        self.query_one("#vurdering", RadioSet).focus()

    def build(self) -> RatingInput:
        radio = self.query_one("#vurdering", RadioSet)
        pressed = radio.pressed_button
        if pressed is None or pressed.name is None:
            raise ValueError(_("velg en vurdering fra 1 til 5"))
        return RatingInput(
            self._objective_id, int(pressed.name), self.text_of("#vurdering-kommentar") or None
        )

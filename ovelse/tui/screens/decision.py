"""The quick decision form a referent fills in while people talk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, SelectionList

from ovelse.tui.screens.form import FormScreen, role_selections


@dataclass(frozen=True)
class DecisionInput:
    text: str
    roles: list[str]
    rationale: str | None
    disagreement: str | None
    open_question: str | None


class DecisionForm(FormScreen[DecisionInput]):
    """Beslutning: text, responsible roles, rationale, disagreement, open question."""

    TITLE_TEXT = "Ny beslutning"

    def __init__(
        self,
        roles: list[tuple[str, str]],
        preselected: set[str] | None = None,
        *,
        save: Callable[[DecisionInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._roles = roles
        self._preselected = preselected or set()

    def fields(self) -> ComposeResult:
        yield self.label("Beslutning (hva ble bestemt?)")
        yield Input(compact=True, id="beslutning-tekst", placeholder="f.eks. Kriseledelsen settes kl. 08.00")
        yield self.label("Ansvarlige roller (mellomrom velger)")
        yield SelectionList(
            *role_selections(self._roles, self._preselected), compact=True, id="beslutning-roller"
        )
        yield self.label("Begrunnelse")
        yield Input(compact=True, id="beslutning-begrunnelse", placeholder="hvorfor?")
        yield self.label("Uenighet")
        yield Input(compact=True, id="beslutning-uenighet", placeholder="hvem var uenige, og hvorfor?")
        yield self.label("Åpent spørsmål")
        yield Input(compact=True, id="beslutning-apent", placeholder="hva må avklares senere?")

    def on_mount(self) -> None:
        self.query_one("#beslutning-tekst", Input).focus()

    def build(self) -> DecisionInput:
        text = self.text_of("#beslutning-tekst")
        if not text:
            raise ValueError("skriv hva som ble bestemt")
        return DecisionInput(
            text=text,
            roles=self.selected("#beslutning-roller"),
            rationale=self.text_of("#beslutning-begrunnelse") or None,
            disagreement=self.text_of("#beslutning-uenighet") or None,
            open_question=self.text_of("#beslutning-apent") or None,
        )

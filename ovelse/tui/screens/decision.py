"""The quick decision form a referent fills in while people talk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input

from ovelse.i18n import N_, _
from ovelse.tui.screens.form import FormScreen, suggestion_hint, tick_list


@dataclass(frozen=True)
class DecisionInput:
    text: str
    roles: list[str]
    rationale: str | None
    disagreement: str | None
    open_question: str | None


class DecisionForm(FormScreen[DecisionInput]):
    """Beslutning: text, responsible roles, rationale, disagreement, open question.

    No role is ticked in advance: the innspill's roles are named in the label instead, so Tab → Space
    always ticks what the cursor is on (a pre-ticked role was silently unticked that way)."""

    TITLE_TEXT = N_("Ny beslutning")

    def __init__(
        self,
        roles: list[tuple[str, str]],
        *,
        suggested: list[str] | None = None,
        save: Callable[[DecisionInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._roles = roles
        self._suggested = suggested or []

    def fields(self) -> ComposeResult:
        names = dict(self._roles)
        yield self.label(_("Beslutning (hva ble bestemt?)"))
        yield Input(
            compact=True, id="beslutning-tekst", placeholder=_("f.eks. Kriseledelsen settes kl. 08.00")
        )
        yield self.label(
            suggestion_hint(
                _("Ansvarlige roller (mellomrom krysser av)"), [names.get(r, r) for r in self._suggested]
            )
        )
        yield tick_list(self._roles, id="beslutning-roller")
        yield self.label(_("Begrunnelse"))
        yield Input(compact=True, id="beslutning-begrunnelse", placeholder=_("hvorfor?"))
        yield self.label(_("Uenighet"))
        yield Input(compact=True, id="beslutning-uenighet", placeholder=_("hvem var uenige, og hvorfor?"))
        yield self.label(_("Åpent spørsmål"))
        yield Input(compact=True, id="beslutning-apent", placeholder=_("hva må avklares senere?"))

    def on_mount(self) -> None:
        self.query_one("#beslutning-tekst", Input).focus()

    def build(self) -> DecisionInput:
        text = self.text_of("#beslutning-tekst")
        if not text:
            raise ValueError(_("skriv hva som ble bestemt"))
        return DecisionInput(
            text=text,
            roles=self.selected("#beslutning-roller"),
            rationale=self.text_of("#beslutning-begrunnelse") or None,
            disagreement=self.text_of("#beslutning-uenighet") or None,
            open_question=self.text_of("#beslutning-apent") or None,
        )

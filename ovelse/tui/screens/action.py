"""A tiltak for the tiltaksplan: what, who (ansvarlig), by when (frist)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from ovelse.tui.safetext import one_line
from ovelse.tui.screens.form import FormScreen
from ovelse.tui.screens.setup import parse_date


@dataclass(frozen=True)
class ActionInput:
    text: str
    owner: str
    deadline: date | None
    lesson: int | None


class ActionForm(FormScreen[ActionInput]):
    TITLE_TEXT = "Nytt tiltak"

    def __init__(
        self, lessons: list[tuple[int, str]], *, save: Callable[[ActionInput], object] | None = None
    ) -> None:
        super().__init__(save=save)
        self._lessons = lessons

    def fields(self) -> ComposeResult:
        yield self.label("Tiltak")
        yield Input(compact=True, id="tiltak-tekst", placeholder="hva skal gjøres?")
        yield self.label("Ansvarlig")
        yield Input(compact=True, id="tiltak-ansvarlig", placeholder="f.eks. beredskapskoordinator")
        yield self.label("Frist (DD.MM.ÅÅÅÅ)")
        yield Input(compact=True, id="tiltak-frist", placeholder="f.eks. 01.12.2026")
        if self._lessons:
            yield self.label("Følger opp læringspunkt (valgfritt)")
            yield Select(
                [(Content(one_line(text)[:70]), seq) for seq, text in self._lessons],
                id="tiltak-laering",
                prompt="Ingen",
                allow_blank=True,
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one("#tiltak-tekst", Input).focus()

    def build(self) -> ActionInput:
        text = self.text_of("#tiltak-tekst")
        if not text:
            raise ValueError("skriv tiltaket")
        owner = self.text_of("#tiltak-ansvarlig")
        if not owner:
            raise ValueError("skriv hvem som er ansvarlig")
        deadline_text = self.text_of("#tiltak-frist")
        deadline = parse_date(deadline_text) if deadline_text else None
        lesson = None
        if self._lessons:
            value = self.query_one("#tiltak-laering", Select).value
            lesson = value if isinstance(value, int) else None
        return ActionInput(text, owner, deadline, lesson)

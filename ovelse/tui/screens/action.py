"""A tiltak for the tiltaksplan: what, who (ansvarlig), by when (frist), following up which læringspunkt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date
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
    """New tiltak, or (``initial``) a correction of one. A deadline in the past is asked about first."""

    TITLE_TEXT = N_("Nytt tiltak")

    def __init__(
        self,
        lessons: list[tuple[int, str]],
        *,
        today: date | None = None,
        initial: ActionInput | None = None,
        save: Callable[[ActionInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._lessons = lessons
        self._today = today or date.today()
        self._initial = initial
        if initial is not None:
            self.TITLE_TEXT = N_("Rett tiltaket")

    def fields(self) -> ComposeResult:
        initial = self._initial
        prefilled = "prefilled" if initial else ""
        example = short_date(self._today + timedelta(days=60))
        yield self.label(_("Tiltak"))
        yield Input(
            initial.text if initial else "",
            compact=True,
            id="tiltak-tekst",
            placeholder=_("hva skal gjøres?"),
            classes=prefilled,
        )
        yield self.label(_("Ansvarlig"))
        yield Input(
            initial.owner if initial else "",
            compact=True,
            id="tiltak-ansvarlig",
            placeholder=_("f.eks. beredskapskoordinator"),
            classes=prefilled,
        )
        yield self.label(_("Frist (DD.MM.ÅÅÅÅ)"))
        yield Input(
            short_date(initial.deadline) if initial and initial.deadline else "",
            compact=True,
            id="tiltak-frist",
            placeholder=_("f.eks. {date}").format(date=example),
            classes=prefilled,
        )
        if self._lessons:
            yield self.label(_("Følger opp læringspunkt (valgfritt)"))
            select: Select[int] = Select(
                [(Content(one_line(text)[:70]), seq) for seq, text in self._lessons],
                id="tiltak-laering",
                prompt=_("Ingen"),
                allow_blank=True,
                compact=True,
            )
            if initial is not None and initial.lesson is not None:
                select.value = initial.lesson
            yield select

    def on_mount(self) -> None:
        self.query_one("#tiltak-tekst", Input).focus()

    def build(self) -> ActionInput:
        text = self.text_of("#tiltak-tekst")
        if not text:
            raise ValueError(_("skriv tiltaket"))
        owner = self.text_of("#tiltak-ansvarlig")
        if not owner:
            raise ValueError(_("skriv hvem som er ansvarlig"))
        deadline_text = self.text_of("#tiltak-frist")
        deadline = parse_date(deadline_text, self._today) if deadline_text else None
        lesson = None
        if self._lessons:
            value = self.query_one("#tiltak-laering", Select).value
            lesson = value if isinstance(value, int) else None
        return ActionInput(text, owner, deadline, lesson)

    def warning(self, value: ActionInput) -> tuple[str, str] | None:
        unchanged = self._initial is not None and self._initial.deadline == value.deadline
        if value.deadline is not None and value.deadline < self._today and not unchanged:
            return (
                _("Fristen {date} er allerede passert").format(date=short_date(value.deadline)),
                _("I dag er {today}. Lagre tiltaket med en frist som er passert?").format(
                    today=short_date(self._today)
                ),
            )
        return None

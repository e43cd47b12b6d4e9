"""Pick one item from a list with a filter: where to jump, which extra inject to give."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ovelse.i18n import N_, _
from ovelse.tui.safetext import one_line


@dataclass(frozen=True)
class PickItem:
    id: str
    title: str
    detail: str = ""
    disabled: bool = False


class PickerScreen(ModalScreen[str | None]):
    """Returns the id of the picked item, or None."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Avbryt"), id="velg-avbryt"),
        Binding("down", "move(1)", N_("Ned"), show=False, id="velg-ned"),
        Binding("up", "move(-1)", N_("Opp"), show=False, id="velg-opp"),
    ]

    def __init__(self, title: str, items: list[PickItem], *, hint: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._items = items
        self._hint = hint or _("Skriv for å filtrere · Enter velger · Esc avbryter")
        self._shown: list[PickItem] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Static(Content.styled(self._title, "bold"), classes="dialog-title")
            yield Input(compact=True, placeholder=_("skriv for å filtrere"), id="velg-filter")
            yield OptionList(id="velg-liste", markup=False)
            yield Static(Content.styled(self._hint, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one("#velg-filter", Input).focus()

    def _refill(self, query: str) -> None:
        words = query.casefold().split()
        self._shown = [
            i for i in self._items if all(w in f"{i.title} {i.detail} {i.id}".casefold() for w in words)
        ]
        option_list = self.query_one("#velg-liste", OptionList)
        option_list.clear_options()
        for item in self._shown:
            prompt = Content.assemble((one_line(item.title), "bold"))
            if item.detail:
                prompt = Content.assemble(prompt, ("  " + one_line(item.detail), "$text-muted"))
            option_list.add_option(Option(prompt, id=item.id, disabled=item.disabled))
        if not self._shown:
            option_list.add_option(Option(Content.styled(_("Ingen treff"), "$text-muted"), disabled=True))
        else:
            first = next((n for n, i in enumerate(self._shown) if not i.disabled), None)
            option_list.highlighted = first

    @on(Input.Changed, "#velg-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#velg-filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        option_list = self.query_one("#velg-liste", OptionList)
        if option_list.highlighted is not None:
            option = option_list.get_option_at_index(option_list.highlighted)
            if not option.disabled and option.id is not None:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        option_list = self.query_one("#velg-liste", OptionList)
        if delta > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Base for the small typed dialogs: Ctrl+S saves, Esc cancels (asks first if something was typed)."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ovelse.tui.safetext import clean, one_line

T = TypeVar("T")


class FormScreen(ModalScreen[T], Generic[T]):
    """A dialog returning a typed value (or None when cancelled)."""

    TITLE_TEXT = ""
    HINT = "Ctrl+S lagrer · Tab går til neste felt · Esc avbryter"
    BINDINGS = [
        # Not a priority binding: it must be handled after the keys typed before it (same queue).
        Binding("ctrl+s", "save", "Lagre", id="skjema-lagre"),
        Binding("escape", "cancel", "Avbryt", id="skjema-avbryt"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), classes="dialog-title")
            with VerticalScroll(classes="form-body"):
                yield from self.fields()
            yield Static(Content(""), classes="form-error", id="form-error")
            yield Static(Content.styled(self.HINT, "$text-muted"), classes="dialog-hint")

    def fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    # helpers for subclasses -------------------------------------------------
    @staticmethod
    def label(text: str) -> Static:
        return Static(Content(text), classes="field-label")

    def text_of(self, selector: str) -> str:
        widget = self.query_one(selector)
        value = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return clean(value).strip()

    def selected(self, selector: str) -> list[str]:
        return [str(v) for v in self.query_one(selector, SelectionList).selected]

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Content(message))

    def has_input(self) -> bool:
        for widget in self.query(Input):
            if widget.value.strip() and not widget.has_class("prefilled"):
                return True
        return any(area.text.strip() for area in self.query(TextArea))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # actions ----------------------------------------------------------------
    def build(self) -> T | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            value = self.build()
        except ValueError as exc:
            self.error(f"Ikke lagret: {exc}.")
            return
        if value is not None:
            self.dismiss(value)

    def action_cancel(self) -> None:
        if not self.has_input():
            self.dismiss(None)
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Forkaste det du har skrevet?",
                                           "Det du har skrevet i dette skjemaet er ikke lagret ennå.",
                                           yes="Forkast", no="Fortsett å skrive"), answer)


def role_selections(options: list[tuple[str, str]], preselected: set[str] | None = None) -> list[Selection]:
    """(id, name) pairs as SelectionList items; names are shown literally."""
    chosen = preselected or set()
    return [Selection(Content(one_line(name)), role_id, role_id in chosen) for role_id, name in options]

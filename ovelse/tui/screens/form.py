"""Base for the small typed dialogs: Ctrl+S saves, Esc cancels (asks first if something was typed).

A form given a ``save`` function closes only once that function has returned: the engine has written
the entry durably. If the engine refuses or cannot write (disk full, read-only folder …), the form stays
open with everything typed in it and shows why, so the user can fix the cause and press Ctrl+S again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ovelse.session.errors import InvalidAction, JournalError
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

    def __init__(self, *, save: Callable[[T], object] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._save = save
        """Does the engine call for the built value; the form is dismissed only if it returns."""
        self._saved = False

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
        if self._saved:  # a second Ctrl+S queued before the form closed
            return
        try:
            value = self.build()
        except ValueError as exc:
            self.error(f"Ikke lagret: {exc}.")
            return
        if value is None:
            return
        if self._save is not None:
            try:
                self._save(value)
            except (JournalError, InvalidAction) as exc:
                self.save_failed(exc)
                return
        self._saved = True
        self.dismiss(value)

    def save_failed(self, exc: JournalError | InvalidAction) -> None:
        """Show why the engine did not save; everything typed stays in the form for another Ctrl+S."""
        parts = [f"Ikke lagret: {exc.message.rstrip('.')}."]
        if exc.hint:
            parts.append(exc.hint)
        parts.append(
            "Det du har skrevet, er beholdt her. Trykk Ctrl+S for å prøve igjen, eller Esc for å avbryte."
        )
        self.error(" ".join(parts))

    def action_cancel(self) -> None:
        if not self.has_input():
            self.dismiss(None)
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Forkaste det du har skrevet?",
                "Det du har skrevet i dette skjemaet er ikke lagret ennå.",
                yes="Forkast",
                no="Fortsett å skrive",
            ),
            answer,
        )


def role_selections(options: list[tuple[str, str]], preselected: set[str] | None = None) -> list[Selection]:
    """(id, name) pairs as SelectionList items; names are shown literally."""
    chosen = preselected or set()
    return [Selection(Content(one_line(name)), role_id, role_id in chosen) for role_id, name in options]

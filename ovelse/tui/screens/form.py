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

from ovelse.i18n import N_, _
from ovelse.session.errors import InvalidAction, JournalError
from ovelse.tui.safetext import clean
from ovelse.tui.widgets.ticklist import TickList, tick_selections

T = TypeVar("T")


class FormScreen(ModalScreen[T], Generic[T]):
    """A dialog returning a typed value (or None when cancelled)."""

    TITLE_TEXT = ""
    HINT = N_("Ctrl+S lagrer · Tab går til neste felt · Mellomrom krysser av · Esc avbryter")
    BINDINGS = [
        # Not a priority binding: it must be handled after the keys typed before it (same queue).
        Binding("ctrl+s", "save", N_("Lagre"), id="skjema-lagre"),
        Binding("escape", "cancel", N_("Avbryt"), id="skjema-avbryt"),
    ]

    def __init__(self, *, save: Callable[[T], object] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._save = save
        """Does the engine call for the built value; the form is dismissed only if it returns."""
        self._saved = False
        self._warned: T | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Content.styled(_(self.TITLE_TEXT), "bold"), classes="dialog-title")
            with VerticalScroll(classes="form-body"):
                yield from self.fields()
            yield Static(Content(""), classes="form-error", id="form-error")
            yield Static(Content.styled(_(self.HINT), "$text-muted"), classes="dialog-hint")

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
            self.error(_("Ikke lagret: {reason}.").format(reason=exc))
            return
        if value is None:
            return
        warning = self.warning(value)
        if warning is not None and value != self._warned:
            self._ask_first(value, *warning)
            return
        self._store(value)

    def warning(self, value: T) -> tuple[str, str] | None:
        """(title, text) of a question to ask before saving ``value`` (e.g. a deadline in the past)."""
        return None

    def _ask_first(self, value: T, title: str, text: str) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._warned = value
                self._store(value)

        self.app.push_screen(ConfirmScreen(title, text, yes=_("Lagre likevel"), no=_("Rett det")), answer)

    def _store(self, value: T) -> None:
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
        parts = [_("Ikke lagret: {reason}.").format(reason=exc.message.rstrip("."))]
        if exc.hint:
            parts.append(exc.hint)
        parts.append(
            _("Det du har skrevet, er beholdt her. Trykk Ctrl+S for å prøve igjen, eller Esc for å avbryte.")
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
                _("Forkaste det du har skrevet?"),
                _("Det du har skrevet i dette skjemaet er ikke lagret ennå."),
                yes=_("Forkast"),
                no=_("Fortsett å skrive"),
            ),
            answer,
        )


def tick_list(options: list[tuple[str, str]], *, id: str, ticked: list[str] | None = None) -> TickList:
    """A compact list of (id, name) items with ``[x]`` / ``[ ]`` boxes. Nothing is ticked unless the form
    edits an entry that already has these ticks (then the boxes show exactly what is stored)."""
    return TickList(*tick_selections(options, ticked or []), compact=True, id=id)


def suggestion_hint(label: str, names: list[str]) -> str:
    """«Innspillet gjelder: M1, M2 (ikke krysset av)» – what the innspill suggests, never pre-ticked."""
    if not names:
        return label
    return _("{label} – innspillet gjelder {names} (ingenting er krysset av på forhånd)").format(
        label=label, names=", ".join(names)
    )

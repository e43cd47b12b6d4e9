"""What opening a journal moved aside or noticed (``Session.notices``), shown on resume until read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.tui.safetext import clean, one_line

if TYPE_CHECKING:
    from ovelse.session.journal import Notice


def notice_content(notice: Notice) -> Content:
    """One notice: its message, the hint, the side file's name and what it held (shown literally, control
    characters made visible, at most 300 characters)."""
    parts = [Content.styled(clean(getattr(notice, "message", notice)).strip(), "bold")]
    hint = getattr(notice, "hint", "")
    if hint:
        parts.append(Content(clean(hint).strip()))
    side = getattr(notice, "side_file", None)
    if side is not None:
        parts.append(Content.assemble((_("Lagt til side i: "), "$text-muted"), one_line(side)))
    held = getattr(notice, "held_text", "") if getattr(notice, "held", b"") else ""
    if held:
        parts.append(Content.assemble((_("Det linjen inneholdt: "), "$text-muted"), f"«{one_line(held)}»"))
    return Content("\n").join(parts)


class NoticesScreen(ModalScreen[None]):
    """«Dette bør du vite om journalen» – nothing is moved aside without telling the user."""

    BINDINGS = [Binding("escape,enter", "close", N_("Lukk"), id="merknader-lukk")]

    def __init__(self, notices: Sequence[Notice]) -> None:
        super().__init__(classes="dialog-screen")
        self._notices = list(notices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notices-dialog"):
            yield Static(Content.styled(_("Dette bør du vite om journalen"), "bold"), classes="dialog-title")
            with VerticalScroll(id="notices-body"):
                for notice in self._notices:
                    yield Static(notice_content(notice), classes="dialog-text")
            yield Static(
                Content.styled(
                    _("Enter eller Esc lukker. Øvelsen fortsetter der dere slapp."), "$text-muted"
                ),
                classes="dialog-hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)

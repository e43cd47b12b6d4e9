"""Facilitator-only panel: notes and «if the talk stalls» prompts. Never shown in projector mode."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ovelse.i18n import _
from ovelse.scenario.model import Inject, Node
from ovelse.tui.safetext import clean


def facilitator_content(item: Node | Inject | None) -> Content:
    if item is None:
        return Content("")
    lines: list[Content] = []
    notes = getattr(item, "facilitator_notes", None)
    if notes:
        lines.append(Content(clean(notes).strip()))
    prompts = getattr(item, "prompts", None) or []
    if prompts:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(_("Hvis diskusjonen går i stå:"), "bold"))
        for prompt in prompts:
            lines.append(Content.assemble(("• ", "$text-accent"), clean(prompt).strip()))
    if not lines:
        lines.append(Content.styled(_("Ingen notater til dette innspillet."), "$text-muted"))
    return Content("\n").join(lines)


class FacilitatorPanel(Static):
    """Shows facilitator notes and prompts; emptied (not just hidden) in projector mode."""

    def show(self, item: Node | Inject | None, *, projector: bool) -> None:
        self.update(Content("") if projector else facilitator_content(item))

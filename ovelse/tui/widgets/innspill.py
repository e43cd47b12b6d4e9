"""The current innspill, large and readable: title, scenario time, text, messages, questions, roles, choices.

Facilitator notes and prompts are deliberately not part of this widget (see ``facilitator.py``), so the
room's view can never show them by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ovelse.scenario.model import Inject, Node, Scenario
from ovelse.tui.names import role_name, role_names
from ovelse.tui.safetext import clean, one_line


@dataclass(frozen=True)
class InnspillView:
    """What to show about one innspill (a node, or an extra inject from the pool)."""

    item: Node | Inject
    scenario: Scenario | None = None
    flags: frozenset[str] = frozenset()
    choices: tuple[str, ...] = ()
    next_title: str | None = None
    is_end: bool = False
    is_extra: bool = False
    ended: bool = False
    step: int | None = None
    extra: tuple[str, ...] = field(default_factory=tuple)


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $text-accent")


def innspill_content(view: InnspillView, *, projector: bool = False) -> Content:
    """Render the innspill as literal text (nothing in it is ever parsed as markup)."""
    item = view.item
    scenario = view.scenario
    lines: list[Content] = []
    meta: list[str] = []
    if view.is_extra:
        meta.append("Ekstra innspill")
    time = getattr(item, "time", None)
    if time:
        meta.append(f"Scenariotid {one_line(time)}")
    phase = getattr(item, "phase", None)
    if phase:
        meta.append(one_line(phase))
    if meta:
        lines.append(Content.styled(" · ".join(meta), "$text-muted"))
    lines.append(Content.styled(one_line(item.title), "bold $text-primary"))
    lines.append(Content(""))
    if item.text:
        lines.append(Content(clean(item.text).strip()))
        lines.append(Content(""))

    messages = [m for m in item.messages if m.when is None or m.when.holds(view.flags)]
    if messages:
        lines.append(_heading("Meldinger"))
        for message in messages:
            head = f"✉ Fra {one_line(message.sender)}"
            if message.to:
                head += f" til {role_names(scenario, message.to)}"
            if message.channel:
                head += f" · {one_line(message.channel)}"
            lines.append(Content.styled(head, "bold"))
            for paragraph in clean(message.text).strip().split("\n"):
                lines.append(Content.assemble("  ", paragraph))
        lines.append(Content(""))

    if item.questions:
        lines.append(_heading("Diskusjonsspørsmål"))
        for question in item.questions:
            lines.append(Content.assemble(("• ", "$text-accent"), clean(question.text).strip()))
            if question.roles:
                lines.append(Content.styled(f"  til {role_names(scenario, question.roles)}", "$text-muted"))
        lines.append(Content(""))

    if item.roles:
        lines.append(Content.assemble(("Innspillet retter seg mot: ", "bold"), role_names(scenario, item.roles)))
        lines.append(Content(""))

    if view.choices:
        lines.append(_heading("Valg" if projector else "Valg – trykk tallet"))
        for number, label in enumerate(view.choices, start=1):
            lines.append(Content.assemble((f" {number} ", "reverse bold"), " ", one_line(label)))
    elif view.is_extra:
        if not projector:
            lines.append(Content.styled("Trykk Esc eller N for å gå tilbake til innspillet.", "$text-muted"))
    elif view.ended:
        lines.append(Content.styled("Øvelsen er avsluttet.", "bold $text-warning"))
    elif view.is_end:
        lines.append(Content.styled("Slutten på scenarioet.", "bold $text-warning"))
        if not projector:
            lines.append(Content.styled("Trykk E for evaluering.", "$text-muted"))
    elif view.next_title:
        if projector:
            lines.append(Content.styled(f"Neste: {one_line(view.next_title)}", "$text-muted"))
        else:
            lines.append(Content.styled(f"Trykk N for neste innspill: {one_line(view.next_title)}", "$text-muted"))
    elif not view.is_end and not projector:
        lines.append(Content.styled("Ingen valg er tilgjengelige her. Bruk G for å hoppe.", "$text-warning"))
    return Content("\n").join(lines)


def role_line(scenario: Scenario | None, role_id: str) -> str:
    return role_name(scenario, role_id)


class InnspillPanel(VerticalScroll):
    """Scrollable panel holding the rendered innspill."""

    can_focus = True

    def compose(self):
        yield Static(id="innspill-body")

    def show(self, view: InnspillView | None, *, projector: bool = False) -> None:
        body = self.query_one("#innspill-body", Static)
        if view is None:
            body.update(Content(""))
        else:
            body.update(innspill_content(view, projector=projector))
        self.scroll_home(animate=False)

"""The current innspill, large and readable: title, scenario time, text, messages, questions, roles, choices.

Facilitator notes and prompts are deliberately not part of this widget (see ``facilitator.py``), so the
room's view can never show them by accident. Everything from the scenario is shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ovelse.scenario.model import Inject, Node, Scenario
from ovelse.tui.names import role_names
from ovelse.tui.safetext import clean, one_line
from ovelse.tui.widgets.bigtext import BigTitle


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
    messages: tuple | None = None
    """The messages to show (the engine's visible messages); None: filter the item's by ``flags``."""


Block = tuple[str, Content]
"""(CSS class, content) – one Static each, so messages and questions can be styled as blocks."""


def innspill_blocks(view: InnspillView, *, projector: bool = False) -> list[Block]:
    """Render the innspill as literal text blocks (nothing in them is ever parsed as markup)."""
    item = view.item
    scenario = view.scenario
    blocks: list[Block] = []
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
        blocks.append(("innspill-meta", Content(" · ".join(meta))))
    blocks.append(("innspill-title -tight", Content(one_line(item.title))))
    if item.text:
        blocks.append(("innspill-text", Content(clean(item.text).strip())))

    if view.messages is not None:
        messages = list(view.messages)
    else:
        messages = [m for m in item.messages if m.when is None or m.when.holds(view.flags)]
    if messages:
        blocks.append(("innspill-heading", Content("Meldinger")))
        for number, message in enumerate(messages):
            head = f"Fra {one_line(message.sender)}"
            if message.to:
                head += f" til {role_names(scenario, message.to)}"
            if message.channel:
                head += f" · {one_line(message.channel)}"
            blocks.append(
                (
                    "innspill-message" + (" -tight" if number == 0 else ""),
                    Content.assemble((head, "bold"), "\n", clean(message.text).strip()),
                )
            )

    if item.questions:
        blocks.append(("innspill-heading", Content("Diskusjonsspørsmål")))
        for question in item.questions:
            text = Content(clean(question.text).strip())
            if question.roles:
                text = Content.assemble(
                    text, "\n", (f"til {role_names(scenario, question.roles)}", "$text-muted")
                )
            blocks.append(("innspill-question -tight", text))

    if item.roles:
        blocks.append(
            (
                "innspill-roles",
                Content.assemble(("Innspillet retter seg mot: ", "bold"), role_names(scenario, item.roles)),
            )
        )

    footer: list[Content] = []
    if view.choices:
        blocks.append(("innspill-heading", Content("Valg" if projector else "Valg – trykk tallet")))
        for number, label in enumerate(view.choices, start=1):
            footer.append(Content.assemble((f" {number} ", "reverse bold"), " ", one_line(label)))
    elif view.is_extra:
        if not projector:
            footer.append(Content.styled("Trykk Esc eller N for å gå tilbake til innspillet.", "$text-muted"))
    elif view.ended:
        footer.append(Content.styled("Øvelsen er avsluttet.", "bold $text-warning"))
    elif view.is_end:
        footer.append(Content.styled("Slutten på scenarioet.", "bold $text-warning"))
        if not projector:
            footer.append(Content.styled("Trykk E for evaluering.", "$text-muted"))
    elif view.next_title:
        prefix = "Neste: " if projector else "Trykk N for neste innspill: "
        footer.append(Content.styled(prefix + one_line(view.next_title), "$text-muted"))
    elif not projector:
        footer.append(Content.styled("Ingen valg er tilgjengelige her. Bruk G for å hoppe.", "$text-warning"))
    if footer:
        blocks.append(("innspill-choices" + (" -tight" if view.choices else ""), Content("\n").join(footer)))
    return blocks


def innspill_content(view: InnspillView, *, projector: bool = False) -> Content:
    """All blocks as one text (for tests and plain views)."""
    return Content("\n\n").join(content for _, content in innspill_blocks(view, projector=projector))


class InnspillPanel(VerticalScroll):
    """Scrollable panel holding the rendered innspill, one Static per block.

    The Statics are kept and reused (extra ones hidden): mounting new widgets on every move cost more
    than rendering the innspill itself.
    """

    can_focus = True
    POOL = 24

    def compose(self) -> ComposeResult:
        yield BigTitle(id="big-title")
        for _ in range(self.POOL):
            yield Static(Content(""), classes="innspill-block -unused")

    def show(self, view: InnspillView | None, *, projector: bool = False) -> None:
        blocks = [] if view is None else innspill_blocks(view, projector=projector)
        self.query_one(BigTitle).set_text(one_line(view.item.title) if view is not None and projector else "")
        existing = list(self.query_children(Static))
        for index, (css_class, content) in enumerate(blocks):
            if index < len(existing):
                widget = existing[index]
                widget.set_classes(css_class)
                widget.update(content)
            else:
                self.mount(Static(content, classes=css_class))
        for widget in existing[len(blocks) :]:
            if not widget.has_class("-unused"):
                widget.set_classes("innspill-block -unused")
        self.refresh(layout=True)
        self.scroll_home(animate=False)

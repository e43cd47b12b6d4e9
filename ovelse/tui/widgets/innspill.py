"""The current innspill, large and readable: a thin Textual adapter over the one renderer.

The blocks come from :func:`ovelse.room.render.item_blocks` (the same renderer the room's terminal view
and web page use); this module only turns them into Textual ``Content`` built from plain strings (so
``[bold]`` in a scenario is shown as written) and adds the facilitator's own key hints. Facilitator
notes and prompts are deliberately not part of this widget (see ``facilitator.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ovelse.i18n import _
from ovelse.room.render import Block as RoomBlock
from ovelse.room.render import Part, item_blocks, one_line
from ovelse.room.snapshot import Reveal, RoomItem, inject_item, node_item, role_lookup
from ovelse.scenario.model import Inject, Message, Node, Scenario
from ovelse.tui.widgets.bigtext import BigTitle

STYLES = {"": "", "strong": "bold", "muted": "$text-muted", "number": "reverse bold"}
"""Part style → Textual style (the only place the facilitator view's look of a part is chosen)."""


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
    messages: tuple[Message, ...] | None = None
    """The messages to show (the engine's visible messages); None: filter the item's by ``flags``."""
    reveal: Reveal | None = None
    """What the room has been shown; blocks not shown yet are marked (class ``-hidden``)."""


Block = tuple[str, Content]
"""(CSS class, content) – one Static each, so messages and questions can be styled as blocks."""


def room_item(view: InnspillView) -> RoomItem:
    """The innspill of ``view`` as the shared renderer's item (all of it: the facilitator sees all)."""
    roles = role_lookup(view.scenario)
    if isinstance(view.item, Node):
        return node_item(view.item, view.flags, roles=roles, messages=view.messages, choices=view.choices)
    return inject_item(view.item, view.flags, roles=roles, messages=view.messages)


def content(parts: Iterable[Part], *, number: bool = True) -> Content:
    """Literal Textual content of ``parts`` (never parsed as markup)."""
    return Content.assemble(
        *((p.text, STYLES[p.style]) if p.style else p.text for p in parts if number or p.style != "number")
    )


def block_content(block: RoomBlock, *, sami_missing: str = "", number_questions: bool = True) -> Content:
    """One block as literal content, with its Sámi parallel text (or the gap marked) below it."""
    body = content(block.parts, number=number_questions or block.kind != "question")
    if block.se is not None:
        body = Content.assemble(body, "\n", Content.assemble(*((p.text, "italic") for p in block.se)))
    elif block.se_missing and sami_missing:
        body = Content.assemble(body, "\n", (sami_missing, "italic $text-warning"))
    return body


def textual_blocks(
    blocks: Sequence[RoomBlock],
    prefix: str,
    *,
    choices_heading: str | None = None,
    sami_missing: str = "",
    number_questions: bool = True,
) -> list[Block]:
    """Shared-renderer blocks as (CSS classes, Content): ``<prefix>-<kind>``, all choices in one block;
    ``-tight`` on blocks that sit right under the one above, ``-extra`` for extra injects, ``-hidden``
    for what the room has not been shown yet."""
    out: list[Block] = []
    choices: list[Content] = []
    choices_extra = ""
    first_message = True
    for block in blocks:
        flags = (" -hidden" if block.hidden else "") + (" -extra" if block.extra else "")
        if block.kind == "choice":
            choices.append(content(block.parts))
            choices_extra = flags
            continue
        if block.kind == "heading" and block.section == "choices" and choices_heading is not None:
            out.append((f"{prefix}-heading{flags}", Content(choices_heading)))
            continue
        classes = f"{prefix}-{block.kind}"
        if block.kind in ("title", "question") or (block.kind == "message" and first_message):
            classes += " -tight"
        if block.kind == "message":
            first_message = False
        out.append(
            (
                classes + flags,
                block_content(block, sami_missing=sami_missing, number_questions=number_questions),
            )
        )
    if choices:
        out.append((f"{prefix}-choices -tight{choices_extra}", Content("\n").join(choices)))
    return out


def innspill_blocks(view: InnspillView, *, projector: bool = False) -> list[Block]:
    """Render the innspill as literal text blocks (nothing in them is ever parsed as markup)."""
    shared = item_blocks(room_item(view), ended=view.ended, reveal=None if projector else view.reveal)
    shared = [b for b in shared if b.kind != "end"]  # the footer below says it, with the next key
    blocks = textual_blocks(
        shared,
        "innspill",
        choices_heading=None if projector else _("Valg – trykk tallet"),
        number_questions=False,
    )
    footer: list[Content] = []
    if view.choices:
        pass  # the choices are the footer
    elif view.is_extra:
        if not projector:
            footer.append(
                Content.styled(_("Trykk Esc eller N for å gå tilbake til innspillet."), "$text-muted")
            )
    elif view.ended:
        footer.append(Content.styled(_("Øvelsen er avsluttet."), "bold $text-warning"))
    elif view.is_end:
        footer.append(Content.styled(_("Scenarioet slutter her."), "bold $text-warning"))
        if not projector:
            footer.append(Content.styled(_("Trykk E for evaluering."), "$text-muted"))
    elif view.next_title and not projector:
        footer.append(
            Content.styled(
                _("Trykk N for neste innspill: {title}").format(title=one_line(view.next_title)),
                "$text-muted",
            )
        )
    elif not projector:
        footer.append(
            Content.styled(_("Ingen valg er tilgjengelige her. Bruk G for å hoppe."), "$text-warning")
        )
    if footer:
        blocks.append(("innspill-choices", Content("\n").join(footer)))
    return blocks


def innspill_content(view: InnspillView, *, projector: bool = False) -> Content:
    """All blocks as one text (for tests and plain views)."""
    return Content("\n\n").join(c for _, c in innspill_blocks(view, projector=projector))


class InnspillPanel(VerticalScroll):
    """Scrollable panel holding the rendered innspill, one Static per block.

    The Statics are kept and reused (extra ones hidden): mounting new widgets on every move cost more
    than rendering the innspill itself.
    """

    can_focus = True
    POOL = 24

    def compose(self) -> ComposeResult:
        yield BigTitle(id="big-title")
        for _index in range(self.POOL):
            yield Static(Content(""), classes="innspill-block -unused")

    def show(self, view: InnspillView | None, *, projector: bool = False) -> None:
        blocks = [] if view is None else innspill_blocks(view, projector=projector)
        self.query_one(BigTitle).set_text(one_line(view.item.title) if view is not None and projector else "")
        existing = list(self.query_children(Static))
        for index, (css_class, body) in enumerate(blocks):
            if index < len(existing):
                widget = existing[index]
                widget.set_classes(css_class)
                widget.update(body)
            else:
                self.mount(Static(body, classes=css_class))
        for widget in existing[len(blocks) :]:
            if not widget.has_class("-unused"):
                widget.set_classes("innspill-block -unused")
        self.refresh(layout=True)
        self.scroll_home(animate=False)

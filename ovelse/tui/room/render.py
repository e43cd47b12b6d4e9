"""Turn a :class:`RoomSnapshot` into text blocks for the room's view.

Every piece of scenario text goes through :mod:`ovelse.tui.safetext` and into a
:class:`textual.content.Content` built from plain strings, so ``[bold]``, ``[link=…]`` and terminal
escape sequences are shown (or dropped, for escapes) literally and never interpreted.
"""

from __future__ import annotations

from textual.content import Content

from ovelse.scenario.model import Scenario
from ovelse.tui.names import role_names
from ovelse.tui.room.snapshot import RoomItem, RoomSnapshot
from ovelse.tui.safetext import clean, one_line

Block = tuple[str, Content]
"""(CSS classes, content): one Static each, styled by ``room.tcss``."""


def item_blocks(item: RoomItem, scenario: Scenario | None, *, ended: bool = False) -> list[Block]:
    """The blocks of one innspill: meta line, title, text, messages, questions, roles, choices."""
    extra = " -extra" if item.is_extra else ""
    blocks: list[Block] = []
    meta: list[str] = []
    if item.is_extra:
        meta.append("Ekstra innspill")
    if item.time:
        meta.append(f"Scenariotid {one_line(item.time)}")
    if item.phase:
        meta.append(one_line(item.phase))
    if meta:
        blocks.append(("room-meta" + extra, Content(" · ".join(meta))))
    blocks.append(("room-item-title" + extra, Content(one_line(item.title))))
    text = clean(item.text).strip()
    if text:
        blocks.append(("room-text" + extra, Content(text)))
    if item.messages:
        blocks.append(("room-heading" + extra, Content("Meldinger")))
        for message in item.messages:
            head = f"Fra {one_line(message.sender)}"
            if message.to:
                head += f" til {role_names(scenario, list(message.to))}"
            if message.channel:
                head += f" · {one_line(message.channel)}"
            blocks.append(
                ("room-message" + extra, Content.assemble((head, "bold"), "\n", clean(message.text).strip()))
            )
    if item.questions:
        blocks.append(("room-heading" + extra, Content("Diskusjonsspørsmål")))
        for number, question in enumerate(item.questions, start=1):
            body = Content.assemble((f"{number}. ", "bold"), clean(question.text).strip())
            if question.roles:
                body = Content.assemble(
                    body, "\n", (f"til {role_names(scenario, list(question.roles))}", "italic")
                )
            blocks.append(("room-question" + extra, body))
    if item.roles:
        blocks.append(
            (
                "room-roles" + extra,
                Content.assemble(
                    ("Innspillet retter seg mot: ", "bold"), role_names(scenario, list(item.roles))
                ),
            )
        )
    if item.choices and not ended:
        blocks.append(("room-heading" + extra, Content("Valg")))
        lines = [
            Content.assemble((f" {n} ", "reverse bold"), " ", one_line(label))
            for n, label in enumerate(item.choices, start=1)
        ]
        blocks.append(("room-choices" + extra, Content("\n").join(lines)))
    elif item.is_end and not ended:
        blocks.append(("room-end" + extra, Content("Slutten på scenarioet.")))
    return blocks


def snapshot_blocks(snapshot: RoomSnapshot, scenario: Scenario | None) -> list[Block]:
    """Extra injects fired during the current innspill first (newest first), then the innspill."""
    blocks: list[Block] = []
    for extra in snapshot.extras:
        blocks.extend(item_blocks(extra, scenario, ended=snapshot.ended))
    if snapshot.item is not None:
        blocks.extend(item_blocks(snapshot.item, scenario, ended=snapshot.ended))
    else:
        blocks.append(("room-waiting", Content("Venter på at øvelsen skal starte …")))
    return blocks


def blocks_text(blocks: list[Block]) -> str:
    """The plain text of ``blocks`` (for tests and the benchmark)."""
    return "\n\n".join(content.plain for _, content in blocks)

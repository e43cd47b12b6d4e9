"""The one renderer of an innspill: a :class:`RoomItem` becomes structured, literal text blocks.

The facilitator's view (``ovelse.tui.widgets.innspill``), the terminal room view (``ovelse vis``)
and the web page (``ovelse.room.server``) all draw these blocks; they differ only in the thin adapter
that turns a block into Textual ``Content`` or DOM nodes. Blocks carry plain strings, already cleaned
by :mod:`ovelse.plaintext` (no terminal escapes, no control characters) and never meant to be parsed:
the Textual adapter builds ``Content`` from plain strings and the page sets ``textContent`` only, so
``[bold]`` or ``<script>`` in a scenario are shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ovelse.i18n import _
from ovelse.plaintext import clean
from ovelse.room.snapshot import Reveal, RoomItem, RoomSnapshot

BlockKind = Literal["meta", "title", "text", "heading", "message", "question", "roles", "choice", "end"]
Style = Literal["", "strong", "muted", "number"]
Section = Literal["", "messages", "questions", "choices"]


@dataclass(frozen=True)
class Part:
    """A run of literal text with one style (``"\\n"`` breaks the line)."""

    text: str
    style: Style = ""


NEWLINE = Part("\n")


@dataclass(frozen=True)
class Block:
    """One block of an innspill, in reading order."""

    kind: BlockKind
    parts: tuple[Part, ...]
    se: tuple[Part, ...] | None = None
    """The Northern Sámi parallel text of the block, when the scenario has it."""
    se_missing: bool = False
    """The room is addressed in Sámi and this block has no Sámi text (shown as «samisk tekst mangler»)."""
    section: Section = ""
    extra: bool = False
    """Part of an extra inject from the pool."""
    number: int | None = None
    """The number of a question or a choice (1-based)."""
    hidden: bool = False
    """Not revealed to the room yet (only the facilitator's view shows such blocks, dimmed)."""

    @property
    def plain(self) -> str:
        return "".join(p.text for p in self.parts)


def one_line(text: object) -> str:
    """Cleaned text with every run of white space (newlines included) folded to one space."""
    return " ".join(clean(text).split())


def body(text: object) -> str:
    return clean(text).strip()


def _se(text: str | None, *, one: bool = False) -> tuple[Part, ...] | None:
    if text is None:
        return None
    value = one_line(text) if one else body(text)
    return (Part(value),) if value else None


def item_blocks(
    item: RoomItem, *, sami: bool = False, ended: bool = False, reveal: Reveal | None = None
) -> list[Block]:
    """The blocks of one innspill: meta line, title, text, messages, questions, roles, choices.

    ``sami``: the room is also addressed in Northern Sámi (parallel text, or the gap marked).
    ``reveal``: mark the blocks the room has not seen yet as ``hidden`` (the facilitator's view)."""
    extra = item.is_extra
    blocks: list[Block] = []
    meta: list[str] = []
    if item.is_extra:
        meta.append(_("Ekstra innspill"))
    if item.time:
        meta.append(_("Scenariotid {time}").format(time=one_line(item.time)))
    if item.phase:
        meta.append(one_line(item.phase))
    if meta:
        blocks.append(Block("meta", (Part(" · ".join(meta)),), extra=extra))
    title_se = _se(item.title_se, one=True)
    blocks.append(
        Block(
            "title",
            (Part(one_line(item.title)),),
            se=title_se,
            se_missing=sami and title_se is None,
            extra=extra,
        )
    )
    text = body(item.text)
    if text:
        text_se = _se(item.text_se)
        blocks.append(
            Block("text", (Part(text),), se=text_se, se_missing=sami and text_se is None, extra=extra)
        )

    shown = reveal.messages_shown if reveal is not None else len(item.messages)
    if item.messages:
        blocks.append(
            Block(
                "heading",
                (Part(_("Meldinger")),),
                section="messages",
                extra=extra,
                hidden=shown <= 0,
            )
        )
        for index, message in enumerate(item.messages):
            sender = one_line(message.sender)
            if message.to:
                head = _("Fra {sender} til {roles}").format(sender=sender, roles=one_line(message.to))
            else:
                head = _("Fra {sender}").format(sender=sender)
            if message.channel:
                head += " · " + one_line(message.channel)
            text_se = _se(message.text_se)
            blocks.append(
                Block(
                    "message",
                    (Part(head, "strong"), NEWLINE, Part(body(message.text))),
                    se=text_se,
                    se_missing=sami and message.public and text_se is None,
                    section="messages",
                    extra=extra,
                    number=index + 1,
                    hidden=index >= shown,
                )
            )

    if item.questions:
        hide = reveal is not None and not reveal.questions_shown
        blocks.append(
            Block(
                "heading",
                (Part(_("Diskusjonsspørsmål")),),
                section="questions",
                extra=extra,
                hidden=hide,
            )
        )
        for number, question in enumerate(item.questions, start=1):
            parts: tuple[Part, ...] = (Part(f"{number}. ", "number"), Part(body(question.text)))
            if question.roles:
                parts += (NEWLINE, Part(_("til {roles}").format(roles=one_line(question.roles)), "muted"))
            blocks.append(
                Block(
                    "question",
                    parts,
                    se=_se(question.text_se),
                    section="questions",
                    extra=extra,
                    number=number,
                    hidden=hide,
                )
            )

    if item.roles:
        blocks.append(
            Block(
                "roles",
                (Part(_("Innspillet retter seg mot:") + " ", "strong"), Part(one_line(item.roles))),
                extra=extra,
            )
        )
    if item.choices and not ended:
        hide = reveal is not None and not reveal.choices_shown
        blocks.append(Block("heading", (Part(_("Valg")),), section="choices", extra=extra, hidden=hide))
        for number, label in enumerate(item.choices, start=1):
            blocks.append(
                Block(
                    "choice",
                    (Part(f" {number} ", "number"), Part(" " + one_line(label))),
                    section="choices",
                    extra=extra,
                    number=number,
                    hidden=hide,
                )
            )
    elif item.is_end and not ended:
        blocks.append(Block("end", (Part(_("Scenarioet slutter her."), "strong"),), extra=extra))
    return blocks


def snapshot_blocks(snapshot: RoomSnapshot) -> list[Block]:
    """Extra injects fired during the current innspill first (newest first), then the innspill."""
    blocks: list[Block] = []
    for extra in snapshot.extras:
        blocks.extend(item_blocks(extra, sami=snapshot.sami, ended=snapshot.ended))
    if snapshot.item is not None:
        blocks.extend(item_blocks(snapshot.item, sami=snapshot.sami, ended=snapshot.ended))
    return blocks


def blocks_text(blocks: Iterable[Block]) -> str:
    """The plain text of ``blocks`` (for tests, the benchmark and plain views)."""
    return "\n\n".join(b.plain for b in blocks)

"""The room's snapshot as Textual blocks for ``ovelse vis``: the shared renderer's blocks
(:mod:`ovelse.room.render`) through the same adapter as the facilitator's view, CSS classes ``room-*``.

Every piece of scenario text is a plain string in a ``Content`` (never markup), so ``[bold]``,
``[link=…]`` and terminal escapes are shown (or, for escapes, dropped) literally.
"""

from __future__ import annotations

from textual.content import Content

from ovelse.i18n import _
from ovelse.room.render import snapshot_blocks as shared_blocks
from ovelse.room.snapshot import RoomSnapshot
from ovelse.tui.widgets.innspill import Block, textual_blocks


def snapshot_blocks(snapshot: RoomSnapshot) -> list[Block]:
    """Extra injects fired during the current innspill first (newest first), then the innspill."""
    if snapshot.item is None:
        return [("room-waiting", Content(_("Venter på at øvelsen skal starte …")))]
    return textual_blocks(shared_blocks(snapshot), "room", sami_missing=_("samisk tekst mangler"))


def blocks_text(blocks: list[Block]) -> str:
    """The plain text of ``blocks`` (for tests and the benchmark)."""
    return "\n\n".join(content.plain for _, content in blocks)

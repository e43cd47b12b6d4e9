"""The room's view, as a domain: what the room may see (:mod:`.snapshot`), the one innspill renderer
(:mod:`.render`), the page's document (:mod:`.payload`), and the web server that shows it
(:mod:`.server`, imported on demand: it pulls in aiohttp). No Textual here.
"""

from ovelse.room.render import Block, Part, blocks_text, item_blocks, snapshot_blocks
from ovelse.room.snapshot import Reveal, RoomItem, RoomSnapshot, build_snapshot, inject_item, node_item

__all__ = [
    "Block",
    "Part",
    "Reveal",
    "RoomItem",
    "RoomSnapshot",
    "blocks_text",
    "build_snapshot",
    "inject_item",
    "item_blocks",
    "node_item",
    "snapshot_blocks",
]

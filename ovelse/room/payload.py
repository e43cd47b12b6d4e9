"""A :class:`RoomSnapshot` as the JSON document the room's web page draws (and the texts it needs).

Every text is rendered here, on the server, in the exercise's language (``snapshot.language``), so
the page's script holds no words of its own. The document holds only what the snapshot holds: what
the room may see.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ovelse.i18n import N_, _, use_language
from ovelse.room.render import Block, Part, one_line, snapshot_blocks
from ovelse.room.snapshot import RoomSnapshot

VERSION = 1

TEXTS = {
    "clock": N_("Øvingstid"),
    "gone": N_("Venter på øvingsleder …"),
    "gone_detail": N_("Øvingslederens program svarer ikke. Siden oppdateres av seg selv når det er tilbake."),
    "waiting": N_("Venter på at øvelsen skal starte …"),
    "se_missing": N_("samisk tekst mangler"),
    "ended": N_("Øvelsen er avsluttet"),
    "thanks": N_("Takk for innsatsen."),
    "closed": N_("Venter på øvingsleder …"),
    "closed_detail": N_("Øvingslederens program er lukket; øvelsen fortsetter når det åpnes igjen."),
    "pause_detail": N_("Øvingsklokka står stille."),
}


def texts() -> dict[str, str]:
    """The page's own texts in the current language."""
    return {key: _(value) for key, value in TEXTS.items()}


def pause_text(until: str | None) -> str:
    """«Pause – vi fortsetter kl. 10.15» when a resume time is given, else «Pause»."""
    if until:
        return _("Pause – vi fortsetter kl. {time}").format(time=one_line(until).replace(":", "."))
    return _("Pause")


def page_title(title: str) -> str:
    return _("Rommets bilde – {title}").format(title=one_line(title))


def _parts(parts: tuple[Part, ...] | None) -> list[list[str]] | None:
    return None if parts is None else [[p.text, p.style] for p in parts]


def block_json(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "parts": _parts(block.parts)}
    if block.se is not None:
        data["se"] = _parts(block.se)
    if block.se_missing:
        data["se_missing"] = True
    if block.section:
        data["section"] = block.section
    if block.extra:
        data["extra"] = True
    if block.number is not None:
        data["number"] = block.number
    return data


def room_document(snapshot: RoomSnapshot | None, now: datetime, *, present: bool = True) -> dict[str, Any]:
    """The page's document at wall-clock ``now`` (UTC). ``None``: nothing to show yet."""
    if snapshot is None:
        return {
            "v": VERSION,
            "seq": 0,
            "lang": "nb",
            "screen": "waiting",
            "present": present,
            "texts": texts(),
        }
    with use_language(snapshot.language):
        screen = snapshot.screen
        document: dict[str, Any] = {
            "v": VERSION,
            "seq": snapshot.seq,
            "lang": snapshot.language,
            "screen": screen,
            "present": present,
            "title": one_line(snapshot.title),
            "page_title": page_title(snapshot.title),
            "municipality": one_line(snapshot.municipality),
            "marking": one_line(snapshot.marking) if snapshot.marking else None,
            "sami": snapshot.sami,
            "clock": {"elapsed": round(snapshot.elapsed_at(now), 3), "running": snapshot.clock_running},
            "texts": texts(),
        }
        if screen == "pause":
            document["pause"] = pause_text(snapshot.until)
        if screen == "innspill":
            document["blocks"] = [block_json(b) for b in snapshot_blocks(snapshot)]
    return document

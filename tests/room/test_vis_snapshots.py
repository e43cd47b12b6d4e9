"""Snapshots of ``ovelse vis`` (the room's terminal view) at 80×24, 120×36 and 200×55: the innspill as
revealed, the full-screen pause with a planned resume time, and the closing screen. Fake clock, fixture
scenario. Regenerate with ``pytest tests/room/test_vis_snapshots.py --snapshot-update`` and read the SVGs."""

from __future__ import annotations

import pytest
from room_scenarios import ROOM

from ovelse.session import FakeClock, Session
from ovelse.tui.room.app import RoomApp

SIZES = {"80x24": (80, 24), "120x36": (120, 36), "200x55": (200, 55)}


def _app(tmp_path, step: str) -> tuple[RoomApp, Session]:
    clock = FakeClock()
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j", clock=clock)
    if step in ("innspill", "pause"):
        for _ in range(3):
            session.reveal_next()
    if step == "pause":
        session.pause(until="10:15")
    if step == "ended":
        session.end()
    return RoomApp.from_path(session.path, clock=clock), session


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", ["start", "innspill", "pause", "ended"])
def test_vis(snap_compare, tmp_path, step, size):
    app, session = _app(tmp_path, step)

    async def settle(pilot) -> None:
        for _ in range(3):
            await pilot.pause(0.1)

    try:
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settle)
    finally:
        session.close()

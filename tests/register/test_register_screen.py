"""The register screen: browse, filter, search and change status with the keyboard (Pilot + snapshots)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from datetime import date
from pathlib import Path

import pytest
from journals import Spec, write_journal
from textual.widgets import DataTable, Static

from ovelse.register.importing import import_file
from ovelse.register.queries import history
from ovelse.register.store import Register
from ovelse.tui.screens.register_app import RegisterApp

TODAY = date(2027, 1, 1)


def async_test(fn):  # type: ignore[no-untyped-def]
    """Run an ``async def`` test with asyncio (the project has no async pytest plugin)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


def _fill(register: Register, tmp_path: Path) -> None:
    import_file(register, write_journal(tmp_path, Spec(actions=3)))
    import_file(
        register, write_journal(tmp_path, Spec(municipality="Fjellbygd kommune", exempt=True, actions=2))
    )


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the screen's database workers (an exclusive worker may have replaced an older one)."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


@async_test
async def test_browse_filter_and_change_status(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    app = RegisterApp(register, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        marking = app.screen.query_one("#register-marking", Static)
        assert "Unntatt offentlighet" in str(marking.render())
        await pilot.press("f")
        await _settle(pilot)
        assert table.row_count == 4  # deadlines 14.11 and 14.12.2026 in both municipalities
        await pilot.press("f", "slash", *"nødstrøm", "enter")
        await _settle(pilot)
        assert table.row_count == 2
        first = app.screen.rows[0]  # type: ignore[attr-defined]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("3", *"Ferdig testet", "enter")
        await _settle(pilot)
        [entry] = history(register, first.id)
        assert (entry.status, entry.comment, entry.on) == ("done", "Ferdig testet", TODAY)
        assert app.screen.rows[0].status == "done"  # type: ignore[attr-defined]


@async_test
async def test_escape_cancels_status(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    app = RegisterApp(register, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("2", "escape")
        await _settle(pilot)
        assert all(history(register, r.id) == [] for r in app.screen.rows)  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from ovelse.register.store import open_register

    register = open_register(str(tmp_path / "register.sqlite3"))
    _fill(register, tmp_path)
    app = RegisterApp(register, TODAY)

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=settle)
    finally:
        register.close()

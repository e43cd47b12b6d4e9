"""Fixtures for the meeting-room app tests: a fixture scenario we own, a fake clock, a tmp journal folder."""

from __future__ import annotations

import asyncio
import functools
import io
from pathlib import Path

import pytest

from ovelse.session import FakeClock
from ovelse.tui.app import OvelseApp

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SCENARIO = FIXTURES / "flom-testkommune.yaml"
BROKEN = FIXTURES / "har-feil.yaml"
INJECTION = FIXTURES / "markup-injeksjon.yaml"


def async_test(fn):
    """Run an ``async def`` test with asyncio (the project has no async pytest plugin)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journaler"
    folder.mkdir()
    return folder


def make_app(journal_dir: Path, clock: FakeClock, **kwargs) -> OvelseApp:
    kwargs.setdefault("scenario_files", [SCENARIO, BROKEN])
    app = OvelseApp(journal_dir=journal_dir, clock=clock, **kwargs)
    app.animation_level = "none"  # scrolling into view must not depend on timing
    return app


async def settle(pilot) -> None:
    """Let workers and pending messages finish (never sleeps on a wall clock)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type ``text`` into the focused field: the first character as a key press, the rest as a paste
    (the Pilot spends ~60 ms per key; a paste is what a referent does with text from elsewhere)."""
    from textual import events

    if not text:
        return
    await pilot.press(_key(text[0]))
    if len(text) > 1:
        focused = pilot.app.focused
        assert focused is not None, "no focused field to type into"
        focused.post_message(events.Paste(text[1:]))
        await pilot.pause()


def _key(char: str) -> str:
    return {
        " ": "space",
        "?": "question_mark",
        ".": "full_stop",
        ",": "comma",
        "[": "left_square_bracket",
        "]": "right_square_bracket",
        "/": "slash",
        "=": "equals_sign",
        ":": "colon",
        "-": "minus",
        "«": "«",
        "»": "»",
    }.get(char, char)


async def through_setup(
    pilot, participants: list[tuple[str, list[int]]] | None = None, *, facilitator: bool = True
) -> None:
    """From the facts form to the run screen: facts, then participants (name, role positions in the list);
    then (``facilitator``) V switches from the room-safe view to the facilitator's."""
    await settle(pilot)
    await type_text(pilot, "Rådhuset")
    await pilot.press("tab")
    await type_text(pilot, "Kari Nordmann")
    await pilot.press("tab")
    await type_text(pilot, "Øve på flom")
    await pilot.press("ctrl+n")
    await settle(pilot)
    for name, role_positions in participants or []:
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, name)
        await pilot.press("tab", "tab")
        position = 0
        for target in role_positions:
            await pilot.press(*["down"] * (target - position), "space")
            position = target
        await pilot.press("ctrl+s")
        await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    if facilitator:
        await pilot.press("v")  # the run starts in the room-safe view; the tests drive the facilitator's
        await settle(pilot)


def _console(app):
    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console


def screen_segments(app) -> list:
    """The rendered segments of the whole terminal (modal dialogs over their background)."""
    console = _console(app)
    return [segment for record in [console._record_buffer] for segment in record]


def screen_text(app) -> str:
    """The terminal as plain text, as the user would read it."""
    return _console(app).export_text(styles=False)

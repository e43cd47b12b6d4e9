"""Snapshots (pytest-textual-snapshot) of every screen at 80×24, 120×36 and 200×55, and the main screens
in nynorsk.

They use the fixture scenario in ``fixtures/`` (not the bundled ones, which may change), a fake clock and
a fresh journal folder, so they are stable. Regenerate with ``pytest tests/tui --snapshot-update`` and
read the SVGs before accepting them.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from ovelse.session import Session

from .conftest import BROKEN, SCENARIO, make_app, settle, type_text

SIZES = {"80x24": (80, 24), "120x36": (120, 36), "200x55": (200, 55)}


async def freeze(pilot) -> None:
    """Remove what depends on timing: toasts and the blinking text cursor."""
    await settle(pilot)
    pilot.app.clear_notifications()
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


async def _start(pilot) -> None:
    await settle(pilot)


async def _setup(pilot) -> None:
    await settle(pilot)
    await type_text(pilot, "Rådhuset")


async def _participants(pilot) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await type_text(pilot, "Ola Ordfører")
    await pilot.press("tab", "tab", "space", "ctrl+s")


async def _participant_form(pilot) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await type_text(pilot, "Berit Beredskap")
    await pilot.press("tab")
    await type_text(pilot, "Testkommune")
    await pilot.press("tab", "down", "space")


def prepared(journal_dir, clock, *, debrief: bool = False):
    """A journal written through the engine (fast), opened by the app as ``ovelse resume`` would."""
    session = Session.create(
        SCENARIO.read_text(encoding="utf-8"),
        SCENARIO.name,
        {"place": "Rådhuset", "facilitator": "Kari Nordmann", "purpose": "Øve på flom"},
        journal_dir=journal_dir,
        clock=clock,
    )
    session.add_participant("Ola Ordfører", roles=["ordforer"])
    session.add_participant(
        "Berit Beredskap",
        roles=["beredskapskoordinator", "kommunikasjonsansvarlig"],
        organisation="Testkommune",
    )
    clock.advance(420)
    session.choose(0)
    clock.advance(95)
    session.log_decision("Evakueringssenter på skolen", roles=["ordforer"], rationale="Skolen har aggregat")
    session.observe("Rask avklaring av ansvar", observer="Nils", objectives=["M1"])
    session.note("Statsforvalteren ringte")
    if debrief:
        session.rate_objective("M1", 4, comment="God start")
        lesson = session.add_lesson("Varslingslisten må oppdateres", objectives=["M1"])
        session.add_action(
            "Oppdatere varslingslisten",
            owner="Beredskapskoordinator",
            deadline=date(2026, 12, 1),
            lesson=lesson.seq,
        )
    path = session.path
    session.close(pause=False)
    return path


async def _run(pilot) -> None:
    await settle(pilot)


async def _run_light(pilot) -> None:
    pilot.app.theme = "textual-light"
    await settle(pilot)


def press(*keys):
    async def steps(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return steps


def press_and_type(keys, text, *more):
    async def steps(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await type_text(pilot, text)
        for key in more:
            await pilot.press(key)
            await settle(pilot)

    return steps


# name: (steps, scenario file or "journal", with debrief entries)
SCREENS = {
    "start": (_start, None, False),
    "funn": (_start, BROKEN, False),
    "oppsett": (_setup, SCENARIO, False),
    "deltakere": (_participants, SCENARIO, False),
    "deltakerskjema": (_participant_form, SCENARIO, False),
    "innspill": (_run, "journal", False),
    "innspill-lyst-tema": (_run_light, "journal", False),
    "rommets-visning": (_run, "room", False),
    "rommets-visning-alt-vist": (press("s", "s", "s"), "room", False),
    "rommets-visning-blank": (press("z"), "room", False),
    "bytte-visning-spor": (press("l"), "room", False),
    "stikkord": (press("k"), "journal", False),
    "pause": (press("p", "enter"), "journal", False),
    "beslutning": (
        press_and_type(["d"], "Kriseledelsen settes kl. 08", "tab", "space", "tab"),
        "journal",
        False,
    ),
    "observasjon": (press_and_type(["o"], "Varslingslisten var ikke oppdatert"), "journal", False),
    "hopp": (press("g"), "journal", False),
    "ekstra-innspill": (press("i", "enter"), "journal", False),
    "hjelp": (press("f1"), "journal", False),
    "logg": (press("l"), "journal", False),
    "evaluering": (press("e"), "journal", True),
    "tiltak": (press_and_type(["e", "t"], "Øve på varsling"), "journal", True),
    "avslutt-bekreft": (press("e", "a"), "journal", True),
}


LARGE = {"start", "oppsett", "innspill", "rommets-visning", "rommets-visning-alt-vist", "beslutning", "logg"}
"""The screens also taken at 200×55 (every screen is taken at 80×24 and 120×36)."""
CASES = [(screen, size) for screen in SCREENS for size in SIZES if size != "200x55" or screen in LARGE]


@pytest.mark.parametrize(("screen", "size"), CASES)
def test_screen(snap_compare, journal_dir, clock, monkeypatch, screen, size):
    steps, scenario, debrief = SCREENS[screen]
    if scenario in ("journal", "room"):
        kwargs = {"journal": prepared(journal_dir, clock, debrief=debrief)}
    elif scenario is not None:
        monkeypatch.chdir(scenario.parent)  # the file name as typed, not this machine's path
        kwargs = {"scenario_file": scenario.name}
    else:
        kwargs = {}
    app = make_app(journal_dir, clock, **kwargs)

    async def run_before(pilot) -> None:
        if scenario == "journal":  # resumed in the room-safe view: switch to the facilitator's
            await settle(pilot)
            await pilot.press("v")
        await steps(pilot)
        await freeze(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


NYNORSK = ["start", "oppsett", "innspill", "rommets-visning", "beslutning", "evaluering", "hjelp"]


@pytest.mark.parametrize("screen", NYNORSK)
def test_screen_in_nynorsk(snap_compare, journal_dir, clock, monkeypatch, screen):
    """The main screens with the UI in nynorsk (``--sprak nn``)."""
    from ovelse.i18n import current_language, set_language

    steps, scenario, debrief = SCREENS[screen]
    if scenario in ("journal", "room"):
        kwargs = {"journal": prepared(journal_dir, clock, debrief=debrief)}
    elif scenario is not None:
        monkeypatch.chdir(scenario.parent)
        kwargs = {"scenario_file": scenario.name}
    else:
        kwargs = {}
    before = current_language()
    set_language("nn")
    try:
        app = make_app(journal_dir, clock, language="nn", **kwargs)

        async def run_before(pilot) -> None:
            if scenario == "journal":
                await settle(pilot)
                await pilot.press("v")
            await steps(pilot)
            await freeze(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        set_language(before)


REHEARSAL = {
    "prov-innspill": (SCENARIO, ()),
    "prov-etter-valg": (SCENARIO, ("1",)),
    "prov-rommets-visning": (SCENARIO, ("v",)),
    "prov-feil": (BROKEN, ()),
}
REHEARSAL_CASES = [
    ("prov-innspill", "80x24"),
    ("prov-innspill", "120x36"),
    ("prov-etter-valg", "80x24"),
    ("prov-rommets-visning", "80x24"),
    ("prov-feil", "80x24"),
]


@pytest.mark.parametrize(("screen", "size"), REHEARSAL_CASES)
def test_rehearsal_screen(snap_compare, clock, screen, size):
    """``ovelse prøv``: the room's view with the facilitator's column, after a choice, the room alone, and a
    file with errors (nothing is written; the fake clock keeps the times still)."""
    from ovelse.scenario.rehearse import Rehearsal
    from ovelse.tui.app import OvelseApp

    path, keys = REHEARSAL[screen]
    app = OvelseApp(rehearsal=Rehearsal.open(path, display_name=path.name), clock=clock)
    app.animation_level = "none"

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            clock.advance(300)
            await pilot.press(key)
            await settle(pilot)
        await freeze(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)

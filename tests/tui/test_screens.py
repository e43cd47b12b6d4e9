"""Screens one at a time: start, findings, help, command palette, projector mode, confirmations."""

from __future__ import annotations

import re

from ovelse.session import Session
from ovelse.tui.screens.findings import FindingsScreen
from ovelse.tui.screens.help import HelpScreen
from ovelse.tui.screens.run import RunScreen
from ovelse.tui.screens.setup import SetupScreen, parse_date
from ovelse.tui.screens.start import StartScreen

from .conftest import BROKEN, SCENARIO, async_test, make_app, screen_text, settle, through_setup, type_text


@async_test
async def test_start_screen_lists_scenarios_and_opens_setup(journal_dir, clock):
    app = make_app(journal_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        text = screen_text(app)
        assert "Flom i Testkommune" in text
        assert "Testkommune · 60 min · Evakuering, Krisekommunikasjon" in text
        assert "har-feil" in text and "har 3 feil" in text
        assert "Ingen påbegynte øvelser." in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    assert list(journal_dir.iterdir()) == []


@async_test
async def test_scenario_with_errors_shows_findings_and_opens_nothing(journal_dir, clock):
    app = make_app(journal_dir, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        text = screen_text(app)
        assert "Scenarioet har feil og kan ikke åpnes" in text
        assert "feil OV202  linje 8, kolonne 8: startnoden «finnes-ikke» finnes ikke" in text
        assert "tips: marker siste node med «end: true»" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    assert list(journal_dir.iterdir()) == []


@async_test
async def test_run_with_a_broken_file_exits_with_code_1(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(BROKEN))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("q")
        await settle(pilot)
    assert app.return_value == 1
    assert list(journal_dir.iterdir()) == []


@async_test
async def test_unfinished_exercise_is_offered_on_the_start_screen(journal_dir, clock):
    session = Session.create(
        SCENARIO.read_text(encoding="utf-8"),
        SCENARIO.name,
        {"place": "Rådhuset"},
        journal_dir=journal_dir,
        clock=clock,
    )
    session.choose(1)
    session.log_decision("Vente på prognosen")
    session.close()
    app = make_app(journal_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Påbegynte øvelser" in text and "Flom i Testkommune" in text
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert "Rommet ser dette" in screen_text(app)  # resumed in the room-safe view
        await pilot.press("v")
        await settle(pilot)
        text = screen_text(app)
        assert "Ny prognose" in text and "Vente på prognosen" in text


@async_test
async def test_help_lists_every_key_of_the_screen_in_norwegian(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(160, 45)) as pilot:
        await through_setup(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (
            ("F1 / ?", "Vis tastene"),
            ("1–9", "Velg alternativet"),
            ("N", "Neste innspill"),
            ("B", "Tilbake til forrige"),
            ("S / Mellomrom", "Vis rommet neste melding"),
            ("Z", "Gjør rommets skjerm blank"),
            ("K", "Stikkord til øvingslederen"),
            ("D", "Logg en beslutning"),
            ("O", "Observasjon mot"),
            ("M", "Fritt notat"),
            ("P", "Pause eller fortsett"),
            ("V", "Bytt mellom rommets visning"),
            ("I", "Gi et av de ekstra innspillene"),
            ("G", "Hopp til"),
            ("L", "Hele loggen"),
            ("R", "Deltakere og roller"),
            ("E", "Evaluering:"),
            ("Q / Ctrl+Q", "Avslutt programmet"),
            ("Ctrl+P", "Kommandopaletten"),
            ("Ctrl+T", "Lyst eller mørkt tema"),
        ):
            assert re.search(rf"{re.escape(key)} +{words}", text), (key, words)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


@async_test
async def test_command_palette_offers_the_screen_actions(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Velg 1")
        await settle(pilot)
        assert "Velg 1: Kriseledelsen settes straks" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.state.current_node == "evakuering"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "pause")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the pause form: no planned resume time
        await settle(pilot)
        assert app.session.state.paused


@async_test
async def test_projector_mode_shows_only_what_the_room_sees(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(160, 45)) as pilot:
        await through_setup(pilot)
        text = screen_text(app)
        assert "Hemmelig notat for øvingsleder" in text
        assert "Hva står i beredskapsplanen om innkalling?" in text
        await pilot.press("v")
        await settle(pilot)
        text = screen_text(app)
        assert app.screen.query_one("#big-title").text == "Rødt farevarsel"  # drawn in large letters
        assert "█▀▀▀▄ ▄▀▀█▄ █▀▀▀▄ ▀▀█▀▀" in text  # «RØDT»
        assert "Rommet ser dette" in text and "Scenariotid D 07:00" in text
        # The facilitator reveals one thing at a time: the message, the questions, then the choices.
        assert (
            "Ny prognose" not in text and "Hvem kaller inn" not in text and "Kriseledelsen settes" not in text
        )
        for shown in ("Ny prognose", "Hvem kaller inn", "Kriseledelsen settes straks"):
            await pilot.press("s")
            await settle(pilot)
            text = screen_text(app)
            assert shown in text, shown
        assert "Neste:" not in text
        assert "Hemmelig notat" not in text
        assert "Hva står i beredskapsplanen" not in text
        assert "Siste i loggen" not in text
        assert not str(app.screen.query_one("#facilitator").render())  # emptied, not only hidden
        # Keys still drive the exercise from the projector view.
        await pilot.press("1")
        await settle(pilot)
        text = screen_text(app)
        assert "Politiet vurderer å evakuere" in text and "Pass på at rommet" not in text
        await pilot.press("v")
        await settle(pilot)
        assert "Pass på at rommet" in screen_text(app)


@async_test
async def test_ending_asks_first_and_cancel_keeps_it_running(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(100, 30)) as pilot:
        await through_setup(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "Avslutte øvelsen?" in text and "Ikke vurdert ennå: M1, M2" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not app.session.state.is_ended


@async_test
async def test_cancelling_a_typed_form_asks_before_discarding(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(100, 30)) as pilot:
        await through_setup(pilot)
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Halvferdig")
        await pilot.press("escape")
        await settle(pilot)
        assert "Forkaste det du har skrevet?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [e.current.text for e in app.session.state.decisions] == ["Halvferdig"]


@async_test
async def test_log_screen_corrects_and_retracts_without_rewriting(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 30)) as pilot:
        await through_setup(pilot)
        for text in ("Første", "Andre"):
            await pilot.press("m")
            await settle(pilot)
            await type_text(pilot, text)
            await pilot.press("ctrl+s")
            await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " (rettet)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("up", "x")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        text = screen_text(app)
        assert "Andre (rettet)" in text and "(trukket)" in text
    state = Session.open(next(journal_dir.glob("*.jsonl")), clock=clock).state
    first, second = state.notes
    assert first.retracted and first.current.text == "Første"
    assert second.corrected and second.original.text == "Andre" and second.current.text == "Andre (rettet)"


def test_dates_in_norwegian_and_iso_form():
    from datetime import date

    import pytest

    assert parse_date("15.09.2026") == date(2026, 9, 15)
    assert parse_date("2026-09-15") == date(2026, 9, 15)
    with pytest.raises(ValueError, match=r"DD\.MM\.ÅÅÅÅ"):
        parse_date("15/9")
    with pytest.raises(ValueError, match="ikke en gyldig dato"):
        parse_date("31.02.2026")


@async_test
async def test_export_from_the_debrief_writes_a_report_beside_the_journal(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 35)) as pilot:
        await through_setup(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await type_text(pilot, "markdown")
        await pilot.press("enter")
        await settle(pilot)
        assert any("Rapporten er skrevet" in n.message for n in app._notifications)  # toasts are off in tests
    (report,) = journal_dir.glob("*.md")
    assert "Flom i Testkommune" in report.read_text(encoding="utf-8")

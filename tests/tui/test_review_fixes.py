"""Deadlines in a sensible range with four-digit years; the scenario title stays in the top bar at 80 columns."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from ovelse.i18n.dates import short_date
from ovelse.session import InvalidAction, Session
from ovelse.tui.screens.action import ActionForm
from ovelse.tui.screens.setup import parse_date
from ovelse.tui.widgets.logpanel import entry_summary

from .conftest import SCENARIO, async_test, make_app, screen_text, settle, through_setup, type_text

LONG_TITLE = "Diskusjonsøvelse: ekstremværet «Hans» i Ringerike kommune"


def test_dates_outside_2000_to_2100_are_refused_in_norwegian():
    assert parse_date("01.01.2000") == date(2000, 1, 1)
    assert parse_date("31.12.2100") == date(2100, 12, 31)
    for text in ("01.01.0001", "31.12.1999", "0001-01-01", "01.01.2101"):
        with pytest.raises(ValueError, match="året må være mellom 2000 og 2100"):
            parse_date(text)


def test_dates_are_shown_with_four_digit_years():
    assert short_date(date(1, 1, 1)) == "01.01.0001"
    assert short_date(date(2026, 12, 1)) == "01.12.2026"


def test_an_old_journal_with_year_1_shows_four_digits_in_the_log(tmp_path):
    from ovelse.session.events import ActionAdded

    event = ActionAdded(
        seq=9, at="2026-09-15T08:00:00Z", elapsed=0.0, text="Tiltak", owner="Kari", deadline=date(1, 1, 1)
    )

    class Entry:
        type = "action_added"
        current = event

    assert "frist: 01.01.0001" in entry_summary(Entry())


def test_the_engine_refuses_a_deadline_outside_the_range(tmp_path, clock):
    with Session.create(
        SCENARIO.read_text(encoding="utf-8"), SCENARIO.name, journal_dir=tmp_path, clock=clock
    ) as session:
        size = session.path.stat().st_size
        for deadline in (date(1, 1, 1), "0001-01-01", "2101-01-01"):
            with pytest.raises(InvalidAction, match="«frist» må være mellom år 2000 og 2100"):
                session.add_action("Tiltak", owner="Kari", deadline=deadline)
        assert session.path.stat().st_size == size and session.state.actions == []
        action = session.add_action("Tiltak", owner="Kari", deadline="2026-12-01")
        with pytest.raises(InvalidAction, match="mellom år 2000 og 2100"):
            session.correct(action.seq, deadline="0001-01-01")
        session.correct(action.seq, deadline="2027-01-15")
        assert session.state.actions[0].current.deadline == date(2027, 1, 15)


@async_test
async def test_tiltak_form_refuses_year_1_and_keeps_the_text(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "Oppdatere listen")
        await pilot.press("tab")
        await type_text(pilot, "Kari")
        await pilot.press("tab")
        await type_text(pilot, "01.01.0001")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        error = str(app.screen.query_one("#form-error", Static).content)
        assert error == "Ikke lagret: 01.01.0001 kan ikke brukes: året må være mellom 2000 og 2100."
        assert app.session.state.actions == []
        field = app.screen.query_one("#tiltak-frist")
        field.value = ""
        field.focus()
        await type_text(pilot, "01.12.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ActionForm)
        assert app.session.state.actions[0].current.deadline == date(2026, 12, 1)
        assert "frist: 01.12.2026" in screen_text(app)


@pytest.fixture
def long_title_scenario(tmp_path):
    text = SCENARIO.read_text(encoding="utf-8").replace(
        'title: "Flom i Testkommune"', f'title: "{LONG_TITLE}"'
    )
    assert LONG_TITLE in text
    path = tmp_path / "lang-tittel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("width, over_time", [(80, False), (80, True), (100, True)])
@async_test
async def test_title_stays_in_the_top_bar_when_paused_at_narrow_widths(
    journal_dir, clock, long_title_scenario, width, over_time
):
    app = make_app(journal_dir, clock, scenario_file=str(long_title_scenario))
    async with app.run_test(size=(width, 24)) as pilot:
        await through_setup(pilot)
        if over_time:  # the longest clock: over an hour, over the plan, and over the innspill's time
            clock.advance(3000)
            await pilot.press("1")
            await settle(pilot)
            clock.advance(1325)
        for paused in (True, False):
            await pilot.press("p")
            await settle(pilot)
            if paused:
                await pilot.press("enter")  # the pause form: no planned resume time
                await settle(pilot)
            assert app.session.state.paused is paused
            top = screen_text(app).splitlines()[0]
            assert ("PAUSE" in top) is paused
            assert "Diskusjonsøvelse" in top, top  # the title, cut with «…» where needed
            if over_time:  # the whole clock is shown too, not cut at the right edge
                assert "1:12:05 av 60 min (12:05 over) · innspill 22:05" in top, top
                assert top.rstrip().endswith(("22:05", "av 20 min")), top


def test_compact_clock_leaves_out_only_the_innspill_plan():
    from ovelse.tui.widgets.topbar import clock_content

    assert clock_content(4325, 60, 1325, 20, True, compact=True).plain == (
        " PAUSE  · 1:12:05 av 60 min (12:05 over) · innspill 22:05"
    )
    assert clock_content(515, 60, 95, 20, False, compact=True).plain == "08:35 av 60 min · innspill 01:35"

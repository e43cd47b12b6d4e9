"""Nothing happens behind the user's back (issue 11 §4–5): what opening a journal moved aside is shown on
resume, quitting with a typed but unsaved form says so and offers to go back, and a deadline in the past is
asked about before it is saved (in the tiltak form and when a tiltak's deadline is corrected)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from textual.widgets import Input

from ovelse.i18n.dates import short_date
from ovelse.session import load_journal
from ovelse.tui.screens.action import ActionForm
from ovelse.tui.screens.confirm import ConfirmScreen
from ovelse.tui.screens.correct import CorrectForm
from ovelse.tui.screens.debrief import DebriefScreen
from ovelse.tui.screens.decision import DecisionForm
from ovelse.tui.screens.log import LogScreen
from ovelse.tui.screens.notices import NoticesScreen
from ovelse.tui.screens.run import RunScreen

from .conftest import SCENARIO, async_test, make_app, screen_text, settle, through_setup, type_text

GOLDEN = Path(__file__).resolve().parents[1] / "session" / "golden"
TORN = b'{"type":"note","seq":9,"text":"Halvveis skrevet \x1b[31m'


async def _exercise_then_quit(journal_dir, clock) -> Path:
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Kriseledelsen settes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
    (path,) = journal_dir.glob("*.jsonl")
    return path


@async_test
async def test_a_torn_tail_moved_aside_is_shown_on_resume_with_the_side_file_and_what_it_held(
    journal_dir, clock
):
    path = await _exercise_then_quit(journal_dir, clock)
    before = path.read_bytes()
    path.write_bytes(before + TORN)  # the program was killed mid-write
    clock.advance(60)
    app = make_app(journal_dir, clock, journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        text = screen_text(app)
        side = path.with_name(path.name + ".torn-1")
        assert "Dette bør du vite om journalen" in text
        assert side.name in " ".join(text.split()), text  # the name may wrap at the dialog's edge
        assert "Halvveis skrevet" in text and "\x1b" not in text  # what it held, control characters visible
        assert side.read_bytes() == TORN
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q", "j")
        await settle(pilot)
    assert path.read_bytes().startswith(before) and TORN not in path.read_bytes()


@async_test
async def test_a_clean_resume_shows_no_notices(journal_dir, clock):
    path = await _exercise_then_quit(journal_dir, clock)
    app = make_app(journal_dir, clock, journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q", "j")
        await settle(pilot)


@async_test
async def test_an_old_journal_without_the_chain_says_so_on_resume(tmp_path, clock):
    path = tmp_path / "format1-setup-closed.jsonl"
    shutil.copyfile(GOLDEN / path.name, path)
    clock.set_wall(load_journal(path).state.last_at + timedelta(minutes=5))
    app = make_app(tmp_path, clock, journal=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoticesScreen)
        assert "eldre versjon av ovelse" in " ".join(screen_text(app).split())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoticesScreen)


@async_test
async def test_quitting_with_a_typed_form_says_so_and_goes_back_to_it(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Halvferdig beslutning")
        seq = app.session.state.last_seq
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(screen_text(app).split())
        assert "Avslutte med et skjema som ikke er lagret?" in text and "«Ny beslutning»" in text
        assert "Tilbake til skjemaet" in text
        await pilot.press("n")  # back to the form, with the text
        await settle(pilot)
        assert isinstance(app.screen, DecisionForm)
        assert app.screen.query_one("#beslutning-tekst", Input).value == "Halvferdig beslutning"
        assert app.session.state.last_seq == seq
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [e.current.text for e in app.session.state.decisions] == ["Halvferdig beslutning"]

        # An open form with nothing typed in it is not «unsaved»: the ordinary question.
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Avslutte programmet midt i øvelsen?" in text and "skjema som ikke er lagret" not in text
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        # After the end nothing is left open: Ctrl+Q quits without a question.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert app.session.state.is_ended
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0


@async_test
async def test_a_deadline_in_the_past_is_asked_about_before_it_is_saved(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        session = app.session
        today = session.today()
        past, future = today - timedelta(days=30), today + timedelta(days=30)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        example = form.query_one("#tiltak-frist", Input).placeholder
        assert short_date(today + timedelta(days=60)) in example  # the field's example is in the future
        await type_text(pilot, "Oppdatere listen")
        await pilot.press("tab")
        await type_text(pilot, "IKT")
        await pilot.press("tab")
        await type_text(pilot, short_date(past))
        seq = session.state.last_seq
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(screen_text(app).split())
        assert f"Fristen {short_date(past)} er allerede passert" in text and short_date(today) in text
        await pilot.press("n")  # «Rett det»: back to the form, nothing written
        await settle(pilot)
        assert app.screen is form and session.state.last_seq == seq
        await pilot.press("ctrl+s")  # asked again: the answer was «no»
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")  # «Lagre likevel»
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        (action,) = session.state.actions
        assert action.current.deadline == past

        # A future deadline saves without a question.
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "Kjøpe radioer")
        await pilot.press("tab")
        await type_text(pilot, "IKT")
        await pilot.press("tab")
        await type_text(pilot, short_date(future))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert [a.current.deadline for a in session.state.actions] == [past, future]

        # Correcting the second tiltak's deadline into the past (from the log) asks too.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        await pilot.press("k")  # the last entry: the second tiltak
        await settle(pilot)
        correct = app.screen
        assert isinstance(correct, CorrectForm)
        deadline = correct.query_one("#rett-deadline", Input)
        deadline.value = short_date(past)
        seq = session.state.last_seq
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Fristen {short_date(past)} er allerede passert" in " ".join(screen_text(app).split())
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is correct and session.state.last_seq == seq
        deadline.value = short_date(future + timedelta(days=1))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        assert session.state.actions[1].current.deadline == future + timedelta(days=1)

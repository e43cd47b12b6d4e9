"""Drive whole exercises through the app with the Pilot and check the journal on disk, not just the screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ovelse.session import Session, load_journal
from ovelse.tui.screens.debrief import DebriefScreen
from ovelse.tui.screens.participants import ParticipantsScreen
from ovelse.tui.screens.run import RunScreen

from .conftest import SCENARIO, async_test, make_app, screen_text, settle, through_setup, type_text


def _journal(journal_dir: Path) -> Path:
    files = sorted(journal_dir.glob("*.jsonl"))
    assert len(files) == 1, files
    return files[0]


@async_test
async def test_full_exercise_is_in_the_journal(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        # Set-up: facts, then two participants with roles from the catalogue.
        await through_setup(pilot, [("Ola Ordfører", [0]), ("Berit Beredskap", [1, 2])])
        assert isinstance(app.screen, RunScreen)
        assert "Rødt farevarsel" in screen_text(app)

        # A branch by number key.
        clock.advance(300)
        await pilot.press("1")
        await settle(pilot)
        assert app.session.state.current_node == "evakuering"
        assert "Kriseledelsen er satt og følger situasjonen." in screen_text(app)  # message shown by flag

        # A decision through the quick form: text, a responsible role, rationale, disagreement, open question.
        clock.advance(60)
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Evakueringssenter i Nedre Bygd skole")
        await pilot.press("tab", "space", "tab")
        await type_text(pilot, "Skolen har aggregat")
        await pilot.press("tab")
        await type_text(pilot, "NVE mener det er for tidlig")
        await pilot.press("tab")
        await type_text(pilot, "Hvem betaler?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert "Evakueringssenter i Nedre Bygd skole" in str(app.screen.query_one("#latest-log").content)

        # An observation against the innspill's objectives (ticked on purpose: nothing is pre-ticked), a note.
        await pilot.press("o")
        await settle(pilot)
        await type_text(pilot, "Rask avklaring av ansvar")
        await pilot.press("tab", "space", "down", "space")
        await pilot.press("ctrl+s")
        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "Statsforvalteren ringte")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Pause for ten minutes: the exercise clock stands still.
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")  # no planned resume time
        await settle(pilot)
        assert "PAUSE" in screen_text(app)
        clock.advance(600)
        await pilot.press("p")
        await settle(pilot)
        assert app.session.elapsed_now() == 360.0

        # An extra inject, shown until N, then a jump and back.
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Strømmen går i Nedre Bygd" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.session.state.current_node == "evakuering"
        await pilot.press("g")
        await settle(pilot)
        await type_text(pilot, "prognose")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.state.current_node == "prognose"
        await pilot.press("b")
        await settle(pilot)
        assert app.session.state.current_node == "evakuering"
        await pilot.press("n")
        await settle(pilot)
        assert app.session.state.current_node == "informasjon"

        # Debrief: rate M1 by key, M2 through the form with a comment, a lesson and an action.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("4", "down", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "space", "tab")
        await type_text(pilot, "Tydelige meldinger")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, "Varslingslisten var utdatert")
        await pilot.press("tab", "space", "ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "Oppdatere varslingslisten")
        await pilot.press("tab")
        await type_text(pilot, "Beredskapskoordinator")
        await pilot.press("tab")
        await type_text(pilot, "01.12.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Oppdatere varslingslisten" in text and "01.12.2026" in text

        # End (with confirmation), then quit without a question: nothing is left unsaved.
        await pilot.press("a")
        await settle(pilot)
        assert "er allerede lagret" in screen_text(app), screen_text(app)
        await pilot.press("j")
        await settle(pilot)
        assert app.session.state.is_ended
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0

    loaded = load_journal(_journal(journal_dir))
    state = loaded.state
    facts = state.facts
    assert (facts.place, facts.facilitator, facts.purpose, facts.municipality) == (
        "Rådhuset",
        "Kari Nordmann",
        "Øve på flom",
        "Testkommune",
    )
    people = {p.name: p.roles for p in state.active_participants()}
    assert people == {
        "Ola Ordfører": ["ordforer"],
        "Berit Beredskap": ["beredskapskoordinator", "kommunikasjonsansvarlig"],
    }
    assert [(s.node_id, s.via) for s in state.path] == [
        ("varsel", "start"),
        ("evakuering", "choice"),
        ("prognose", "jump"),
        ("evakuering", "back"),
        ("informasjon", "next"),
    ]
    assert "kriseledelse_satt" in state.flags
    (decision,) = [e.current for e in state.decisions]
    assert decision.text == "Evakueringssenter i Nedre Bygd skole"
    assert decision.roles == ["ordforer"]
    assert decision.rationale == "Skolen har aggregat"
    assert decision.disagreement == "NVE mener det er for tidlig"
    assert decision.open_question == "Hvem betaler?"
    assert decision.elapsed == 360.0 and decision.scenario_time == "D 14:00"
    (observation,) = [e.current for e in state.observations]
    assert observation.text == "Rask avklaring av ansvar" and observation.objectives == ["M1", "M2"]
    assert [e.current.text for e in state.notes] == ["Statsforvalteren ringte"]
    assert [(p.reason, p.cause) for p in state.pauses] == [(None, "break")]  # set-up is not a pause
    assert state.pauses[-1].wall_seconds == 600
    assert [e.current.inject_id for e in state.injects] == ["strombrudd"]
    assert state.rating("M1").current.rating == 4
    assert (state.rating("M2").current.rating, state.rating("M2").current.comment) == (
        3,
        "Tydelige meldinger",
    )
    (lesson,) = [e.current for e in state.lessons]
    assert lesson.text == "Varslingslisten var utdatert" and lesson.objectives == ["M1"]
    (action,) = [e.current for e in state.actions]
    assert (action.text, action.owner, action.deadline) == (
        "Oppdatere varslingslisten",
        "Beredskapskoordinator",
        date(2026, 12, 1),
    )
    assert state.is_ended


@async_test
async def test_quitting_mid_exercise_asks_first_and_resume_continues(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(100, 30)) as pilot:
        await through_setup(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Vi venter på NVE")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        text = screen_text(app)
        assert "Avslutte programmet midt i øvelsen?" in text
        assert "allerede lagret i journalen" in text
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
    path = _journal(journal_dir)

    resumed = make_app(journal_dir, clock, journal=path)
    async with resumed.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(resumed.screen, RunScreen)
        text = screen_text(resumed)
        # Resumed in the room-safe view: the log (and the decision in it) is not on a mirrored screen.
        assert "Rommet ser dette" in text and "Vi venter på NVE" not in text
        await pilot.press("v")
        await settle(pilot)
        text = screen_text(resumed)
        assert "Bare for deg" in text and "Ny prognose" in text and "Vi venter på NVE" in text
        assert "PAUSE" in text  # closing paused the clock; P continues
        await pilot.press("p")
        await settle(pilot)
        assert not resumed.session.state.paused
        await pilot.press("ctrl+q", "j")
        await settle(pilot)
    with Session.open(path, clock=clock) as session:
        assert session.state.current_node == "prognose"
        assert [e.current.text for e in session.state.decisions] == ["Vi venter på NVE"]


@async_test
async def test_participants_screen_shows_roles_nobody_holds(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Noen felt er tomme: Sted, Øvingsleder, Formål med øvelsen" in screen_text(app)
        await pilot.press("j")  # go on with blanks (they can be filled in later)
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        text = screen_text(app)
        assert "som ingen har ennå: Ordfører, Beredskapskoordinator, Kommunikasjonsansvarlig" in text
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Ola")
        await pilot.press("tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "som ingen har ennå: Beredskapskoordinator, Kommunikasjonsansvarlig" in text
        # Give Ola another role from the catalogue through the picker.
        await pilot.press("r")
        await settle(pilot)
        await type_text(pilot, "kommunikasjon")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.state.participants["p1"].roles == ["ordforer", "kommunikasjonsansvarlig"]
        assert "som ingen har ennå: Beredskapskoordinator" in screen_text(app)


@async_test
async def test_set_up_time_is_not_exercise_time(journal_dir, clock):
    """Set-up the afternoon before: the exercise clock starts at Ctrl+N on the participants step, and a
    journal closed during set-up resumes there, with the clock still not started."""
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Rådhuset")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("j")  # go on with blank facilitator and purpose
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Ola Ordfører")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.state.begun
        assert app.session.heartbeat() is None  # nothing runs in set-up
    journal = _journal(journal_dir)

    clock.advance(17 * 3600)  # the next morning
    app = make_app(journal_dir, clock, journal=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen) and app.screen.setup
        assert "Ola Ordfører" in screen_text(app)
        started = clock.now()
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert app.session.state.began_at == started
        clock.advance(90)
        assert app.session.elapsed_now() == 90.0
        assert app.session.state.pauses == []  # set-up is not a pause

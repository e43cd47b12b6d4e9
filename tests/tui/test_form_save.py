"""A form stays open with its text until the engine has saved it: disk full, fix, Ctrl+S again."""

from __future__ import annotations

import errno

from textual.widgets import Input, Static

from ovelse.session.oserrors import journal_os_error
from ovelse.tui.screens.action import ActionForm
from ovelse.tui.screens.correct import CorrectForm
from ovelse.tui.screens.debrief import DebriefScreen
from ovelse.tui.screens.decision import DecisionForm
from ovelse.tui.screens.form import FormScreen
from ovelse.tui.screens.lesson import LessonForm
from ovelse.tui.screens.note import NoteForm
from ovelse.tui.screens.observation import ObservationForm
from ovelse.tui.screens.participant import ParticipantForm
from ovelse.tui.screens.rating import RatingForm
from ovelse.tui.screens.run import RunScreen

from .conftest import SCENARIO, async_test, make_app, settle, through_setup, type_text


def _disk_full(app, monkeypatch) -> None:
    """Every append fails the way a full disk makes it fail (the engine then changes nothing)."""
    writer = app.session._writer

    def append(event):
        raise journal_os_error(
            OSError(errno.ENOSPC, "No space left on device"), writer.path, "lagre hendelsen"
        )

    monkeypatch.setattr(writer, "append", append)


def _form_error(app) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


async def _fails_then_saves(pilot, monkeypatch, form: type[FormScreen], field: str, typed: str) -> None:
    """Ctrl+S on a full disk keeps the form and its text and says why; Ctrl+S after the fix saves it."""
    app = pilot.app
    assert isinstance(app.screen, form)
    journal = app.session.path
    before, seq = journal.read_bytes(), app.session.state.last_seq
    with monkeypatch.context() as patch:
        _disk_full(app, patch)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, form), "the form closed although nothing was saved"
        error = _form_error(app)
        assert "Ikke lagret: Disken er full" in error and "Frigjør plass" in error
        assert "Det du har skrevet, er beholdt" in error
        assert app.screen.query_one(field, Input).value == typed
        assert journal.read_bytes() == before and app.session.state.last_seq == seq
        # Still failing: pressing again changes nothing either.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, form) and app.session.state.last_seq == seq
    await pilot.press("ctrl+s")  # space freed: the same form saves
    await settle(pilot)
    assert not isinstance(app.screen, FormScreen)
    assert app.session.state.last_seq == seq + 1 and len(journal.read_bytes()) > len(before)


@async_test
async def test_every_form_keeps_its_text_when_saving_fails(journal_dir, clock, monkeypatch):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        state = app.session.state

        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "Statsforvalteren ringte")
        await _fails_then_saves(pilot, monkeypatch, NoteForm, "#notat-tekst", "Statsforvalteren ringte")
        assert [e.current.text for e in state.notes] == ["Statsforvalteren ringte"]
        assert isinstance(app.screen, RunScreen)
        assert any(n.message == "Notatet er lagret." for n in app._notifications)

        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Kriseledelsen settes")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Skolen har aggregat")
        await _fails_then_saves(pilot, monkeypatch, DecisionForm, "#beslutning-tekst", "Kriseledelsen settes")
        (decision,) = [e.current for e in state.decisions]
        assert (decision.text, decision.rationale) == ("Kriseledelsen settes", "Skolen har aggregat")

        await pilot.press("o")
        await settle(pilot)
        await type_text(pilot, "Rask avklaring")
        await _fails_then_saves(pilot, monkeypatch, ObservationForm, "#observasjon-tekst", "Rask avklaring")
        assert [e.current.text for e in state.observations] == ["Rask avklaring"]

        await pilot.press("r")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Kari Nordmann")
        await _fails_then_saves(pilot, monkeypatch, ParticipantForm, "#deltaker-navn", "Kari Nordmann")
        assert [p.name for p in state.active_participants()] == ["Kari Nordmann"]
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("l")
        await settle(pilot)
        await pilot.press("up", "up", "up")  # the note (the decision and observation come after it)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " i dag")
        await _fails_then_saves(
            pilot, monkeypatch, CorrectForm, "#rett-tekst", "Statsforvalteren ringte i dag"
        )
        assert state.notes[0].current.text == "Statsforvalteren ringte i dag"
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, "Varslingslisten var utdatert")
        await _fails_then_saves(
            pilot, monkeypatch, LessonForm, "#laering-tekst", "Varslingslisten var utdatert"
        )
        assert [e.current.text for e in state.lessons] == ["Varslingslisten var utdatert"]

        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "Oppdatere listen")
        await pilot.press("tab")
        await type_text(pilot, "Beredskapskoordinator")
        await _fails_then_saves(pilot, monkeypatch, ActionForm, "#tiltak-tekst", "Oppdatere listen")
        assert [(e.current.text, e.current.owner) for e in state.actions] == [
            ("Oppdatere listen", "Beredskapskoordinator")
        ]

        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "space", "tab")
        await type_text(pilot, "Tydelige meldinger")
        await _fails_then_saves(pilot, monkeypatch, RatingForm, "#vurdering-kommentar", "Tydelige meldinger")
        rated = state.rating("M1").current
        assert (rated.rating, rated.comment) == (3, "Tydelige meldinger")


@async_test
async def test_a_refused_save_keeps_the_form_open_with_the_engines_reason(journal_dir, clock, monkeypatch):
    from ovelse.session import InvalidAction

    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "Et notat")

        def refuse(*args, **kwargs):
            raise InvalidAction("input.too_long", name="tekst", max=20000)

        monkeypatch.setattr(app.session, "note", refuse)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteForm)
        assert "Ikke lagret: «tekst» er for lang" in _form_error(app)
        assert app.screen.query_one("#notat-tekst", Input).value == "Et notat"

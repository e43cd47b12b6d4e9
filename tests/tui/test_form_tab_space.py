"""Every form saves exactly what is on screen (issue 11 §1): Tab → Space → Ctrl+S ticks the item the cursor is
on, and the journal gets that tick, read back from the rendered ``[x]`` / ``[ ]`` boxes, not from the widget's
state. The decision case types a text longer than the field first (once the natural way to lose a tick).

The save-fails-and-keeps-the-text path of each form is in ``test_form_save.py``; this file is about what is
saved when it succeeds."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, RadioButton, RadioSet, Select

from ovelse.session import load_journal
from ovelse.tui.screens.action import ActionForm
from ovelse.tui.screens.correct import CorrectForm
from ovelse.tui.screens.debrief import DebriefScreen
from ovelse.tui.screens.decision import DecisionForm
from ovelse.tui.screens.form import FormScreen
from ovelse.tui.screens.lesson import LessonForm
from ovelse.tui.screens.log import LogScreen
from ovelse.tui.screens.note import NoteForm
from ovelse.tui.screens.observation import ObservationForm
from ovelse.tui.screens.participant import ParticipantForm
from ovelse.tui.screens.participants import ParticipantsScreen
from ovelse.tui.screens.pause import PauseForm
from ovelse.tui.screens.rating import RatingForm
from ovelse.tui.screens.status import StatusForm
from ovelse.tui.widgets.ticklist import CHOSEN, TICKED, UNCHOSEN, UNTICKED, TickList

from .conftest import SCENARIO, async_test, make_app, screen_text, settle, through_setup, type_text

LONG = (
    "Kriseledelsen settes kl. 08.00 i rådhuset, og beredskapskoordinator kaller inn Sivilforsvaret, "
    "Statens vegvesen og Elvebygd Kraft til første statusmøte kl. 09.00"
)


def boxes_on_screen(form: FormScreen, selector: str) -> dict[str, bool]:
    """Item name → ticked, read from the list's rendered lines (what the user sees, shape not colour)."""
    ticklist = form.query_one(selector, TickList)
    shown: dict[str, bool] = {}
    for y in range(ticklist.size.height):
        line = ticklist.render_line(y).text.strip()
        for box, ticked in ((TICKED, True), (UNTICKED, False)):
            if line.startswith(box):
                shown[line[len(box) :].strip()] = ticked
    assert shown, f"no boxes rendered in {selector}"
    return shown


def ids_of(form: FormScreen, selector: str, names: list[str]) -> list[str]:
    """The ids of the list items whose shown names are ``names``."""
    ticklist = form.query_one(selector, TickList)
    by_name = {}
    for index in range(ticklist.option_count):
        option = ticklist.get_option_at_index(index)
        by_name[option.prompt.plain if hasattr(option.prompt, "plain") else str(option.prompt)] = option.value
    return [str(by_name[name]) for name in names]


def ticked(form: FormScreen, selector: str, app) -> list[str]:
    """The ids ticked on screen, checked to be in the terminal's text too."""
    shown = boxes_on_screen(form, selector)
    names = [name for name, on in shown.items() if on]
    text = screen_text(app)
    for name in names:
        assert f"{TICKED} {name[:20]}" in text, f"«{TICKED} {name}» is not on the screen"
    return ids_of(form, selector, names)


def chosen_on_screen(form: FormScreen, selector: str) -> list[str]:
    """The radio buttons shown as chosen, ``(•)`` (their labels), read from what each button renders."""
    radio = form.query_one(selector, RadioSet)
    shown = {}
    for button in radio.query(RadioButton):
        text = button.render().plain
        assert text.startswith((CHOSEN, UNCHOSEN)), text
        shown[text[len(CHOSEN) :].strip()] = text.startswith(CHOSEN)
    return [label for label, on in shown.items() if on]


def last_event(app):
    return load_journal(app.session.path).events[-1]


async def open_form(pilot, key: str, form: type[FormScreen]) -> FormScreen:
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, form), pilot.app.screen
    return pilot.app.screen


async def save(pilot, form: type[FormScreen]) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, form), "the form did not close"


@async_test
async def test_run_screen_forms_save_what_is_on_screen(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)

        # Decision: a text longer than the field, then Tab → Space: the first role is ticked, and saved.
        form = await open_form(pilot, "d", DecisionForm)
        await type_text(pilot, LONG)
        field = form.query_one("#beslutning-tekst", Input)
        assert len(LONG) > field.size.width, "the text must be longer than the field"
        await pilot.press("tab", "space")
        await settle(pilot)
        roles = ticked(form, "#beslutning-roller", app)
        assert len(roles) == 1, roles
        assert not form.query_one("#beslutning-roller", TickList).selected[1:]
        await save(pilot, DecisionForm)
        event = last_event(app)
        assert event.type == "decision_logged" and event.text == LONG and event.roles == roles

        # The same again, Space twice: ticked and unticked again, so nothing is saved as ticked.
        form = await open_form(pilot, "d", DecisionForm)
        await type_text(pilot, "Ingen ansvarlig ennå")
        await pilot.press("tab", "space", "space")
        await settle(pilot)
        assert ticked(form, "#beslutning-roller", app) == []
        await save(pilot, DecisionForm)
        event = last_event(app)
        assert event.text == "Ingen ansvarlig ennå" and event.roles == []

        # Observation: nothing is pre-ticked (the innspill's objectives are only named); Tab → Space ticks one.
        form = await open_form(pilot, "o", ObservationForm)
        assert ticked(form, "#observasjon-mal", app) == []
        await type_text(pilot, "Rask avklaring av ansvar")
        await pilot.press("tab", "space")
        await settle(pilot)
        objectives = ticked(form, "#observasjon-mal", app)
        assert len(objectives) == 1
        await pilot.press("tab")
        await type_text(pilot, "Siv Olsen")
        await save(pilot, ObservationForm)
        event = last_event(app)
        assert event.type == "observation" and event.objectives == objectives
        assert (event.text, event.observer) == ("Rask avklaring av ansvar", "Siv Olsen")

        # Note: the only field; Tab → Space adds a blank the form trims, exactly as the field shows it.
        form = await open_form(pilot, "m", NoteForm)
        await type_text(pilot, "Statsforvalteren ringte")
        await pilot.press("tab", "space")
        await settle(pilot)
        shown = form.query_one("#notat-tekst", Input).value
        await save(pilot, NoteForm)
        event = last_event(app)
        assert event.type == "note" and event.text == shown.strip() == "Statsforvalteren ringte"

        # Pause: the planned time typed, Tab → Space (a blank the form trims), Ctrl+S.
        form = await open_form(pilot, "p", PauseForm)
        await type_text(pilot, "10.15")
        await pilot.press("tab", "space")
        await settle(pilot)
        await save(pilot, PauseForm)
        event = last_event(app)
        assert event.type == "paused" and event.until == "10:15"


@async_test
async def test_participant_form_saves_what_is_on_screen_when_adding_and_editing(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        form = await open_form(pilot, "a", ParticipantForm)
        await type_text(pilot, "Kari Nordmann")
        await pilot.press("tab")
        await type_text(pilot, "Elvebygd kommune")
        await pilot.press("tab", "space")
        await settle(pilot)
        roles = ticked(form, "#deltaker-roller", app)
        assert len(roles) == 1
        await save(pilot, ParticipantForm)
        event = last_event(app)
        assert event.type == "participant_added" and event.roles == roles
        assert (event.name, event.organisation) == ("Kari Nordmann", "Elvebygd kommune")

        # Edit (Enter, as the screen's hint says): the stored tick is shown as [x]; Tab → Tab → Space on it
        # unticks it, and that is saved.
        form = await open_form(pilot, "enter", ParticipantForm)
        assert ticked(form, "#deltaker-roller", app) == roles
        await pilot.press("tab", "tab", "space")
        await settle(pilot)
        assert ticked(form, "#deltaker-roller", app) == []
        await save(pilot, ParticipantForm)
        (person,) = app.session.state.active_participants()
        assert person.roles == [] and person.name == "Kari Nordmann"


@async_test
async def test_debrief_forms_save_what_is_on_screen(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)

        # Rating (Enter on the first objective): nothing chosen; Down → Space chooses «2», shown as (•);
        # Tab → the comment; Ctrl+S saves the rating shown.
        form = await open_form(pilot, "enter", RatingForm)
        assert chosen_on_screen(form, "#vurdering") == []
        await pilot.press("down", "space", "tab")
        await type_text(pilot, "Tydelige meldinger")
        await settle(pilot)
        (label,) = chosen_on_screen(form, "#vurdering")
        assert f"{CHOSEN} {label}" in screen_text(app)
        await save(pilot, RatingForm)
        rating = last_event(app)
        assert rating.type == "objective_rated" and label.startswith(f"{rating.rating} – ")
        assert rating.comment == "Tydelige meldinger"

        form = await open_form(pilot, "l", LessonForm)
        await type_text(pilot, "Varslingslisten var utdatert")
        await pilot.press("tab", "space")
        await settle(pilot)
        objectives = ticked(form, "#laering-mal", app)
        assert len(objectives) == 1
        await save(pilot, LessonForm)
        lesson = last_event(app)
        assert lesson.type == "lesson_added" and lesson.objectives == objectives

        # Tiltak: text, owner, deadline, then Tab → Space on the læringspunkt list opens it; Enter picks what
        # is highlighted and the field shows it; Ctrl+S saves that link.
        form = await open_form(pilot, "t", ActionForm)
        await type_text(pilot, "Oppdatere varslingslisten")
        await pilot.press("tab")
        await type_text(pilot, "Beredskapskoordinator")
        await pilot.press("tab")
        deadline = date(clock.now().year + 1, 3, 1)
        await type_text(pilot, deadline.strftime("%d.%m.%Y"))
        await pilot.press("tab", "space")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        select = form.query_one("#tiltak-laering", Select)
        assert select.value == lesson.seq and "Varslingslisten var utdatert" in screen_text(app)
        await save(pilot, ActionForm)
        action = last_event(app)
        assert action.type == "action_added"
        assert (action.text, action.owner, action.deadline, action.lesson) == (
            "Oppdatere varslingslisten",
            "Beredskapskoordinator",
            deadline,
            lesson.seq,
        )

        # Status: the radio list has focus; Down → Space picks «Pågår» (the current status is disabled), Tab
        # to the date (today, shown), Ctrl+S.
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")  # the only tiltak in the picker
        await settle(pilot)
        assert isinstance(app.screen, StatusForm)
        form = app.screen
        await pilot.press("down", "space", "tab")
        await settle(pilot)
        pressed = form.query_one("#status-valg", RadioSet).pressed_button
        assert pressed is not None
        (label,) = chosen_on_screen(form, "#status-valg")
        assert str(pressed.label) == label
        shown_date = form.query_one("#status-dato", Input).value
        await save(pilot, StatusForm)
        status = last_event(app)
        assert status.type == "action_status" and status.target == action.seq
        assert status.status == pressed.name and status.on.strftime("%d.%m.%Y") == shown_date


@async_test
async def test_correction_forms_save_what_is_on_screen(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot)
        session = app.session
        decision = session.log_decision("Kriseledelsen settes", roles=[])
        observation = session.observe("Rask avklaring", objectives=[])
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)

        # The observation (last in the log): text → Tab observer → Tab objectives → Space.
        form = await open_form(pilot, "k", CorrectForm)
        assert ticked(form, "#rett-objectives", app) == []
        await pilot.press("tab", "tab", "space")
        await settle(pilot)
        objectives = ticked(form, "#rett-objectives", app)
        assert len(objectives) == 1
        await save(pilot, CorrectForm)
        correction = last_event(app)
        assert correction.type == "corrected" and correction.target == observation.seq
        assert correction.fields == {"objectives": objectives}

        # The decision: a longer text typed at the end of the field, Tab → Space on the roles.
        await pilot.press("up")
        form = await open_form(pilot, "k", CorrectForm)
        await pilot.press("end")
        await type_text(
            pilot, " i rådhuset, med alle i kriseledelsen og Sivilforsvaret til stede fra kl. 08.00"
        )
        await pilot.press("tab", "space")
        await settle(pilot)
        roles = ticked(form, "#rett-roles", app)
        assert len(roles) == 1
        text = form.query_one("#rett-text", Input).value
        await save(pilot, CorrectForm)
        correction = last_event(app)
        assert correction.target == decision.seq and correction.fields == {"text": text, "roles": roles}
        assert session.state.entries[decision.seq].current.roles == roles


@async_test
async def test_facts_and_participant_corrections_save_what_is_on_screen(journal_dir, clock):
    app = make_app(journal_dir, clock, scenario_file=str(SCENARIO))
    async with app.run_test(size=(120, 40)) as pilot:
        await through_setup(pilot, [("Ola Ordfører", [0])])
        session = app.session

        # Facts (f): title → Tab municipality → Tab date → Tab place: Space adds a blank after «Rådhuset»,
        # which the field shows and the form trims, so nothing changed: the form says so and saves nothing.
        form = await open_form(pilot, "f", CorrectForm)
        await pilot.press("tab", "tab", "tab", "end", "space")
        await settle(pilot)
        assert form.query_one("#rett-place", Input).value == "Rådhuset "
        seq = session.state.last_seq
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CorrectForm) and session.state.last_seq == seq
        assert "ingenting er endret" in screen_text(app)
        await type_text(pilot, "2. etasje")
        await save(pilot, CorrectForm)
        event = last_event(app)
        assert event.type == "corrected" and event.fields == {"place": "Rådhuset 2. etasje"}
        assert session.state.facts.place == "Rådhuset 2. etasje"

        # The participant, from the log: name → Tab organisation → Tab roles; the stored role is [x], Space on
        # it unticks it; Down → Space ticks the next; that is what is saved.
        (person,) = session.state.active_participants()
        await pilot.press("l")
        await settle(pilot)
        log = app.screen
        assert isinstance(log, LogScreen)
        entries = session.state.log
        position = next(i for i, e in enumerate(entries) if e.type == "participant_added")
        await pilot.press(*["up"] * (len(entries) - 1 - position))
        form = await open_form(pilot, "k", CorrectForm)
        before = ticked(form, "#rett-roles", app)
        assert before == person.roles
        await pilot.press("tab", "tab", "space", "down", "space")
        await settle(pilot)
        roles = ticked(form, "#rett-roles", app)
        assert len(roles) == 1 and roles != before
        await save(pilot, CorrectForm)
        event = last_event(app)
        assert event.type == "corrected" and event.fields == {"roles": roles}
        (person,) = session.state.active_participants()
        assert person.roles == roles

"""The event/engine API other parts build on: language, room view, pause causes, tiltak status, corrections of
every field, removing participants, editing the exercise facts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from session_scenarios import BRANCHING

from ovelse.session import (
    CORRECTABLE,
    FakeClock,
    InvalidAction,
    Paused,
    RoomViewState,
    Session,
    event_from_json,
    is_past_deadline,
    load_journal,
    replay,
)


def _lines(session: Session) -> int:
    return len(session.path.read_bytes().splitlines())


def _reopened(session: Session, clock: FakeClock) -> Session:
    session.close(pause=False)
    return Session.open(session.path, clock=clock)


# -- language ---------------------------------------------------------------------------------


def test_language_defaults_to_the_scenario_and_can_be_given(journal_dir: Path, clock: FakeClock):
    with Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock) as s:
        assert s.state.facts is not None and s.state.facts.language == "nb"
    with Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock, language="nn") as s:
        assert s.state.facts is not None and s.state.facts.language == "nn"
        assert json.loads(s.path.read_bytes().splitlines()[1])["language"] == "nn"
    with Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock, language="xx") as s:
        assert s.state.facts is not None and s.state.facts.language == "nb"


# -- room view --------------------------------------------------------------------------------


def test_reveal_next_goes_messages_then_questions_then_choices(session: Session, clock: FakeClock):
    assert session.room_view == RoomViewState("a", 0, False, False, False)
    # node a: no messages, questions, two choices
    assert session.reveal_next().questions_shown
    event = session.reveal_next()
    assert event.type == "room_view" and event.choices_shown and event.node_id == "a"
    before = _lines(session)
    with pytest.raises(InvalidAction):
        session.reveal_next()
    assert _lines(session) == before
    session.choose(0)  # → b, sets «stab»: both messages are visible
    assert session.room_view == RoomViewState("b", 0, False, False, False)
    assert session.reveal_next().messages_shown == 1
    assert session.reveal_next().messages_shown == 2
    assert session.reveal_next().choices_shown  # b has no questions
    assert session.room_view == RoomViewState("b", 2, False, True, False)


def test_blank_survives_entering_a_node_and_the_state_replays(session: Session, clock: FakeClock):
    session.set_room_view(blank=True)
    session.reveal_next()
    session.choose(1)  # → c
    assert session.room_view == RoomViewState("c", 0, False, False, True)
    session.set_room_view(blank=False, choices_shown=True)  # c has no choices: allowed, harmless
    reopened = _reopened(session, clock)
    assert reopened.room_view == RoomViewState("c", 0, False, True, False)
    assert replay(load_journal(reopened.path).events).room_view == reopened.room_view
    reopened.close(pause=False)


@pytest.mark.parametrize(
    "changes",
    [
        {"messages_shown": 1},  # node a has no messages
        {"messages_shown": -1},
        {"messages_shown": True},
        {"blank": "ja"},
        {},  # nothing changes
        {"blank": False},  # already so
    ],
)
def test_invalid_room_views_are_refused_and_nothing_is_written(session: Session, changes):
    before = _lines(session)
    with pytest.raises(InvalidAction):
        session.set_room_view(**changes)
    assert _lines(session) == before


def test_a_room_view_for_another_node_does_not_replay(session: Session):
    from ovelse.session import ReplayError, RoomView

    event = RoomView(
        seq=session.state.last_seq + 1, at=session.state.last_at, elapsed=0, node_id="b", messages_shown=0
    )
    with pytest.raises(ReplayError):
        replay([*load_journal(session.path).events, event])


# -- pauses -----------------------------------------------------------------------------------


def test_pause_has_a_cause_and_a_planned_resume_time(session: Session, clock: FakeClock):
    event = session.pause("Kaffe", until="10.15")
    assert (event.cause, event.until, event.reason) == ("break", "10:15", "Kaffe")
    assert session.state.pauses[-1].until == "10:15" and session.state.pauses[-1].cause == "break"
    session.resume()
    with pytest.raises(InvalidAction):
        session.pause(until="25:00")
    assert not session.state.paused
    session.close()
    state = load_journal(session.path).state
    assert [p.cause for p in state.pauses] == ["break", "closed"]
    assert state.pauses[-1].reason is None


@pytest.mark.parametrize(
    ("reason", "cause"), [("lukket", "closed"), ("oppsett", "setup"), ("Kaffe", "break"), (None, "break")]
)
def test_old_reason_strings_replay_to_the_right_cause(reason, cause):
    line = {"type": "paused", "seq": 3, "at": "2026-09-15T08:00:00Z", "elapsed": 0.0, "reason": reason}
    event = event_from_json(json.dumps(line))
    assert isinstance(event, Paused) and event.cause == cause and event.reason == reason


def test_a_new_cause_wins_over_the_reason_text():
    line = {
        "type": "paused",
        "seq": 3,
        "at": "2026-09-15T08:00:00Z",
        "elapsed": 0.0,
        "reason": "lukket",
        "cause": "break",
    }
    assert event_from_json(json.dumps(line)).cause == "break"  # type: ignore[attr-defined]


# -- tiltak status ------------------------------------------------------------------------------


def test_action_status_history(session: Session, clock: FakeClock):
    action = session.add_action("Oppdatere varslingslisten", owner="IKT")
    change = session.set_action_status(action.seq, "in_progress", by="Kari", comment="Startet")
    assert change.on == clock.now().date() and change.target == action.seq
    session.set_action_status(action.seq, "done", on=date(2026, 10, 1))
    entry = session.state.entries[action.seq]
    assert entry.current.status == "done"  # type: ignore[attr-defined]
    assert entry.original.status == "open"  # type: ignore[attr-defined]
    assert [(c.status, c.by, c.comment) for c in entry.status_changes] == [
        ("in_progress", "Kari", "Startet"),
        ("done", "", ""),
    ]
    assert replay(load_journal(session.path).events).entries[action.seq].current == entry.current


def test_action_status_refusals_write_nothing(session: Session):
    action = session.add_action("Kjøpe radioer")
    note = session.note("Notat")
    retracted = session.add_action("Feil")
    session.retract(retracted.seq)
    before = _lines(session)
    for call in (
        lambda: session.set_action_status(action.seq, "open"),  # already so
        lambda: session.set_action_status(action.seq, "finished"),
        lambda: session.set_action_status(note.seq, "done"),
        lambda: session.set_action_status(999, "done"),
        lambda: session.set_action_status(retracted.seq, "done"),
        lambda: session.set_action_status(action.seq, "done", on=date(1900, 1, 1)),
        lambda: session.set_action_status(action.seq, "done", on="i morgen"),
    ):
        with pytest.raises(InvalidAction):
            call()
    assert _lines(session) == before


# -- corrections of every field -------------------------------------------------------------------


def _entries(session: Session) -> dict[str, int]:
    person = session.add_participant("Ola", ["ordforer"])
    decision = session.log_decision("Vedtak", roles=["ordforer"])
    observation = session.observe("Sett", observer="Siv", objectives=["M1"])
    note = session.note("Notat", author="Kari")
    rating = session.rate_objective("M1", 3)
    lesson = session.add_lesson("Lærdom", objectives=["M1"])
    lesson2 = session.add_lesson("Mer lærdom")
    action = session.add_action("Tiltak", owner="IKT", deadline="2026-12-01", lesson=lesson.seq)
    return {
        "participant_added": person.seq,
        "decision_logged": decision.seq,
        "observation": observation.seq,
        "note": note.seq,
        "objective_rated": rating.seq,
        "lesson_added": lesson.seq,
        "action_added": action.seq,
        "lesson2": lesson2.seq,
    }


def _new_values(seqs: dict[str, int]) -> dict[str, dict[str, object]]:
    return {
        "exercise_started": {
            "title": "Ny tittel",
            "municipality": "Ny kommune",
            "date": "2026-09-16",
            "place": "Rådhuset",
            "facilitator": "Per",
            "purpose": "Øve",
        },
        "participant_added": {
            "name": "Ola Nordmann",
            "organisation": "Kommunen",
            "roles": ["kommunedirektor"],
        },
        "decision_logged": {
            "text": "Nytt vedtak",
            "roles": ["operator"],
            "rationale": "Fordi",
            "disagreement": "Uenig",
            "open_question": "Hvem?",
            "tags": ["stab"],
        },
        "observation": {"text": "Nytt", "observer": "Per", "objectives": ["M2"]},
        "note": {"text": "Nytt notat", "author": "Per"},
        "objective_rated": {"objective_id": "M2", "rating": 5, "comment": "Bra"},
        "lesson_added": {"text": "Ny lærdom", "objectives": ["M2"]},
        "action_added": {
            "text": "Nytt tiltak",
            "owner": "Beredskap",
            "deadline": "2027-01-15",
            "status": "in_progress",
            "lesson": seqs["lesson2"],
        },
    }


def test_every_correctable_field_of_every_entry_kind_can_be_corrected(session: Session, clock: FakeClock):
    seqs = {**_entries(session), "exercise_started": 1}
    values = _new_values(seqs)
    assert {k: set(v) for k, v in values.items()} == {k: set(v) for k, v in CORRECTABLE.items()}
    for kind, fields in values.items():
        for name, value in fields.items():
            event = session.correct(seqs[kind], reason="Rettet", **{name: value})
            assert event.fields == {name: value}, (kind, name)
    facts = session.state.facts
    assert facts is not None and facts.title == "Ny tittel" and str(facts.date) == "2026-09-16"
    assert session.state.facts_original is not None and session.state.facts_original.title != "Ny tittel"
    assert len(session.state.facts_corrections) == 6
    person = session.state.participants["p1"]
    assert (person.name, person.organisation, person.roles) == (
        "Ola Nordmann",
        "Kommunen",
        ["kommunedirektor"],
    )
    for kind, fields in values.items():
        if kind == "exercise_started":
            continue
        current = session.state.entries[seqs[kind]].current.model_dump(mode="json")
        assert {k: current[k] for k in fields} == fields, kind
    replayed = replay(load_journal(session.path).events)
    assert replayed.facts == session.state.facts and replayed.participants == session.state.participants


def test_edit_facts_is_a_correction_of_seq_1(session: Session):
    event = session.edit_facts(place="  Brannstasjonen ", reason="Flyttet")
    assert event.target == 1 and event.fields == {"place": "Brannstasjonen"} and event.reason == "Flyttet"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("exercise_started", {"title": "  "}),
        ("exercise_started", {"date": "i morgen"}),
        ("exercise_started", {"language": "nn"}),
        ("exercise_started", {"place": "x" * 400}),
        ("participant_added", {"roles": ["ukjent"]}),
        ("participant_added", {"roles": "ordforer"}),
        ("participant_added", {"participant_id": "p9"}),
        ("decision_logged", {"text": ""}),
        ("decision_logged", {"bogus": 1}),
        ("observation", {"objectives": ["M9"]}),
        ("objective_rated", {"rating": 6}),
        ("objective_rated", {"objective_id": "M9"}),
        ("action_added", {"status": "finished"}),
        ("action_added", {"deadline": "1999-01-01"}),
        ("action_added", {"lesson": 999}),
        ("action_added", {"text": "Tiltak"}),  # no change
        ("note", {}),
    ],
)
def test_bad_corrections_are_refused_and_nothing_is_written(session: Session, kind, fields):
    seqs = {**_entries(session), "exercise_started": 1}
    before = _lines(session)
    with pytest.raises(InvalidAction):
        session.correct(seqs[kind], **fields)
    assert _lines(session) == before


def test_unknown_and_retracted_targets_are_refused(session: Session):
    seqs = _entries(session)
    session.retract(seqs["note"])
    before = _lines(session)
    for seq in (seqs["note"], 999, 0, 2, True):  # retracted, unknown, none, a node move, not a number
        with pytest.raises(InvalidAction):
            session.correct(seq, text="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidAction):
        session.edit_facts()
    assert _lines(session) == before


def test_an_action_linked_to_a_retracted_lesson_is_refused(session: Session):
    seqs = _entries(session)
    session.retract(seqs["lesson2"])
    with pytest.raises(InvalidAction):
        session.correct(seqs["action_added"], lesson=seqs["lesson2"])
    assert session.correct(seqs["action_added"], lesson=None).fields == {"lesson": None}


# -- participants -------------------------------------------------------------------------------


def test_remove_participant(session: Session):
    ola = session.add_participant("Ola", ["ordforer"])
    kari = session.add_participant("Kari", ["kommunedirektor"])
    event = session.remove_participant(ola.participant_id, reason="Gikk hjem")
    assert event.type == "retracted" and event.target == ola.seq
    assert [p.id for p in session.state.active_participants()] == [kari.participant_id]
    assert "ordforer" in session.missing_roles()
    before = _lines(session)
    for pid in (ola.participant_id, "p99"):
        with pytest.raises(InvalidAction):
            session.remove_participant(pid)
    assert _lines(session) == before


# -- deadlines ------------------------------------------------------------------------------------


def test_is_past_deadline():
    today = date(2026, 9, 15)
    assert is_past_deadline(date(2025, 1, 15), today)
    assert is_past_deadline("2026-09-14", today)
    assert not is_past_deadline(today, today)
    assert not is_past_deadline("2026-12-01", today)
    assert not is_past_deadline(None, today) and not is_past_deadline("", today)
    assert not is_past_deadline("tull", today)


def test_the_engine_accepts_a_past_deadline(session: Session, clock: FakeClock):
    assert session.add_action("Gammel frist", deadline=date(2025, 1, 15)).deadline == date(2025, 1, 15)

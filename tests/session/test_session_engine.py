"""The engine: navigation, roles, the log, corrections, debrief, and invalid calls that write nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from session_scenarios import BRANCHING, BROKEN

from ovelse.session import (
    FakeClock,
    InvalidAction,
    ScenarioError,
    Session,
    load_journal,
    replay,
)


def size(session: Session) -> int:
    return session.path.stat().st_size


def test_create_writes_header_start_and_first_node(session: Session):
    lines = session.path.read_bytes().splitlines()
    header = json.loads(lines[0])
    assert header["kind"] == "ovelse-journal" and header["format"] == 1
    assert header["scenario"]["text"] == BRANCHING
    assert [json.loads(x)["type"] for x in lines[1:]] == ["exercise_started", "node_entered"]
    facts = session.state.facts
    assert facts.title == "Testøvelse med forgreninger" and facts.municipality == "Testkommune"
    assert facts.facilitator == "Kari Nordmann" and facts.date == date(2026, 9, 15)
    assert session.state.current_node == "a" and session.state.path[0].via == "start"
    assert session.state.path[0].scenario_time == "D 08:00"


def test_broken_scenario_is_refused_with_findings(journal_dir):
    with pytest.raises(ScenarioError) as info:
        Session.create(BROKEN, "broken.yaml", journal_dir=journal_dir)
    assert info.value.findings and "validate" in info.value.hint
    assert not journal_dir.exists() or not list(journal_dir.iterdir())


def test_bad_facts_are_refused_in_norwegian(journal_dir):
    with pytest.raises(InvalidAction) as info:
        Session.create(BRANCHING, "t.yaml", {"date": "i morgen"}, journal_dir=journal_dir)
    assert "dato" in info.value.message


def test_choices_respect_flags_and_conditions(session: Session):
    assert [c.index for c in session.available_choices()] == [0, 1]
    event = session.choose(0)
    assert event.type == "choice_taken" and event.target == "b" and event.scenario_time == "D 09:00"
    assert session.state.flags == {"stab"}
    assert [m.sender for m in session.visible_messages()] == ["Politiet", "Staben"]
    assert [c.index for c in session.available_choices()] == [0, 1]
    session.choose(1)  # «Vent og se» clears the flag
    assert session.state.current_node == "c" and session.state.flags == set()
    session.back()
    assert session.state.current_node == "b" and session.state.flags == {"stab"}
    session.back()
    assert session.state.current_node == "a" and session.state.flags == set()
    session.choose(1)
    assert session.state.current_node == "c"
    session.jump("b")  # jump keeps flags: none set, so the evacuation choice is hidden
    assert [c.index for c in session.available_choices()] == [1]
    assert [m.sender for m in session.visible_messages()] == ["Politiet"]
    before = size(session)
    with pytest.raises(InvalidAction, match="ikke tilgjengelig"):
        session.choose(0)
    assert size(session) == before
    assert [s.via for s in session.state.path] == [
        "start",
        "choice",
        "choice",
        "back",
        "back",
        "choice",
        "jump",
    ]


def test_advance_follows_next(session: Session):
    session.choose(1)
    event = session.advance()
    assert event.via == "next" and session.state.current_node == "d"
    with pytest.raises(InvalidAction, match="ikke noe neste"):
        session.advance()


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.choose(5),
        lambda s: s.choose(-1),
        lambda s: s.advance(),
        lambda s: s.jump("finnes-ikke"),
        lambda s: s.jump("a"),
        lambda s: s.back(),
        lambda s: s.fire_inject("evakuerte"),
        lambda s: s.fire_inject("nei"),
        lambda s: s.resume(),
        lambda s: s.log_decision("   "),
        lambda s: s.log_decision("x", roles=["keiser"]),
        lambda s: s.observe("x", objectives=["M9"]),
        lambda s: s.rate_objective("M1", 6),
        lambda s: s.rate_objective("M1", True),
        lambda s: s.assign_role("p9", "ordforer"),
        lambda s: s.retract(1),
        lambda s: s.retract(99),
        lambda s: s.correct(2, text="x"),
        lambda s: s.add_action("x", deadline="snart"),
        lambda s: s.add_action("x", status="kanskje"),
        lambda s: s.add_action("x", lesson=1),
        lambda s: s.note("x" * 20_001),
    ],
)
def test_invalid_calls_raise_and_write_nothing(session: Session, call):
    before_size, before_seq = size(session), session.state.last_seq
    with pytest.raises(InvalidAction) as info:
        call(session)
    assert info.value.message and not info.value.message.startswith("Traceback")
    assert size(session) == before_size and session.state.last_seq == before_seq


def test_injects_fire_once_and_follow_conditions(session: Session):
    assert [i.id for i in session.available_injects()] == ["media"]
    event = session.fire_inject("media")
    assert event.title == "Media ringer" and session.available_injects() == []
    with pytest.raises(InvalidAction, match="allerede gitt"):
        session.fire_inject("media")
    session.retract(event.seq, "feil innspill")
    assert [i.id for i in session.available_injects()] == ["media"]
    session.choose(0)
    session.choose(0)  # evacuate: sets evak
    assert {i.id for i in session.available_injects()} == {"media", "evakuerte"}


def test_participants_roles_and_missing_required(session: Session):
    assert session.missing_roles() == ["ordforer", "kommunedirektor", "operator"]
    ola = session.add_participant("Ola Nordmann", roles=["ordforer", "ordforer"], organisation="Testkommune")
    assert ola.participant_id == "p1" and ola.roles == ["ordforer"]
    kari = session.add_participant("Kari", roles=["kommunedirektor"])
    session.assign_role(ola.participant_id, "operator")  # one person, several roles
    session.assign_role(kari.participant_id, "operator")  # one role, several people
    assert session.missing_roles() == []
    assert [p.name for p in session.state.holders("operator")] == ["Ola Nordmann", "Kari"]
    session.unassign_role(ola.participant_id, "ordforer")
    assert session.missing_roles() == ["ordforer"]
    with pytest.raises(InvalidAction):
        session.assign_role(kari.participant_id, "operator")
    session.correct(kari.seq, name="Kari Nordmann")
    assert session.state.participants["p2"].name == "Kari Nordmann"
    session.retract(kari.seq, "gikk før start")
    assert session.missing_roles() == ["ordforer", "kommunedirektor"]
    assert session.role_name("operator") == "Anleggsoperatør" and session.role_name("ordforer") == "Ordfører"


def test_log_corrections_and_retractions_are_new_events(session: Session, clock: FakeClock):
    clock.advance(120)
    decision = session.log_decision(
        "Vi setter kriseledelsen",
        roles=["ordforer"],
        rationale="Alvorlig",
        disagreement="Politiet mente noe annet",
        tags=[" varsling ", ""],
    )
    assert decision.tags == ["varsling"] and decision.elapsed == 120.0 and decision.scenario_time == "D 08:00"
    obs = session.observe("Ingen tok ansvar for media", observer="Observatør 1", objectives=["M2"])
    note = session.note("Kaffepause snart")
    fix = session.correct(
        decision.seq, reason="skrivefeil", text="Vi setter kriseledelsen nå", roles=["kommunedirektor"]
    )
    assert fix.fields == {"text": "Vi setter kriseledelsen nå", "roles": ["kommunedirektor"]}
    session.retract(note.seq, "hørte ikke til")
    entry = session.state.entries[decision.seq]
    assert (
        entry.original.text == "Vi setter kriseledelsen"
        and entry.current.text == "Vi setter kriseledelsen nå"
    )
    assert entry.corrected and not entry.retracted and entry.node_id == "a"
    assert session.state.entries[note.seq].retracted
    assert session.state.observations[0].current.objectives == ["M2"] and obs.observer == "Observatør 1"
    with pytest.raises(InvalidAction) as info:
        session.correct(note.seq, text="x")
    assert info.value.code == "entry.retracted" and "trukket tilbake" in info.value.message
    with pytest.raises(InvalidAction, match="kan ikke rettes"):
        session.correct(decision.seq, elapsed=1)
    with pytest.raises(InvalidAction, match="rolle"):
        session.correct(decision.seq, roles=["keiser"])
    # history is never rewritten: the original line is still in the file
    assert b'"text":"Vi setter kriseledelsen"' in session.path.read_bytes()


def test_debrief_and_end(session: Session):
    session.rate_objective("M1", 2, "Tregt")
    session.rate_objective("M1", 4, "Etter diskusjon")
    lesson = session.add_lesson("Varslingslisten var utdatert", objectives=["M1"])
    action = session.add_action(
        "Oppdater varslingslisten", owner="Beredskapskoordinator", deadline="2026-12-01", lesson=lesson.seq
    )
    assert action.deadline == date(2026, 12, 1) and action.status == "open"
    session.correct(action.seq, status="done")
    assert session.state.actions[0].current.status == "done"
    assert session.state.rating("M1").current.rating == 4
    session.pause()
    ended = session.end("Takk for i dag")
    assert session.state.is_ended and not session.state.paused and ended.note == "Takk for i dag"
    before = size(session)
    for call in (
        lambda: session.note("etterpå"),
        lambda: session.choose(0),
        lambda: session.pause(),
        lambda: session.end(),
        lambda: session.add_lesson("x"),
    ):
        with pytest.raises(InvalidAction, match="avsluttet"):
            call()
    assert size(session) == before
    session.close()
    reopened = Session.open(session.path)
    assert reopened.state.is_ended and reopened.state.last_seq == ended.seq  # nothing appended after the end
    reopened.close()


def test_state_is_only_the_replay_of_the_journal(session: Session, clock: FakeClock):
    session.add_participant("Ola", roles=["ordforer"])
    clock.advance(10)
    session.choose(0)
    session.log_decision("Evakuer")
    session.pause()
    clock.advance(100)
    session.resume()
    loaded = load_journal(session.path)
    assert loaded.state == session.state == replay(loaded.events)
    assert loaded.scenario.meta.id == "test-ovelse" and loaded.warnings == []


def test_closed_session_refuses(session: Session):
    session.close()
    with pytest.raises(InvalidAction, match="lukket"):
        session.note("x")
    session.close()  # idempotent


def test_context_manager_pauses_on_close(journal_dir, clock):
    with Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock) as s:
        s.note("hei")
    assert s.closed
    last = json.loads(s.path.read_bytes().splitlines()[-1])
    assert last["type"] == "paused" and last["cause"] == "closed" and last["reason"] is None

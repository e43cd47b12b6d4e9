"""The clock tells the truth: set-up is not exercise time, heartbeats keep a crash from rolling the clock
back, and only the time the program was not running is left out (issue 11 §3)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from session_scenarios import BRANCHING

from ovelse.session import FakeClock, InvalidAction, JournalFollower, Session, load_journal, verify_journal

HEARTBEAT_EVERY = 12.0  # what the app does


def _run(session: Session, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` pass with the app's heartbeat timer firing."""
    while seconds > 0:
        step = min(HEARTBEAT_EVERY, seconds)
        clock.advance(step)
        seconds -= step
        if step == HEARTBEAT_EVERY:
            session.heartbeat()


def test_set_up_the_day_before_a_silent_crash_and_a_pause(journal_dir: Path):
    clock = FakeClock(datetime(2026, 9, 14, 14, 0, tzinfo=UTC))
    s = Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock, begin=False)
    assert not s.begun and s.state.current_node is None
    for name in ("Ola", "Kari", "Per"):
        clock.advance(300)
        s.add_participant(name, ["ordforer"])
        assert s.heartbeat() is None  # set-up: the exercise clock has not started
    s.edit_facts(place="Rådhuset")
    assert s.elapsed_now() == 0.0
    with pytest.raises(InvalidAction):
        s.pause()
    with pytest.raises(InvalidAction):
        s.advance()
    s.close()  # nothing running, so no pause is written
    path = s.path

    clock.set_wall(datetime(2026, 9, 15, 8, 0, tzinfo=UTC))
    s = Session.open(path, clock=clock)
    assert not s.begun and s.state.paused is False
    clock.advance(30)
    s.begin()
    assert s.state.began_at == datetime(2026, 9, 15, 8, 0, 30, tzinfo=UTC)
    assert s.elapsed_now() == 0.0
    with pytest.raises(InvalidAction):
        s.begin()

    clock.advance(120)
    s.log_decision("Kriseledelsen settes")
    _run(s, clock, 600)  # a quiet ten-minute discussion
    lived = s.elapsed_now()
    assert lived == pytest.approx(720)
    s._writer.close()  # the window is closed by accident: nothing more is written

    clock.advance(300)  # five minutes until the app is started again
    s = Session.open(path, clock=clock)
    # the clock goes on from the last heartbeat, not from the decision 10 minutes earlier
    assert lived - HEARTBEAT_EVERY <= s.elapsed_now() <= lived
    assert 300 <= s.state.reopenings[-1].gap <= 300 + HEARTBEAT_EVERY

    _run(s, clock, 60)
    s.pause("Kaffe", until="08:35")
    clock.advance(15 * 60)
    assert s.heartbeat() is None  # paused
    s.resume()
    _run(s, clock, 60)
    s.choose(0)
    at_move = s.state.path[-1].elapsed
    assert 720 + 120 - HEARTBEAT_EVERY <= at_move <= 720 + 120  # time in the first innspill
    _run(s, clock, 24)
    s.end()
    assert s.heartbeat() is None  # ended

    state = load_journal(path).state
    assert [(p.cause, p.wall_seconds) for p in state.pauses] == [("break", 900.0)]
    assert state.began_at == datetime(2026, 9, 15, 8, 0, 30, tzinfo=UTC)
    assert state.path[0].at == state.began_at and state.path[0].elapsed == 0.0
    assert state.ended is not None and state.ended.elapsed == pytest.approx(at_move + 24)

    from ovelse.report import build_report, read_journal, render

    report = build_report(read_journal(path))
    assert report.exercise.started_at == state.began_at  # not the set-up the afternoon before
    course = render(report, "md").decode()
    assert "kl. 10:00–" in course and "16:05" not in course  # 08:00 UTC is 10:00 in Norway in September


def test_heartbeat_is_a_no_op_when_nothing_elapsed(session: Session, clock: FakeClock):
    assert session.heartbeat() is None
    clock.advance(0.5)
    assert session.heartbeat() is None
    clock.advance(12)
    event = session.heartbeat()
    assert event is not None and event.type == "heartbeat" and event.elapsed == pytest.approx(12.5)
    assert session.heartbeat() is None
    session.close()
    assert session.heartbeat() is None  # closed: the timer may still fire once


def test_an_hour_of_heartbeats_stays_within_the_budget(session: Session, clock: FakeClock):
    writes = [session.state.last_at]
    for minute in range(60):
        for _ in range(5):
            clock.advance(HEARTBEAT_EVERY)
            if (beat := session.heartbeat()) is not None:
                writes.append(beat.at)
        if minute % 10 == 0:
            writes.append(session.note(f"Notat {minute}").at)
    beats = len(writes) - 1 - 6
    assert 250 <= beats <= 300
    assert max(b - a for a, b in itertools.pairwise(writes)) <= timedelta(seconds=15)
    # the journal holds no run of heartbeats: each one took the place of the one before
    types = [json.loads(line)["type"] for line in session.path.read_bytes().splitlines()[1:]]
    assert types.count("heartbeat") == 1 and types[-1] == "heartbeat"
    assert session.state.last_seq == len(types) - 1  # the provisional heartbeat is not in the state


def test_the_next_event_takes_the_place_of_the_heartbeat(session: Session, clock: FakeClock):
    clock.advance(30)
    beat = session.heartbeat()
    assert beat is not None and beat.seq == session.state.last_seq + 1
    size = session.path.stat().st_size
    note = session.note("x")  # shorter and longer lines both replace it cleanly
    assert note.seq == beat.seq and session.path.stat().st_size != size
    clock.advance(30)
    session.heartbeat()
    session.pause()  # a pause takes its place too: no heartbeat line is left
    types = [json.loads(line)["type"] for line in session.path.read_bytes().splitlines()[1:]]
    assert "heartbeat" not in types
    loaded = load_journal(session.path)
    assert loaded.state == session.state and verify_journal(session.path).ok


def test_a_follower_keeps_the_provisional_heartbeat_aside(session: Session, clock: FakeClock):
    with JournalFollower(session.path) as follower:
        follower.read_new()
        clock.advance(13)
        beat = session.heartbeat()
        assert follower.read_new() == [] and follower.alive == beat
        clock.advance(13)
        beat = session.heartbeat()
        assert follower.read_new() == [] and follower.alive == beat
        note = session.note("Etter")
        assert follower.read_new() == [note] and follower.alive is None
        assert follower.state == session.state
        clock.advance(13)
        session.heartbeat()
        session.close(pause=False)  # a crash: the heartbeat stays as the last line
        assert follower.read_new() == [] and follower.alive is not None
    assert load_journal(session.path).state.last_seq == session.state.last_seq + 1


def test_old_journals_with_a_set_up_pause_start_when_it_ended():
    golden = Path(__file__).resolve().parent / "golden" / "format1-setup-closed.jsonl"
    state = load_journal(golden).state
    assert [p.cause for p in state.pauses] == ["setup", "closed", "break"]
    assert state.began_at == state.pauses[0].resumed_at == datetime(2026, 9, 15, 8, 0, tzinfo=UTC)


def test_an_exercise_that_began_at_create_starts_at_create(session: Session):
    assert session.begun and session.state.began_at == session.state.path[0].at

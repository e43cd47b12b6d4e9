"""The exercise clock: pauses are excluded exactly, nothing timed drifts, a restart does not count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from session_scenarios import BRANCHING

from ovelse.session import FakeClock, InvalidAction, Session, SystemClock


def test_pauses_are_excluded_exactly(session: Session, clock: FakeClock):
    clock.advance(300)
    assert session.elapsed_now() == 300.0
    session.pause("kaffe")
    clock.advance(900)
    assert session.elapsed_now() == 300.0
    with pytest.raises(InvalidAction, match="allerede pauset"):
        session.pause()
    note = session.note("skrevet i pausen")
    assert note.elapsed == 300.0
    resumed = session.resume()
    assert resumed.elapsed == 300.0
    clock.advance(60)
    event = session.log_decision("Etter pausen")
    assert event.elapsed == 360.0
    span = session.state.pauses[0]
    assert span.wall_seconds == 900.0 and span.reason == "kaffe"
    assert event.at - session.state.facts.at == timedelta(seconds=1260)


def test_time_in_node_does_not_drift_by_pauses(session: Session, clock: FakeClock):
    clock.advance(100)
    session.choose(0)
    clock.advance(40)
    for _ in range(5):
        session.pause()
        clock.advance(1000)
        session.resume()
        clock.advance(10)
    assert session.node_elapsed_now() == 90.0
    assert session.elapsed_now() == 190.0
    step = session.state.current_step
    assert step.node_id == "b" and step.elapsed == 100.0


def test_reopen_after_crash_does_not_count_the_downtime(session: Session, clock: FakeClock):
    clock.advance(600)
    session.note("siste før krasj")
    session._writer.close()  # simulate the process dying: no pause event written
    later = FakeClock(
        start=clock.now() + timedelta(hours=2), monotonic=5.0
    )  # a new boot: new monotonic clock
    resumed = Session.open(session.path, clock=later)
    try:
        reopen = resumed.state.reopenings[-1]
        assert reopen.gap == 7200.0 and reopen.elapsed == 600.0
        later.advance(30)
        assert resumed.elapsed_now() == 630.0
        assert resumed.log_decision("etter omstart").elapsed == 630.0
    finally:
        resumed.close()


def test_close_pauses_and_reopen_stays_paused(session: Session, clock: FakeClock):
    clock.advance(50)
    session.close()
    clock.advance(3000)
    again = Session.open(session.path, clock=clock)
    try:
        assert again.state.paused and again.elapsed_now() == 50.0
        clock.advance(10)
        again.resume()
        clock.advance(5)
        assert again.elapsed_now() == 55.0
    finally:
        again.close()


def test_elapsed_never_goes_backwards_and_is_rounded(journal_dir):
    clock = FakeClock()
    s = Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    clock.advance(0.0004)
    assert s.note("a").elapsed == 0.0
    clock.advance(1 / 3)
    assert s.note("b").elapsed == 0.334
    s.close()


def test_system_clock_is_aware_utc_and_monotonic():
    clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert clock.monotonic() <= clock.monotonic()


def test_fake_clock_refuses_naive_and_backwards():
    with pytest.raises(ValueError):
        FakeClock(start=datetime(2026, 1, 1))
    clock = FakeClock(start=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError):
        clock.advance(-1)

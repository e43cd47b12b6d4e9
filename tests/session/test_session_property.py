"""Property: for random exercises driven through the Session API, replay(read(write(events))) equals the
state the session built directly, and a call that fails writes nothing."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from session_scenarios import BRANCHING

from ovelse.session import (
    FakeClock,
    InvalidAction,
    JournalFollower,
    Session,
    load_journal,
    replay,
)

ROLES = ["ordforer", "kommunedirektor", "operator", "politi", "ukjent-rolle"]
OBJECTIVES = ["M1", "M2", "M9"]
NODES = ["a", "b", "c", "d", "zz"]
INJECTS = ["media", "evakuerte", "ingen"]
# Fast tmpfs where available: the property is about content, not about fsync latency.
TMP_ROOT = "/dev/shm" if Path("/dev/shm").is_dir() else None

any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
# Mostly valid input, sometimes not: both paths are part of the property.
texts = st.one_of(st.builds(str.__add__, st.sampled_from('aØ"{\\'), any_text), any_text)
roles = st.one_of(
    st.lists(st.sampled_from(ROLES[:-1]), max_size=3), st.lists(st.sampled_from(ROLES), max_size=3)
)
objectives = st.one_of(
    st.lists(st.sampled_from(OBJECTIVES[:-1]), max_size=2), st.lists(st.sampled_from(OBJECTIVES), max_size=2)
)
seq_ref = st.integers(0, 1000)  # picks one of the existing entries (see ``entry``)

operations = st.one_of(
    st.tuples(st.just("tick"), st.floats(0, 5000, allow_nan=False)),
    st.tuples(st.just("choose"), st.integers(-1, 2)),
    st.tuples(st.just("advance")),
    st.tuples(st.just("jump"), st.sampled_from(NODES)),
    st.tuples(st.just("back")),
    st.tuples(st.just("fire"), st.sampled_from(INJECTS)),
    st.tuples(st.just("participant"), texts, roles, st.none() | texts),
    st.tuples(st.just("assign"), st.integers(1, 4), st.sampled_from(ROLES)),
    st.tuples(st.just("unassign"), st.integers(1, 4), st.sampled_from(ROLES)),
    st.tuples(
        st.just("decision"), texts, roles, st.none() | texts, st.none() | texts, st.lists(texts, max_size=2)
    ),
    st.tuples(st.just("observe"), texts, st.none() | texts, objectives),
    st.tuples(st.just("note"), texts),
    st.tuples(st.just("pause"), st.none() | texts),
    st.tuples(st.just("resume")),
    st.tuples(st.just("retract"), seq_ref, texts),
    st.tuples(
        st.just("correct"),
        seq_ref,
        st.sampled_from(["text", "name", "status", "rating", "roles", "owner"]),
        texts,
    ),
    st.tuples(st.just("rate"), st.sampled_from(OBJECTIVES), st.integers(0, 6), st.none() | texts),
    st.tuples(st.just("lesson"), texts, objectives),
    st.tuples(
        st.just("action"),
        texts,
        texts,
        st.none() | st.dates().map(str),
        st.sampled_from(["open", "done", "x"]),
    ),
    st.tuples(st.just("reopen"), st.floats(0, 1e5, allow_nan=False)),
)


def entry(session: Session, k: int) -> int:
    seqs = sorted(session.state.entries)
    return seqs[k % len(seqs)] if seqs and k < 900 else k


def person(session: Session, k: int) -> str:
    return f"p{k % max(1, len(session.state.participants)) + 1}"


def run(session: Session, clock: FakeClock, op: tuple):
    kind, *args = op
    calls = {
        "choose": lambda i: session.choose(i),
        "advance": lambda: session.advance(),
        "jump": lambda n: session.jump(n),
        "back": lambda: session.back(),
        "fire": lambda i: session.fire_inject(i),
        "participant": lambda name, r, org: session.add_participant(name, r, org),
        "assign": lambda p, r: session.assign_role(person(session, p), r),
        "unassign": lambda p, r: session.unassign_role(person(session, p), r),
        "decision": lambda t, r, why, dis, tags: session.log_decision(
            t, r, rationale=why, disagreement=dis, tags=tags
        ),
        "observe": lambda t, who, obj: session.observe(t, who, obj),
        "note": lambda t: session.note(t),
        "pause": lambda why: session.pause(why),
        "resume": lambda: session.resume(),
        "retract": lambda seq, why: session.retract(entry(session, seq), why),
        "correct": lambda seq, name, value: session.correct(
            entry(session, seq),
            **{name: {"rating": 3, "roles": ["ordforer"], "status": "done"}.get(name, value)},
        ),
        "rate": lambda o, r, c: session.rate_objective(o, r, c),
        "lesson": lambda t, o: session.add_lesson(t, o),
        "action": lambda t, owner, deadline, status: session.add_action(t, owner, deadline, status),
        "end": lambda: session.end(),
    }
    return calls[kind](*args)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operations, max_size=40), st.booleans())
def test_replay_of_written_journal_equals_direct_state(ops, end):
    with tempfile.TemporaryDirectory(dir=TMP_ROOT) as tmp:
        clock = FakeClock()
        session = Session.create(BRANCHING, "t.yaml", {"facilitator": "Kari"}, journal_dir=tmp, clock=clock)
        follower = JournalFollower(session.path)
        events = load_journal(session.path).events
        try:
            for op in ops + [("end",)] * end:
                if op[0] == "tick":
                    clock.advance(op[1])
                    continue
                if op[0] == "reopen":
                    session.close(pause=False)
                    clock.set_wall(clock.now() + timedelta(seconds=op[1]))
                    session = Session.open(session.path, clock=clock)
                    events.extend(e for e in load_journal(session.path).events[len(events) :])
                    continue
                size, state_before = session.path.stat().st_size, session.state.last_seq
                try:
                    events.append(run(session, clock, op))
                except InvalidAction as exc:
                    assert exc.message
                    assert session.path.stat().st_size == size and session.state.last_seq == state_before
            written = load_journal(session.path)
            assert written.events == events
            assert replay(written.events) == session.state == written.state
            assert replay(events) == session.state
            follower.read_new()
            assert follower.state == session.state
            elapsed = [e.elapsed for e in events]
            assert elapsed == sorted(elapsed)
        finally:
            follower.close()
            session.close(pause=False)

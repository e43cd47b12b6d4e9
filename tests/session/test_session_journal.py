"""The journal file: header, scenario copy, torn and corrupt lines, modes, locations, listing, following."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from session_scenarios import BRANCHING, EXEMPT
from system_tools import file_mode

from ovelse.session import (
    ENV_JOURNAL_DIR,
    FakeClock,
    JournalCorrupt,
    JournalError,
    JournalFollower,
    Session,
    default_journal_dir,
    list_journals,
    load_journal,
    resolve_journal_dir,
)
from ovelse.session.journal import seal, unseal


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def test_journal_alone_is_enough(session: Session, tmp_path: Path):
    session.choose(0)
    session.log_decision("Evakuer")
    session.close()
    moved = tmp_path / "elsewhere.jsonl"
    os.replace(session.path, moved)
    again = Session.open(moved)
    try:
        assert again.scenario.meta.title == "Testøvelse med forgreninger"
        assert again.state.current_node == "b" and again.state.decisions[0].current.text == "Evakuer"
        assert again.header.scenario.hash == again.header.scenario.hash and again.path == moved
    finally:
        again.close()


def test_each_line_is_one_json_event_with_common_fields(session: Session):
    session.log_decision("Æ, ø og å skal stå som de er")
    events = [json.loads(x) for x in lines(session.path)[1:]]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    for e in events:
        assert {"type", "seq", "at", "elapsed", "scenario_time"} <= set(e) and e["at"].endswith("Z")
    assert "Æ, ø og å".encode() in session.path.read_bytes()  # UTF-8, not \\u escapes


def torn_journal(session: Session, tail: bytes) -> tuple[Path, int]:
    session.note("siste bekreftede")
    last_seq = session.state.last_seq
    session.close(pause=False)
    with open(session.path, "ab") as f:
        f.write(tail)
    return session.path, last_seq


@pytest.mark.parametrize(
    "tail",
    [
        b'{"type":"note","seq":5,"at":"2026-09-1',  # cut mid-line
        b'{"type":"note","seq":4,"at":"2026-09-15T08:00:00Z","elapsed":0.0,"scenario_time":null,"text":"x"}',  # no \n
        b"\x00" * 300,  # zeros after a power cut
        b"\x00" * 40 + b"\n",
        b'{"type":"no',
    ],
)
def test_torn_last_line_is_set_aside_and_everything_before_kept(session: Session, tail: bytes):
    path, last_seq = torn_journal(session, tail)
    good = path.read_bytes()[: -len(tail)]
    loaded = load_journal(path)  # a reader does not touch the file, but warns
    assert loaded.state.last_seq == last_seq and "ufullstendig" in loaded.warnings[0].message
    assert path.read_bytes().endswith(tail)
    again = Session.open(path)
    try:
        notice = again.notices[0]
        assert "ufullstendig" in notice.message and notice.side_file == path.with_name(path.name + ".torn-1")
        assert notice.side_file.read_bytes() == tail
        assert again.state.notes[-1].current.text == "siste bekreftede"
        assert path.read_bytes().startswith(good)
        again.note("etter reparasjon")
    finally:
        again.close()
    assert load_journal(path).warnings == []


def test_second_torn_line_gets_a_new_side_file(session: Session):
    path, _ = torn_journal(session, b'{"ty')
    Session.open(path).close()
    with open(path, "ab") as f:
        f.write(b'{"type":')
    again = Session.open(path)
    again.close()
    assert again.notices[0].side_file.name.endswith(".torn-2")


@pytest.mark.parametrize(
    "bad, reason",
    [
        (b"dette er ikke json", "JSON"),
        (b'{"type":"decision_logged","seq":4}', "ugyldig verdi"),
        (
            b'{"type":"teleport","seq":4,"at":"2026-09-15T08:00:00Z","elapsed":0}',
            "ukjent hendelsestype «teleport»",
        ),
        (b"[1, 2]", "ikke en JSON-tabell"),
        (b"", "JSON"),
    ],
)
def test_corrupt_line_in_the_middle_stops_with_line_number(session: Session, bad: bytes, reason: str):
    session.note("en")
    session.note("to")
    session.close(pause=False)
    content = lines(session.path)
    content[3] = bad  # line 4 of the file
    session.path.write_bytes(b"\n".join(content) + b"\n")
    before = session.path.read_bytes()
    for opener in (Session.open, load_journal, lambda p: JournalFollower(p).read_new()):
        with pytest.raises(JournalCorrupt) as info:
            opener(session.path)
        assert info.value.line == 4 and "Linje 4" in info.value.message and reason in info.value.message
        assert "kopi" in info.value.hint
    assert session.path.read_bytes() == before  # never silently repaired


def test_invalid_complete_last_event_is_corrupt_not_torn(session: Session):
    session.close(pause=False)
    with open(session.path, "ab") as f:
        f.write(b'{"type":"note","seq":3}\n')
    with pytest.raises(JournalCorrupt) as info:
        Session.open(session.path)
    assert info.value.line == 4


def test_inconsistent_journal_is_reported_with_line_number(session: Session):
    session.note("en")
    session.close(pause=False)
    content = [unseal(line)[0] for line in lines(session.path)]  # as an old journal without the chain
    event = json.loads(content[3])
    event["seq"] = 7
    content[3] = json.dumps(event).encode()
    session.path.write_bytes(b"\n".join(content) + b"\n")
    with pytest.raises(JournalCorrupt) as info:
        Session.open(session.path)
    assert info.value.code == "journal.inconsistent" and info.value.line == 4
    assert "forventet hendelse nr. 3" in info.value.message


def test_a_changed_sealed_line_breaks_the_chain(session: Session):
    session.note("en")
    session.close(pause=False)
    content = lines(session.path)
    content[3] = content[3].replace(b'"seq":3', b'"seq":7')
    session.path.write_bytes(b"\n".join(content) + b"\n")
    with pytest.raises(JournalCorrupt) as info:
        Session.open(session.path)
    assert info.value.code == "journal.chain_mismatch" and info.value.line == 4


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "tom"),
        (b"hei\n", "ikke en lesbar"),
        (b'{"kind": "annet"}\n', "ikke en lesbar"),
        (b'{"kind": "ovelse-journal", "format": 99}\n', "nyere versjon"),
        (b'{"kind": "ovelse-journal", "format": 1}', "ufullstendig"),
    ],
)
def test_not_a_journal(tmp_path: Path, content: bytes, words: str):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=words):
        Session.open(path)
    with pytest.raises(JournalError, match=words):
        load_journal(path)


def test_journal_without_its_start_is_refused(session: Session):
    session.close(pause=False)
    header = lines(session.path)[0]
    session.path.write_bytes(header + b"\n")
    for opener in (Session.open, load_journal):
        with pytest.raises(JournalCorrupt, match="mangler starten"):
            opener(session.path)
    session.path.write_bytes(header + b"\n" + b"\x00" * 20 + b"\n")
    with pytest.raises(JournalCorrupt, match="mangler starten"):
        Session.open(session.path)
    assert not list(session.path.parent.glob("*.torn-*"))  # a journal that is refused is not touched


def test_tampered_scenario_copy_is_refused(session: Session):
    session.close(pause=False)
    content = lines(session.path)
    assert b"ved anlegget" in content[0]
    content[0] = content[0].replace(b"ved anlegget", b"ved skolen")
    session.path.write_bytes(b"\n".join(content) + b"\n")
    with pytest.raises(JournalCorrupt, match="kontrollsummen"):
        Session.open(session.path)


def test_missing_journal_has_a_clear_message(tmp_path: Path):
    with pytest.raises(JournalError) as info:
        Session.open(tmp_path / "borte.jsonl")
    assert "Finner ikke" in info.value.message and info.value.hint


def test_sensitive_journals_are_private(journal_dir: Path, clock: FakeClock):
    old = os.umask(0o022)
    try:
        secret = Session.create(EXEMPT, "s.yaml", journal_dir=journal_dir, clock=clock)
        open_ = Session.create(BRANCHING, "o.yaml", journal_dir=journal_dir, clock=clock)
    finally:
        os.umask(old)
    assert file_mode(secret.path) in (0o600, None)
    assert file_mode(open_.path) in (0o644, None)
    secret.note("x")
    secret.close(pause=False)
    with open(secret.path, "ab") as f:
        f.write(b'{"ty')
    again = Session.open(secret.path)
    again.close()
    assert file_mode(again.notices[0].side_file) in (0o600, None)
    open_.close()


def test_two_exercises_in_the_same_minute_get_different_files(journal_dir: Path, clock: FakeClock):
    a = Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    b = Session.create(BRANCHING, "t.yaml", journal_dir=journal_dir, clock=clock)
    assert a.path != b.path and b.path.name.endswith("-2.jsonl")
    assert sorted(p.name for p in journal_dir.iterdir()) == sorted(
        [a.path.name, b.path.name]
    )  # no temp files
    a.close()
    b.close()


def test_journal_directory_resolution(monkeypatch, tmp_path: Path):
    monkeypatch.delenv(ENV_JOURNAL_DIR, raising=False)
    assert default_journal_dir().parts[-2:] == ("ovelse", "journaler")
    monkeypatch.setenv(ENV_JOURNAL_DIR, str(tmp_path / "env"))
    assert default_journal_dir() == tmp_path / "env" == resolve_journal_dir(None)
    assert resolve_journal_dir(tmp_path / "param") == tmp_path / "param"
    s = Session.create(BRANCHING, "t.yaml", clock=FakeClock())
    assert s.path.parent == tmp_path / "env"
    s.close()


def test_list_journals_summarises_for_resuming(journal_dir: Path):
    clock = FakeClock()
    done = Session.create(BRANCHING, "t.yaml", {"title": "Høstøvelsen"}, journal_dir=journal_dir, clock=clock)
    done.log_decision("kort")
    done.end()
    done.close()
    clock.advance(3600)
    running = Session.create(
        BRANCHING, "t.yaml", {"municipality": "Nabokommune"}, journal_dir=journal_dir, clock=clock
    )
    running.note("lang " * 3000)
    clock.advance(60)
    running.note("siste")
    running.close(pause=False)
    with open(running.path, "ab") as f:
        f.write(b'{"type":"no')
    (journal_dir / "rot.jsonl").write_bytes(b"tull\n")
    (journal_dir / ".halvferdig.tmp").write_bytes(b"")
    summaries = list_journals(journal_dir)
    by_name = {s.path.name: s for s in summaries}
    assert set(by_name) == {done.path.name, running.path.name, "rot.jsonl"}
    r, d = by_name[running.path.name], by_name[done.path.name]
    assert summaries[0] is r
    assert r.resumable and not r.ended and r.torn and r.municipality == "Nabokommune" and r.events == 4
    assert r.last_activity == clock.now() and r.scenario_title == "Testøvelse med forgreninger"
    assert d.ended and not d.resumable and d.title == "Høstøvelsen"
    assert by_name["rot.jsonl"].problem and not by_name["rot.jsonl"].resumable
    assert list_journals(journal_dir / "finnes-ikke") == []


def test_follower_reads_new_events_and_waits_for_partial_lines(session: Session):
    follower = JournalFollower(session.path)
    assert [e.type for e in follower.read_new()] == ["exercise_started", "node_entered"]
    assert follower.read_new() == []
    session.choose(0)
    session.log_decision("Evakuer")
    assert [e.type for e in follower.read_new()] == ["choice_taken", "decision_logged"]
    assert follower.state == session.state
    # a line still being written is left for the next call
    body = b'{"type":"note","seq":5,"at":"2026-09-15T08:00:00Z","elapsed":0.0,"scenario_time":"D 09:00","text":"x"}'
    line = seal(body, follower.chain_head)[0] + b"\n"
    with open(session.path, "ab") as f:
        f.write(line[:30])
        f.flush()
        assert follower.read_new() == [] and follower.pending == 30
        f.write(line[30:])
    assert [e.seq for e in follower.read_new()] == [5]
    follower.close()


def test_follower_rebuilds_when_the_writer_undoes_an_append(session: Session):
    follower = JournalFollower(session.path)
    session.note("en")
    size = session.path.stat().st_size
    session.note("to")
    follower.read_new()
    os.truncate(session.path, size)
    events = follower.read_new()
    assert follower.generation == 1 and [e.seq for e in events] == [1, 2, 3]
    follower.close()


def test_last_line_is_found_across_read_chunks(tmp_path: Path):
    from ovelse.session.listing import _last_line

    path = tmp_path / "x"
    path.write_bytes(b"head\n" + b"a" * 50 + b"\n" + b"b" * 45 + b"\n" + b"torn")
    fd = os.open(path, os.O_RDONLY)
    try:
        for chunk in (1, 7, 64, 1 << 16):
            assert _last_line(fd, 5, path.stat().st_size, chunk) == (b"b" * 45, True)
        assert _last_line(fd, 5, 56, 7) == (b"a" * 50, False)
        assert _last_line(fd, 5, 5, 7) == (None, False)
    finally:
        os.close(fd)

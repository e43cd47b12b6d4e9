"""Integrity (issue 11 §4): the hash chain over the lines, ``verify_journal``, a last line without its newline,
and notices that say what was moved aside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ovelse.session import FakeClock, JournalCorrupt, JournalFollower, Session, load_journal
from ovelse.session.journal import CHAIN_HEX, chain_next, chain_start, unseal
from ovelse.session.verify import verify_journal

GOLDEN = Path(__file__).resolve().parent / "golden"


def _small(session: Session, clock: FakeClock) -> Path:
    """A small journal with every kind of line: a heartbeat left by a crash, a reopening, a note."""
    session.add_participant("Ola", ["ordforer"])
    clock.advance(61)
    session.log_decision("Kriseledelsen settes", roles=["ordforer"])
    clock.advance(12)
    session.heartbeat()
    session.close(pause=False)  # the program stops: the heartbeat stays
    clock.advance(30)
    again = Session.open(session.path, clock=clock)
    again.note("Notat")
    again.close(pause=False)
    return session.path


def test_every_line_carries_a_chain_value_computed_from_the_one_before(session: Session, clock: FakeClock):
    path = _small(session, clock)
    lines = path.read_bytes().splitlines()
    value = chain_start(lines[0])
    for line in lines[1:]:
        body, stored = unseal(line)
        assert stored is not None and len(stored) == CHAIN_HEX
        value = chain_next(value, body)
        assert stored.decode() == value
    loaded = load_journal(path)
    assert loaded.chain_head == value and loaded.warnings == []
    with JournalFollower(path) as follower:
        follower.read_new()
        assert follower.chain_head == value
    reopened = Session.open(path, clock=clock)
    assert reopened.chain_head != value  # the reopened event is sealed on top
    reopened.close(pause=False)
    assert load_journal(path).chain_head == reopened.chain_head
    result = verify_journal(path)
    assert result.ok and result.sealed and result.head == reopened.chain_head and result.error is None


def test_every_single_byte_change_in_the_middle_is_detected(
    session: Session, clock: FakeClock, tmp_path: Path
):
    """Exhaustive: every byte after the header (the header has its own checksum, tested elsewhere), changed
    in two ways: the change is refused, or (in the last line) reported as a torn line."""
    path = _small(session, clock)
    data = path.read_bytes()
    start, end = data.index(b"\n") + 1, len(data)
    copy = tmp_path / "flip.jsonl"
    missed = []
    for offset in range(start, end):
        for flip in (0x01, 0x20):
            changed = bytearray(data)
            changed[offset] ^= flip
            copy.write_bytes(bytes(changed))
            result = verify_journal(copy)
            if result.ok:
                missed.append((offset, flip, data[offset : offset + 1]))
    assert missed == []


def test_a_changed_line_is_refused_by_every_reader(session: Session, clock: FakeClock):
    path = _small(session, clock)
    lines = path.read_bytes().splitlines()
    lines[4] = lines[4].replace(b"Kriseledelsen", b"Kriseledelsen ikke")  # a valid event, silently changed
    path.write_bytes(b"\n".join(lines) + b"\n")
    for opener in (Session.open, load_journal, lambda p: JournalFollower(p).read_new()):
        with pytest.raises(JournalCorrupt) as info:
            opener(path)
        assert info.value.code == "journal.chain_mismatch" and info.value.line == 5
    result = verify_journal(path)
    assert not result.ok and result.error is not None and result.error.line == 5


def test_a_complete_last_event_without_its_newline_is_kept(session: Session, clock: FakeClock):
    path = _small(session, clock)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # an editor saved the file
    loaded = load_journal(path)
    assert loaded.state.notes[-1].current.text == "Notat" and loaded.warnings == []
    assert verify_journal(path).ok
    again = Session.open(path, clock=clock)
    try:
        assert again.notices == [] and not list(path.parent.glob("*.torn-*"))
        assert again.state.notes[-1].current.text == "Notat"
        again.note("Etter")
    finally:
        again.close(pause=False)
    assert [n.current.text for n in load_journal(path).state.notes] == ["Notat", "Etter"]
    assert path.read_bytes().endswith(b"\n") and verify_journal(path).ok


def test_a_torn_line_is_set_aside_with_what_it_held(session: Session, clock: FakeClock):
    path = _small(session, clock)
    tail = b'{"type":"note","seq":9,"at":"2026-09-15T08:0'
    torn_line = len(path.read_bytes().splitlines()) + 1
    path.write_bytes(path.read_bytes() + tail)
    result = verify_journal(path)
    assert not result.ok and result.error is None and result.notices[0].code == "notice.torn_skipped"
    again = Session.open(path, clock=clock)
    again.close(pause=False)
    (notice,) = again.notices
    assert notice.code == "notice.torn_set_aside" and notice.line == torn_line
    assert notice.side_file is not None and notice.side_file.read_bytes() == tail == notice.held
    assert notice.params["side"] == notice.side_file.name and notice.side_file.name in notice.message
    assert notice.held_text == tail.decode()


def test_held_text_is_safe_to_show():
    from ovelse.session import Notice

    notice = Notice(
        "notice.torn_set_aside", {"line": 3, "side": "x.torn-1", "size": 9}, held=b"\x1b[31m\xff" * 100
    )
    assert "\x1b" not in notice.held_text and len(notice.held_text) <= 300


@pytest.mark.parametrize("name", ["format1-flom.jsonl", "format1-setup-closed.jsonl"])
def test_old_journals_open_and_say_they_have_no_chain(name: str, tmp_path: Path):
    path = tmp_path / name
    shutil.copyfile(GOLDEN / name, path)
    loaded = load_journal(path)
    assert [w.code for w in loaded.warnings] == ["notice.unsealed"]
    result = verify_journal(path)
    assert (
        result.ok and not result.sealed and result.first_sealed is None and result.head == loaded.chain_head
    )
    if loaded.state.is_ended:
        return
    clock = FakeClock(loaded.state.last_at)
    clock.advance(60)
    s = Session.open(path, clock=clock)
    assert [n.code for n in s.notices] == ["notice.unsealed"]
    s.note("Ny")
    s.close(pause=False)
    again = load_journal(path)
    assert [w.code for w in again.warnings] == ["notice.unsealed_before"]
    assert again.warnings[0].params["first"] == len(loaded.events) + 2
    # the chain from the first sealed line covers the old lines before it too
    lines = path.read_bytes().splitlines()
    index = next(i for i, line in enumerate(lines) if b'"name":"Ola"' in line)
    lines[index] = lines[index].replace(b'"name":"Ola"', b'"name":"Per"')
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(JournalCorrupt) as info:
        load_journal(path)
    assert info.value.code == "journal.chain_mismatch"


def test_verify_matches_a_report_value_also_after_the_journal_grew(session: Session, clock: FakeClock):
    path = session.path
    session.note("Før rapporten")
    filed = load_journal(path).chain_head  # what a report made now carries
    lines_then = len(path.read_bytes().splitlines())
    session.note("Etter rapporten")
    result = verify_journal(path, expected=filed.upper())
    assert result.ok and result.matched_line == lines_then
    assert verify_journal(path, expected=filed[:8]).matched_line == lines_then
    wrong = verify_journal(path, expected="0" * 32)
    assert not wrong.ok and wrong.matched_line is None and wrong.error is None
    assert not verify_journal(path, expected="zz").ok


def test_verify_never_raises_for_a_bad_file(tmp_path: Path):
    for content in (b"", b"hei\n", b'{"kind":"ovelse-journal","format":1}\n'):
        path = tmp_path / "x.jsonl"
        path.write_bytes(content)
        result = verify_journal(path)
        assert not result.ok and result.error is not None and result.error.code.startswith("journal.")
    missing = verify_journal(tmp_path / "borte.jsonl")
    assert missing.error is not None and missing.error.code == "os.not_found"

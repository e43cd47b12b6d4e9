"""What is not a journal file (a FIFO, a device, a folder, a file too large) is refused at once with a
Norwegian message; OS errors never show English strerror text; «ligger trygt» only where data exists."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from session_scenarios import BRANCHING

from ovelse import platform
from ovelse.session import FakeClock, JournalError, JournalFollower, Session, load_journal
from ovelse.session import journalfile as journal_module
from ovelse.session.listing import list_journals, summarize_journal
from ovelse.session.oserrors import SAFE_CODE, journal_os_error

OPENERS = {
    "resume": Session.open,
    "read": load_journal,
    "follow": lambda p: JournalFollower(p).read_new(),
}

needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="Windows has no FIFOs (named pipes in the file system)"
)


def _within(seconds: float, call, release=None):
    """Run ``call`` in a thread; fail (and unblock it with ``release``) if it does not return in time."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if release is not None:
            release()
        thread.join(5)
        pytest.fail(f"blocked for more than {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@needs_fifo
@pytest.mark.parametrize("opener", OPENERS)
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, opener):
    fifo = tmp_path / "ovelse.jsonl"
    os.mkfifo(fifo)

    def release():  # a writer lets a blocked reader's open return
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)

    with pytest.raises(JournalError) as info:
        _within(10, lambda: OPENERS[opener](fifo), release)
    assert "navngitt rørledning (FIFO)" in info.value.message and "ikke en vanlig fil" in info.value.message


@pytest.mark.parametrize("opener", OPENERS)
def test_a_device_is_refused(opener):
    with pytest.raises(JournalError) as info:
        _within(10, lambda: OPENERS[opener](Path(os.devnull)))
    assert "er en enhet, ikke en vanlig fil" in info.value.message


@pytest.mark.parametrize("opener", OPENERS)
def test_a_folder_is_refused(tmp_path: Path, opener):
    with pytest.raises(JournalError) as info:
        OPENERS[opener](tmp_path)
    assert info.value.message == f"{tmp_path} er en mappe, ikke en journalfil."


@pytest.fixture
def written(tmp_path: Path) -> Path:
    session = Session.create(BRANCHING, "t.yaml", journal_dir=tmp_path / "j", clock=FakeClock())
    for n in range(20):
        session.note(f"notat {n}")
    session.close()
    return session.path


@pytest.mark.parametrize("opener", OPENERS)
def test_a_journal_over_the_size_limit_is_refused_unread(written: Path, opener, monkeypatch):
    monkeypatch.setattr(journal_module, "MAX_JOURNAL_BYTES", 4096)
    assert written.stat().st_size > 4096
    reads = []
    real_pread = platform.pread
    monkeypatch.setattr(platform, "pread", lambda fd, n, off: reads.append(n) or real_pread(fd, n, off))
    with pytest.raises(JournalError) as info:
        OPENERS[opener](written)
    assert info.value.code == "journal.too_large" and info.value.params["limit"] == "4 KiB"
    assert info.value.message.startswith(
        f"{written.name} er større enn 4 KiB og kan ikke være en øvingsjournal"
    )
    assert reads == []


def test_a_sparse_file_over_1_gib_is_refused_without_reading_it(tmp_path: Path):
    huge = tmp_path / "stor.jsonl"
    with open(huge, "wb") as fh:
        fh.truncate((1 << 30) + 1)
    for opener in OPENERS.values():
        with pytest.raises(JournalError, match="er større enn 1 GiB"):
            opener(huge)


def test_a_followed_journal_that_grows_past_the_limit_stops(written: Path, monkeypatch):
    follower = JournalFollower(written)
    try:
        assert len(follower.read_new()) > 20
        monkeypatch.setattr(journal_module, "MAX_JOURNAL_BYTES", written.stat().st_size)
        with open(written, "ab") as fh:
            fh.write(b"\n")
        with pytest.raises(JournalError, match="har vokst til over"):
            follower.read_new()
    finally:
        follower.close()


@needs_fifo
def test_start_screen_listing_skips_what_is_not_a_journal(written: Path):
    os.mkfifo(written.parent / "ror.jsonl")
    summaries = _within(10, lambda: list_journals(written.parent))
    assert [s.path.name for s in summaries] == [written.name]
    problem = _within(10, lambda: summarize_journal(written.parent / "ror.jsonl")).problem
    assert problem is not None and "ikke en vanlig fil" in problem


# -- Norwegian OS error texts --------------------------------------------------------------------------


def test_journal_folder_that_is_a_file(tmp_path: Path):
    afile = tmp_path / "afile"
    afile.write_text("ikke en mappe")
    with pytest.raises(JournalError) as info:
        Session.create(BRANCHING, "t.yaml", journal_dir=afile, clock=FakeClock())
    error = info.value
    assert (
        error.message
        == f"Kunne ikke opprette journalmappen: {afile} finnes allerede og er en fil, ikke en mappe."
    )
    assert "velg en annen journalmappe" in error.hint.lower()
    assert "ligger trygt" not in str(error) and os.strerror(errno.EEXIST) not in str(error)


def test_journal_folder_below_a_file(tmp_path: Path):
    afile = tmp_path / "afile"
    afile.write_text("ikke en mappe")
    with pytest.raises(JournalError) as info:
        Session.create(BRANCHING, "t.yaml", journal_dir=afile / "journaler", clock=FakeClock())
    assert "en del av stien" in info.value.message and "er en fil, ikke en mappe" in info.value.message
    assert "ligger trygt" not in str(info.value) and os.strerror(errno.ENOTDIR) not in str(info.value)


@pytest.mark.parametrize("context", ["write", "read", "create"])
def test_no_english_strerror_for_any_errno(tmp_path: Path, context):
    english_found = []
    for code in sorted(errno.errorcode):
        english = os.strerror(code)
        error = journal_os_error(OSError(code, english), tmp_path / "x.jsonl", "save_event", context=context)
        assert error.errno == code and error.message and error.hint
        if english in str(error):
            english_found.append((errno.errorcode[code], str(error)))
    assert english_found == []


def test_unknown_errno_gives_the_code():
    error = journal_os_error(OSError(99999, "Something odd"), Path("/x/j.jsonl"), "save_event")
    assert error.message == "Kunne ikke lagre hendelsen (/x/j.jsonl): feilkode 99999."


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO, errno.EBUSY, 99999])
def test_safe_sentence_only_where_earlier_data_exists(code):
    path = Path("/x/j.jsonl")
    assert SAFE_CODE in journal_os_error(OSError(code, "x"), path, "save_event").more
    assert (
        SAFE_CODE not in journal_os_error(OSError(code, "x"), path, "create_journal", context="create").more
    )
    assert SAFE_CODE not in journal_os_error(OSError(code, "x"), path, "read_journal", context="read").more


def test_disk_full_while_creating_does_not_claim_earlier_data(tmp_path: Path, monkeypatch):
    real_pwrite = platform.pwrite
    monkeypatch.setattr(
        platform, "pwrite", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space"))
    )
    with pytest.raises(JournalError) as info:
        Session.create(BRANCHING, "t.yaml", journal_dir=tmp_path, clock=FakeClock())
    assert "Disken er full" in info.value.message and "ligger trygt" not in str(info.value)
    monkeypatch.setattr(platform, "pwrite", real_pwrite)


def test_unreadable_journal_folder_in_norwegian(tmp_path: Path, monkeypatch):
    def denied(self):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(JournalError) as info:
        list_journals(tmp_path)
    assert info.value.message == f"Kan ikke lese journalmappen {tmp_path}: mangler tilgang."


def test_unopenable_journal_in_the_listing_in_norwegian(written: Path, monkeypatch):
    real_open = os.open

    def failing(path, flags, *args, **kwargs):
        if str(path) == str(written):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)
    problem = summarize_journal(written).problem
    assert (
        problem is not None and "Lese- eller skrivefeil" in problem and os.strerror(errno.EIO) not in problem
    )

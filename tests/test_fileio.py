"""Writing output files: temp + rename, never over special files, Norwegian errors."""

from __future__ import annotations

import os
import sys

import pytest
from system_tools import file_mode

from ovelse.fileio import OutputError, write_atomic

on_windows = sys.platform == "win32"


def test_writes_and_refuses_overwrite_without_force(tmp_path):
    target = tmp_path / "ut.txt"
    write_atomic(target, b"en")
    with pytest.raises(OutputError, match="finnes allerede"):
        write_atomic(target, b"to")
    write_atomic(target, b"to", force=True)
    assert target.read_bytes() == b"to"
    assert [p.name for p in tmp_path.iterdir()] == ["ut.txt"]


@pytest.mark.skipif(on_windows, reason="symbolic links need extra rights on Windows")
def test_never_replaces_a_directory_or_a_link(tmp_path):
    (tmp_path / "mappe").mkdir()
    with pytest.raises(OutputError, match="er en mappe"):
        write_atomic(tmp_path / "mappe", b"x", force=True)
    os.symlink(tmp_path / "annet", tmp_path / "lenke")
    with pytest.raises(OutputError, match="er en lenke"):
        write_atomic(tmp_path / "lenke", b"x", force=True)


def test_missing_folder_gives_norwegian_reason_and_leaves_no_temp(tmp_path):
    with pytest.raises(OutputError) as exc:
        write_atomic(tmp_path / "finnes-ikke" / "ut.txt", b"x")
    assert exc.value.message.endswith("finnes ikke.") and "No such" not in exc.value.message
    assert list(tmp_path.iterdir()) == []


def test_failed_write_removes_the_temporary_file(tmp_path, monkeypatch):
    import errno

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="Disken er full"):
        write_atomic(tmp_path / "ut.txt", b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    on_windows, reason="no file modes on Windows (see test_private_notice_where_modes_do_not_exist)"
)
def test_mode_is_applied(tmp_path):
    target = write_atomic(tmp_path / "hemmelig.txt", b"x", private=True)
    assert file_mode(target) in (0o600, None)


@pytest.mark.skipif(on_windows, reason="Windows file names cannot hold control characters")
def test_file_names_with_escape_sequences_are_shown_literally(tmp_path):
    hostile = tmp_path / "rapport\x1b]0;hacked\x07\x1b[2J.md"
    write_atomic(hostile, b"x")
    with pytest.raises(OutputError) as exc:
        write_atomic(hostile, b"y")
    assert "\x1b" not in exc.value.message and "\x07" not in exc.value.message
    assert "rapport\\x1b]0;hacked\\x07\\x1b[2J.md finnes allerede." in exc.value.message


def test_private_notice_where_modes_do_not_exist(tmp_path, monkeypatch):
    from ovelse import platform
    from ovelse.platform import windows

    monkeypatch.setattr(platform, "make_private", windows.make_private)
    notices: list = []
    write_atomic(tmp_path / "hemmelig.txt", b"x", private=True, notices=notices)
    assert [n.feature for n in notices] == ["private"]


def test_messages_in_nynorsk(tmp_path):
    from ovelse.i18n import use_language

    (tmp_path / "ut.txt").write_bytes(b"x")
    with use_language("nn"), pytest.raises(OutputError) as exc:
        write_atomic(tmp_path / "ut.txt", b"y")
    assert exc.value.message.endswith("finst allereie.") and "skrive over" in exc.value.hint

"""``ovelse resume`` with a journal it cannot open: a Norwegian error on stderr and exit code 2 at once,
without starting the UI."""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import pytest

from ovelse.session import FakeClock, Session
from ovelse.tui import launch as launch_module
from ovelse.tui.app import OvelseApp

from .conftest import SCENARIO


def _resume(journal: Path) -> argparse.Namespace:
    return argparse.Namespace(command="resume", journal=str(journal), journal_dir=None)


@pytest.fixture
def no_ui(monkeypatch):
    """OvelseApp.run records the app instead of starting the UI."""
    started: list[OvelseApp] = []

    def run(self, *args, **kwargs):
        started.append(self)
        return 0

    monkeypatch.setattr(OvelseApp, "run", run)
    return started


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    session = Session.create(
        SCENARIO.read_text(encoding="utf-8"), SCENARIO.name, journal_dir=tmp_path, clock=FakeClock()
    )
    session.close()
    return session.path


def test_missing_journal_exits_2_without_the_ui(tmp_path, no_ui, capsys):
    assert launch_module.launch(_resume(tmp_path / "finnes-ikke.jsonl")) == 2
    err = capsys.readouterr().err
    assert err.startswith("ovelse: Finner ikke ") and "finnes-ikke.jsonl" in err
    assert no_ui == []


def test_locked_journal_exits_2_without_the_ui(journal, no_ui, capsys):
    with Session.open(journal):
        assert launch_module.launch(_resume(journal)) == 2
    err = capsys.readouterr().err
    assert "allerede åpen i et annet ovelse-vindu" in err
    assert no_ui == []


def test_read_only_journal_exits_2_without_the_ui(journal, no_ui, capsys, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path) == str(journal) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    assert launch_module.launch(_resume(journal)) == 2
    err = capsys.readouterr().err
    assert "skrivebeskyttet" in err and os.strerror(errno.EROFS) not in err
    assert no_ui == []


def test_a_good_journal_opens_in_the_ui_and_is_closed_afterwards(journal, no_ui):
    assert launch_module.launch(_resume(journal)) == 0
    (app,) = no_ui
    assert app.session is not None and app.session.path == journal
    assert app.session.closed  # closed when the UI ended, so it can be resumed again
    Session.open(journal).close()

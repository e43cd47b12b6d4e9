"""Start fast: the start screen's lists come from a metadata pass; opening still validates in full."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ovelse.bundled import MAX_META_BYTES, bundled_files, read_listing
from ovelse.scenario import loader
from ovelse.tui.journals import describe_journal, has_journals
from ovelse.tui.screens.findings import FindingsScreen
from ovelse.tui.screens.start import StartScreen
from tests.tui.conftest import BROKEN, SCENARIO, async_test, make_app, screen_text, settle


@pytest.fixture
def clock():
    from ovelse.session import FakeClock

    return FakeClock()


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journaler"
    folder.mkdir()
    return folder


def test_listing_reads_the_meta_block_of_every_bundled_scenario():
    for path in bundled_files():
        listing = read_listing(path)
        full = loader.load_scenario(path).scenario
        assert full is not None
        assert (listing.title, listing.municipality, listing.duration_minutes) == (
            full.meta.title,
            full.meta.municipality,
            full.meta.duration_minutes,
        )
        assert list(listing.themes) == list(full.meta.themes)


def test_listing_of_a_broken_scenario_still_has_its_title():
    listing = read_listing(BROKEN)
    assert listing.title == "Scenario med feil" and listing.municipality == "Testkommune"
    assert loader.load_scenario(BROKEN).scenario is None  # the full load refuses it


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nnodes: []\n",  # no meta
        "meta: {title: flow style}\n",  # not a block: the full load decides
        "meta:\n  title: [ikke, tekst]\n",
        "meta:\n  title: 'uavsluttet\n",
        "meta:\n  title: &a x\n  other: *b\n",
        "meta:\n  title: " + "x" * (MAX_META_BYTES + 10) + "\n",
        "\ufeff\x00\x01binært",
    ],
)
def test_unreadable_metadata_is_listed_by_file_name(tmp_path, text):
    path = tmp_path / "rart.yaml"
    path.write_text(text, encoding="utf-8")
    listing = read_listing(path)
    assert not listing.readable and listing.path == path


def test_listing_never_blocks_on_a_fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "rør.yaml"
    os.mkfifo(fifo)
    assert not read_listing(fifo).readable


def test_has_journals_looks_only_at_names(tmp_path):
    assert not has_journals(tmp_path) and not has_journals(tmp_path / "finnes-ikke")
    (tmp_path / ".skjult.jsonl").write_text("x")
    (tmp_path / "annet.txt").write_text("x")
    assert not has_journals(tmp_path)
    (tmp_path / "j.jsonl").write_text("x")
    assert has_journals(tmp_path)


@async_test
async def test_list_is_filled_from_the_metadata_pass_and_a_broken_scenario_is_refused_on_open(
    journal_dir, clock, monkeypatch
):
    release = threading.Event()
    real = loader.load_scenario
    calls: list[str] = []

    def held_in_workers(path, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            release.wait(30)  # the full pass: not before the test has looked at the screen
        calls.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(loader, "load_scenario", held_in_workers)
    app = make_app(journal_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        text = screen_text(app)
        assert calls == []  # nothing validated yet
        assert "Flom i Testkommune" in text and "Testkommune · 60 min" in text
        assert "Scenario med feil" in text
        assert "Ingen påbegynte øvelser." in text  # the folder is empty: known without the engine
        await pilot.press("down", "enter")  # the broken one, before the full pass has run
        await pilot.pause()
        assert isinstance(app.screen, FindingsScreen)
        assert calls == [BROKEN.name]  # validated in full on open
        release.set()
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert "har 3 feil" in screen_text(app)  # the full pass completed the row
    assert list(journal_dir.iterdir()) == []


@async_test
async def test_journals_appear_after_the_metadata_pass(journal_dir, clock):
    from ovelse.session import Session

    Session.create(
        SCENARIO.read_text(encoding="utf-8"),
        "flom.yaml",
        {"title": "Øving i mars"},
        journal_dir=journal_dir,
        clock=clock,
    ).close()
    app = make_app(journal_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Øving i mars" in screen_text(app)


@dataclass
class _Summary:
    path: Path
    title: str | None = None
    scenario_title: str | None = None
    problem: str | None = None
    municipality: str | None = None
    last_activity: datetime | None = None
    started: datetime | None = None


def test_journal_rows_show_hostile_file_names_literally():
    hostile = Path("/tmp/øving\x1b]0;hacked\x07\x1b[2J.jsonl")
    title, details = describe_journal(_Summary(hostile, started=datetime(2026, 3, 1, 9, tzinfo=UTC)))
    for text in (title, details):
        assert "\x1b" not in text and "\x07" not in text
    assert "øving\\x1b]0;hacked\\x07\\x1b[2J.jsonl" in details
    assert title == "øving\\x1b]0;hacked\\x07\\x1b[2J"


def test_listing_cache_is_keyed_by_content_and_survives_damage(tmp_path, monkeypatch):
    from ovelse import bundled

    monkeypatch.setenv("OVELSE_CACHE_DIR", str(tmp_path / "cache"))
    scenario = tmp_path / "s.yaml"
    scenario.write_text("meta:\n  title: Første\n  duration_minutes: 30\n", encoding="utf-8")
    parsed: list[Path] = []
    real = bundled.read_listing
    monkeypatch.setattr(bundled, "read_listing", lambda p: parsed.append(p) or real(p))

    (first,) = bundled.read_listings([scenario])
    assert first.title == "Første" and first.duration_minutes == 30 and parsed == [scenario]
    assert bundled.cache_file().is_file()
    (again,) = bundled.read_listings([scenario])
    assert again == first and parsed == [scenario]  # from the cache: not parsed again

    scenario.write_text("meta:\n  title: Andre\n", encoding="utf-8")  # new content, new key
    (changed,) = bundled.read_listings([scenario])
    assert changed.title == "Andre" and len(parsed) == 2

    bundled.cache_file().write_text('{"version": 1, "entries": {"x": [1, 2]}', encoding="utf-8")
    (damaged,) = bundled.read_listings([scenario])
    assert damaged.title == "Andre"  # a broken cache is ignored and rewritten
    key = hashlib.sha256(scenario.read_bytes()).hexdigest()
    bad_entry = {"version": 1, "entries": {key: {"title": 5, "themes": []}}}
    bundled.cache_file().write_text(json.dumps(bad_entry), encoding="utf-8")
    (typed,) = bundled.read_listings([scenario])
    assert typed.title == "Andre"  # an entry of the wrong shape is not trusted


def test_warm_start_does_not_load_the_yaml_parser(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ovelse.bundled import bundled_files, read_listings\n"
        "read_listings(bundled_files())\n"
        "print('yaml' in sys.modules)\n"
    )
    env = dict(
        os.environ, OVELSE_CACHE_DIR=str(tmp_path), PYTHONPATH=str(Path(__file__).resolve().parents[1])
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        ).stdout
        for _ in range(2)
    ]
    assert runs == ["True\n", "False\n"]

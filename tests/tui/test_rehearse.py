"""``ovelse prøv``: the rehearsal screen (pilot), reload on save, nothing written, and the CLI on bad input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from ovelse.cli import main
from ovelse.scenario.rehearse import Rehearsal
from ovelse.tui.app import OvelseApp
from ovelse.tui.screens.rehearse import RehearseScreen
from ovelse.tui.widgets.innspill import InnspillPanel

from .conftest import BROKEN, SCENARIO, async_test, settle

BROKEN_TEXT = BROKEN.read_text(encoding="utf-8")
GOOD_TEXT = SCENARIO.read_text(encoding="utf-8")


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000  # a save within the same clock tick still counts
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    path = tmp_path / "flom.yaml"
    shutil.copy(SCENARIO, path)
    return path


def rehearsal_app(path: Path, clock) -> OvelseApp:
    app = OvelseApp(rehearsal=Rehearsal.open(path, display_name=path.name), clock=clock)
    app.animation_level = "none"
    return app


def text_of(screen: RehearseScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def panel_text(screen: RehearseScreen) -> str:
    return "\n".join(
        str(w.render()) for w in screen.query_one(InnspillPanel).query(Static) if not w.has_class("-unused")
    )


@async_test
async def test_walk_choose_jump_and_see_what_is_left(scenario_copy, clock):
    app = rehearsal_app(scenario_copy, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RehearseScreen)
        assert "ingen journal skrives" in text_of(screen, "#rehearse-marker").lower()
        assert "Rødt farevarsel" in panel_text(screen)
        assert "Valg – trykk tallet" in text_of(screen, "#pinned")
        facilitator = text_of(screen, "#facilitator")
        assert facilitator and "Ingen notater" not in facilitator  # «varsel» has notes
        assert "Innspill: 3 av 4" in text_of(screen, "#rehearse-remaining")

        clock.advance(600)
        screen.refresh_clock()
        assert "10:00 brukt av 15 min" in text_of(screen, "#rehearse-time")

        await pilot.press("1")
        await settle(pilot)
        rehearsal = screen.rehearsal
        assert rehearsal.node_id != "varsel" and ("varsel", 0) in rehearsal.taken
        assert "Innspill: 2 av 4" in text_of(screen, "#rehearse-remaining")
        assert screen.stopwatch.at("varsel", clock.monotonic()) == 600

        screen._jump("informasjon")
        await settle(pilot)
        assert rehearsal.node_id == "informasjon"
        assert "Scenarioet slutter her" in text_of(screen, "#pinned")
        await pilot.press("b")
        await settle(pilot)
        assert rehearsal.node_id != "informasjon"


@async_test
async def test_the_room_view_alone_hides_the_notes(scenario_copy, clock):
    app = rehearsal_app(scenario_copy, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("v")
        await settle(pilot)
        assert screen.has_class("-room-only")
        assert screen.query_one("#sidebar").styles.display == "none"
        assert "Rommet ser dette" in text_of(screen, "#rehearse-marker")
        assert "Rødt farevarsel" in panel_text(screen)


@async_test
async def test_the_innspill_comes_from_the_one_renderer(scenario_copy, clock, monkeypatch):
    import ovelse.tui.screens.rehearse as module

    calls: list[str] = []
    real = module.item_blocks

    def spy(item, **kwargs):
        calls.append(item.title)
        return real(item, **kwargs)

    monkeypatch.setattr(module, "item_blocks", spy)
    app = rehearsal_app(scenario_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert calls and calls[-1] == "Rødt farevarsel"


@async_test
async def test_a_save_reloads_keeps_the_place_and_shows_findings(scenario_copy, clock):
    app = rehearsal_app(scenario_copy, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("1")
        await settle(pilot)
        here = screen.rehearsal.node_id
        title = screen.rehearsal.node.title
        _save(scenario_copy, GOOD_TEXT.replace(f"title: {title}\n", "title: Endret tittel\n", 1))
        screen.poll()
        await settle(pilot)
        assert screen.rehearsal.node_id == here and "Endret tittel" in panel_text(screen)
        assert not screen.query_one("#rehearse-findings").display

        _save(scenario_copy, GOOD_TEXT.replace("start: varsel", "start: finnes-ikke", 1))
        screen.poll()
        await settle(pilot)
        assert screen.query_one("#rehearse-findings").display
        assert "OV" in text_of(screen, "#rehearse-findings-list")
        assert "siste versjonen uten feil" in text_of(screen, "#rehearse-findings-title")
        assert screen.rehearsal.node_id == here and "Endret tittel" in panel_text(screen)


@async_test
async def test_a_file_with_errors_shows_findings_and_starts_on_the_first_good_save(tmp_path, clock):
    path = tmp_path / "feil.yaml"
    path.write_text(BROKEN_TEXT, encoding="utf-8")
    app = rehearsal_app(path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-unready")
        assert "kan ikke prøves ennå" in text_of(screen, "#rehearse-findings-title")
        await pilot.press("n")  # says why instead of silence; nothing breaks
        await settle(pilot)
        _save(path, GOOD_TEXT)
        screen.poll()
        await settle(pilot)
        assert not screen.has_class("-unready") and "Rødt farevarsel" in panel_text(screen)


@async_test
async def test_a_rehearsal_on_screen_writes_nothing(scenario_copy, tmp_path, clock, monkeypatch):
    monkeypatch.setenv("OVELSE_JOURNAL_DIR", str(tmp_path / "journaler"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    app = rehearsal_app(scenario_copy, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("1", "n", "v", "v", "p", "p", "b", "r"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("q")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert app.session is None


# -- the command line ---------------------------------------------------------------------------


def test_cli_missing_file_is_refused_in_norwegian(tmp_path, capsys):
    assert main(["prøv", str(tmp_path / "finnes-ikke.yaml")]) == 2
    err = capsys.readouterr().err
    assert "Finner ikke scenariofilen" in err and "Traceback" not in err


def test_cli_a_folder_is_refused_and_the_ascii_alias_works(tmp_path, capsys):
    assert main(["prov", str(tmp_path)]) == 2
    assert "er ikke en fil" in capsys.readouterr().err


def test_cli_an_invalid_scenario_still_broken_at_the_end_exits_1(tmp_path, capsys, monkeypatch):
    """The screen shows the findings and waits for a save; closed while still broken, the CLI says so."""
    path = tmp_path / "feil.yaml"
    path.write_text(BROKEN_TEXT, encoding="utf-8")
    seen: list[Rehearsal] = []

    def fake_run(self, *args, **kwargs):
        seen.append(self.rehearsal)

    monkeypatch.setattr(OvelseApp, "run", fake_run)
    assert main(["prøv", str(path)]) == 1
    err = capsys.readouterr().err
    assert seen and not seen[0].ready
    assert "har fortsatt feil; ingenting er lagret" in err and "error[" in err
    assert not (tmp_path / "journaler").exists()


def test_cli_a_good_scenario_and_a_bundled_name(tmp_path, capsys, monkeypatch):
    seen: list[Rehearsal] = []
    monkeypatch.setattr(OvelseApp, "run", lambda self, *a, **k: seen.append(self.rehearsal))
    assert main(["prov", str(SCENARIO)]) == 0
    assert main(["prøv", "ekstremvaer-hans"]) == 0
    assert [r.ready for r in seen] == [True, True]
    assert seen[1].scenario is not None and seen[1].scenario.meta.municipality.startswith("Ringerike")

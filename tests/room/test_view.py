"""What the room's view shows: clock, pause banner, literal text, and never the facilitator's notes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from room_helpers import ROOT, screen_text, wait_for
from room_scenarios import EXEMPT, ROOM, SECRET_INJECT_NOTE, SECRET_NOTE, SECRET_PROMPT

from ovelse.room.snapshot import build_snapshot
from ovelse.scenario.loader import load_scenario_text
from ovelse.session import FakeClock, Session
from ovelse.tui.room.app import RoomApp
from ovelse.tui.room.launch import run_vis
from ovelse.tui.room.render import blocks_text, snapshot_blocks


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(tmp_path, clock):
    s = Session.create(
        ROOM, "rom-test.yaml", {"facilitator": "Kari"}, journal_dir=tmp_path / "j", clock=clock
    )
    yield s
    s.close(pause=False)


def test_clock_excludes_pauses_and_pause_banner(session, clock):
    async def scenario() -> None:
        app = RoomApp.from_path(session.path, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.clock_text == "Øvingstid 00:00")
            assert "Pause" not in screen_text(app)
            clock.advance(65)
            await wait_for(pilot, lambda: app.clock_text == "Øvingstid 01:05")  # ticks without any new event

            session.pause(until="10:15")
            await wait_for(pilot, lambda: "Pause – vi fortsetter kl. 10.15" in screen_text(app))
            assert "Øvingsklokka står stille." in screen_text(app)
            assert "Det starter i Testkommune" not in screen_text(app)  # the pause fills the screen
            clock.advance(600)
            for _ in range(3):
                await pilot.pause(0.2)
            assert app.clock_text == "Øvingstid 01:05"  # stands still while paused

            session.resume()
            await wait_for(pilot, lambda: "Pause" not in screen_text(app))
            clock.advance(10)
            await wait_for(pilot, lambda: app.clock_text == "Øvingstid 01:15")  # the pause is not counted

            session.end()
            await wait_for(pilot, lambda: "Øvelsen er avsluttet" in screen_text(app))
            clock.advance(100)
            for _ in range(3):
                await pilot.pause(0.2)
            assert app.clock_text == "Øvingstid 01:15"
            assert "Valg" not in screen_text(app)

    asyncio.run(scenario())


def test_facilitator_notes_and_prompts_are_never_rendered(session):
    scenario_model = session.scenario

    async def scenario() -> None:
        app = RoomApp.from_path(session.path)
        async with app.run_test(size=(160, 120)) as pilot:
            seen = 0
            for node in scenario_model.nodes:
                if node.id != session.state.current_node:
                    session.jump(node.id)
                if node.id == "a":
                    session.fire_inject("media")
                await wait_for(pilot, lambda: app.snapshot.seq == session.state.last_seq)
                await pilot.pause()
                text = screen_text(app)
                assert node.title in text
                full = blocks_text(snapshot_blocks(app.snapshot))
                for secret in (SECRET_NOTE, SECRET_PROMPT, SECRET_INJECT_NOTE, "Bare for øvingsleder"):
                    assert secret not in text
                    assert secret not in full
                seen += 1
            assert seen == len(scenario_model.nodes)

    asyncio.run(scenario())


def test_snapshot_carries_nothing_but_the_rooms_part(session):
    session.fire_inject("media")
    session.log_decision("En beslutning")
    snapshot = build_snapshot(session.scenario, session.state)
    dumped = repr(snapshot)
    for secret in (SECRET_NOTE, SECRET_PROMPT, SECRET_INJECT_NOTE, "En beslutning"):
        assert secret not in dumped
    assert [e.title for e in snapshot.extras] == ["Media ringer til ordføreren"]
    session.retract(session.state.injects[-1].seq)
    assert build_snapshot(session.scenario, session.state).extras == ()


def test_markup_and_escape_sequences_are_shown_literally(tmp_path, clock):
    s = Session.create(
        ROOM,
        "rom-test.yaml",
        {"title": "Øvelse [bold]Storm[/bold] \x1b[2J"},
        journal_dir=tmp_path / "j",
        clock=clock,
    )

    async def scenario() -> None:
        s.reveal_next()
        app = RoomApp.from_path(s.path, clock=clock)
        async with app.run_test(size=(160, 60)) as pilot:
            await wait_for(pilot, lambda: app.snapshot is not None)
            await pilot.pause()
            text = screen_text(app)
            assert "[bold]ikke fet[/bold]" in text
            assert "[link=https://example.org]lenke[/link]" in text
            assert "Politiet [red]operasjonssentral[/red]" in text
            assert "Øvelse [bold]Storm[/bold]" in text
            assert "rød" in text and "slutt" in text
            assert "\x1b" not in text and "[31m" not in text and "[0m" not in text
            assert "tittel" not in text  # the OSC «set window title» sequence is dropped whole

    try:
        asyncio.run(scenario())
    finally:
        s.close()


def test_exempt_marking_is_shown(tmp_path):
    s = Session.create(EXEMPT, "rom-unntatt.yaml", {}, journal_dir=tmp_path / "j")

    async def scenario() -> None:
        app = RoomApp.from_path(s.path)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(
                pilot, lambda: "Unntatt offentlighet, jf. offl. § 24 tredje ledd" in screen_text(app)
            )

    try:
        asyncio.run(scenario())
    finally:
        s.close()


def test_small_terminal_shows_title_clock_and_banner(session, clock):
    async def scenario() -> None:
        app = RoomApp.from_path(session.path, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: "Det starter i Testkommune" in screen_text(app))
            session.pause()
            await wait_for(pilot, lambda: "Pause" in screen_text(app))
            await wait_for(pilot, lambda: "Lukk visningen" in screen_text(app))
            text = screen_text(app)
            assert "Rommets testøvelse" in text and "Øvingstid" in text

    asyncio.run(scenario())


def test_messages_filtered_by_flags():
    scenario = load_scenario_text(ROOM, "rom-test.yaml").scenario
    from ovelse.room.snapshot import node_item

    with_stab = node_item(scenario.node("b"), frozenset({"stab"}))
    without = node_item(scenario.node("b"), frozenset())
    assert [m.sender for m in with_stab.messages] == ["Staben"]
    assert [m.sender for m in without.messages] == ["Media"]


# ---------------------------------------------------------------- ovelse vis: exit codes and messages


def test_vis_missing_journal_exits_2(tmp_path, capsys):
    code = run_vis(Namespace(journal=str(tmp_path / "finnes-ikke.jsonl"), journal_dir=str(tmp_path)))
    err = capsys.readouterr().err
    assert code == 2
    assert "Finner ikke journalen" in err and "ovelse run" in err
    assert "Traceback" not in err


def test_vis_not_a_journal_exits_2(tmp_path, capsys):
    bad = tmp_path / "tull.jsonl"
    bad.write_text("dette er ikke en journal\n", encoding="utf-8")
    assert run_vis(Namespace(journal=str(bad), journal_dir=None)) == 2
    err = capsys.readouterr().err
    assert "ikke en lesbar øvingsjournal" in err and "Traceback" not in err
    folder = tmp_path / "mappe"
    folder.mkdir()
    assert run_vis(Namespace(journal=str(folder), journal_dir=None)) == 2
    assert "mappe" in capsys.readouterr().err


def test_vis_command_line_missing_journal(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ovelse", "vis", str(tmp_path / "borte.jsonl")],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "Finner ikke journalen" in proc.stderr and "Traceback" not in proc.stderr


def test_bare_journal_name_is_found_in_the_journal_folder(session):
    from ovelse.tui.room.launch import resolve_journal

    path: Path = session.path
    assert resolve_journal(path.name, str(path.parent)) == path
    assert resolve_journal("annet.jsonl", str(path.parent)) == Path("annet.jsonl")


def test_pause_reasons_are_not_shown_but_a_closed_program_is_explained(tmp_path):
    s = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j")
    path = s.path

    async def scenario() -> None:
        app = RoomApp.from_path(path)
        async with app.run_test(size=(100, 30)) as pilot:
            s.pause("PRIVAT-PAUSEGRUNN")
            await wait_for(pilot, lambda: "Pause" in screen_text(app))
            assert "PRIVAT-PAUSEGRUNN" not in screen_text(app)
            s.resume()
            s.close()  # the facilitator closes the program: the engine pauses with cause «closed»
            await wait_for(pilot, lambda: "Venter på øvingsleder" in screen_text(app))
            assert "program er lukket" in screen_text(app)

    asyncio.run(scenario())


def test_reveals_decide_what_the_terminal_room_view_shows(session):
    async def scenario() -> None:
        app = RoomApp.from_path(session.path)
        async with app.run_test(size=(140, 50)) as pilot:
            await wait_for(pilot, lambda: "Det starter i Testkommune" in screen_text(app))
            text = screen_text(app)
            assert "Vi er på stedet" not in text and "Hvem varsler hvem?" not in text
            assert "Sett kriseledelsen" not in text and "Neste" not in text
            session.reveal_next()
            await wait_for(pilot, lambda: "Vi er på stedet" in screen_text(app))
            assert "Hvem varsler hvem?" not in screen_text(app)
            session.reveal_next()
            await wait_for(pilot, lambda: "Hvem varsler hvem?" in screen_text(app))
            assert "Sett kriseledelsen" not in screen_text(app)
            session.reveal_next()
            await wait_for(pilot, lambda: "Sett kriseledelsen" in screen_text(app))
            session.set_room_view(blank=True)
            await wait_for(pilot, lambda: "Det starter i Testkommune" not in screen_text(app))
            session.set_room_view(blank=False)
            await wait_for(pilot, lambda: "Sett kriseledelsen" in screen_text(app))

    asyncio.run(scenario())

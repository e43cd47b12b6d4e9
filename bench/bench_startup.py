"""Benchmarks for the meeting-room app (issue 5), measured in one run.

1. Start-up to the first painted start screen, ≤ 1.3× a minimal Textual app (header, one line, footer).
   Both run as real processes in a pseudo-terminal; the clock stops when the screen's text has arrived.
2. With a generated 2,000-node scenario and a journal of 5,000 logged entries: moving to the next innspill
   and saving a decision each take ≤ 50 ms, and no longer than with an empty journal. Measured through the
   Pilot, from the key press until the screen is painted (the headless driver's paint, plus turning it into
   terminal output as a real terminal would).
"""

from __future__ import annotations

import asyncio
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

MINIMAL_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        BINDINGS = [("q", "quit", "Avslutt")]

        def compose(self):
            yield Header()
            yield Static("Klar til øvelse")
            yield Footer()

    Minimal().run()
""")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def _time_to_text(argv: list[str], marker: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from starting ``argv`` in a 100×30 pseudo-terminal until ``marker`` is on the screen."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True
    )
    os.close(slave)
    buffer = b""
    try:
        deadline = start + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            if b"\x1b[6n" in chunk or b"\x1b[c" in chunk:
                pass  # Textual does not wait for answers; nothing to reply
            text = _ANSI.sub("", buffer.decode("utf-8", "replace"))
            if marker in text:
                return time.perf_counter() - start
        raise RuntimeError(f"«{marker}» kom ikke på skjermen innen {timeout} s")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def bench_startup(repeat: int = 7) -> list[dict]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    with tempfile.TemporaryDirectory() as tmp:
        env["OVELSE_JOURNAL_DIR"] = tmp
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        ours_cmd = [sys.executable, "-m", "ovelse"]
        base_cmd = [sys.executable, str(minimal)]
        first_title = _first_bundled_title()
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        # Warm the OS file cache once, then alternate so both see the same machine load.
        _time_to_text(base_cmd, "Klar til øvelse", env)
        _time_to_text(ours_cmd, "diskusjonsøvelser for kommunal beredskap", env)
        base, ours, filled = [], [], []
        for _ in range(repeat):
            base.append(_time_to_text(base_cmd, "Klar til øvelse", env))
            ours.append(_time_to_text(ours_cmd, "diskusjonsøvelser for kommunal beredskap", env))
            if first_title:
                filled.append(_time_to_text(ours_cmd, first_title, env))
    b, o = statistics.median(base), statistics.median(ours)
    rows = [
        {
            "name": "oppstart: startskjermen malt",
            "value": o / b,
            "target": "≤ 1.3×",
            "detail": f"ovelse {o * 1000:.0f} ms, minimal Textual-app {b * 1000:.0f} ms (median av {repeat})",
        }
    ]
    if filled:
        f = statistics.median(filled)
        rows.append(
            {
                "name": "oppstart: scenariolisten fylt",
                "value": f / b,
                "target": "info",
                "detail": f"{f * 1000:.0f} ms til første medfølgende scenario står i listen",
            }
        )
    return rows


def _first_bundled_title() -> str | None:
    from ovelse.bundled import bundled_files
    from ovelse.scenario.loader import load_scenario

    for path in bundled_files():
        result = load_scenario(path)
        if result.scenario is not None:
            return result.scenario.meta.title[:30]
    return None


# -- moving and saving on a big exercise --------------------------------------------------------------

T0 = datetime(2026, 9, 15, 8, 0, tzinfo=UTC)


def _journal(directory: Path, scenario_text: str, entries: int) -> Path:
    """A journal written directly (no fsync per line): start, then ``entries`` log entries while moving."""
    from ovelse.scenario.loader import load_scenario_text
    from ovelse.session import (
        DecisionLogged,
        ExerciseStarted,
        NodeEntered,
        Note,
        Observation,
        ParticipantAdded,
        event_to_json,
    )
    from ovelse.session.journal import JournalHeader

    scenario = load_scenario_text(scenario_text, "stor.yaml").scenario
    assert scenario is not None
    events: list = [
        ExerciseStarted(
            seq=1,
            at=T0,
            elapsed=0.0,
            title="Ytelsestest",
            municipality="Testkommune",
            date=T0.date(),
            place="Rådhuset",
            facilitator="Kari Nordmann",
            purpose="Måle appen.",
        ),
        NodeEntered(
            seq=2, at=T0, elapsed=0.0, scenario_time=scenario.nodes[0].time, node_id="n0", via="start"
        ),
        ParticipantAdded(
            seq=3, at=T0, elapsed=0.0, participant_id="p1", name="Ola Ordfører", roles=["ordforer"]
        ),
    ]
    for i in range(entries):
        seq = len(events) + 1
        common = {"seq": seq, "at": T0 + timedelta(seconds=seq), "elapsed": float(seq), "scenario_time": None}
        kind = i % 3
        if kind == 0:
            events.append(
                DecisionLogged(
                    **common,
                    text=f"Beslutning {i}: kriseledelsen settes og møtes kl. 08",
                    roles=["ordforer"],
                    rationale="Prognosen er usikker",
                )
            )
        elif kind == 1:
            events.append(Observation(**common, text=f"Observasjon {i}", observer="Nils", objectives=["M1"]))
        else:
            events.append(Note(**common, text=f"Notat {i}"))
    header = JournalHeader.for_scenario(scenario_text, "stor.yaml", scenario, T0)
    path = directory / f"stor-{entries}.jsonl"
    with open(path, "wb") as fh:
        fh.write(header.model_dump_json().encode() + b"\n")
        fh.writelines(event_to_json(e) + b"\n" for e in events)
    return path


async def _measure(journal: Path, moves: int, decisions: int) -> dict[str, list[float]]:
    """Per key press: seconds until the new state is painted («vises») and until the last paint («i ro»)."""
    from rich.console import Console
    from textual._compositor import CompositorUpdate

    from ovelse.session import FakeClock
    from ovelse.tui.app import OvelseApp
    from ovelse.tui.screens.run import RunScreen

    app = OvelseApp(journal=journal, clock=FakeClock(start=T0 + timedelta(hours=3)))
    console = Console(
        width=160,
        height=45,
        file=open(os.devnull, "w"),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    original = app._display
    paints: list[tuple[float, bool]] = []
    expect = {"seq": 0}

    def display(screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(console)  # what a real terminal driver does with every paint
            shown = isinstance(screen, RunScreen) and screen.rendered_seq >= expect["seq"]
            paints.append((time.perf_counter(), shown))
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    out: dict[str, list[float]] = {"move": [], "move_settled": [], "save": [], "save_settled": []}

    async def timed(pilot, key: str, name: str) -> None:
        paints.clear()
        expect["seq"] = app.session.state.last_seq + 1  # the event this key writes
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        shown = [t for t, ok in paints if ok]
        assert shown, f"{name}: the new state was never painted"
        out[name].append(shown[0] - start)
        out[f"{name}_settled"].append(paints[-1][0] - start)

    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        for _ in range(moves):
            await timed(pilot, "1" if app.session.available_choices() else "n", "move")
        for i in range(decisions):
            await pilot.press("d")
            await pilot.pause()
            app.focused.insert_text_at_cursor(f"Beslutning nummer {i} om evakuering")
            await timed(pilot, "ctrl+s", "save")
        assert len(app.session.state.decisions) >= decisions
        app.session.close()
    return out


def bench_big_exercise(
    nodes: int = 2_000, entries: int = 5_000, moves: int = 25, decisions: int = 15
) -> list[dict]:
    from gen_scenario import generate

    text = generate(nodes, text_repeat=2)
    with tempfile.TemporaryDirectory() as tmp:
        big = _journal(Path(tmp), text, entries)
        empty = _journal(Path(tmp), text, 0)
        asyncio.run(_measure(empty, 3, 2))  # warm-up (imports, first layout)
        small = asyncio.run(_measure(empty, moves, decisions))
        large = asyncio.run(_measure(big, moves, decisions))
    rows = []
    for key, label in (("move", "neste innspill"), ("save", "lagre beslutning")):
        b, e = statistics.median(large[key]), statistics.median(small[key])
        settled = statistics.median(large[f"{key}_settled"])
        rows.append(
            {
                "name": f"{label}: tid mot 50 ms",
                "value": b / 0.050,
                "target": "≤ 1.0×",
                "detail": f"{b * 1000:.1f} ms til det er malt, {settled * 1000:.1f} ms til skjermen er i ro "
                f"({nodes} noder, {entries} oppføringer; median av {len(large[key])})",
            }
        )
        rows.append(
            {
                "name": f"{label}: stor mot tom journal",
                "value": b / e,
                "target": "≤ 1.0× (±støy)",
                "detail": f"{b * 1000:.1f} ms mot {e * 1000:.1f} ms med tom journal",
            }
        )
    return rows


def run() -> list[dict]:
    return bench_startup() + bench_big_exercise()


def main() -> int:
    rows = run()
    width = max(len(r["name"]) for r in rows)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<15} detaljer")
    for row in rows:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<15} {row['detail']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

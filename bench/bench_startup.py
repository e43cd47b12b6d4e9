"""Benchmarks for the meeting-room app (issue 5), measured in one run.

1. Start-up until the start screen's scenario list is filled, ≤ 1.3× a minimal Textual app's first paint
   (header, one line, footer). Both run as real processes in a pseudo-terminal; the clock stops when the
   text has arrived. ``ovelse --help`` ≤ 1.3× ``python -c pass``. The package's bytecode is compiled first,
   as ``pip install`` does (and as the first run does unless ``PYTHONDONTWRITEBYTECODE`` is set), so the
   figures do not include compiling ovelse's source on every start while Textual's is already compiled.
2. With a generated 2,000-node scenario and a journal of 5,000 logged entries: moving to the next innspill,
   saving a decision and showing the room the next thing (``s``: a message, the questions, the choices;
   issue 12) each take ≤ 50 ms, and no longer than with an empty journal; the reveal is also set against
   a minimal Textual app whose key changes one line (Textual's floor, measured in the same run). Measured through the
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
from collections.abc import Callable
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


def _compile_package() -> None:
    """Write ovelse's bytecode (``__pycache__``, ignored by git), as an installed copy has it."""
    import compileall

    compileall.compile_dir(str(ROOT / "ovelse"), quiet=1)


def _paired(first: Callable[[], float], second: Callable[[], float], repeat: int) -> tuple[float, float]:
    """Medians of ``repeat`` alternating pairs (both see the same machine load), after one warm-up each."""
    first(), second()
    a, b = [], []
    for _ in range(repeat):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def _journals(directory: Path, count: int) -> str:
    """``count`` unfinished exercises in ``directory``; returns the title their rows show."""
    from ovelse.bundled import bundled_files
    from ovelse.session import Session

    title = "Påbegynt øvelse for måling"
    text = bundled_files()[0].read_text(encoding="utf-8")
    for _ in range(count):
        Session.create(text, "scenario.yaml", {"title": title}, journal_dir=directory).close()
    return title


def bench_startup(repeat: int = 7) -> list[dict]:
    """The start screen against a minimal Textual app, both in a 100×30 pseudo-terminal: the scenario
    list filled (the first bundled title on screen; the journal folder is empty, so its list is filled
    by then too; the listing cache is warm, as on every start after the first), the heading painted, the
    journal list with three unfinished exercises, and the scenario list on a first start (cold cache)."""
    _compile_package()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    first_title = _first_bundled_title()
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "tom", Path(tmp) / "med-journaler"
        empty.mkdir()
        journal_title = _journals(full, 3)
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        ours_cmd = [sys.executable, "-m", "ovelse"]
        base_cmd = [sys.executable, str(minimal)]
        env_empty = dict(env, OVELSE_JOURNAL_DIR=str(empty))
        env_full = dict(env, OVELSE_JOURNAL_DIR=str(full))

        def base() -> float:
            return _time_to_text(base_cmd, "Klar til øvelse", env_empty)

        def heading() -> float:
            return _time_to_text(ours_cmd, "diskusjonsøvelser for kommunal beredskap", env_empty)

        def filled() -> float:
            return _time_to_text(ours_cmd, first_title, env_empty)

        def journals() -> float:
            return _time_to_text(ours_cmd, journal_title, env_full)

        cold_dirs = iter(range(1000))

        def cold() -> float:  # the first start ever: no listing cache yet
            cache = Path(tmp) / f"kald-{next(cold_dirs)}"
            return _time_to_text(ours_cmd, first_title, dict(env_empty, OVELSE_CACHE_DIR=str(cache)))

        b1, f = _paired(base, filled, repeat)
        b2, h = _paired(base, heading, repeat)
        b3, j = _paired(base, journals, repeat)
        b4, c = _paired(base, cold, repeat)
    return [
        {
            "name": "oppstart: scenariolisten fylt",
            "value": f / b1,
            "target": "≤ 1.3×",
            "detail": f"ovelse {f * 1000:.0f} ms til «{first_title}» står i listen, minimal Textual-app "
            f"{b1 * 1000:.0f} ms (median av {repeat} par)",
        },
        {
            "name": "oppstart: overskriften malt",
            "value": h / b2,
            "target": "info",
            "detail": f"{h * 1000:.0f} ms mot {b2 * 1000:.0f} ms",
        },
        {
            "name": "oppstart: 3 påbegynte øvelser i listen",
            "value": j / b3,
            "target": "info",
            "detail": f"{j * 1000:.0f} ms mot {b3 * 1000:.0f} ms (journalene leses etter metadatapasset)",
        },
        {
            "name": "oppstart: scenariolisten fylt, første start",
            "value": c / b4,
            "target": "info",
            "detail": f"{c * 1000:.0f} ms mot {b4 * 1000:.0f} ms (uten listebuffer: meta-blokkene leses med YAML)",
        },
    ]


def _run_time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def bench_help(repeat: int = 7) -> list[dict]:
    """``ovelse --help`` against ``python -c pass`` (the interpreter starting and stopping)."""
    _compile_package()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    base, ours = _paired(
        lambda: _run_time([sys.executable, "-c", "pass"], env),
        lambda: _run_time([sys.executable, "-m", "ovelse", "--help"], env),
        repeat,
    )
    return [
        {
            "name": "ovelse --help",
            "value": ours / base,
            "target": "≤ 1.3×",
            "detail": f"{ours * 1000:.0f} ms mot {base * 1000:.0f} ms for python -c pass (median av {repeat} par)",
        }
    ]


def _first_bundled_title() -> str:
    """The start of the first bundled title, as the metadata pass reads it."""
    from ovelse.bundled import bundled_files, read_listing

    title = read_listing(bundled_files()[0]).title
    assert title is not None
    return title[:30]


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
    )
    from ovelse.session.journal import JournalHeader, journal_bytes

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
    path.write_bytes(journal_bytes(header, events)[0])  # sealed, as the writer writes it
    return path


async def _measure(journal: Path, moves: int, decisions: int, reveals: int = 0) -> dict[str, list[float]]:
    """Per key press: seconds until the new state is painted («vises») and until the last paint («i ro»)."""
    from rich.console import Console
    from textual._compositor import CompositorUpdate

    from ovelse.session import FakeClock
    from ovelse.tui.app import OvelseApp
    from ovelse.tui.screens.run import RunScreen

    app = OvelseApp(journal=journal, clock=FakeClock(start=T0 + timedelta(hours=3)))
    devnull = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the console, closed below
    console = Console(
        width=160,
        height=45,
        file=devnull,
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
    out: dict[str, list[float]] = {
        name: [] for key in ("move", "save", "reveal") for name in (key, f"{key}_settled")
    }

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
        assert isinstance(app.screen, RunScreen), app.screen_stack
        if app.screen.has_class(
            "-projector"
        ):  # no room page open: it starts room-safe; «v»: facilitator view
            await pilot.press("v")
            await pilot.pause()
        assert not app.screen.has_class("-projector")
        for _ in range(moves):
            await timed(pilot, "1" if app.session.available_choices() else "n", "move")
        for i in range(decisions):
            await pilot.press("d")
            await pilot.pause()
            app.focused.insert_text_at_cursor(f"Beslutning nummer {i} om evakuering")
            await timed(pilot, "ctrl+s", "save")
        assert len(app.session.state.decisions) >= decisions
        for _ in range(reveals):  # «s»: show the room the next message, the questions, the choices
            if app.session.room_view.choices_shown or (
                app.session.room_view.questions_shown and not app.session.available_choices()
            ):
                await pilot.press("1" if app.session.available_choices() else "n")  # all shown: move on
                await pilot.pause()
            await timed(pilot, "s", "reveal")
        app.session.close()
    devnull.close()
    return out


def bench_big_exercise(
    nodes: int = 2_000, entries: int = 5_000, moves: int = 25, decisions: int = 15, reveals: int = 25
) -> list[dict]:
    from gen_scenario import generate

    text = generate(nodes, text_repeat=2)
    with tempfile.TemporaryDirectory() as tmp:
        big = _journal(Path(tmp), text, entries)
        empty = _journal(Path(tmp), text, 0)
        asyncio.run(_measure(empty, 3, 2, 3))  # warm-up (imports, first layout)
        floor = asyncio.run(_minimal_key_to_paint(reveals))
        small = asyncio.run(_measure(empty, moves, decisions, reveals))
        large = asyncio.run(_measure(big, moves, decisions, reveals))
    rows = []
    labels = (("move", "neste innspill"), ("save", "lagre beslutning"), ("reveal", "vis rommet mer (s)"))
    for key, label in labels:
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
    reveal = statistics.median(large["reveal"])
    rows.append(
        {
            "name": "vis rommet mer (s): mot minimal Textual-app",
            "value": reveal / floor,
            "target": "info",
            "detail": f"{reveal * 1000:.1f} ms mot {floor * 1000:.1f} ms for en tast som bytter én linje "
            "i en minimal Textual-app (samme måling, samme kjøring)",
        }
    )
    return rows


async def _minimal_key_to_paint(presses: int) -> float:
    """Median seconds from a key press until a minimal Textual app has painted the line the key
    changed: Textual's own floor for «key → screen updated», measured the same way as above."""
    from rich.console import Console
    from textual._compositor import CompositorUpdate
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        BINDINGS = [("s", "show", "Vis")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("0", id="line")
            yield Footer()

        def action_show(self) -> None:
            self.count += 1
            self.query_one("#line", Static).update(str(self.count))

    app = Minimal()
    devnull = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the console, closed below
    console = Console(width=160, height=45, file=devnull, force_terminal=True, color_system="truecolor")
    original = app._display
    paints: list[tuple[float, int]] = []

    def display(screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(console)
            paints.append((time.perf_counter(), app.count))
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    times: list[float] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            paints.clear()
            want = app.count + 1
            start = time.perf_counter()
            await pilot.press("s")
            await pilot.pause()
            shown = [t for t, count in paints if count >= want]
            assert shown, "the minimal app never painted the change"
            times.append(shown[0] - start)
    devnull.close()
    return statistics.median(times)


def run() -> list[dict]:
    return bench_help() + bench_startup() + bench_big_exercise()


def main() -> int:
    rows = run()
    width = max(len(r["name"]) for r in rows)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<15} detaljer")
    for row in rows:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<15} {row['detail']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

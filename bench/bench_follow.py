"""Latency from an event appended to the journal to it being shown in ``ovelse vis`` (issue 7).

A Session in this process appends events (jumps between innspill of a bundled scenario); the room's
view (``RoomApp``, driven by Textual's Pilot, reading the journal through its read-only follower)
shows them. Each event is appended at a random moment within the view's poll interval, so the
median is not biased by the timer's phase. Target: median of 50 ≤ 250 ms.

Usage: ``python3 bench/bench_follow.py`` (or via ``bench/run.py follow``).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

EVENTS = 50
TARGET = 0.250
STEP = 0.002
"""Seconds between looks at the view while waiting for it to show the event."""


def _screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _measure(journal_dir: Path, events: int) -> tuple[list[float], list[float]]:
    from ovelse.session import Session
    from ovelse.tui.room.app import POLL_INTERVAL, RoomApp

    scenario = HERE.parent / "scenarios" / "ekstremvaer-hans.yaml"
    session = Session.create(
        scenario.read_text(encoding="utf-8"), scenario.name, {"facilitator": "Benk"}, journal_dir=journal_dir
    )
    rng = random.Random(7)
    nodes = list(session.scenario.nodes)
    latencies: list[float] = []
    idle: list[float] = []
    try:
        app = RoomApp.from_path(session.path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.3)
            for i in range(events):
                node = nodes[(i + 1) % len(nodes)]
                if node.id == session.state.current_node:
                    node = nodes[(i + 2) % len(nodes)]
                await pilot.pause(rng.uniform(0, POLL_INTERVAL))
                renders = app.renders
                session.jump(node.id)  # returns once the event is written and fsynced
                appended = time.perf_counter()
                for _ in range(int(2.0 / STEP)):
                    if app.renders > renders and node.title in _screen_text(app):
                        break
                    await pilot.pause(STEP)
                else:
                    raise AssertionError(f"event {i + 1} was not shown within 2 s")
                latencies.append(time.perf_counter() - appended)
            # Cost of one look at the journal when nothing changed (what the view does 5 times a second).
            for _ in range(200):
                start = time.perf_counter()
                app.poll()
                idle.append(time.perf_counter() - start)
    finally:
        session.close()
    return latencies, idle


def run() -> list[dict]:
    from ovelse.tui.room.app import POLL_INTERVAL

    with tempfile.TemporaryDirectory() as tmp:
        latencies, idle = asyncio.run(_measure(Path(tmp), EVENTS))
    median = statistics.median(latencies)
    p90 = statistics.quantiles(latencies, n=10)[-1]
    idle_cost = statistics.median(idle)
    return [
        {
            "name": f"ovelse vis: hendelse → vist, median av {EVENTS}, mot 250 ms",
            "value": median / TARGET,
            "target": "≤ 1.0×",
            "detail": (
                f"median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, maks {max(latencies) * 1000:.0f} ms "
                f"(avlesning hvert {POLL_INTERVAL * 1000:.0f} ms)"
            ),
        },
        {
            "name": "ovelse vis: avlesning uten endring, andel av intervallet",
            "value": idle_cost / POLL_INTERVAL,
            "target": "(informativ)",
            "detail": f"{idle_cost * 1e6:.0f} µs per avlesning, {idle_cost / POLL_INTERVAL * 100:.2f} % av én kjerne",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<60} {row['value']:6.2f}×  {row['target']:<12} {row['detail']}")

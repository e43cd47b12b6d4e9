"""``ovelse prøv``: from a save in the editor to the repainted rehearsal screen (issue 14: ≤ 300 ms).

The rehearsal screen of a bundled scenario runs headless under Textual's Pilot; the file is saved with
a changed title of the current innspill at a random moment within the poll interval, and the time is
taken until the new title is on the screen (the poll, the reload with every check and the exploration,
and the repaint). Target: median of 20 saves ≤ 300 ms for each bundled scenario.

Usage: ``python3 bench/bench_rehearse.py`` (or via ``bench/run.py rehearse``).
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SAVES = 20
TARGET = 0.300
STEP = 0.002


def _screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _measure(path: Path, saves: int) -> list[float]:
    from ovelse.scenario.rehearse import Rehearsal
    from ovelse.tui.app import OvelseApp
    from ovelse.tui.screens.rehearse import POLL_SECONDS

    rehearsal = Rehearsal.open(path)
    app = OvelseApp(rehearsal=rehearsal)
    app.animation_level = "none"
    text = path.read_text(encoding="utf-8")
    title = rehearsal.node.title
    line = f"title: {title}\n" if f"title: {title}\n" in text else f'title: "{title}"\n'
    rng = random.Random(14)
    times: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for n in range(saves):
            await asyncio.sleep(rng.uniform(0, POLL_SECONDS))
            marker = f"Lagret {n}"
            path.write_text(text.replace(line, f'title: "{marker}"\n', 1), encoding="utf-8")
            stamp = path.stat().st_mtime_ns + (n + 1) * 1_000_000
            os.utime(path, ns=(stamp, stamp))
            start = time.perf_counter()
            while marker not in _screen_text(app):
                await asyncio.sleep(STEP)
                if time.perf_counter() - start > 5:
                    raise RuntimeError(f"{path.name}: the save was not shown within 5 s")
            times.append(time.perf_counter() - start)
    return times


def run(saves: int = SAVES) -> list[dict]:
    from ovelse.bundled import bundled_files

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for source in bundled_files():
            path = Path(folder) / source.name
            shutil.copy(source, path)
            times = asyncio.run(_measure(path, saves))
            median = statistics.median(times)
            rows.append(
                {
                    "name": f"prøv: lagring til ny skjerm, {source.stem}",
                    "value": median / TARGET,
                    "target": "≤ 1.0×",
                    "detail": f"median {median * 1000:.0f} ms, maks {max(times) * 1000:.0f} ms av {len(times)} "
                    f"({'OK' if median <= TARGET else 'FOR TREG'})",
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<55} {row['value']:6.2f}×  {row['target']:<12} {row['detail']}")

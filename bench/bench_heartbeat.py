"""Benchmarks for the heartbeat (issue 11 §3), as ratios measured in the same run:

* CPU cost of a heartbeat at the app's rate (every 12 s while the clock runs) as a share of one core, against
  the budget of 1 % (≤ 1×); the detail gives a bare write + fsync of the same bytes measured alongside;
* heartbeats written in an hour of a running exercise, with the app's timer and some log entries, against
  the budget of 300 (≤ 1×);
* replaying a 4-hour exercise journal with heartbeats vs the same journal without them (≤ 1.1×).

The temporary directory is the system's (``OVELSE_BENCH_DIR`` overrides it).
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ovelse.session import (  # noqa: E402 - after the path is set
    FakeClock,
    Session,
    load_journal,
)

SCENARIO_TEXT = (ROOT / "ovelse" / "scenario" / "starter.yaml").read_text(encoding="utf-8")
T0 = datetime(2026, 9, 15, 8, 0, tzinfo=UTC)
INTERVAL = 12.0
"""How often the app calls Session.heartbeat() while the exercise clock runs."""


def bench_heartbeat_cpu(directory: Path, beats: int = 300) -> dict:
    clock = FakeClock(T0)
    session = Session.create(SCENARIO_TEXT, "starter.yaml", journal_dir=directory, clock=clock)
    bare = open(directory / "bare.jsonl", "wb")  # noqa: SIM115 - closed below
    ours_cpu: list[float] = []
    bare_cpu: list[float] = []
    try:
        for _ in range(beats):
            clock.advance(INTERVAL)
            t = time.process_time()
            event = session.heartbeat()
            ours_cpu.append(time.process_time() - t)
            assert event is not None
            line = session.path.read_bytes().rsplit(b"\n", 2)[-2] + b"\n"
            t = time.process_time()
            bare.write(line)
            bare.flush()
            os.fsync(bare.fileno())
            bare_cpu.append(time.process_time() - t)
    finally:
        session.close()
        bare.close()
    per_beat = statistics.mean(ours_cpu)
    share = per_beat / INTERVAL  # of one core, at one heartbeat per interval
    return {
        "name": "hjerteslag: CPU-andel av én kjerne vs budsjett 1 %",
        "value": share / 0.01,
        "target": "≤ 1×",
        "detail": f"{per_beat * 1e6:.0f} µs CPU per hjerteslag hvert {INTERVAL:.0f}. s = {share * 100:.3f} % "
        f"(write+fsync av samme linje: {statistics.mean(bare_cpu) * 1e6:.0f} µs)",
    }


def bench_heartbeats_per_hour(directory: Path) -> dict:
    clock = FakeClock(T0)
    session = Session.create(SCENARIO_TEXT, "starter.yaml", journal_dir=directory, clock=clock)
    writes = [T0]
    try:
        for tick in range(int(3600 / INTERVAL)):
            clock.advance(INTERVAL)
            if tick % 25 == 0:  # a log entry every five minutes
                writes.append(session.note(f"Notat {tick}").at)
            if (beat := session.heartbeat()) is not None:
                writes.append(beat.at)
        entries = 13
        beats = len(writes) - 1 - entries
        longest = max((b - a).total_seconds() for a, b in itertools.pairwise(writes))
        lines = session.path.read_bytes().count(b'{"type":"heartbeat"')
    finally:
        session.close()
    return {
        "name": "hjerteslag per time med øvingsklokken i gang vs budsjett 300",
        "value": beats / 300,
        "target": "≤ 1×",
        "detail": f"{beats} skrivinger, {entries} andre hendelser; lengste tid uten skriving {longest:.0f} s; "
        f"{lines} hjerteslag står i journalen",
    }


def four_hours(directory: Path, heartbeats: bool) -> Path:
    """A 4-hour exercise through the engine: 600 log entries at an even pace, a crash after two hours
    (the window closed by accident) and, if ``heartbeats``, the app's timer calling heartbeat() every 12 s."""
    clock = FakeClock(T0)
    session = Session.create(SCENARIO_TEXT, "starter.yaml", journal_dir=directory, clock=clock)
    for p in range(12):
        session.add_participant(f"Deltaker {p + 1}", ["ordforer"] if p == 0 else ())
    span, entries = 4 * 3600, 600
    every = span / entries
    ticks = int(span / INTERVAL)
    done = 0
    for tick in range(1, ticks + 1):
        clock.advance(INTERVAL)
        while done < entries and (done + 1) * every <= tick * INTERVAL:
            done += 1
            if done % 3 == 0:
                session.observe(f"Observasjon {done}", observer="Observatør", objectives=["M1"])
            elif done % 3 == 1:
                session.note(f"Notat {done}: noe skjedde.")
            else:
                session.log_decision(f"Beslutning {done}: kriseledelsen gjør noe.", roles=["ordforer"])
        if heartbeats:
            session.heartbeat()
        if tick == ticks // 2 + 1:  # between two log entries
            session.close(pause=False)  # the crash
            clock.advance(120)
            session = Session.open(session.path, clock=clock)
    session.end()
    session.close()
    return session.path


def bench_replay_with_heartbeats(directory: Path, repeat: int = 9) -> dict:
    paths = {beats: four_hours(directory / ("med" if beats else "uten"), beats) for beats in (False, True)}
    counts = {b: len(load_journal(p).events) for b, p in paths.items()}
    times: dict[bool, list[float]] = {False: [], True: []}
    for i in range(repeat):  # alternate so both see the same conditions
        for beats in (False, True) if i % 2 == 0 else (True, False):
            t = time.perf_counter()
            load_journal(paths[beats])
            times[beats].append(time.perf_counter() - t)
    with_t, without_t = min(times[True]), min(times[False])
    return {
        "name": "replay av 4 timers øvelse med vs uten hjerteslag",
        "value": with_t / without_t,
        "target": "≤ 1.1×",
        "detail": f"{with_t * 1000:.1f} ms vs {without_t * 1000:.1f} ms; {counts[True]} vs {counts[False]} "
        f"hendelser, {paths[True].stat().st_size // 1024} vs {paths[False].stat().st_size // 1024} KiB",
    }


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(
        prefix="ovelse-bench-heartbeat-", dir=os.environ.get("OVELSE_BENCH_DIR")
    ) as tmp:
        directory = Path(tmp)
        rows = [
            bench_heartbeat_cpu(directory / "cpu"),
            bench_heartbeats_per_hour(directory / "time"),
            bench_replay_with_heartbeats(directory),
        ]
        if os.stat(directory).st_dev != os.stat(ROOT).st_dev:
            rows[0]["detail"] += " (annen disk enn repoet)"
        return rows


if __name__ == "__main__":
    results = run()
    width = max(len(r["name"]) for r in results)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<12} detaljer")
    for row in results:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<12} {row['detail']}")

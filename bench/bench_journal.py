"""Benchmarks for the session journal (issue 4), as ratios measured in the same run:

* appending 10,000 events with fsync vs a bare write + flush + fsync loop of the same bytes (≤ 1.2×);
* replaying a 100,000-event journal vs a ``json.loads`` loop over the same lines (≤ 2×);
* logging one decision with 100,000 vs 10 events already in the journal (≈ 1×, no rereads).

The temporary directory is the system's (``OVELSE_BENCH_DIR`` overrides it); a row's detail says so when it is
not on the same disk as the repository, since fsync on tmpfs costs nothing and would flatter the ratios.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ovelse.scenario.loader import load_scenario_text  # noqa: E402 - after the path is set
from ovelse.session import (  # noqa: E402
    ChoiceTaken,
    DecisionLogged,
    ExerciseStarted,
    NodeEntered,
    Note,
    Observation,
    Paused,
    Resumed,
    Session,
    event_to_json,
    load_journal,
)
from ovelse.session.journal import JournalHeader, JournalWriter, journal_bytes, seal  # noqa: E402

SCENARIO_TEXT = (ROOT / "ovelse" / "scenario" / "starter.yaml").read_text(encoding="utf-8")
T0 = datetime(2026, 9, 15, 8, 0, tzinfo=UTC)
DECISION = (
    "Kriseledelsen settes straks. Beredskapskoordinator varsler Statsforvalteren, og "
    "kommunikasjonsansvarlig legger ut en første melding på kommunens nettsider."
)


def synthetic_events(n: int) -> list:
    """A valid event sequence for the starter scenario, mostly log entries as in a real exercise."""
    events: list = [
        ExerciseStarted(
            seq=1,
            at=T0,
            elapsed=0.0,
            title="Benk",
            municipality="Eksempel kommune",
            date=T0.date(),
            facilitator="Kari Nordmann",
        ),
        NodeEntered(seq=2, at=T0, elapsed=0.0, scenario_time="D 07:30", node_id="strombrudd", via="start"),
    ]
    paused = False
    for seq in range(3, n + 1):
        at, elapsed = T0 + timedelta(seconds=seq * 0.5), seq * 0.5
        common = {"seq": seq, "at": at, "elapsed": elapsed, "scenario_time": "D 07:30"}
        kind = seq % 20
        if kind == 0:
            event = Resumed(**common) if paused else Paused(**common, reason="kaffe")
            paused = not paused
        elif kind == 10:
            event = ChoiceTaken(
                **{**common, "scenario_time": "D 10:00"},
                node_id="strombrudd",
                choice=0,
                label="Kriseledelsen settes straks",
                target="informasjon",
                set=["kriseledelse_satt"],
            )
        elif kind == 11:
            event = NodeEntered(**common, node_id="strombrudd", via="back")
        elif kind % 3 == 0:
            event = Observation(
                **common,
                text=f"Observasjon {seq}: rollene var uklare i starten.",
                observer="Observatør",
                objectives=["M1"],
            )
        elif kind % 3 == 1:
            event = Note(**common, text=f"Notat {seq}")
        else:
            event = DecisionLogged(
                **common,
                text=DECISION,
                roles=["ordforer", "kommunedirektor"],
                rationale="Usikker prognose fra nettselskapet",
                tags=["varsling"],
            )
        events.append(event)
    return events


def write_journal(directory: Path, events: list) -> Path:
    """Write a journal file directly (fast, no fsync per line): header and events."""
    scenario = load_scenario_text(SCENARIO_TEXT, "starter.yaml").scenario
    header = JournalHeader.for_scenario(SCENARIO_TEXT, "starter.yaml", scenario, T0)
    path = directory / f"benk-{len(events)}.jsonl"
    path.write_bytes(journal_bytes(header, events)[0])
    return path


def sealed_lines(events: list) -> list[bytes]:
    """The events as journal lines (with their chain values), for a bare-write baseline of the same bytes."""
    chain, lines = "0" * 32, []
    for event in events:
        line, chain = seal(event_to_json(event), chain)
        lines.append(line + b"\n")
    return lines


def _paired_blocks(blocks: int, ours, bare) -> list[tuple[float, float]]:
    """Time ``ours(i)`` and ``bare(i)`` for each block ``i`` and return (ours, bare) pairs.

    Which goes first alternates, so both see the same disk conditions; the median of the paired ratios
    is robust against other load on the machine."""
    pairs: list[tuple[float, float]] = []
    for number in range(blocks):
        took = {}
        for mine in (False, True) if number % 2 == 0 else (True, False):
            t = time.perf_counter()
            (ours if mine else bare)(number)
            took[mine] = time.perf_counter() - t
        pairs.append((took[True], took[False]))
    return pairs


def _bare_writes(fh, lines) -> None:
    for line in lines:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def bench_append(directory: Path, n: int = 10_000, block: int = 250) -> dict:
    events = synthetic_events(n + 2)[2:]
    lines = sealed_lines(events)
    scenario = load_scenario_text(SCENARIO_TEXT, "starter.yaml").scenario
    header = JournalHeader.for_scenario(SCENARIO_TEXT, "starter.yaml", scenario, T0)
    writer = JournalWriter.create(directory, "append", header, synthetic_events(2))
    bare = open(directory / "bare.jsonl", "wb")  # noqa: SIM115 - closed below

    def ours(i: int) -> None:
        for event in events[i * block : (i + 1) * block]:
            writer.append(event)

    try:
        pairs = _paired_blocks(
            -(-n // block), ours, lambda i: _bare_writes(bare, lines[i * block : (i + 1) * block])
        )
    finally:
        writer.close()
        bare.close()
    ratio = statistics.median(o / b for o, b in pairs)
    ours_t, base_t = sum(o for o, _ in pairs), sum(b for _, b in pairs)
    return {
        "name": f"journal: {n:,} hendelser med fsync vs write+flush+fsync".replace(",", " "),
        "value": ratio,
        "target": "≤ 1.2×",
        "detail": f"{ours_t / n * 1e6:.0f} µs vs {base_t / n * 1e6:.0f} µs per hendelse (median av "
        f"{len(pairs)} blokkpar)",
    }


def bench_session_append(directory: Path, n: int = 2_000, block: int = 100) -> dict:
    """Informative: the whole engine call (checks, event, fsync, state) vs the bare loop."""
    session = Session.create(SCENARIO_TEXT, "starter.yaml", journal_dir=directory)
    bare = open(directory / "bare-session.jsonl", "wb")  # noqa: SIM115 - closed below
    lines = sealed_lines(synthetic_events(3)[2:]) * block

    def ours(_: int) -> None:
        for _ in range(block):
            session.log_decision(DECISION, roles=["ordforer"], rationale="Usikker prognose")

    try:
        pairs = _paired_blocks(n // block, ours, lambda _: _bare_writes(bare, lines))
    finally:
        session.close()
        bare.close()
    ours_t, base_t = sum(o for o, _ in pairs), sum(b for _, b in pairs)
    return {
        "name": f"økt: log_decision ×{n} vs write+flush+fsync",
        "target": "(informativ)",
        "value": statistics.median(o / b for o, b in pairs),
        "detail": f"{ours_t / n * 1e6:.0f} µs vs {base_t / n * 1e6:.0f} µs per hendelse",
    }


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_replay(directory: Path, n: int = 100_000, repeat: int = 3) -> dict:
    path = write_journal(directory, synthetic_events(n))

    def baseline():
        for line in path.read_bytes().splitlines():
            json.loads(line)

    def ours():
        loaded = load_journal(path)
        assert loaded.state.last_seq == n

    base_t, ours_t = _best(baseline, repeat), _best(ours, repeat)
    size_mb = path.stat().st_size / 1e6
    return {
        "name": f"replay av {n:,} hendelser vs json.loads-løkke".replace(",", " "),
        "value": ours_t / base_t,
        "target": "≤ 2×",
        "detail": f"{ours_t * 1000:.0f} ms vs {base_t * 1000:.0f} ms, {size_mb:.0f} MB",
    }


def bench_decision_cost(directory: Path, big: int = 100_000, calls: int = 300) -> dict:
    small_dir, big_dir = directory / "liten", directory / "stor"
    big_dir.mkdir()
    small = Session.create(SCENARIO_TEXT, "starter.yaml", journal_dir=small_dir)
    for i in range(8):
        small.note(f"notat {i}")  # 10 events
    large = Session.open(write_journal(big_dir, synthetic_events(big)))
    if large.state.paused:
        large.resume()
    times: dict[str, list[float]] = {"small": [], "large": []}
    try:
        for i in range(calls):  # alternate so both see the same disk conditions
            for name, session in (("small", small), ("large", large)):
                t = time.perf_counter()
                session.log_decision(DECISION, roles=["ordforer"], rationale=f"runde {i}")
                times[name].append(time.perf_counter() - t)
    finally:
        small.close()
        large.close()
    few, many = statistics.median(times["small"]), statistics.median(times["large"])
    return {
        "name": f"én beslutning med {big:,} vs 10 hendelser i journalen".replace(",", " "),
        "value": many / few,
        "target": "≈ 1×",
        "detail": f"median {many * 1e6:.0f} µs vs {few * 1e6:.0f} µs ({calls} kall hver)",
    }


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(
        prefix="ovelse-bench-journal-", dir=os.environ.get("OVELSE_BENCH_DIR")
    ) as tmp:
        directory = Path(tmp)
        rows = [
            bench_append(directory),
            bench_session_append(directory / "okt"),
            bench_replay(directory),
            bench_decision_cost(directory),
        ]
        same_disk = os.stat(directory).st_dev == os.stat(ROOT).st_dev
        for row in rows:
            row["detail"] += "" if same_disk else " (annen disk enn repoet)"
        return rows


if __name__ == "__main__":
    results = run()
    width = max(len(r["name"]) for r in results)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<12} detaljer")
    for row in results:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<12} {row['detail']}")

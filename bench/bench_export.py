"""Benchmark for the report exports (issue 6), measured in one run:

exporting a 5,000-entry journal to each format (read + replay + build + render + write) must take
≤ 1 s, and ≤ 3× the time of replaying the same journal (``load_journal``: read + parse + replay).

The journal is written directly (no fsync per line) with a realistic mix: decisions with roles and
rationale, observations linked to objectives, notes, moves between innspill, pauses, corrections and
retractions, and a debrief with ratings, lessons and actions.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench_journal

from ovelse.report import export
from ovelse.session import (
    ActionAdded,
    ChoiceTaken,
    Corrected,
    DecisionLogged,
    Ended,
    ExerciseStarted,
    LessonAdded,
    NodeEntered,
    Note,
    ObjectiveRated,
    Observation,
    ParticipantAdded,
    Paused,
    Resumed,
    Retracted,
    load_journal,
)

SCENARIO_TEXT, T0 = bench_journal.SCENARIO_TEXT, bench_journal.T0
FORMATS = ("md", "html", "docx", "json", "csv")
ROLES = ["ordforer", "kommunedirektor", "beredskapskoordinator", "kommunikasjonsansvarlig", "nettselskap"]


def synthetic_events(n: int) -> list:
    """``n`` events for the starter scenario, most of them log entries."""
    events: list = [
        ExerciseStarted(
            seq=1,
            at=T0,
            elapsed=0.0,
            title="Ytelsestest",
            municipality="Eksempel kommune",
            date=date(2026, 9, 15),
            place="Rådhuset",
            facilitator="Kari Nordmann",
            purpose="Måle eksporten.",
        ),
        NodeEntered(seq=2, at=T0, elapsed=0.0, scenario_time="D 07:30", node_id="strombrudd", via="start"),
    ]
    for i, role in enumerate(ROLES):
        events.append(
            ParticipantAdded(
                seq=len(events) + 1,
                at=T0,
                elapsed=0.0,
                participant_id=f"p{i + 1}",
                name=f"Deltaker {i + 1}",
                roles=[role],
            )
        )
    debrief = 60  # the last events are the debrief and the end
    paused, node, entries = False, "strombrudd", []
    while len(events) < n - debrief:
        seq = len(events) + 1
        common = {
            "seq": seq,
            "at": T0 + timedelta(seconds=seq * 2),
            "elapsed": seq * 2.0,
            "scenario_time": "D 07:30" if node == "strombrudd" else "D 10:00",
        }
        kind = seq % 25
        if paused:
            event = Resumed(**common)
            paused = False
        elif kind == 0:
            event = Paused(**common, reason="kaffe")
            paused = True
        elif kind == 12 and node == "strombrudd":
            event = ChoiceTaken(
                **{**common, "scenario_time": "D 10:00"},
                node_id="strombrudd",
                choice=0,
                label="Kriseledelsen settes straks",
                target="informasjon",
                set=["kriseledelse_satt"],
            )
            node = "informasjon"
        elif kind == 13 and node == "informasjon":
            event = NodeEntered(**{**common, "scenario_time": "D 07:30"}, node_id="strombrudd", via="back")
            node = "strombrudd"
        elif kind == 7 and entries:
            event = Corrected(
                **common, target=entries[-1][0], fields={"text": f"Rettet tekst {seq}"}, reason="Skrivefeil"
            )
        elif kind == 17 and len(entries) > 1:
            event = Retracted(**common, target=entries.pop(0)[0], reason="Feil registrering")
        elif seq % 3 == 0:
            event = Observation(
                **common,
                text=f"Observasjon {seq}: rollene var uklare i starten, men "
                "kriseledelsen fant raskt en arbeidsform.",
                observer="Observatør",
                objectives=["M1"] if seq % 2 else ["M1", "M2"],
            )
        elif seq % 3 == 1:
            event = Note(**common, text=f"Notat {seq}: sjekk varslingslisten.", author="Referent")
        else:
            event = DecisionLogged(
                **common,
                text=f"Beslutning {seq}: kriseledelsen settes, og Statsforvalteren varsles.",
                roles=[ROLES[seq % 5], ROLES[(seq + 1) % 5]],
                rationale="Usikker prognose fra nettselskapet",
                disagreement="Noen ville vente" if seq % 4 == 0 else None,
                tags=["varsling"],
            )
        if event.type in ("observation", "note", "decision_logged"):
            entries.append((seq, event.type))
        events.append(event)
    if paused:
        events.append(Resumed(seq=len(events) + 1, at=events[-1].at, elapsed=events[-1].elapsed))
    last = events[-1]
    while len(events) < n - 1:
        seq = len(events) + 1
        common = {"seq": seq, "at": last.at + timedelta(seconds=seq - last.seq), "elapsed": last.elapsed}
        kind = seq % 3
        if kind == 0:
            event = ObjectiveRated(
                **common, objective_id="M1" if seq % 2 else "M2", rating=seq % 5 + 1, comment="Godt samarbeid"
            )
        elif kind == 1:
            event = LessonAdded(
                **common, text=f"Læringspunkt {seq}: varslingslisten må oppdateres.", objectives=["M1"]
            )
        else:
            event = ActionAdded(
                **common,
                text=f"Tiltak {seq}: oppdatere planen",
                owner="Beredskapskoordinator",
                deadline=date(2026, 12, 1),
                lesson=seq - 1,
            )
        events.append(event)
    events.append(Ended(seq=n, at=events[-1].at, elapsed=events[-1].elapsed, note="Slutt"))
    return events


def write_journal(directory: Path, n: int) -> Path:
    return bench_journal.write_journal(directory, synthetic_events(n))


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(n: int = 5_000, repeat: int = 5) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="ovelse-bench-export-") as tmp:
        directory = Path(tmp)
        path = write_journal(directory, n)
        assert load_journal(path).state.is_ended

        replay = _best(lambda: load_journal(path), repeat)
        for fmt in FORMATS:
            out = directory / f"rapport.{fmt}"
            took = _best(lambda fmt=fmt, out=out: export(path, fmt, out, force=True), repeat)
            ratio = took / replay
            verdict = (
                "OK" if took <= 1.0 and ratio <= 3.0 else "OK ≤ 1 s, over 3×" if took <= 1.0 else "FOR TREGT"
            )
            rows.append(
                {
                    "name": f"eksport {fmt} av {n:,} hendelser vs replay".replace(",", " "),
                    "value": ratio,
                    "target": "≤ 3× og ≤ 1 s",
                    "detail": f"{took * 1000:.0f} ms vs {replay * 1000:.0f} ms (eksporten selv uten innlesing "
                    f"{(took - replay) / replay:.1f}×), {out.stat().st_size / 1e6:.1f} MB – {verdict}",
                }
            )
    return rows


if __name__ == "__main__":
    results = run()
    width = max(len(r["name"]) for r in results)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<14} detaljer")
    for row in results:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<14} {row['detail']}")
    sys.exit(0 if all(r["detail"].endswith("OK") for r in results) else 1)

"""Benchmark for the report exports (issue 13), each measured in one run beside a replay of the same journal:

* every format but PDF: ≤ 5× the replay (``load_journal``: read + parse + replay) and ≤ 1.5 s for 5,000
  entries, ≤ 0.5 s for a real-size journal (300 entries);
* PDF/A: ≤ 3 s for 300 entries and ≤ 30 s for 5,000;
* the report in nynorsk within 1.05× of bokmål (issue 10), Markdown of 5,000 entries;
* peak memory of a JSON export of a 100,000-event journal ≤ 300 MB (in a fresh process).

An export is the whole command: read + replay + build + render + write. The journal is written directly
(no fsync per line) with a realistic mix: decisions with roles and rationale, observations linked to
objectives, notes, moves between innspill, pauses, corrections and retractions, and a debrief with
ratings, lessons and actions. ``python3 bench/bench_export.py [--quick]`` (``--quick``: no 5,000-entry
PDF and no 100,000-event memory run).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench_journal  # noqa: E402 - after the path set-up above

from ovelse.report import export  # noqa: E402
from ovelse.session import (  # noqa: E402
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
TEXT_FORMATS = ("md", "html", "docx", "json", "csv")
ROLES = ["ordforer", "kommunedirektor", "beredskapskoordinator", "kommunikasjonsansvarlig", "nettselskap"]


def synthetic_events(n: int, language: str = "nb") -> list:
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
            language=language,
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


def write_journal(directory: Path, n: int, language: str = "nb") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return bench_journal.write_journal(directory, synthetic_events(n, language))


def _best(fn, repeat: int) -> float:
    """The best of ``repeat`` runs (one run when it takes over a second: noise is small then)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
        if best > 1.0:
            break
    return best


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr)


def _export_rows(directory: Path, n: int, repeat: int, with_pdf: bool) -> list[dict]:
    path = write_journal(directory / f"n{n}", n)
    assert load_journal(path).state.is_ended
    replay = _best(lambda: load_journal(path), repeat)
    limit = 1.5 if n >= 5_000 else 0.5
    rows = []
    for fmt in (*TEXT_FORMATS, *(("pdf",) if with_pdf else ())):
        out = directory / f"rapport-{n}.{fmt}"
        if fmt == "pdf":
            pdf_limit = 30.0 if n >= 5_000 else 3.0
            t = time.perf_counter()
            export(path, fmt, out, force=True, progress=_progress)
            took = time.perf_counter() - t
            ok, target = took <= pdf_limit, f"≤ {pdf_limit:g} s"
        else:
            took = _best(lambda fmt=fmt, out=out: export(path, fmt, out, force=True), repeat)
            ok, target = took <= limit and took <= 5 * replay, f"≤ 5× og ≤ {limit:g} s"
        rows.append(
            {
                "name": f"eksport {fmt} av {n:,} hendelser vs replay".replace(",", " "),
                "value": took / replay,
                "target": target,
                "detail": f"{took * 1000:.0f} ms vs replay {replay * 1000:.0f} ms, "
                f"{out.stat().st_size / 1e6:.1f} MB – {'OK' if ok else 'FOR TREGT'}",
            }
        )
    return rows


def _language_row(directory: Path, n: int, repeat: int) -> dict:
    nb = write_journal(directory / "nb", n, "nb")
    nn = write_journal(directory / "nn", n, "nn")
    # Interleaved pairs, alternating which goes first, so that a load change on a shared machine hits both
    # languages alike; the best of each (at least 7 pairs).
    took = {"nb": float("inf"), "nn": float("inf")}
    for i in range(max(repeat, 7)):
        for code, path in (("nb", nb), ("nn", nn)) if i % 2 == 0 else (("nn", nn), ("nb", nb)):
            t = time.perf_counter()
            export(path, "md", directory / f"{code}.md", force=True)
            took[code] = min(took[code], time.perf_counter() - t)
    took_nb, took_nn = took["nb"], took["nn"]
    ratio = took_nn / took_nb
    return {
        "name": f"eksport md på nynorsk vs bokmål ({n:,} hendelser)".replace(",", " "),
        "value": ratio,
        "target": "≤ 1.05×",
        "detail": f"{took_nn * 1000:.0f} ms vs {took_nb * 1000:.0f} ms – {'OK' if ratio <= 1.05 else 'FOR TREGT'}",
    }


_MEMORY = """
import resource, sys
sys.path.insert(0, {bench!r}); sys.path.insert(0, {root!r})
from pathlib import Path
from ovelse.report import export  # noqa: E402
export(Path({journal!r}), "json", Path({out!r}), force=True)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _memory_row(directory: Path, n: int) -> dict:
    """Peak resident memory of one JSON export in a fresh process (ru_maxrss: KiB on Linux)."""
    path = write_journal(directory / "big", n)
    code = _MEMORY.format(
        bench=str(Path(__file__).parent), root=str(ROOT), journal=str(path), out=str(path) + ".json"
    )
    kib = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    mb = kib * 1024 / 1e6
    return {
        "name": f"minne, eksport json av {n:,} hendelser".replace(",", " "),
        "value": mb / 300,
        "target": "≤ 300 MB",
        "detail": f"topp {mb:.0f} MB – {'OK' if mb <= 300 else 'FOR MYE'}",
    }


def run(quick: bool = False, repeat: int = 3) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="ovelse-bench-export-") as tmp:
        directory = Path(tmp)
        rows += _export_rows(directory, 300, repeat, with_pdf=True)
        rows += _export_rows(directory, 5_000, repeat, with_pdf=not quick)
        rows.append(_language_row(directory, 5_000, repeat))
        if not quick:
            rows.append(_memory_row(directory, 100_000))
    return rows


if __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    width = max(len(r["name"]) for r in results)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<18} detaljer")
    for row in results:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<18} {row['detail']}")
    sys.exit(0 if all(r["detail"].endswith("OK") for r in results) else 1)

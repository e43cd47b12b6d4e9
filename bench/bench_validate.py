"""Benchmarks for the checking tools: validate vs plain YAML loading, --help start-up vs bare Python."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_scenario import generate, generate_flags

ROOT = Path(__file__).resolve().parents[1]


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _median_cmd(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeat: int = 3) -> list[dict]:
    from ovelse.scenario.loader import load_scenario

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stor.yaml"
        path.write_text(generate(10_000, text_repeat=1), encoding="utf-8")
        size_mb = path.stat().st_size / 1e6

        def baseline():
            with open(path, encoding="utf-8") as fh:
                yaml.load(fh.read(), Loader=yaml.CSafeLoader)

        def ours():
            result = load_scenario(path)
            assert result.scenario is not None and not result.findings

        base, mine = _best(baseline, repeat), _best(ours, repeat)
        rows.append(
            {
                "name": "validate 10 000 noder vs yaml.load(CSafeLoader)",
                "value": mine / base,
                "target": "≤ 1.5×",
                "detail": f"{mine * 1000:.0f} ms vs {base * 1000:.0f} ms, fil {size_mb:.1f} MB",
            }
        )
    rows.extend(_exploration(repeat))
    rows.extend(_hostile(repeat))
    rows.extend(_refusal(repeat))
    rows.extend(_rehearsal_reload(repeat))
    base = _median_cmd([sys.executable, "-c", "pass"], repeat * 3)
    mine = _median_cmd([sys.executable, "-m", "ovelse", "--help"], repeat * 3)
    rows.append(
        {
            "name": "ovelse --help vs python -c pass",
            "value": mine / base,
            "target": "(informativ)",
            "detail": f"{mine * 1000:.0f} ms vs {base * 1000:.0f} ms",
        }
    )
    return rows


def _exploration(repeat: int) -> list[dict]:
    """Condition-aware exploration vs the plain graph search of the same scenario (the baseline)."""
    from ovelse.bundled import bundled_files
    from ovelse.scenario.checks import build_graph, reachable
    from ovelse.scenario.explore import explore
    from ovelse.scenario.loader import load_scenario, load_scenario_text

    rows = []
    cases = []
    for path in bundled_files():
        scenario = load_scenario(path).scenario
        assert scenario is not None, path
        cases.append((path.stem, scenario, 1.0))
    big = load_scenario_text(generate_flags(2_000, 20), "flagg.yaml").scenario
    assert big is not None
    cases.append(("generert 2 000 noder, 20 flagg", big, 10.0))
    for name, scenario, limit in cases:
        graph = build_graph(scenario)
        base = _best(lambda g=graph, s=scenario: reachable(g, [s.start]), repeat)
        result = explore(scenario)
        mine = _best(lambda s=scenario: explore(s), repeat)
        c = result.coverage
        covered = (
            f"{c.states} tilstander, {c.nodes_reached}/{c.nodes_total} noder, "
            f"{c.choices_available}/{c.choices_total} valg"
            + ("" if c.exhaustive else f", avgrenset: {c.playthroughs} gjennomspillinger")
        )
        rows.append(
            {
                "name": f"utforsk {name} vs grafsøk",
                "value": mine / base,
                "target": f"≤ {limit:g} s",
                "detail": f"{mine * 1000:.0f} ms vs {base * 1000:.1f} ms ({'OK' if mine <= limit else 'FOR TREG'}); "
                + covered,
            }
        )
    return rows


_MEASURED = """
import runpy, sys, time
try:
    import resource
except ImportError:  # Windows: CPU time from the process clock, no peak memory
    resource = None
sys.argv = ["ovelse", *sys.argv[1:]]
try:
    runpy.run_module("ovelse", run_name="__main__")
except SystemExit:
    pass
finally:
    if resource is not None:
        use = resource.getrusage(resource.RUSAGE_SELF)
        scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
        cpu, peak = use.ru_utime + use.ru_stime, use.ru_maxrss * scale
    else:
        cpu, peak = time.process_time(), 0
    sys.__stderr__.write(f"\\nMEASURED {cpu} {peak}\\n")
"""


def _measured_cmd(args: list[str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak resident MB of one ``ovelse`` run (measured by the process itself).

    CPU time is the figure to hold against the target: it does not grow when other work shares the
    machine, as wall time does.
    """
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    line = next(x for x in reversed(proc.stderr.splitlines()) if x.startswith("MEASURED "))
    _, cpu, peak = line.split()
    return float(cpu), wall, int(peak) / 1e6


def _hostile(repeat: int) -> list[dict]:
    """``ovelse validate`` on hostile files vs on a small valid file: each ≤ 2 s CPU and ≤ 200 MB."""
    cmd = ["validate", "-q"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "1 M dupliserte nøkler (6 MB)": "a: 1\n" * 1_000_000 + "b: 22\n" * 166_000,
            "240 000 dupliserte nøkler": "a: 1\n" * 240_000,
            "liste med 2 M elementer": "- 1\n" * 2_000_000,
            "tabell med 490 000 elementer": "- 1\n" * 490_000,
            "160 000 noder med feil": "format: 1\nmeta: {id: x, title: t, municipality: m, summary: s}\n"
            "start: a\nnodes:\n" + "  - {id: a, titl: x}\n" * 160_000,
            "50 000 linjer med U+2028": "a: |\n" + "  x\u2028y\n" * 50_000 + "b: [\n",
        }
        good = ROOT / "tests" / "fixtures" / "diagnostics" / "valid.yaml"
        base = statistics.median(_measured_cmd([*cmd, str(good)])[0] for _ in range(repeat))
        for name, text in files.items():
            path = Path(tmp) / "fil.yaml"
            path.write_text(text, encoding="utf-8")
            runs = [_measured_cmd([*cmd, str(path)]) for _ in range(repeat)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            ok = cpu <= 2.0 and peak <= 200
            rows.append(
                {
                    "name": f"validate: {name} vs en gyldig liten fil",
                    "value": cpu / base,
                    "target": "≤ 2 s, 200 MB",
                    "detail": f"{cpu * 1000:.0f} ms CPU ({wall * 1000:.0f} ms veggtid), topp {peak:.0f} MB "
                    f"({'OK' if ok else 'OVER'}); {len(text.encode()) / 1e6:.1f} MB fil",
                }
            )
    return rows


def _refusal(repeat: int) -> list[dict]:
    """``ovelse run`` refuses a hostile scenario in about the time ``validate`` takes to report it."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dup.yaml"
        path.write_text("a: 1\n" * 240_000, encoding="utf-8")
        validate = statistics.median(_measured_cmd(["validate", "-q", str(path)])[0] for _ in range(repeat))
        run = statistics.median(_measured_cmd(["run", str(path)])[0] for _ in range(repeat))
        rows.append(
            {
                "name": "run nekter 240 000 dupliserte nøkler vs validate",
                "value": run / validate,
                "target": "≤ 1.2×",
                "detail": f"{run * 1000:.0f} ms vs {validate * 1000:.0f} ms CPU",
            }
        )
    return rows


def _rehearsal_reload(repeat: int) -> list[dict]:
    """Rehearsal reload after a save (stat, parse, check, keep the place) vs yaml.load of the same file.

    This is the domain part of the reload; the repaint of a rehearsal screen is not measured here.
    """
    from ovelse.bundled import bundled_files
    from ovelse.scenario.rehearse import Rehearsal

    rows = []
    for path in bundled_files():
        text = path.read_text(encoding="utf-8")
        rehearsal = Rehearsal.open(path)
        base = _best(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), repeat * 3)
        mine = _best(lambda r=rehearsal: r.changed_on_disk() or r.reload(), repeat * 3)
        rows.append(
            {
                "name": f"prøv: last {path.stem} på nytt vs yaml.load",
                "value": mine / base,
                "target": "≤ 300 ms",
                "detail": f"{mine * 1000:.0f} ms vs {base * 1000:.0f} ms ({'OK' if mine <= 0.3 else 'FOR TREG'})",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<55} {row['value']:6.2f}×  {row['target']:<12} {row['detail']}")

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
from gen_scenario import generate


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


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<55} {row['value']:6.2f}×  {row['target']:<12} {row['detail']}")

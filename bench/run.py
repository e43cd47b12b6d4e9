"""Run every benchmark in bench/ and print one table of ratios measured in this run.

Each module ``bench_*.py`` exposes ``run() -> list[dict]`` with rows
``{"name", "value" (ratio), "target", "detail"}``. Usage: ``python3 bench/run.py [name-filter]``.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    wanted = argv[1] if len(argv) > 1 else ""
    rows: list[dict] = []
    failed = False
    for module_path in sorted(HERE.glob("bench_*.py")):
        if wanted not in module_path.stem:
            continue
        try:
            module = importlib.import_module(module_path.stem)
            rows.extend(module.run())
        except Exception:  # a broken benchmark must not hide the others
            failed = True
            print(f"{module_path.name}: feilet", file=sys.stderr)
            traceback.print_exc()
    width = max((len(r["name"]) for r in rows), default=10)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<12} detaljer")
    for row in rows:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<12} {row['detail']}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

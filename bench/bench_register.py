"""Register benchmarks (issue 15), on SQLite and, when $OVELSE_TEST_POSTGRES_URL is set, PostgreSQL:

* import 1,000 generated journals (50 municipalities over 20 years) ≤ 60 s; baseline: reading them alone;
* list/filter 50,000 tiltak to the first screen (50 rows) ≤ 100 ms; baseline: the same rows by primary key;
* the regional summary for 50 municipalities ≤ 5 s; baseline: reading the exercises it covers.

``value`` is the time over the limit (≤ 1.00× meets it). Usage: ``python3 bench/bench_register.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "register"))

from journals import county  # noqa: E402
from sqlalchemy import select  # noqa: E402

from ovelse.register.importing import import_record  # noqa: E402
from ovelse.register.queries import list_tiltak  # noqa: E402
from ovelse.register.reports import regional  # noqa: E402
from ovelse.register.sources import read_exercise  # noqa: E402
from ovelse.register.store import Register, open_register  # noqa: E402
from ovelse.register.tables import actions, exercises, tiltak  # noqa: E402

TODAY = date(2036, 6, 1)


@contextmanager
def _databases(tmp: Path) -> Iterator[list[tuple[str, str]]]:
    """(engine name, URL) for SQLite and, if configured, a throwaway PostgreSQL database."""
    urls = [("SQLite", str(tmp / "register.sqlite3"))]
    base = os.environ.get("OVELSE_TEST_POSTGRES_URL", "").strip()
    name = f"ovelse_bench_{uuid.uuid4().hex[:10]}"
    if base:
        import psycopg
        from sqlalchemy.engine import make_url

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        urls.append(("PostgreSQL", make_url(base).set(database=name).render_as_string(hide_password=False)))
    try:
        yield urls
    finally:
        if base:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _row(name: str, took: float, limit: float, baseline: float, what: str) -> dict:
    verdict = "OK" if took <= limit else "FOR TREGT"
    return {
        "name": name,
        "value": took / limit,
        "target": f"≤ {limit:g} s" if limit >= 1 else f"≤ {limit * 1000:g} ms",
        "detail": f"{took * 1000:.0f} ms; {what} {baseline * 1000:.0f} ms – {verdict}",
    }


def _fill_tiltak(register: Register, n: int) -> None:
    """``n`` tiltak in 50 municipalities, inserted in bulk (the benchmark is the listing, not the import)."""
    per = 50
    now = datetime(2036, 1, 1, tzinfo=UTC)
    with register.write("benk") as conn:
        exercise_rows = [
            {
                "journal_id": f"bench-{i}",
                "version": 1,
                "current": True,
                "content_hash": f"{i:064d}",
                "source_kind": "json",
                "source_name": "benk.json",
                "imported_at": now,
                "imported_by": "benk",
                "title": f"Øvelse {i}",
                "municipality": f"Kommune {i % 50:02d}",
                "exercise_date": date(2030, 1, 1),
                "scenario_id": "s",
                "scenario_title": "S",
                "scenario_version": "1",
                "scenario_hash": "0" * 64,
                "themes": [],
                "nato_baseline": [],
                "sensitivity": "open",
                "marking": None,
                "language": "nb",
                "region": "Innlandet",
            }
            for i in range(n // per)
        ]
        conn.execute(exercises.insert(), exercise_rows)
        ids = dict(conn.execute(select(exercises.c.journal_id, exercises.c.id)).all())
        statuses = ("open", "in_progress", "done", "cancelled")
        conn.execute(
            tiltak.insert(),
            [
                {"journal_id": f"bench-{k // per}", "seq": k % per + 3, "status": statuses[k % 4]}
                for k in range(n)
            ],
        )
        tids = {(j, s): t for t, j, s in conn.execute(select(tiltak.c.id, tiltak.c.journal_id, tiltak.c.seq))}
        conn.execute(
            actions.insert(),
            [
                {
                    "exercise_id": ids[f"bench-{k // per}"],
                    "tiltak_id": tids[(f"bench-{k // per}", k % per + 3)],
                    "number": k % per + 1,
                    "text": f"Tiltak {k}: oppdater varslingslisten og test nødstrøm",
                    "owner": f"Ansvarlig {k % 7}",
                    "deadline": date(2030, 1, 1) + timedelta(days=k % 3000),
                    "journal_status": statuses[k % 4],
                    "lesson_number": None,
                }
                for k in range(n)
            ],
        )


def run(journals: int = 1000, tiltak_count: int = 50_000) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="ovelse-bench-register-") as tmp_name:
        tmp = Path(tmp_name)
        paths = county(tmp / "journaler", municipalities=50, years=journals // 50)
        read_time = _best(lambda: [read_exercise(p) for p in paths], 1)
        with _databases(tmp) as urls:
            for engine, url in urls:
                with open_register(url) as register:
                    t = time.perf_counter()
                    for path in paths:
                        import_record(register, read_exercise(path))
                    took = time.perf_counter() - t
                    rows.append(
                        _row(
                            f"register: import {len(paths)} journaler ({engine})",
                            took,
                            60.0,
                            read_time,
                            "bare innlesing",
                        )
                    )
                    first = regional(register, "Innlandet", TODAY)
                    assert len(first.municipalities) == 50
                    base = _best(lambda r=register: _exercise_scan(r), 3)
                    took = _best(lambda r=register: regional(r, "Innlandet", TODAY), 3)
                    rows.append(
                        _row(
                            f"register: regional oppsummering 50 kommuner ({engine})",
                            took,
                            5.0,
                            base,
                            "lese øvelsene",
                        )
                    )
                    since = date(2016, 1, 1)
                    took = _best(lambda r=register, s=since: regional(r, "Innlandet", TODAY, s), 1)
                    rows.append(
                        _row(
                            f"register: regional, alle {len(paths)} øvelser ({engine})",
                            took,
                            5.0,
                            base,
                            "lese øvelsene",
                        )
                    )
            for engine, url in urls:
                name = "bulk.sqlite3" if engine == "SQLite" else None
                target = str(tmp / name) if name else url
                if name is None:  # a second fresh PostgreSQL database for the 50,000 tiltak
                    target = _fresh_pg(url)
                with open_register(target) as register:
                    _fill_tiltak(register, tiltak_count)
                    if engine == "PostgreSQL":  # what autovacuum does on a live server after a bulk load
                        with register.engine.connect() as conn:
                            conn.exec_driver_sql("ANALYZE")
                            conn.commit()
                    assert len(list_tiltak(register, limit=50)) == 50
                    base = _best(lambda r=register: _by_key(r), 5)
                    for label, kwargs in (
                        ("alle", {}),
                        ("forfalt + kommune", {"overdue_on": TODAY, "municipality": "Kommune 07"}),
                        ("status", {"statuses": ["open", "in_progress"]}),
                        ("søk i tekst (treffer alle)", {"search": "nødstrøm"}),
                        ("søk i tekst (treffer ingen)", {"search": "finnes ikke"}),
                    ):
                        took = _best(lambda r=register, k=kwargs: list_tiltak(r, limit=50, **k), 5)
                        rows.append(
                            _row(
                                f"register: {tiltak_count} tiltak, første skjerm, {label} ({engine})",
                                took,
                                0.1,
                                base,
                                "50 rader etter nøkkel",
                            )
                        )
    return rows


def _fresh_pg(url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(url).database + "_b"  # dropped with the server's temporary data; see _databases
    base = os.environ["OVELSE_TEST_POSTGRES_URL"]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    _CLEANUP.append(name)
    return make_url(url).set(database=name).render_as_string(hide_password=False)


_CLEANUP: list[str] = []


def _by_key(register: Register) -> None:
    with register.read() as conn:
        conn.execute(select(tiltak).order_by(tiltak.c.id).limit(50)).all()


def _exercise_scan(register: Register) -> None:
    with register.read() as conn:
        conn.execute(select(exercises).where(exercises.c.current)).all()


def _cleanup() -> None:
    base = os.environ.get("OVELSE_TEST_POSTGRES_URL", "").strip()
    if not base or not _CLEANUP:
        return
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        for name in _CLEANUP:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _CLEANUP.clear()


_run = run


def run(journals: int = 1000, tiltak_count: int = 50_000) -> list[dict]:  # type: ignore[no-redef]
    try:
        return _run(journals, tiltak_count)
    finally:
        _cleanup()


if __name__ == "__main__":
    results = run()
    width = max(len(r["name"]) for r in results)
    print(f"{'måling':<{width}}  {'forhold':>8}  {'mål':<10} detaljer")
    for row in results:
        print(f"{row['name']:<{width}}  {row['value']:7.2f}×  {row['target']:<10} {row['detail']}")
    sys.exit(0 if all(r["detail"].endswith("OK") for r in results) else 1)

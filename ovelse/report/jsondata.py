"""The report as versioned JSON data («ovelse-rapport», format 1) for collecting many exercises' results.

The structure is described by ``schema/report-2.schema.json`` (shipped in the package; see
``docs/report-json.md``). Times are UTC in ISO 8601; durations are seconds. Codes (entry kinds, role
ids, action statuses) are stable; Norwegian display names are given beside them where useful.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from importlib import resources
from typing import Any

from ovelse.i18n.dates import iso_utc
from ovelse.report.model import Correction, LogEntry, ReportData

REPORT_KIND = "ovelse-rapport"
REPORT_FORMAT = 2
SCHEMA_FILE = "report-2.schema.json"


def schema_text() -> str:
    """The JSON Schema of format 1, as shipped in the package."""
    return resources.files("ovelse.report").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text())
    return data


def _t(when: datetime | None) -> str | None:
    return iso_utc(when)


def _date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _s(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def _corrections(e: LogEntry) -> list[dict[str, Any]]:
    return _correction_list(e.corrections)


def _correction_list(corrections: list[Correction]) -> list[dict[str, Any]]:
    return [
        {
            "seq": c.seq,
            "at": _t(c.at),
            "elapsed": _s(c.elapsed),
            "reason": c.reason,
            "changes": [{"field": ch.field, "before": ch.before, "after": ch.after} for ch in c.changes],
        }
        for c in corrections
    ]


def _retraction(e: LogEntry) -> dict[str, Any] | None:
    r = e.retraction
    return None if r is None else {"seq": r.seq, "at": _t(r.at), "elapsed": _s(r.elapsed), "reason": r.reason}


def _entry(e: LogEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "kind": e.kind.code,
        "at": _t(e.at),
        "elapsed": _s(e.elapsed),
        "scenario_time": e.scenario_time,
        "node_id": e.node_id,
        "step": e.step,
        "status": e.status,
        "content": e.content(),
        "corrections": _corrections(e),
        "retraction": _retraction(e),
    }


def report_dict(report: ReportData, *, with_entries: bool = True) -> dict[str, Any]:
    """The JSON structure as plain Python data; without ``with_entries``, ``entries`` is left empty
    (:func:`render_json` encodes them one by one, so that they are never all in memory as dicts)."""
    x, s, f = report.exercise, report.scenario, report.figures
    referenced = {r.id for p in report.participants for r in p.roles} | {r.id for r in report.missing_roles}
    referenced |= {r for e in report.entries if e.kind.code == "decision" for r in e.value("roles")}
    lesson_numbers = {e.seq: n for n, e in enumerate(report.lessons, 1)}
    entries_by_step: dict[int, list[int]] = {}
    for e in report.entries:
        if e.step is not None:
            entries_by_step.setdefault(e.step, []).append(e.seq)
    return {
        "kind": REPORT_KIND,
        "format": REPORT_FORMAT,
        "generator": report.generator,
        "marking": report.marking,
        "sensitivity": {"level": report.sensitivity, "legal_basis": report.legal_basis},
        "warnings": [{"message": w.message, "hint": w.hint} for w in report.warnings],
        "journal": {
            "file": report.journal_file,
            "id": report.journal_id,
            "created": _t(report.journal_created),
            "format": report.journal_format,
            "ovelse_version": report.journal_ovelse_version,
            "events": report.event_count,
            "chain": report.chain_head,
            "ended": report.ended,
        },
        "exercise": {
            "title": x.title,
            "municipality": x.municipality,
            "date": x.date.isoformat(),
            "place": x.place,
            "facilitator": x.facilitator,
            "purpose": x.purpose,
            "started_at": _t(x.started_at),
            "last_event_at": _t(x.last_at),
            "ended_at": _t(x.ended_at),
            "end_note": x.end_note,
            "corrections": _correction_list(x.corrections),
        },
        "scenario": {
            "id": s.id,
            "title": s.title,
            "version": s.version,
            "hash": s.hash,
            "file": s.file,
            "municipality": s.municipality,
            "region": s.region,
            "summary": s.summary,
            "themes": s.themes,
            "nato_baseline": s.nato_baseline,
            "planned_minutes": s.planned_minutes,
        },
        "roles": [
            {"id": r.id, "name": r.name, "group": r.group}
            for r in sorted((report.role(i) for i in referenced), key=lambda r: r.id)
        ],
        "participants": [
            {
                "seq": p.entry.seq,
                "id": p.id,
                "name": p.name,
                "organisation": p.organisation,
                "roles": [r.id for r in p.roles],
                "status": p.entry.status,
            }
            for p in report.participants
        ],
        "missing_roles": [r.id for r in report.missing_roles],
        "objectives": [
            {
                "id": o.id,
                "text": o.text,
                "rating": o.rating.value("rating") if o.rating else None,
                "comment": o.rating.value("comment") if o.rating else None,
                "rating_seq": o.rating.seq if o.rating else None,
                "ratings": [e.seq for e in o.ratings],
                "observations": [e.seq for e in o.observations],
                "lessons": [e.seq for e in o.lessons],
            }
            for o in report.objectives
        ],
        "path": [
            {
                "step": st.number,
                "seq": st.seq,
                "node_id": st.node_id,
                "title": st.title,
                "phase": st.phase,
                "via": st.via,
                "choice_label": st.choice_label,
                "at": _t(st.at),
                "elapsed": _s(st.elapsed),
                "scenario_time": st.scenario_time,
                "seconds": _s(st.seconds),
                "entries": entries_by_step.get(st.number, []),
            }
            for st in report.steps
        ],
        "entries": [_entry(e) for e in report.entries] if with_entries else [],
        "pauses": [
            {
                "seq": p.seq,
                "at": _t(p.at),
                "elapsed": _s(p.elapsed),
                "reason": p.reason or None,
                "resumed_seq": p.resumed_seq,
                "resumed_at": _t(p.resumed_at),
                "wall_seconds": _s(p.wall_seconds),
                "step": p.step,
            }
            for p in report.pauses
        ],
        "reopenings": [
            {
                "seq": r.seq,
                "at": _t(r.at),
                "elapsed": _s(r.elapsed),
                "gap_seconds": _s(r.gap_seconds),
                "step": r.step,
            }
            for r in report.reopenings
        ],
        "unexplored": {
            "choices": [
                {
                    "node_id": b.node_id,
                    "choice": b.choice,
                    "label": b.label,
                    "target": b.target,
                    "target_visited": b.target_visited,
                }
                for b in report.unexplored_choices
            ],
            "nodes": [n.id for n in report.unvisited_nodes],
            "injects": [n.id for n in report.unused_injects],
        },
        "lessons": [
            {
                "number": n,
                "seq": e.seq,
                "text": e.value("text"),
                "objectives": e.value("objectives"),
                "status": e.status,
            }
            for n, e in enumerate(report.lessons, 1)
        ],
        "action_plan": [
            {
                "number": n,
                "seq": e.seq,
                "text": e.value("text"),
                "owner": e.value("owner"),
                "deadline": _date(e.value("deadline")),
                "status": e.value("status"),
                "lesson": lesson_numbers.get(e.value("lesson")) if e.value("lesson") else None,
                "entry_status": e.status,
            }
            for n, e in enumerate(report.actions, 1)
        ],
        "figures": {
            "exercise_seconds": _s(f.exercise_seconds),
            "wall_seconds": _s(f.wall_seconds),
            "paused_seconds": _s(f.paused_seconds),
            "away_seconds": _s(f.away_seconds),
            "planned_minutes": f.planned_minutes,
            "time_per_node": [
                {
                    "node_id": n.node_id,
                    "title": n.title,
                    "visits": n.visits,
                    "seconds": _s(n.seconds),
                    "planned_minutes": n.planned_minutes,
                }
                for n in f.time_per_node
            ],
            "decisions_per_role": [
                {"role": rc.role.id if rc.role else None, "count": rc.count} for rc in f.decisions_per_role
            ],
            "counts": f.counts,
        },
    }


def render_json(report: ReportData) -> str:
    """The JSON text: top-level keys one per line, and each element of a list on a line of its own
    (readable and diffable; still plain JSON, so a reader need not care about the lines)."""

    def encode(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = []
    for key, value in report_dict(report, with_entries=False).items():
        items: Iterable[Any] | None = None
        if key == "entries" and report.entries:
            items = (_entry(e) for e in report.entries)  # one at a time
        elif isinstance(value, list) and value:
            items = value
        if items is None:
            out.append(f"  {encode(key)}: {encode(value)}")
        else:
            body = ",\n    ".join(encode(v) for v in items)
            out.append(f"  {encode(key)}: [\n    {body}\n  ]")
    return "{\n" + ",\n".join(out) + "\n}\n"

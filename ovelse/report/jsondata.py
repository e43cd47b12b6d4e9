"""The report as versioned JSON data («ovelse-rapport», format 1) for collecting many exercises' results.

The structure is described by ``schema/report-1.schema.json`` (shipped in the package; see
``docs/report-json.md``). Times are UTC in ISO 8601; durations are seconds. Codes (entry kinds, role
ids, action statuses) are stable; Norwegian display names are given beside them where useful.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from importlib import resources
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from ovelse.report import fmt
from ovelse.report.model import LogEntry, ReportData

REPORT_KIND = "ovelse-rapport"
REPORT_FORMAT = 1
SCHEMA_FILE = "report-1.schema.json"


def schema_text() -> str:
    """The JSON Schema of format 1, as shipped in the package."""
    return resources.files("ovelse.report").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    return json.loads(schema_text())


def _t(when: datetime | None) -> str | None:
    if when is None:
        return None
    return when.isoformat().replace("+00:00", "Z")


def _s(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def _corrections(e: LogEntry) -> list[dict[str, Any]]:
    return [
        {
            "seq": c.seq,
            "at": _t(c.at),
            "elapsed": _s(c.elapsed),
            "reason": c.reason,
            "changes": [{"field": ch.field, "before": ch.before, "after": ch.after} for ch in c.changes],
        }
        for c in e.corrections
    ]


def _retraction(e: LogEntry) -> dict[str, Any] | None:
    r = e.retraction
    return None if r is None else {"seq": r.seq, "at": _t(r.at), "elapsed": _s(r.elapsed), "reason": r.reason}


def _entry(e: LogEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "kind": e.kind,
        "at": _t(e.at),
        "elapsed": _s(e.elapsed),
        "scenario_time": e.scenario_time,
        "node_id": e.node_id,
        "step": e.step,
        "status": e.status,
        "content": e.content,
        "corrections": _corrections(e),
        "retraction": _retraction(e),
    }


def _encoder() -> Any:
    """A function giving the JSON text of a value exactly as ``json.dumps(value, ensure_ascii=False,
    separators=(", ", ": "))`` does, without setting up the encoder anew for each value."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    if c_make_encoder is None:  # pragma: no cover - CPython always has the C encoder
        return encoder.encode
    # As JSONEncoder.iterencode sets it up (a dict of markers: circular data is refused, not followed).
    chunks = c_make_encoder(
        {},
        encoder.default,
        encode_basestring,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


def _each_dict(dicts: list[dict[str, Any]], encode: Any) -> list[str]:
    """``[encode(d) for d in dicts]``, by encoding the whole list at once and cutting it between the dicts
    at «}, {"» (never inside a string, where quotes are escaped). Should a dict hold a list of dicts, the
    count of pieces gives it away, and each is encoded on its own."""
    if not dicts or not all(dicts):
        return [encode(d) for d in dicts]
    pieces = encode(dicts)[3:-2].split('}, {"')
    if len(pieces) != len(dicts):
        return [encode(d) for d in dicts]
    return [f'{{"{piece}}}' for piece in pieces]


_ENTRY = (
    '{"seq": %s, "kind": %s, "at": "%s", "elapsed": %s, "scenario_time": %s, "node_id": %s, "step": %s, '
    '"status": "%s", "content": %s, "corrections": %s, "retraction": %s}'
)


def _entries_json(entries: list[LogEntry], encode: Any) -> list[str]:
    """``[encode(_entry(e)) for e in entries]``, with each entry's fixed parts written straight into a
    template: several times quicker than building and encoding thousands of dicts."""
    out = []
    names: dict[str | None, str] = {None: "null"}  # kinds, scenario times and node ids, as JSON
    for e, content, at in zip(
        entries,
        _each_dict([e.content for e in entries], encode),
        fmt.utc_isoformats([e.at for e in entries]),
        strict=True,
    ):
        seq, step, elapsed = e.seq, e.step, e.elapsed
        if (
            type(seq) is not int
            or (step is not None and type(step) is not int)
            or type(elapsed) is not float
            or not math.isfinite(elapsed)
            or at is None
        ):
            out.append(encode(_entry(e)))  # anything unusual: the plain way
            continue
        kind, scenario_time, node_id = e.kind, e.scenario_time, e.node_id
        for name in (kind, scenario_time, node_id):
            if name not in names:
                names[name] = encode(name)
        corrections, retraction = e.corrections, e.retraction
        out.append(
            _ENTRY
            % (
                seq,
                names[kind],
                at,
                float.__repr__(round(elapsed, 3)),
                names[scenario_time],
                names[node_id],
                "null" if step is None else step,
                "retracted" if retraction else "corrected" if corrections else "active",
                content,
                encode(_corrections(e)) if corrections else "[]",
                "null" if retraction is None else encode(_retraction(e)),
            )
        )
    return out


def report_dict(report: ReportData) -> dict[str, Any]:
    """The JSON structure as plain Python data."""
    return _report_dict(report, [_entry(e) for e in report.entries])


class _Encoded(list):  # type: ignore[type-arg]
    """A list whose items are JSON text already."""


def _report_dict(report: ReportData, entries: list[Any]) -> dict[str, Any]:
    x, s, f = report.exercise, report.scenario, report.figures
    referenced = {r.id for p in report.participants for r in p.roles} | {r.id for r in report.missing_roles}
    referenced |= {r for e in report.entries if e.kind == "decision" for r in (e.content.get("roles") or [])}
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
                "rating": o.rating.content.get("rating") if o.rating else None,
                "comment": o.rating.content.get("comment") if o.rating else None,
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
        "entries": entries,
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
                "text": e.content.get("text"),
                "objectives": e.content.get("objectives"),
                "status": e.status,
            }
            for n, e in enumerate(report.lessons, 1)
        ],
        "action_plan": [
            {
                "number": n,
                "seq": e.seq,
                "text": e.content.get("text"),
                "owner": e.content.get("owner"),
                "deadline": e.content.get("deadline"),
                "status": e.content.get("status"),
                "lesson": lesson_numbers.get(e.content.get("lesson")) if e.content.get("lesson") else None,
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
    (readable, diffable, and encoded by the fast C encoder, which ``indent`` would rule out)."""
    encode = _encoder()
    out = ["{\n"]  # joined once at the end: the text is megabytes
    for key, value in _report_dict(report, _Encoded(_entries_json(report.entries, encode))).items():
        if len(out) > 1:
            out.append(",\n")
        if isinstance(value, list) and value:
            out.append(f'  "{key}": [\n    ')
            for i, item in enumerate(value if isinstance(value, _Encoded) else [encode(v) for v in value]):
                if i:
                    out.append(",\n    ")
                out.append(item)
            out.append("\n  ]")
        else:
            out.append(f'  "{key}": {encode(value)}')
    out.append("\n}\n")
    return "".join(out)

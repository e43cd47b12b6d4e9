"""The exercise log as CSV for spreadsheets: one row per event that matters, in journal order.

Made for Norwegian Excel and LibreOffice: UTF-8 with a byte-order mark, semicolons, CRLF line ends.
Every text cell that a spreadsheet could read as a formula is neutralised (:func:`escape.csv_cell`).
A report marked «Unntatt offentlighet» starts with one row holding the marking, above the column names.
Corrected entries show their current content with the status «rettet», and each correction and
retraction has its own row pointing to the entry («Gjelder nr.»), so nothing is dropped.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from operator import itemgetter

from ovelse.report import fmt
from ovelse.report.escape import FORMULA_START as _RISKY
from ovelse.report.escape import csv_cell
from ovelse.report.model import KIND_NAMES, ReportData
from ovelse.session.events import ACTION_STATUS_NAMES, RATING_SCALE
from ovelse.session.facts import FIELD_NAMES

COLUMNS = [
    "Nr.",
    "Tidspunkt",
    "Øvelsestid",
    "Scenariotid",
    "Innspill",
    "Type",
    "Tekst",
    "Roller",
    "Begrunnelse",
    "Uenighet",
    "Åpent spørsmål",
    "Av",
    "Øvingsmål",
    "Vurdering",
    "Ansvarlig",
    "Frist",
    "Tiltaksstatus",
    "Gjelder nr.",
    "Status",
    "Merknad",
]
_STATUS = {"active": "gjeldende", "corrected": "rettet", "retracted": "trukket tilbake"}
_VIA = {"start": "første innspill", "next": "neste", "choice": "valg", "jump": "hopp", "back": "tilbake"}


_COL = {name: i for i, name in enumerate(COLUMNS)}
# Columns that hold text someone typed (or a scenario author wrote): these are neutralised.
_TEXT_COLUMNS = tuple(
    _COL[c]
    for c in (
        "Innspill",
        "Tekst",
        "Roller",
        "Begrunnelse",
        "Uenighet",
        "Åpent spørsmål",
        "Av",
        "Øvingsmål",
        "Ansvarlig",
        "Merknad",
        "Scenariotid",
    )
)
# Entry content → column, per kind (roles are turned into names separately).
_FIELDS: dict[str, tuple[tuple[str, int], ...]] = {
    "decision": (
        ("rationale", _COL["Begrunnelse"]),
        ("disagreement", _COL["Uenighet"]),
        ("open_question", _COL["Åpent spørsmål"]),
    ),
    "observation": (("observer", _COL["Av"]),),
    "note": (("author", _COL["Av"]),),
    "participant": (("organisation", _COL["Av"]),),
    "action": (("owner", _COL["Ansvarlig"]), ("deadline", _COL["Frist"])),
}


# A text cell that a spreadsheet might take for a formula, anywhere but in the first column (not a text).
_RISKY_CELL = re.compile(";[" + re.escape("".join(sorted(_RISKY | {" "}))) + "]")


def render_csv(report: ReportData) -> str:
    """The CSV text (with BOM); write it with ``newline=""`` or as bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")

    def written(cells: list[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    head = ["\ufeff"]
    if report.marking:  # the first thing anyone opening the sheet sees
        head.append(written([csv_cell(report.marking)]))
    head.append(written(COLUMNS))
    role = report.role
    node_titles = report.node_titles
    width = len(COLUMNS)
    c_text, c_roles, c_obj, c_status, c_ref, c_note = (
        _COL[c] for c in ("Tekst", "Roller", "Øvingsmål", "Status", "Gjelder nr.", "Merknad")
    )
    c_reason, c_rating, c_action_status = _COL["Begrunnelse"], _COL["Vurdering"], _COL["Tiltaksstatus"]
    # Each row as (seq, time, exercise clock, cells); the times are formatted all at once at the end.
    rows: list[tuple[int, datetime, float, list[str]]] = []

    def row(
        seq: int,
        at: datetime,
        elapsed: float,
        scenario_time: str | None,
        node: str | None,
        kind: str,
        text: str = "",
    ) -> list[str]:
        cells = [""] * width
        cells[0] = str(seq)
        cells[3] = scenario_time or ""
        cells[4] = node_titles.get(node, node) if node else ""
        cells[5] = kind
        cells[c_text] = text
        rows.append((seq, at, elapsed, cells))
        return cells

    for step in report.steps:
        via = f"valg «{step.choice_label}»" if step.via == "choice" else _VIA.get(step.via, step.via)
        cells = row(step.seq, step.at, step.elapsed, step.scenario_time, step.node_id, "Innspill", step.title)
        cells[c_note] = f"Kom hit: {via}"
    for e in report.entries:
        c = e.content
        kind = e.kind
        if kind == "participant":
            text = c.get("name") or ""
        elif kind == "inject":
            text = c.get("title") or c.get("inject_id") or ""
        elif kind == "rating":
            text = c.get("comment") or ""
        else:
            text = c.get("text") or ""
        cells = row(e.seq, e.at, e.elapsed, e.scenario_time, e.node_id, KIND_NAMES[kind], text)
        cells[c_status] = _STATUS[e.status]
        for key, column in _FIELDS.get(kind, ()):
            cells[column] = c.get(key) or ""
        if c.get("roles"):
            cells[c_roles] = ", ".join(role(r).name for r in c["roles"])
        if c.get("objectives"):
            cells[c_obj] = ", ".join(c["objectives"])
        if kind == "decision" and c.get("tags"):
            cells[c_note] = "Stikkord: " + ", ".join(c["tags"])
        elif kind == "rating":
            cells[c_obj] = c.get("objective_id") or ""
            rating = c.get("rating")
            cells[c_rating] = f"{rating} – {RATING_SCALE.get(rating, '')}" if rating else ""
        elif kind == "action":
            cells[c_action_status] = ACTION_STATUS_NAMES.get(c.get("status"), c.get("status") or "")
            if c.get("lesson"):
                cells[c_note] = f"Følger opp nr. {c['lesson']}"
        for corr in e.corrections:
            changes = "; ".join(
                f"{FIELD_NAMES.get(ch.field, ch.field)}: «{_plain(ch.before)}» → «{_plain(ch.after)}»"
                for ch in corr.changes
            )
            cells = row(corr.seq, corr.at, corr.elapsed, None, None, "Retting", changes)
            cells[c_reason], cells[c_ref] = corr.reason, str(e.seq)
        if e.retraction:
            r = e.retraction
            cells = row(r.seq, r.at, r.elapsed, None, None, "Trukket tilbake")
            cells[c_reason], cells[c_ref] = r.reason, str(e.seq)
    for p in report.pauses:
        cells = row(p.seq, p.at, p.elapsed, None, None, "Pause", p.reason)
        cells[c_note] = fmt.duration(p.wall_seconds) if p.wall_seconds is not None else "ikke avsluttet"
        if p.resumed_seq is not None and p.resumed_at is not None:
            row(p.resumed_seq, p.resumed_at, p.elapsed, None, None, "Fortsatt")
    for r in report.reopenings:
        cells = row(r.seq, r.at, r.elapsed, None, None, "Åpnet igjen")
        cells[c_note] = f"Programmet var lukket i {fmt.duration(r.gap_seconds)}"
    x = report.exercise
    if x.ended_at is not None and x.ended_seq is not None:
        row(x.ended_seq, x.ended_at, report.figures.exercise_seconds, None, None, "Avsluttet", x.end_note)
    rows.sort(key=itemgetter(0))

    # Rows that need nothing from the csv module (no quoting, no formula to neutralise) are joined here:
    # several times quicker than the writer for thousands of rows, with the same text.
    lines = head
    separators = width - 1
    for (_, _, _, cells), stamp, clock in zip(
        rows, fmt.stamps([r[1] for r in rows]), fmt.exercise_clocks_full([r[2] for r in rows]), strict=True
    ):
        cells[1], cells[2] = stamp, clock
        try:
            line = ";".join(cells)
        except TypeError:  # a value that is not text (the writer makes it text)
            line = '"'
        if (
            line.count(";") == separators
            and '"' not in line
            and "\r" not in line
            and "\n" not in line
            and _RISKY_CELL.search(line) is None
        ):
            lines.append(line + "\r\n")
            continue
        for i in _TEXT_COLUMNS:
            value = cells[i]
            if value and (value[0] in _RISKY or value[0] == " "):
                cells[i] = csv_cell(value)
        lines.append(written(cells))
    return "".join(lines)


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)

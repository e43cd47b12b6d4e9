"""The exercise log as CSV for spreadsheets: one row per event that matters, in journal order.

Made for Norwegian Excel and LibreOffice: UTF-8 with a byte-order mark, semicolons, CRLF line ends,
written by the :mod:`csv` module. The first row is the header (so filters and Power Query find it);
the marking of an exempt report is a column on every row. Every text cell that a spreadsheet could
read as a formula is neutralised (:func:`escape.csv_cell`). Which field goes to which column comes from
the table of entry kinds (:mod:`ovelse.report.kinds`). Corrected entries show their current content
with the status «rettet», and each correction and retraction has its own row pointing to the entry
(«Gjelder nr.») with the entry's innspill and scenario time, so nothing is dropped.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from ovelse.i18n import N_, _
from ovelse.i18n import dates as fmt
from ovelse.report.escape import csv_cell
from ovelse.report.layout import field_name, rating_text, reveal_text, status_text, via_text
from ovelse.report.model import LogEntry, ReportData, RoomReveal

COLUMNS = (
    N_("Nr."),
    N_("Tidspunkt"),
    N_("Øvingstid"),
    N_("Scenariotid"),
    N_("Innspill"),
    N_("Type"),
    N_("Tekst"),
    N_("Roller"),
    N_("Begrunnelse"),
    N_("Uenighet"),
    N_("Åpent spørsmål"),
    N_("Stikkord"),
    N_("Person"),
    N_("Organisasjon"),
    N_("Øvingsmål"),
    N_("Vurdering"),
    N_("Ansvarlig"),
    N_("Frist"),
    N_("Tiltaksstatus"),
    N_("Læringspunkt"),
    N_("Gjelder nr."),
    N_("Status"),
    N_("Merknad"),
    N_("Kontrollverdi"),
    N_("Merking"),
)
_COL = {name: i for i, name in enumerate(COLUMNS)}
_STATUS = {"active": N_("gjeldende"), "corrected": N_("rettet"), "retracted": N_("trukket tilbake")}


class _Rows:
    """The rows of one export, collected with their sort key (the journal's seq)."""

    def __init__(self, report: ReportData) -> None:
        self.report = report
        self.rows: list[tuple[int, list[str]]] = []
        self.marking = report.marking or ""
        self.lesson_numbers = {e.seq: n for n, e in enumerate(report.lessons, 1)}

    def add(
        self,
        seq: int,
        at: datetime,
        elapsed: float,
        scenario_time: str | None,
        node: str | None,
        kind: str,
        text: str = "",
        **columns: str,
    ) -> None:
        cells = [""] * len(COLUMNS)
        cells[_COL["Nr."]] = str(seq)
        cells[_COL["Tidspunkt"]] = fmt.stamp(at)
        cells[_COL["Øvingstid"]] = fmt.exercise_clock_full(elapsed)
        cells[_COL["Scenariotid"]] = scenario_time or ""
        cells[_COL["Innspill"]] = self.report.node_title(node) if node else ""
        cells[_COL["Type"]] = kind
        cells[_COL["Tekst"]] = text
        cells[_COL["Merking"]] = self.marking
        cells[_COL["Kontrollverdi"]] = self.report.chain_head
        for name, value in columns.items():
            cells[_COL[name]] = value
        self.rows.append((seq, cells))

    def value(self, shape: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return ""
        if shape == "roles":
            return ", ".join(self.report.role(r).name for r in value)
        if shape == "date":
            return str(value.isoformat())  # spreadsheets read ISO dates
        if shape == "status":
            return status_text(value)
        if shape == "rating":
            return rating_text(value)
        if shape == "lesson":
            return str(self.lesson_numbers.get(value, value))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def entry(self, e: LogEntry) -> None:
        columns = {_STATUS_COLUMN: _(_STATUS[e.status])}
        for spec in e.kind.details:
            if spec.column is not None:
                columns[spec.column] = self.value(spec.shape, e.value(spec.name))
        if e.kind.code == "participant":
            columns["Person"] = e.main_text
        self.add(e.seq, e.at, e.elapsed, e.scenario_time, e.node_id, _(e.kind.name), e.main_text, **columns)
        for corr in e.corrections:
            changes = "; ".join(
                f"{field_name(ch.field)}: «{_plain(ch.before)}» → «{_plain(ch.after)}»" for ch in corr.changes
            )
            self.add(
                corr.seq,
                corr.at,
                corr.elapsed,
                e.scenario_time,
                e.node_id,
                _("Retting"),
                changes,
                **{"Begrunnelse": corr.reason, "Gjelder nr.": str(e.seq)},
            )
        for change in e.status_changes:
            self.add(
                change.seq,
                change.at,
                change.elapsed,
                e.scenario_time,
                e.node_id,
                _("Statusendring"),
                change.comment,
                **{
                    "Tiltaksstatus": status_text(change.status),
                    "Merknad": _("fra {date}").format(date=change.on.isoformat()),
                    "Person": change.by,
                    "Gjelder nr.": str(e.seq),
                },
            )
        if e.retraction:
            r = e.retraction
            self.add(
                r.seq,
                r.at,
                r.elapsed,
                e.scenario_time,
                e.node_id,
                _("Trukket tilbake"),
                **{"Begrunnelse": r.reason, "Gjelder nr.": str(e.seq)},
            )


_STATUS_COLUMN = "Status"


def render_csv(report: ReportData) -> str:
    """The CSV text (with BOM); write it with ``newline=""`` or as bytes."""
    rows = _Rows(report)
    for step in report.steps:
        rows.add(
            step.seq,
            step.at,
            step.elapsed,
            step.scenario_time,
            step.node_id,
            _("Innspill"),
            step.title,
            Merknad=_("Kom hit: {via}").format(via=via_text(step)),
        )
    for e in report.entries:
        rows.entry(e)
    for p in report.pauses:
        length = fmt.duration(p.wall_seconds) if p.wall_seconds is not None else _("ikke avsluttet")
        rows.add(p.seq, p.at, p.elapsed, None, None, _("Pause"), p.reason, Merknad=length)
        if p.resumed_seq is not None and p.resumed_at is not None:
            rows.add(p.resumed_seq, p.resumed_at, p.elapsed, None, None, _("Fortsatt"))
    for item in [*report.preamble, *(i for step in report.steps for i in step.timeline)]:
        if isinstance(item, RoomReveal):
            rows.add(item.seq, item.at, item.elapsed, None, item.node_id, _("Rommet"), reveal_text(item))
    for r in report.reopenings:
        note = _("Programmet var lukket i {duration}").format(duration=fmt.duration(r.gap_seconds))
        rows.add(r.seq, r.at, r.elapsed, None, None, _("Åpnet igjen"), Merknad=note)
    x = report.exercise
    for corr in x.corrections:  # the exercise facts, corrected after the start (seq 1 is the start)
        changes = "; ".join(
            f"{field_name(ch.field)}: «{_plain(ch.before)}» → «{_plain(ch.after)}»" for ch in corr.changes
        )
        rows.add(
            corr.seq,
            corr.at,
            corr.elapsed,
            None,
            None,
            _("Retting"),
            changes,
            **{"Begrunnelse": corr.reason, "Gjelder nr.": "1"},
        )
    if x.ended_at is not None and x.ended_seq is not None:
        rows.add(
            x.ended_seq, x.ended_at, report.figures.exercise_seconds, None, None, _("Avsluttet"), x.end_note
        )
    rows.rows.sort(key=lambda row: row[0])

    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_(c) for c in COLUMNS])
    for _seq, cells in rows.rows:
        writer.writerow([csv_cell(cell) for cell in cells])
    return buffer.getvalue()


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)

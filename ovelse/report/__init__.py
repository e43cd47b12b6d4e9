"""The evaluation report (oppsummeringsnotat) and data exports, made from an exercise journal alone.

Domain code: no Textual, no rich. Typical use::

    result = export("øvelse.jsonl", "docx")             # writes øvelse.docx beside the journal
    path = export_journal("øvelse.jsonl")               # the app: never overwrites, picks «-2» etc.
    report = build_report(read_journal("øvelse.jsonl"))  # the content, for other uses
    data = render(report, "md")                          # bytes of one format

Formats: ``md`` (CommonMark), ``html`` (one self-contained, printable file), ``docx`` (Word), ``pdf``
(PDF/A-2b for the archive), ``json`` (versioned data, schema in ``schema/report-2.schema.json``), ``csv``
(the log for spreadsheets) and ``arkiv`` (a zip with the PDF/A, the JSON, the journal and Noark 5
arkivmelding metadata).
"""

from ovelse.report.command import (
    FORMATS,
    ExportResult,
    default_output,
    export,
    export_journal,
    render,
    run_export,
)
from ovelse.report.errors import ExportError, ExportRefused, GradedMaterial
from ovelse.report.model import ReportData, build_report
from ovelse.report.source import read_journal

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportRefused",
    "ExportResult",
    "GradedMaterial",
    "ReportData",
    "build_report",
    "default_output",
    "export",
    "export_journal",
    "read_journal",
    "render",
    "run_export",
]

"""Rendering the register's reports: Markdown and HTML (Jinja2), Word (python-docx), PDF/A (WeasyPrint, as the
exercise report), CSV and JSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import markupsafe
from jinja2 import Environment, PackageLoader, select_autoescape

from ovelse import __version__
from ovelse.i18n import LANGUAGE_TAGS, _, ngettext, use_language
from ovelse.register.layout import Document, Grid, Heading, Para, follow_up_document, regional_document
from ovelse.register.reports import FollowUp, Regional
from ovelse.register.status import STATUSES, status_name
from ovelse.report.html import css_string, page_number_parts

FORMATS = ("md", "html", "docx", "pdf", "csv", "json")
BINARY_FORMATS = frozenset({"docx", "pdf"})
"""Formats that are never written to a terminal."""
JSON_KIND = "ovelse-register-rapport"
JSON_FORMAT = 1
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def _md(text: object) -> str:
    """Text that Markdown shows literally: inline markup escaped, and what would start a block."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    escaped = _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)
    return escaped.replace("\n", "  \n")


def _cell(text: object) -> str:
    return _md(text).replace("\n", " ").replace("  ", " ")


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("ovelse.register", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    env.filters["cell"] = _cell
    # safe inside <style>: css_string leaves no «<», «&» or quote unescaped (see ovelse.report.html)
    env.filters["css_string"] = lambda text: markupsafe.Markup(css_string(str(text)))
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=False)  # type: ignore[attr-defined]
    return env


def render(report: FollowUp | Regional, fmt: str, language: str | None = None) -> bytes:
    """The bytes of ``report`` in ``fmt``; texts in ``language`` (default: the report's own)."""
    lang = language or (report.language if isinstance(report, FollowUp) else "nb")
    with use_language(lang):  # type: ignore[arg-type]
        doc = follow_up_document(report) if isinstance(report, FollowUp) else regional_document(report)
        doc.language = lang
        renderer: Callable[[Document, FollowUp | Regional], bytes] = _RENDERERS[fmt]
        return renderer(doc, report)


def _markdown(doc: Document, report: FollowUp | Regional) -> bytes:
    return _env().get_template("register.md.j2").render(doc=doc).encode("utf-8")


def _html_text(doc: Document, *, for_pdf: bool = False) -> str:
    return (
        _env()
        .get_template("register.html.j2")
        .render(
            doc=doc,
            lang_tag=LANGUAGE_TAGS.get(doc.language, "nb-NO"),
            for_pdf=for_pdf,
            page_parts=page_number_parts(),
            generator=f"ovelse {__version__}",
        )
    )


def _html(doc: Document, report: FollowUp | Regional) -> bytes:
    return _html_text(doc).encode("utf-8")


def _pdf(doc: Document, report: FollowUp | Regional) -> bytes:
    from ovelse.report.pdf import html_to_pdf_a

    html = _html_text(doc, for_pdf=True)
    return html_to_pdf_a(html, hashlib.sha256(html.encode("utf-8")).digest()[:16])


def _docx(doc: Document, report: FollowUp | Regional) -> bytes:
    import docx

    word = docx.Document()
    word.core_properties.title = doc.title
    word.core_properties.language = LANGUAGE_TAGS.get(doc.language, "nb-NO")
    marking = " · ".join(doc.markings)
    if marking:
        section = word.sections[0]
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking
            for run in paragraph.runs:
                run.bold = True
        word.add_paragraph().add_run(marking).bold = True
    word.add_heading(doc.title, level=1)
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            word.add_paragraph().add_run(block.text).bold = block.strong
        elif isinstance(block, Grid):
            table = word.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv(doc: Document, report: FollowUp | Regional) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    marking = " · ".join(doc.markings)
    if isinstance(report, FollowUp):
        writer.writerow(
            [
                _("nr"),
                _("kommune"),
                _("øvelse"),
                _("øvingsdato"),
                _("tiltak"),
                _("ansvarlig"),
                _("frist"),
                _("status"),
                _("forfalt"),
                _("merking"),
            ]
        )
        for r in report.tiltak:
            writer.writerow(
                [
                    _csv_cell(v)
                    for v in (
                        r.id,
                        r.municipality,
                        r.exercise_title,
                        r.exercise_date.isoformat(),
                        r.text,
                        r.owner,
                        r.deadline.isoformat() if r.deadline else "",
                        status_name(r.status),
                        _("ja") if r.overdue(report.today) else _("nei"),
                        r.marking or marking,
                    )
                ]
            )
    else:
        writer.writerow(
            [
                _("kommune"),
                _("siste øvelse"),
                _("paragraf 7 oppfylt"),
                *(status_name(s) for s in STATUSES),
                _("forfalt"),
                _("merking"),
            ]
        )
        for m in report.municipalities:
            writer.writerow(
                [
                    _csv_cell(v)
                    for v in (
                        m.municipality,
                        m.section7.last.isoformat() if m.section7.last else "",
                        _("nei") if m.section7.overdue else _("ja"),
                        *(m.counts.get(s, 0) for s in STATUSES),
                        m.overdue,
                        marking,
                    )
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _tiltak_json(r: Any, today: date) -> dict[str, Any]:
    data = _plain(r)
    data["overdue"] = r.overdue(today)
    return dict(data)


def _json(doc: Document, report: FollowUp | Regional) -> bytes:
    common: dict[str, Any] = {
        "kind": JSON_KIND,
        "format": JSON_FORMAT,
        "generator": f"ovelse {__version__}",
        "markings": doc.markings,
        "today": report.today.isoformat(),
    }
    if isinstance(report, FollowUp):
        body: dict[str, Any] = {
            "report": "follow_up",
            "municipality": report.municipality,
            "language": report.language,
            "section7": _plain(report.section7),
            "exercises": _plain(report.exercises),
            "counts": report.counts,
            "overdue": [r.id for r in report.overdue],
            "tiltak": [_tiltak_json(r, report.today) for r in report.tiltak],
            "recurring_lessons": _plain(report.recurring),
        }
    else:
        body = {
            "report": "regional",
            "region": report.region,
            "since": report.since.isoformat() if report.since else None,
            "exercises": _plain(report.exercises),
            "by_theme": _plain(report.by_theme),
            "by_nato_baseline": _plain(report.by_nato),
            "common_lessons": _plain(report.common_lessons),
            "municipalities": _plain(report.municipalities),
        }
    return (json.dumps({**common, **body}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_RENDERERS: dict[str, Callable[[Document, FollowUp | Regional], bytes]] = {
    "md": _markdown,
    "html": _html,
    "docx": _docx,
    "pdf": _pdf,
    "csv": _csv,
    "json": _json,
}

__all__ = ["BINARY_FORMATS", "FORMATS", "render"]

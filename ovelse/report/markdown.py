"""The oppsummeringsnotat as Markdown (CommonMark, with GFM pipe tables), from a Jinja2 template.

Every text goes through one escaping function (:func:`ovelse.report.escape.md_escape`, via the
template's filters): nothing from a scenario or a log becomes markup or raw HTML. Strikethrough is not
CommonMark, so retracted entries are shown by their label.
"""

from __future__ import annotations

from functools import cache

import jinja2

from ovelse.report.escape import md_cell, md_escape, md_inline
from ovelse.report.layout import Document, Heading, ItemList, Para, Run, Table


def md_runs(items: list[Run], indent: str = "", line_start: bool = True) -> str:
    """Inline runs as Markdown: escaped, bold and italic marks around the text (spaces kept outside)."""
    out: list[str] = []
    for text, style in items:
        body = md_escape(text, line_start=line_start and not out, indent=indent)
        if not body:
            out.append(" " if text[:1].isspace() or text[-1:].isspace() else "")
            continue
        if style in ("b", "i"):
            mark = "**" if style == "b" else "*"
            body = f"{mark}{body}{mark}"
        lead = " " if text[:1].isspace() and out else ""
        trail = " " if text[-1:].isspace() else ""
        out.append(f"{lead}{body}{trail}")
    return "".join(out).strip()


def md_cells(items: list[Run]) -> str:
    parts = []
    for text, style in items:
        cell = md_cell(text)
        if cell and style in ("b", "i"):
            mark = "**" if style == "b" else "*"
            cell = f"{mark}{cell}{mark}"
        parts.append(cell)
    return " ".join(p for p in parts if p)


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ovelse.report", "templates"),
        autoescape=False,  # Markdown is escaped by md_escape, through the filters below
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(runs=md_runs, cells=md_cells, inline=md_inline, cell=md_cell)
    env.tests.update(
        heading=lambda b: isinstance(b, Heading),
        para=lambda b: isinstance(b, Para),
        itemlist=lambda b: isinstance(b, ItemList),
        table=lambda b: isinstance(b, Table),
    )
    return env.get_template("report.md.j2")


def render_markdown(doc: Document) -> str:
    return _template().render(doc=doc)

"""The oppsummeringsnotat as Markdown (CommonMark, with GFM pipe tables).

All text is escaped (:mod:`ovelse.report.escape`): nothing from a scenario or a log becomes markup or
raw HTML. Strikethrough is not CommonMark, so retracted entries are shown by their label alone.
"""

from __future__ import annotations

from ovelse.report.escape import md_block, md_cell, md_inline, md_span
from ovelse.report.layout import (
    Document,
    Heading,
    ItemList,
    PageBreak,
    Para,
    Run,
    Table,
)

_BAR_WIDTH = 20


def _runs(items: list[Run], indent: str = "") -> str:
    out = []
    first = True
    for text, style in items:
        if not text:
            continue
        if "\n" in text:
            # Paragraph breaks inside a run would end the list item: keep them as line breaks.
            body = md_block(text, indent, line_start=first).replace("\n\n" + indent, "\\\n" + indent)
            if text[:1].isspace() and not first:
                body = " " + body
        else:
            body = md_span(text, first)
        if "b" in style or "i" in style:
            inner = body.strip()
            if inner:
                mark = "**" if "b" in style else "*"
                lead = " " if body[:1] == " " else ""
                trail = " " if body[-1:] == " " else ""
                body = f"{lead}{mark}{inner}{mark}{trail}"
        out.append(body)
        first = False
    return "".join(out).rstrip()


def _cell(items: list[Run]) -> str:
    parts = []
    for text, style in items:
        text = md_cell(text)
        if text and ("b" in style or "i" in style):
            mark = "**" if "b" in style else "*"
            text = f"{mark}{text}{mark}"
        parts.append(text)
    return " ".join(p for p in parts if p)


def _table(table: Table) -> str:
    header = list(table.header) + (["" if table.key_value else " "] if table.bars is not None else [])
    aligns = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    if table.bars is not None:
        aligns.append("---")
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |", "| " + " | ".join(aligns) + " |"]
    for i, row in enumerate(table.rows):
        cells = [_cell(c) for c in row]
        if table.bars is not None:
            cells.append("█" * max(1, round(table.bars[i] * _BAR_WIDTH)) if table.bars[i] > 0 else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _list(block: ItemList) -> str:
    lines = []
    for n, item in enumerate(block.items, 1):
        marker = f"{n}. " if block.ordered else "- "
        indent = " " * len(marker)
        lines.append(marker + _runs(item.runs, indent))
        for sub in item.sub:
            lines.append(f"{indent}- " + _runs(sub, indent + "  "))
    return "\n".join(lines)


def render_markdown(doc: Document) -> str:
    parts = []
    if doc.marking:
        parts.append(f"**{md_inline(doc.marking)}**")
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + md_inline(block.text))
        elif isinstance(block, Para):
            if block.kind == "quote" or block.kind == "warning":
                parts.append("> " + _runs(block.runs, "> "))
            else:
                parts.append(_runs(block.runs))
        elif isinstance(block, ItemList):
            parts.append(_list(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, PageBreak):
            continue
    parts.append("---")
    parts.append(f"*{md_inline(doc.footer)}*")
    if doc.marking:
        parts.append(f"**{md_inline(doc.marking)}**")
    return "\n\n".join(p for p in parts if p) + "\n"

"""The oppsummeringsnotat as Markdown (CommonMark, with GFM pipe tables).

All text is escaped (:mod:`ovelse.report.escape`): nothing from a scenario or a log becomes markup or
raw HTML. Strikethrough is not CommonMark, so retracted entries are shown by their label alone.
"""

from __future__ import annotations

from ovelse.report.escape import md_block, md_cell, md_inline, md_span, md_spans
from ovelse.report.layout import (
    AnyItem,
    Document,
    FilledItem,
    Heading,
    ItemList,
    ItemShape,
    Para,
    Run,
    Table,
    probe,
    template,
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


def _item(item: AnyItem, marker: str, indent: str) -> str:
    lines = [marker + _runs(item.runs, indent)]
    for sub in item.sub:
        lines.append(f"{indent}- " + _runs(sub, indent + "  "))
    return "\n".join(lines)


_Template = tuple[str, tuple[int, ...], tuple[int, ...], tuple[str, ...]] | None


def _template(shape: ItemShape) -> _Template:
    """The %-format for items of ``shape`` in a bullet list; the holes whose Markdown must not be empty or
    end with whitespace (the line would be right-stripped into it) and those whose Markdown must not start
    with whitespace either (bold or italic: the marks go around it stripped), for the item to come out as
    :func:`_item` makes it; and each hole's indent (where a text with line breaks continues). A hole that
    would start a line gets no template: line-start escaping depends on the text."""
    last, inner, indents = [], [], []
    hole = 0
    for indent, line in (("  ", shape.head), *(("    ", line) for line in shape.sub)):
        text_before = False
        for i, (text, style) in enumerate(line):
            if text is None:
                if not text_before:
                    return None
                if "b" in style or "i" in style:
                    inner.append(hole)
                elif all(t is not None and not t.strip() for t, _ in line[i + 1 :]):
                    last.append(hole)
                indents.append(indent)
                hole += 1
            elif text:
                text_before = True
    fmt = template(_item(probe(shape), "- ", "  "), shape.holes)
    return None if fmt is None else (fmt, tuple(last), tuple(inner), tuple(indents))


def _fits(
    texts: list[str], compiled: tuple[str, tuple[int, ...], tuple[int, ...], tuple[str, ...]]
) -> dict[int, str] | None:
    """Whether an item's texts may go into its template (see :func:`_template`): None if not, else the
    Markdown for each text with a line break (made here, as :func:`_runs` makes it inside a line)."""
    _, last, inner, indents = compiled
    blocks = {}
    for i, text in enumerate(texts):
        if "\n" in text:
            indent = indents[i]
            body = md_block(text, indent, line_start=False).replace("\n\n" + indent, "\\\n" + indent)
            blocks[i] = " " + body if text[:1].isspace() else body
    for i in last:
        text = blocks.get(i, texts[i])
        if not text or text.rstrip() is not text:
            return None
    for i in inner:
        text = blocks.get(i, texts[i])
        if not text or text.strip() is not text:
            return None
    return blocks


class _Holes:
    """The texts of one rendering's filled-in items, escaped all at once at the end (:func:`md_spans`),
    and the item templates compiled so far."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.blocks: dict[int, str] = {}  # Markdown made already, by index in values
        self.templates: dict[ItemShape, _Template] = {}

    def fill(self, parts: list[str | tuple[str, int, int]], separator: str) -> str:
        """The parts joined: text as it is, and lists (a %-format and the range of its texts) filled in."""
        escaped = md_spans(self.values)
        if self.blocks:
            escaped = list(escaped)
            for i, block in self.blocks.items():
                escaped[i] = block
        texts = [part if type(part) is str else part[0] % tuple(escaped[part[1] : part[2]]) for part in parts]
        return separator.join([text for text in texts if text])


def _list_part(block: ItemList, holes: _Holes) -> tuple[str, int, int]:
    """The list as a %-format whose ``%s`` take the escaped texts it adds to ``holes.values``. Texts are
    looked at for line breaks all at once; only when one has, the list is made again looking at each
    (:func:`_fits`)."""
    start = len(holes.values)
    text = _list_format(block, holes, careful=False)
    if "\n" in "\x00".join(holes.values[start:]):
        del holes.values[start:]
        text = _list_format(block, holes, careful=True)
    return text, start, len(holes.values)


def _list_format(block: ItemList, holes: _Holes, careful: bool) -> str:
    lines = []
    templates, values = holes.templates, holes.values
    for n, item in enumerate(block.items, 1):
        if type(item) is FilledItem and not block.ordered:
            shape, texts = item
            try:
                compiled = templates[shape]
            except KeyError:
                compiled = templates[shape] = _template(shape)
            if compiled is not None and not careful:
                for i in compiled[1]:  # _fits for texts without line breaks, inline: thousands of items
                    text = texts[i]
                    if not text or text.rstrip() is not text:
                        break
                else:
                    if not compiled[2] or _fits(texts, compiled) is not None:
                        lines.append(compiled[0])
                        values += texts
                        continue
            elif compiled is not None:
                blocks = _fits(texts, compiled)
                if blocks is not None:
                    for i, block_text in blocks.items():
                        holes.blocks[len(values) + i] = block_text
                    lines.append(compiled[0])
                    values += texts
                    continue
        marker = f"{n}. " if block.ordered else "- "
        lines.append(_item(item, marker, " " * len(marker)).replace("%", "%%"))
    return "\n".join(lines)


def _list(block: ItemList) -> str:
    holes = _Holes()
    return holes.fill([_list_part(block, holes)], "")


def render_markdown(doc: Document) -> str:
    holes = _Holes()
    parts: list[str | tuple[str, int, int]] = []
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
            parts.append(_list_part(block, holes))
        elif isinstance(block, Table):
            parts.append(_table(block))
    parts.append("---")
    parts.append(f"*{md_inline(doc.footer)}*")
    if doc.marking:
        parts.append(f"**{md_inline(doc.marking)}**")
    parts[-1] += "\n"
    return holes.fill(parts, "\n\n")

"""The oppsummeringsnotat as one self-contained HTML file, ready for a browser's «print to PDF».

No scripts and no external resources (a Content-Security-Policy forbids both, as a second line of
defence behind the escaping). Print styles give A4 pages, a page break before the evaluation, headings
kept with what follows, table headers repeated on each page, page numbers, and a running header on every
page (CSS paged-media margin boxes) with the marking when the scenario is exempt from public access; the
marking also opens the first page.
"""

from __future__ import annotations

from ovelse.report.escape import HTML_SPECIAL, escape_all, html_block, html_text
from ovelse.report.layout import (
    AnyItem,
    Document,
    FilledItem,
    Heading,
    ItemList,
    ItemShape,
    PageBreak,
    Para,
    Run,
    Table,
    probe,
    template,
)

_CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --line: #c8c8c8; --accent: #1f4e79; --mark: #a4000f; }
* { box-sizing: border-box; }
html { font-family: "Source Sans 3", "Segoe UI", Calibri, Arial, sans-serif; color: var(--ink);
       font-size: 11pt; line-height: 1.4; }
body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; color: var(--accent); margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 0.15rem;
     margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 1.1rem 0 0.3rem; }
p { margin: 0.35rem 0 0.6rem; }
blockquote { margin: 0.4rem 0 0.6rem; padding: 0.2rem 0.8rem; border-left: 3px solid var(--line);
             color: var(--muted); }
ul, ol { margin: 0.3rem 0 0.8rem; padding-left: 1.4rem; }
li { margin: 0.25rem 0; }
ul.sub { list-style: none; padding-left: 0.9rem; margin: 0.1rem 0 0.3rem; font-size: 0.95em; }
ul.sub > li { margin: 0.05rem 0; }
del { text-decoration-thickness: 1px; color: var(--muted); }
.muted { color: var(--muted); font-size: 0.92em; }
p.small { font-size: 0.88em; color: var(--muted); }
.marking { border: 2px solid var(--mark); color: var(--mark); font-weight: 700; text-align: center;
           padding: 0.35rem 0.6rem; margin: 0 0 1rem; letter-spacing: 0.02em; }
.warning { border-left: 4px solid #b35c00; background: #fff4e5; padding: 0.4rem 0.7rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.95em; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
thead th { background: #eef3f8; }
table.facts th { width: 14rem; background: #f6f6f6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.bar { width: 30%; }
td.bar span { display: block; height: 0.8em; background: var(--accent); min-width: 1px; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 0.5rem; color: var(--muted);
         font-size: 0.85em; }
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  .page-break { break-after: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, li, blockquote, .marking, .warning { break-inside: avoid; }
  thead { display: table-header-group; }
  td.bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .marking { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def css_string(text: str) -> str:
    """A CSS string literal; everything but letters, digits and a few safe signs is hex-escaped,
    so no text can end the string or the style element."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,:;–§«»()/":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def _page_css(doc: Document) -> str:
    color = "var(--mark)" if doc.marking else "var(--muted)"
    weight = "700" if doc.marking else "400"
    return (
        "@page { @top-center { content: "
        + css_string(doc.running_header)
        + f"; font-size: 8pt; color: {color}; font-weight: {weight}; }}\n"
        '  @bottom-right { content: "Side " counter(page) " av " counter(pages); font-size: 8pt; '
        "color: var(--muted); } }\n"
    )


def _runs(items: list[Run]) -> str:
    out = []
    for text, style in items:
        text = html_block(text)
        if not style:
            out.append(text)
            continue
        if "m" in style:
            text = f'<span class="muted">{text}</span>'
        if "s" in style:
            text = f"<del>{text}</del>"
        if "i" in style:
            text = f"<em>{text}</em>"
        if "b" in style:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _item(item: AnyItem) -> str:
    if not item.sub:
        return f"<li>{_runs(item.runs)}</li>"
    subs = "".join(f"<li>{_runs(s)}</li>" for s in item.sub)
    return f'<li>{_runs(item.runs)}<ul class="sub">{subs}</ul></li>'


def _list_part(
    block: ItemList, values: list[str], templates: dict[ItemShape, str | None]
) -> tuple[str, int, int]:
    """The list as a %-format and the range of its texts in ``values`` (escaped all at once at the end):
    filled-in items come from their shape's template, other items are rendered here, «%» doubled."""
    start = len(values)
    items = []
    for item in block.items:
        if type(item) is FilledItem:
            try:
                fmt = templates[item.shape]
            except KeyError:
                fmt = templates[item.shape] = template(_item(probe(item.shape)), item.shape.holes)
            if fmt is not None:
                items.append(fmt)
                values += item.values
                continue
        items.append(_item(item).replace("%", "%%"))
    tag = "ol" if block.ordered else "ul"
    return f"<{tag}>" + "\n".join(items) + f"</{tag}>", start, len(values)


def _table(table: Table) -> str:
    numeric = table.numeric
    parts = ['<table class="facts">' if table.key_value else "<table>"]
    if not table.key_value:
        heads = "".join(
            (
                f'<th scope="col" class="num">{html_text(h)}</th>'
                if i in numeric
                else f'<th scope="col">{html_text(h)}</th>'
            )
            for i, h in enumerate(table.header)
        )
        if table.bars is not None:
            heads += '<th scope="col"><span class="muted">Andel</span></th>'
        parts.append(f"<thead><tr>{heads}</tr></thead>")
    parts.append("<tbody>")
    for r, row in enumerate(table.rows):
        cells = []
        for i, cell in enumerate(row):
            if table.key_value and i == 0:
                cells.append(f'<th scope="row">{_runs(cell)}</th>')
            else:
                cells.append(
                    f'<td class="num">{_runs(cell)}</td>' if i in numeric else f"<td>{_runs(cell)}</td>"
                )
        if table.bars is not None:
            width = max(0.0, min(1.0, table.bars[r])) * 100
            cells.append(f'<td class="bar"><span style="width:{width:.0f}%"></span></td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def render_html(doc: Document, generator: str) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="nb">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{html_text(generator)}">',
        f"<title>{html_text(doc.title)}</title>",
        "<style>" + _CSS + _page_css(doc) + "</style>",
        "</head>",
        "<body>",
    ]
    if doc.marking:
        out.append(f'<div class="marking" role="note">{html_text(doc.marking)}</div>')
    out.append("<main>")
    # Lists are %-formats, filled in with their texts (escaped all at once) at the end.
    parts: list[str | tuple[str, int, int]] = list(out)
    values: list[str] = []
    templates: dict[ItemShape, str | None] = {}
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{html_text(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            if block.kind == "quote":
                parts.append(f"<blockquote><p>{_runs(block.runs)}</p></blockquote>")
            elif block.kind == "warning":
                parts.append(f'<p class="warning" role="alert">{_runs(block.runs)}</p>')
            elif block.kind == "small":
                parts.append(f'<p class="small">{_runs(block.runs)}</p>')
            else:
                parts.append(f"<p>{_runs(block.runs)}</p>")
        elif isinstance(block, ItemList):
            parts.append(_list_part(block, values, templates))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, PageBreak):
            parts.append('<div class="page-break"></div>')
    parts.append("</main>")
    parts.append(f"<footer><p>{html_text(doc.footer)}</p>")
    if doc.marking:
        parts.append(f'<div class="marking">{html_text(doc.marking)}</div>')
    parts.append("</footer>")
    parts.append("</body>")
    parts.append("</html>\n")
    escaped = escape_all(values, html_block, HTML_SPECIAL)
    return "\n".join(
        [part if type(part) is str else part[0] % tuple(escaped[part[1] : part[2]]) for part in parts]
    )

"""The oppsummeringsnotat as a Word document (.docx) with real headings, lists and tables.

python-docx gives the package, styles, page header and footer. The body is written as WordprocessingML
text and spliced into the saved package in place of a placeholder paragraph: adding thousands of
paragraphs through python-docx's object API is quadratic (each insert searches the body), and even
parsing and re-serialising the body would take most of the time budget of a 5,000-entry export.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ovelse.report.layout import (
    Document,
    Heading,
    ItemList,
    PageBreak,
    Para,
    Run,
    Table,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARK_COLOR = "A4000F"
ACCENT = "1F4E79"
TEXT_WIDTH = 9638  # twentieths of a point: A4 (210 mm) minus 2 × 20 mm margins
_HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(run: Run, extra: str = "") -> str:
    text, style = run
    props = extra
    if style:
        if "b" in style:
            props += "<w:b/>"
        if "i" in style:
            props += "<w:i/>"
        if "s" in style:
            props += "<w:strike/>"
        if "m" in style:
            props += '<w:color w:val="5B5B5B"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if "&" in text or "<" in text or ">" in text:
        text = _x(text)
    if "\n" in text:
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(text.split("\n"))
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(runs: list[Run], style: str | None = None, ppr_extra: str = "", rpr_extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr_extra
    return (f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}"
            + "".join(_run(r, rpr_extra) for r in runs) + "</w:p>")


def _table(table: Table) -> str:
    if table.key_value:
        weights = [3, 7]
    else:
        weights = [1 if i in table.numeric else 3 for i in range(len(table.header))]
        if table.bars is not None:
            weights.append(3)
    total = sum(weights)
    widths = [TEXT_WIDTH * w // total for w in weights]
    out = [('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>')]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")

    def cell(content: str, width: int, shade: str | None = None) -> str:
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>{content}</w:tc>'

    def align(i: int) -> str:
        return '<w:jc w:val="right"/>' if i in table.numeric else ""

    spacing = '<w:spacing w:before="0" w:after="0"/>'
    if not table.key_value:
        heads = list(table.header) + (["Andel"] if table.bars is not None else [])
        out.append("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>")
        out += [cell(_para([(h, "b")], None, spacing + align(i)), widths[i], "EEF3F8")
                for i, h in enumerate(heads)]
        out.append("</w:tr>")
    for r, row in enumerate(table.rows):
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for i, content in enumerate(row):
            shade = "F6F6F6" if table.key_value and i == 0 else None
            out.append(cell(_para(content, None, spacing + align(i)), widths[i], shade))
        if table.bars is not None:
            n = max(0, round(table.bars[r] * 20))
            bar = _para([("█" * n, "")], None, spacing, f'<w:color w:val="{ACCENT}"/><w:sz w:val="16"/>')
            out.append(cell(bar, widths[-1]))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    # An empty paragraph after a table keeps two tables from merging and gives some air.
    return "".join(out) + _para([], None, '<w:spacing w:before="0" w:after="60"/>')


def _body(doc: Document) -> str:
    out = []
    if doc.marking:
        border = ('<w:pBdr>' + "".join(f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{MARK_COLOR}"/>'
                                        for side in ("top", "left", "bottom", "right")) + "</w:pBdr>")
        out.append(_para([(doc.marking, "b")], None, border + '<w:jc w:val="center"/>',
                         f'<w:color w:val="{MARK_COLOR}"/>'))
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(_para([(block.text, "")], _HEADING_STYLES.get(block.level, "Heading4")))
        elif isinstance(block, Para):
            if block.kind == "quote":
                out.append(_para(block.runs, "Quote"))
            elif block.kind == "warning":
                out.append(_para(block.runs, None, '<w:shd w:val="clear" w:color="auto" w:fill="FFF4E5"/>'))
            elif block.kind == "small":
                out.append(_para(block.runs, None, "", '<w:sz w:val="18"/>'))
            else:
                out.append(_para(block.runs))
        elif isinstance(block, ItemList):
            for n, item in enumerate(block.items, 1):
                runs = ([(f"{n}. ", "")] + item.runs) if block.ordered else item.runs
                out.append(_para(runs, "ListBullet"))
                out += [_para(sub, "ListBullet2") for sub in item.sub]
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, PageBreak):
            out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    out.append(_para([(doc.footer, "m")], None, '<w:spacing w:before="240"/>', '<w:sz w:val="16"/>'))
    return "".join(out)


def _field(instr: str) -> str:
    return (f'<w:fldSimple xmlns:w="{W_NS}" w:instr="{instr}"><w:r><w:rPr><w:sz w:val="16"/></w:rPr>'
            '<w:t>1</w:t></w:r></w:fldSimple>')


def render_docx(doc: Document, *, title: str, created: datetime, generator: str) -> bytes:
    d = docx.Document()
    # Norwegian bokmål for spelling and hyphenation.
    rpr_default = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = rpr_default.makeelement(qn("w:lang"), {})
        rpr_default.append(lang)
    lang.set(qn("w:val"), "nb-NO")
    d.styles["Normal"].font.size = Pt(10.5)
    for level in (1, 2, 3, 4):
        d.styles[f"Heading {level}"].font.color.rgb = RGBColor.from_string(ACCENT)

    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)

    header = section.header.paragraphs[0]
    run = header.add_run(doc.running_header)
    run.font.size = Pt(8)
    if doc.marking:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(MARK_COLOR)
    footer = section.footer.paragraphs[0]
    footer.alignment = 2  # right
    small = footer.add_run("Side ")
    small.font.size = Pt(8)
    footer._p.append(parse_xml(_field("PAGE")))
    footer.add_run(" av ").font.size = Pt(8)
    footer._p.append(parse_xml(_field("NUMPAGES")))

    body = d.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    body.sectPr.addprevious(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{_PLACEHOLDER}</w:t></w:r></w:p>'))

    props = d.core_properties
    props.title = title
    props.subject = "Oppsummeringsnotat fra diskusjonsøvelse"
    props.author = generator
    props.last_modified_by = generator
    props.category = "Oppsummeringsnotat"
    props.keywords = doc.marking or ""
    props.language = "nb-NO"
    props.comments = doc.footer
    props.created = props.modified = created.replace(tzinfo=None)
    props.revision = 1
    skeleton = io.BytesIO()
    d.save(skeleton)
    return _with_body(skeleton.getvalue(), _body(doc))


_PLACEHOLDER = "OVELSE-BODY-7f3a"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _with_body(package: bytes, body: str) -> bytes:
    """The package with the placeholder paragraph in word/document.xml replaced by ``body``.

    Splicing the text avoids parsing and re-serialising a large tree; fixed timestamps in the zip
    make the same report give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                mark = text.index(_PLACEHOLDER)
                start = max(text.rfind("<w:p>", 0, mark), text.rfind("<w:p ", 0, mark))
                end = text.index("</w:p>", mark) + len("</w:p>")
                data = (text[:start] + body + text[end:]).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data, compresslevel=1 if len(data) > 1 << 20 else 6)
    return out.getvalue()

"""The oppsummeringsnotat as a Word document (.docx), made with python-docx's public API.

Real headings (kept with the next paragraph, so none is left alone at the foot of a page), bulleted
and numbered lists, tables with column widths from their content and a header row repeated on each
page, a page header with the marking and «Side n av m» in the footer, and document properties that say
what the document is (title, subject, author, keywords, language, application «ovelse»).

python-docx has no API for a few things, which are made with its documented ``OxmlElement`` helper:
the PAGE/NUMPAGES fields of the footer (never from user text), «repeat header row», and the document
language. The package python-docx saves is then tidied with :mod:`zipfile`: the template's thumbnail
and its «Microsoft Macintosh Word» application properties are replaced, and every member gets a fixed
time so that the same report gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape as xml_escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ovelse.i18n import LANGUAGE_TAGS, _
from ovelse.report.layout import Document, Heading, ItemList, Para, Run, Table, plain_text

MARK = RGBColor(0xA4, 0x00, 0x0F)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x59, 0x59, 0x59)
TEXT_WIDTH = Mm(210 - 2 * 20)
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip member times: the bytes depend on the report only

# The styles a report uses; the template's other 150 are removed (Word's style list stays short, and
# python-docx looks styles up by scanning them all).
_KEEP_STYLES = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Bullet 2",
    "List Number",
    "Quote",
    "Table Grid",
    "Header",
    "Footer",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
}


class _Styles:
    """The paragraph and character styles of one document, looked up once."""

    def __init__(self, d: DocxDocument) -> None:
        for style in list(d.styles):
            if style.name not in _KEEP_STYLES:
                style.delete()
        styles = d.styles
        normal = styles["Normal"]
        assert isinstance(normal, ParagraphStyle)
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        for level in (1, 2, 3):
            heading = styles[f"Heading {level}"]
            assert isinstance(heading, ParagraphStyle)
            heading.font.color.rgb = ACCENT
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.page_break_before = False
        self.headings = {level: styles[f"Heading {level}"] for level in (1, 2, 3)}
        self.title = styles["Title"]
        self.bullet = styles["List Bullet"]
        self.bullet2 = styles["List Bullet 2"]
        self.number = styles["List Number"]
        self.quote = styles["Quote"]
        self.grid = styles["Table Grid"]
        self.meta = self._paragraph(styles, "Meta", size=9.5, color=MUTED, italic=True, keep_with_next=True)
        self.small = self._paragraph(styles, "Small", size=9, color=MUTED)
        self.marking = self._paragraph(styles, "Marking", size=11, color=MARK, bold=True)
        self.warning = self._paragraph(styles, "Warning", size=10, color=RGBColor(0x8A, 0x46, 0x00))
        self.cell = self._paragraph(styles, "Table Text", size=9.5, space_after=0)

    @staticmethod
    def _paragraph(
        styles: object,
        name: str,
        *,
        size: float,
        color: RGBColor | None = None,
        bold: bool = False,
        italic: bool = False,
        keep_with_next: bool = False,
        space_after: float = 4,
    ) -> ParagraphStyle:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
        assert isinstance(style, ParagraphStyle)
        style.base_style = styles["Normal"]  # type: ignore[index]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        if color is not None:
            style.font.color.rgb = color
        style.paragraph_format.keep_with_next = keep_with_next
        style.paragraph_format.space_after = Pt(space_after)
        return style


class _Writer:
    """Writes blocks into the body. Paragraphs go in before ``tail``, an empty last paragraph: that is
    one step (``insert_paragraph_before``), where ``add_paragraph`` searches the whole body each time and
    makes a long report quadratic. A table is added at the end, after the tail, which then becomes the
    small spacer before the table (kept with it), and a new tail is added after the table."""

    def __init__(self, d: DocxDocument) -> None:
        self.d = d
        self.s = _Styles(d)
        self.tail = d.add_paragraph()

    def runs(self, p: Paragraph, items: list[Run]) -> None:
        for text, style in items:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                run = p.add_run(part)
                if i + 1 < len(parts):
                    run.add_break()
                if style == "m":  # direct colour: a character style costs a scan of all styles per run
                    run.font.color.rgb = MUTED
                elif style == "b":
                    run.bold = True
                elif style == "i":
                    run.italic = True
                elif style == "s":
                    run.font.strike = True

    def para(self, items: list[Run], style: ParagraphStyle | object) -> Paragraph:
        p = self.tail.insert_paragraph_before(style=style)  # type: ignore[arg-type]
        self.runs(p, items)
        return p

    def heading(self, block: Heading) -> None:
        style = self.s.title if block.level == 1 else self.s.headings[min(block.level, 3)]
        p = self.para([(block.text, "")], style)
        if block.new_page:
            p.paragraph_format.page_break_before = True

    def item_list(self, block: ItemList) -> None:
        """One list paragraph per item; its sub-lines (details, history) are lines of the same paragraph,
        so an entry never breaks from its details (and a long log needs a third of the paragraphs)."""
        style = self.s.number if block.ordered else self.s.bullet
        for item in block.items:
            p = self.para(item.runs, style)
            for line in item.sub:
                p.add_run().add_break()
                self.runs(p, [("\u2003", ""), *line])  # an em space indents the line under the text

    def table(self, block: Table) -> None:
        columns = len(block.header)
        spacer = self.tail
        spacer.style = self.s.small
        spacer.paragraph_format.keep_with_next = True
        table = self.d.add_table(rows=0, cols=columns)
        table.style = self.s.grid
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        widths = column_widths(block)
        for i, column in enumerate(table.columns):
            column.width = widths[i]
        # Rows are added one by one and their cells taken from the row: Table.cell(r, c) walks the whole
        # table each time, which is quadratic for a long table.
        if not block.key_value:
            row = table.add_row()
            _repeat_header(row)
            for i, (cell, text) in enumerate(zip(row.cells, block.header, strict=True)):
                self.cell(cell, i, [(text, "b")], block, widths, shade="EEF3F8")
        for cells in block.rows:
            row = table.add_row()
            for i, (cell, cell_runs) in enumerate(zip(row.cells, cells, strict=True)):
                bold = block.key_value and i == 0
                items: list[Run] = [(t, "b") for t, _s in cell_runs] if bold else cell_runs
                self.cell(cell, i, items, block, widths, shade="F6F6F6" if bold else None)
        self.tail = self.d.add_paragraph()

    def cell(
        self,
        cell: _Cell,
        column: int,
        items: list[Run],
        block: Table,
        widths: list[Length],
        shade: str | None = None,
    ) -> None:
        cell.width = widths[column]
        p = cell.paragraphs[0]
        p.style = self.s.cell
        if column in block.numeric:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.runs(p, items)
        if shade:
            _shade(cell, shade)

    def block(self, block: Heading | Para | ItemList | Table) -> None:
        s = self.s
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Para):
            style = {
                "quote": s.quote,
                "quote-se": s.quote,
                "meta": s.meta,
                "small": s.small,
                "marking": s.marking,
                "warning": s.warning,
            }.get(block.kind)
            self.para(block.runs, style)
        elif isinstance(block, ItemList):
            self.item_list(block)
        else:
            self.table(block)


def column_widths(block: Table) -> list[Length]:
    """Column widths from the content: each column gets at least its longest word (no word is broken)
    and the room left in proportion to how much longer its longest text is, up to what it needs."""
    columns = len(block.header)
    rows = [[plain_text(cell) for cell in row] for row in block.rows]
    rows.append(list(block.header))
    # Widths in average characters of the table text, plus the cell padding on both sides; bold
    # headers are wider.
    need = [
        max(
            max((len(w) * 1.15 for row in rows[:-1] if i < len(row) for w in row[i].split()), default=1),
            max((len(w) * 1.3 for w in block.header[i].split()), default=1),
        )
        + 2
        for i in range(columns)
    ]
    want = [
        max(max((len(row[i]) for row in rows if i < len(row)), default=1) + 2, need[i])
        for i in range(columns)
    ]
    room = 88.0  # about this many characters of 9.5 pt text fit across the page
    extra = [want[i] - need[i] for i in range(columns)]
    spare = room - sum(need)
    if spare <= 0 or not sum(extra):
        shares = need if spare <= 0 else [n + spare / columns for n in need]
    elif sum(extra) <= spare:  # everything fits on one line: share out what is left by need
        shares = [want[i] + (spare - sum(extra)) * want[i] / sum(want) for i in range(columns)]
    else:
        shares = [need[i] + spare * extra[i] / sum(extra) for i in range(columns)]
    total = sum(shares)
    return [Length(int(TEXT_WIDTH * share / total)) for share in shares]


def _repeat_header(row: object) -> None:
    """Mark a table row as the header repeated on every page (no python-docx API for it)."""
    tr = row._tr  # type: ignore[attr-defined]
    tr_pr = tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A PAGE or NUMPAGES field (a fixed instruction, never text from a report)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(code)
    run._r.append(end)


def _page_setup(d: DocxDocument, doc: Document) -> None:
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(doc.running_header)
    run.font.size = Pt(8)
    run.font.color.rgb = MARK if doc.marking else MUTED
    run.bold = bool(doc.marking)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = _("Side {page} av {pages}")
    before, _sep, rest = page.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    if doc.marking:
        mark = footer.add_run(doc.marking + "    ")
        mark.bold = True
        mark.font.color.rgb = MARK
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)
    for run in footer.runs:
        run.font.size = Pt(8)


def _language(d: DocxDocument, tag: str) -> None:
    """The document's language (spelling and hyphenation in Word), on the Normal style."""
    normal = d.styles["Normal"]
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    r_pr.append(lang)


def render_docx(doc: Document, *, created: datetime, generator: str) -> bytes:
    d = docx.Document()
    writer = _Writer(d)
    tag = LANGUAGE_TAGS.get(doc.language, "nb-NO")
    _language(d, tag)
    _page_setup(d, doc)
    for block in doc.blocks:
        writer.block(block)
    props = d.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.keywords = ", ".join(doc.keywords)
    props.language = tag
    props.comments = doc.running_header
    props.category = _("Oppsummeringsnotat")
    props.last_modified_by = generator
    props.revision = 1
    props.created = props.modified = created.replace(microsecond=0)
    out = io.BytesIO()
    d.save(out)
    return _tidy_package(out.getvalue(), generator)


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>{version}</AppVersion></Properties>"
)
_THUMBNAIL = "docProps/thumbnail.jpeg"


def _tidy_package(data: bytes, generator: str) -> bytes:
    """python-docx's package with our application properties, without the template's thumbnail, and with
    fixed member times (see the module docstring)."""
    name, _sep, version = generator.partition(" ")
    major_minor = ".".join([*version.split("."), "0", "0"][:2]).zfill(5)  # AppVersion is «XX.YYYY»
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == _THUMBNAIL:
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = _APP_XML.format(
                    application=xml_escape(name), version=xml_escape(major_minor)
                ).encode()
            elif info.filename == "_rels/.rels":
                content = _without_thumbnail_relationship(content)
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            member = zipfile.ZipInfo(info.filename, FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, content)
    return out.getvalue()


def _without_thumbnail_relationship(rels: bytes) -> bytes:
    from xml.etree import ElementTree

    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    ElementTree.register_namespace("", ns)
    root = ElementTree.fromstring(rels)
    for rel in list(root):
        if rel.get("Target") == _THUMBNAIL:
            root.remove(rel)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ElementTree.tostring(root)

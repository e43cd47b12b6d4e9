"""The oppsummeringsnotat as a Word document (.docx) with real headings, lists and tables.

python-docx gives the package, styles, page header and footer. The body is written as WordprocessingML
text and spliced into the package in place of a placeholder paragraph: adding thousands of paragraphs
through python-docx's object API is quadratic (each insert searches the body), and even parsing and
re-serialising the body would take most of the time budget of a 5,000-entry export.

The package python-docx makes is the same for every report but for its page header and document
properties, so it is kept (made by python-docx, see ``write_template``) in ``word-template.zip`` with
its members already compressed; a report copies them, makes those two small parts from their stored
start with python-docx, and compresses only the body (in a second thread as it is made). Without a
template for the installed python-docx the whole package is made with python-docx, with the same bytes.
"""

from __future__ import annotations

import io
import itertools
import json
import queue
import struct
import sys
import threading
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ovelse.report.escape import escape_all_encoded
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
    hole,
    probe,
    template,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARK_COLOR = "A4000F"
ACCENT = "1F4E79"
TEXT_WIDTH = 9638  # twentieths of a point: A4 (210 mm) minus 2 × 20 mm margins
_HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TEXT_SPECIAL = "&<>\n"  # what _text changes


def _text(text: str) -> str:
    """Text for inside ``<w:t>``: escaped, with line breaks as ``<w:br/>``."""
    if "&" in text or "<" in text or ">" in text:
        text = _x(text)
    return text.replace("\n", _BREAK) if "\n" in text else text


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
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _para(runs: list[Run], style: str | None = None, ppr_extra: str = "", rpr_extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr_extra
    return (
        f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}"
        + "".join(_run(r, rpr_extra) for r in runs)
        + "</w:p>"
    )


def _table(table: Table) -> str:
    if table.key_value:
        weights = [3, 7]
    else:
        weights = [1 if i in table.numeric else 3 for i in range(len(table.header))]
        if table.bars is not None:
            weights.append(3)
    total = sum(weights)
    widths = [TEXT_WIDTH * w // total for w in weights]
    out = [
        (
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        )
    ]
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
        out += [
            cell(_para([(h, "b")], None, spacing + align(i)), widths[i], "EEF3F8")
            for i, h in enumerate(heads)
        ]
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


def _item(item: AnyItem) -> str:
    return _para(item.runs, "ListBullet") + "".join(_para(sub, "ListBullet2") for sub in item.sub)


def _body(doc: Document) -> bytes:
    return b"".join(_body_chunks(doc))


_CHUNK_TEXTS = 3000  # texts of list items per chunk of the body (some hundred kilobytes)


def _body_chunks(doc: Document) -> Iterator[bytes]:
    """The body's paragraphs and tables as UTF-8, a chunk at a time so that they can be compressed as
    they come (the text is megabytes: made as bytes rather than encoded afterwards).

    A chunk is made as a %-format: filled-in list items come from their shape's template and take their
    texts, escaped and encoded all at once; everything else is rendered here, with «%» doubled."""
    values: list[str] = []
    formats: list[bytes] = []
    templates: dict[ItemShape, bytes | None] = {}
    paras: dict[tuple[tuple[Run, ...], str | None, str, str], bytes] = {}
    single_runs: dict[tuple[str, str | None, str, str], bytes | None] = {}

    def add(xml: str) -> None:
        formats.append(xml.replace("%", "%%").encode())

    def para(runs: list[Run], style: str | None = None, ppr_extra: str = "", rpr_extra: str = "") -> None:
        """Add _para. A paragraph of one run comes from a template for its styles, with the text as a hole;
        the same paragraph of more runs is made once."""
        if len(runs) == 1 and type(runs[0][0]) is str:
            key = (runs[0][1], style, ppr_extra, rpr_extra)
            try:
                fmt = single_runs[key]
            except KeyError:
                compiled = template(_para([(hole(), runs[0][1])], style, ppr_extra, rpr_extra), 1)
                fmt = single_runs[key] = None if compiled is None else compiled.encode()
            if fmt is not None:
                formats.append(fmt)
                values.append(runs[0][0])
                return
        key = (tuple(runs), style, ppr_extra, rpr_extra)
        xml = paras.get(key)
        if xml is None:
            xml = paras[key] = _para(runs, style, ppr_extra, rpr_extra).replace("%", "%%").encode()
        formats.append(xml)

    def chunk() -> bytes:
        text = b"".join(formats) % tuple(escape_all_encoded(values, _text, _TEXT_SPECIAL))
        values.clear()
        formats.clear()
        return text

    if doc.marking:
        border = (
            "<w:pBdr>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{MARK_COLOR}"/>'
                for side in ("top", "left", "bottom", "right")
            )
            + "</w:pBdr>"
        )
        add(
            _para(
                [(doc.marking, "b")],
                None,
                border + '<w:jc w:val="center"/>',
                f'<w:color w:val="{MARK_COLOR}"/>',
            )
        )
    for block in doc.blocks:
        if isinstance(block, Heading):
            para([(block.text, "")], _HEADING_STYLES.get(block.level, "Heading4"))
        elif isinstance(block, Para):
            if block.kind == "quote":
                para(block.runs, "Quote")
            elif block.kind == "warning":
                para(block.runs, None, '<w:shd w:val="clear" w:color="auto" w:fill="FFF4E5"/>')
            elif block.kind == "small":
                para(block.runs, None, "", '<w:sz w:val="18"/>')
            else:
                para(block.runs)
        elif isinstance(block, ItemList):
            _add_list(block, formats, values, templates)
            if len(values) > _CHUNK_TEXTS:
                yield chunk()
        elif isinstance(block, Table):
            add(_table(block))
        elif isinstance(block, PageBreak):
            formats.append(b'<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    add(_para([(doc.footer, "m")], None, '<w:spacing w:before="240"/>', '<w:sz w:val="16"/>'))
    yield chunk()


def _add_list(
    block: ItemList, formats: list[bytes], values: list[str], templates: dict[ItemShape, bytes | None]
) -> None:
    """Add the list's paragraphs to ``formats`` (UTF-8 %-formats) and their texts to ``values``."""
    for n, item in enumerate(block.items, 1):
        if block.ordered:
            formats.append(
                (
                    _para([(f"{n}. ", ""), *item.runs], "ListBullet")
                    + "".join(_para(sub, "ListBullet2") for sub in item.sub)
                )
                .replace("%", "%%")
                .encode()
            )
            continue
        if type(item) is FilledItem:
            shape, texts = item
            try:
                fmt = templates[shape]
            except KeyError:
                compiled = template(_item(probe(shape)), shape.holes)
                fmt = templates[shape] = None if compiled is None else compiled.encode()
            if fmt is not None:
                formats.append(fmt)
                values += texts
                continue
        formats.append(_item(item).replace("%", "%%").encode())


def _field(instr: str) -> str:
    return (
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr="{instr}"><w:r><w:rPr><w:sz w:val="16"/></w:rPr>'
        "<w:t>1</w:t></w:r></w:fldSimple>"
    )


def render_docx(doc: Document, *, title: str, created: datetime, generator: str) -> bytes:
    body = _body_chunks(doc)
    template = _read_template()
    if template is None:  # no template for this python-docx: build the whole package with python-docx
        d = docx.Document()
        _set_up(d)
        _write_running_header(d.sections[0].header.paragraphs[0], doc)
        _set_properties(d.core_properties, doc, title=title, created=created, generator=generator)
        return _zip([_member(name, data, body) for name, data in _members(d)])
    entries = []
    for name, data in template:
        if name == "docProps/core.xml":
            props = parse_xml(data)
            _set_properties(CoreProperties(props), doc, title=title, created=created, generator=generator)
            data = serialize_part_xml(props)
        elif name == "word/header1.xml":
            header = parse_xml(data)
            _write_running_header(DocxParagraph(header.p_lst[0], None), doc)
            data = serialize_part_xml(header)
        entries.append(data if type(data) is _Stored else _member(name, data, body))
    return _zip(entries)


def _set_up(d: docx.document.Document) -> None:
    """Everything about the package that is the same for every report: styles, page, page footer, the
    (empty) page header and the placeholder for the body."""
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

    _ = section.header.paragraphs[0]  # makes the page header part, before the footer part (as always)
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
    body.sectPr.addprevious(
        parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{_PLACEHOLDER.decode()}</w:t></w:r></w:p>')
    )


def _write_running_header(header: DocxParagraph, doc: Document) -> None:
    run = header.add_run(doc.running_header)
    run.font.size = Pt(8)
    if doc.marking:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(MARK_COLOR)


def _set_properties(
    props: CoreProperties, doc: Document, *, title: str, created: datetime, generator: str
) -> None:
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


_PLACEHOLDER = b"OVELSE-BODY-7f3a"


class _Members:
    """Collects the members of a package as python-docx writes them (a stand-in for its zip writer)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _members(d: docx.document.Document) -> list[tuple[str, bytes]]:
    """The package's members (name and content) in the order python-docx saves them, without zipping
    them only to read them back."""
    try:
        package = d.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        members = _Members()
        PackageWriter._write_content_types_stream(members, parts)
        PackageWriter._write_pkg_rels(members, package.rels)
        PackageWriter._write_parts(members, parts)
        return members.items
    except AttributeError:  # pragma: no cover - another python-docx: save it and read it back
        saved = io.BytesIO()
        d.save(saved)
        with zipfile.ZipFile(saved) as z:
            return [(info.filename, z.read(info)) for info in z.infolist()]


# -- the zip -----------------------------------------------------------------------------------
#
# Written here rather than with zipfile so that members from the template are copied as they are stored,
# already compressed, and the body is compressed without first being spliced into one string. The bytes
# are those zipfile writes for ``writestr(ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
# compresslevel=1 if len(data) > 1 MiB else 6)`` with ZIP_DEFLATED, which the first versions used: fixed
# timestamps make the same report give the same bytes.


class _Stored(tuple[str, int, int, bytes]):
    """A member ready for the zip: name, CRC-32, size, and its data compressed (raw deflate)."""

    __slots__ = ()


_BIG = 1 << 20  # larger members are compressed at level 1, smaller ones at 6


def _compressed(name: str, chunks: Iterable[bytes]) -> _Stored:
    """The member made of ``chunks`` (one after the other), compressed. Once it is clear that the member
    is large, its chunks are compressed in a second thread as they come (zlib lets go of the GIL), while
    this one makes the next; the CRC is worked out here, which lets the other thread in."""
    held: list[bytes] = []
    size = crc = 0
    deflater = None
    try:
        for chunk in chunks:
            size += len(chunk)
            if deflater is None:
                held.append(chunk)
                if size > _BIG:
                    deflater = _Deflater(1)
                    for piece in held:
                        deflater.put(piece)
                        crc = zlib.crc32(piece, crc)
                    held = []
            else:
                deflater.put(chunk)
                crc = zlib.crc32(chunk, crc)
    finally:
        data = deflater.close() if deflater is not None else None
    if data is not None:
        return _Stored((name, crc, size, data))
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    out = []
    for chunk in held:
        crc = zlib.crc32(chunk, crc)
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return _Stored((name, crc, size, b"".join(out)))


class _Deflater:
    """Raw deflate of a stream of chunks, in a thread of its own."""

    def __init__(self, level: int) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._chunks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._out: list[bytes] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ovelse-docx-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (chunk := self._chunks.get()) is not None:
                self._out.append(self._compressor.compress(chunk))
            self._out.append(self._compressor.flush())
        except BaseException as exc:
            self._error = exc
            while self._chunks.get() is not None:
                pass

    def put(self, chunk: bytes) -> None:
        self._chunks.put(chunk)

    def close(self) -> bytes:
        """The compressed data, once every chunk put is compressed."""
        self._chunks.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return b"".join(self._out)


def _member(name: str, data: bytes, body: Iterable[bytes]) -> _Stored:
    """A member compressed; word/document.xml with the placeholder paragraph replaced by ``body`` (spliced
    as text: parsing and re-serialising a large tree would cost far more)."""
    if name != "word/document.xml":
        return _compressed(name, [data])
    mark = data.index(_PLACEHOLDER)
    start = max(data.rfind(b"<w:p>", 0, mark), data.rfind(b"<w:p ", 0, mark))
    end = data.index(b"</w:p>", mark) + len(b"</w:p>")
    return _compressed(name, itertools.chain([data[:start]], body, [data[end:]]))


_DOS_TIME, _DOS_DATE = 0, 1 << 5 | 1  # 1980-01-01 00:00:00
_CREATE_SYSTEM = 0 if sys.platform == "win32" else 3  # as zipfile has it
_EXTERNAL_ATTR = 0o600 << 16


def _zip(members: list[_Stored]) -> bytes:
    out, central, offset = [], [], 0
    for name, crc, size, data in members:
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), 0x800
        common = (
            20,
            0,
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(data),
            size,
            len(filename),
            0,
        )
        out += [struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *common), filename, data]
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, _CREATE_SYSTEM, *common, 0, 0, 0, _EXTERNAL_ATTR, offset
            )
            + filename
        )
        offset += 30 + len(filename) + len(data)
    directory = b"".join(central)
    out += [
        directory,
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0),
    ]
    return b"".join(out)


# -- the template -------------------------------------------------------------------------------
#
# Building the package with python-docx (opening its default template, parsing and re-serialising its
# styles, compressing them) takes longer than the rest of a large export. The package it gives is the
# same for every report but for two small parts, so it is kept, made by python-docx and compressed, in
# word-template.zip (``python -m ovelse.report.word`` makes it again): the report copies the members as
# they are and makes the page header and the document properties from their stored start with
# python-docx. The template is used only with the python-docx version that made it.

TEMPLATE_FILE = "word-template.zip"
_TEMPLATE_INFO = "ovelse-template.json"
_MADE_PER_REPORT = ("docProps/core.xml", "word/header1.xml", "word/document.xml")


def _read_template() -> list[tuple[str, bytes | _Stored]] | None:
    """The template's members, in order: those made per report as their stored start, the others ready."""
    try:
        data = resources.files("ovelse.report").joinpath(TEMPLATE_FILE).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if json.loads(z.read(_TEMPLATE_INFO)).get("python-docx") != docx.__version__:
                return None
            members: list[tuple[str, bytes | _Stored]] = []
            for info in infos:
                if info.filename == _TEMPLATE_INFO:
                    continue
                if info.filename in _MADE_PER_REPORT or info.compress_type != zipfile.ZIP_DEFLATED:
                    members.append((info.filename, z.read(info)))
                    continue
                start = (
                    info.header_offset + 30 + sum(struct.unpack_from("<HH", data, info.header_offset + 26))
                )
                members.append(
                    (
                        info.filename,
                        _Stored(
                            (
                                info.filename,
                                info.CRC,
                                info.file_size,
                                data[start : start + info.compress_size],
                            )
                        ),
                    )
                )
            return members
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, struct.error):
        return None


def write_template(path: Path) -> None:
    """Make the template with python-docx (see above), after checking that only the parts made per report
    depend on the report."""

    def members(doc: Document | None) -> list[tuple[str, bytes]]:
        d = docx.Document()
        _set_up(d)
        if doc is not None:
            _write_running_header(d.sections[0].header.paragraphs[0], doc)
            _set_properties(
                d.core_properties, doc, title="T & <t>", created=datetime(2026, 1, 2, 3, 4, 5), generator="g"
            )
        return _members(d)

    plain = members(None)
    for marking in (None, "Unntatt offentlighet"):
        filled = members(Document("T", marking, "Topp «x» & <y>", "Bunn", []))
        if [n for n, _ in filled] != [n for n, _ in plain] or any(
            a != b for (n, a), (_, b) in zip(plain, filled, strict=True) if n not in _MADE_PER_REPORT
        ):
            raise RuntimeError("python-docx changes more than the parts made per report")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in [*plain, (_TEMPLATE_INFO, json.dumps({"python-docx": docx.__version__}).encode())]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=1 if len(data) > 1 << 20 else 6)


if __name__ == "__main__":
    write_template(Path(__file__).with_name(TEMPLATE_FILE))

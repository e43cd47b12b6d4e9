"""The archive package (``--format arkiv``): one zip an archivist can import into a Noark 5 system.

Members: the report as PDF/A-2b (the main document), the JSON export and the journal itself (the
attachments), and ``arkivmelding.xml``, metadata built like KS Fiks Arkiv's «arkivmelding» (Noark 5):
one ``registrering`` of type ``journalpost`` with tittel, forfatter, dokumentets dato, journalposttype
X (organinternt notat uten oppfølging), klassering X20 (KS K-kode for beredskap), and for an exempt
report a ``skjerming`` with tilgangskode U and the skjermingshjemmel the scenario names; each file is a
``dokumentbeskrivelse`` with its size and SHA-256 checksum. Every text goes through ElementTree, which
escapes it. The XML has not been validated against the Fiks Arkiv XSD (the schema set, with its
metadatakatalog and arkivstruktur imports, is not shipped here); the element order follows it.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from ovelse.i18n import _
from ovelse.i18n.dates import iso_utc
from ovelse.report.errors import ExportError
from ovelse.report.layout import build_document
from ovelse.report.model import ReportData
from ovelse.session import JournalError
from ovelse.session.journalfile import open_journal_file, read_all

NAMESPACE = "http://www.arkivverket.no/standarder/noark5/arkivmelding/v2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CLASS_CODE = ("X20", "Beredskap")  # KS K-kode
JOURNAL_TYPE = ("X", "Organinternt dokument uten oppfølging")
ACCESS_CODE = ("U", "Unntatt offentlighet")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _File:
    name: str
    data: bytes
    title: str
    role: str  # H hoveddokument, V vedlegg
    format: str  # Noark 5 format code

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def render_archive(
    report: ReportData, journal: Path, *, progress: Callable[[str], None] | None = None
) -> bytes:
    from ovelse.report.jsondata import render_json
    from ovelse.report.pdf import render_pdf

    stem = Path(report.journal_file).stem
    pdf = render_pdf(build_document(report), report, progress=progress)
    files = [
        _File(f"{stem}.pdf", pdf, report.exercise.title, "H", "fmt/477"),  # PRONOM: PDF/A-2b
        _File(f"{stem}.json", render_json(report).encode("utf-8"), _("Rapportdata (JSON)"), "V", "fmt/817"),
        _File(report.journal_file, _journal_bytes(journal), _("Øvingsjournal (JSON Lines)"), "V", "fmt/817"),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for file in files:
            package.writestr(zipfile.ZipInfo(file.name, FIXED_TIME), file.data, zipfile.ZIP_DEFLATED)
        package.writestr(
            zipfile.ZipInfo("arkivmelding.xml", FIXED_TIME), arkivmelding(report, files), zipfile.ZIP_DEFLATED
        )
    return out.getvalue()


def _journal_bytes(journal: Path) -> bytes:
    """The journal exactly as it is on disk (read through the session's checked opener)."""
    try:
        fd = open_journal_file(journal, os.O_RDONLY, "lese journalen")
        try:
            return read_all(fd, journal)
        finally:
            os.close(fd)
    except JournalError as exc:
        raise ExportError.passed_on(exc) from None


def _code(parent: ET.Element, tag: str, value: tuple[str, str]) -> None:
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "kodeverdi").text = value[0]
    ET.SubElement(element, "kodebeskrivelse").text = value[1]


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def arkivmelding(report: ReportData, files: list[_File]) -> bytes:
    """The arkivmelding XML for the package's ``files``."""
    ET.register_namespace("xsi", XSI)
    x = report.exercise
    created = iso_utc(report.journal_created) or ""
    author = x.facilitator or x.municipality
    # Elements are written unqualified under a default namespace declared on the root.
    root = ET.Element("arkivmelding", {"xmlns": NAMESPACE})
    _text(root, "system", report.generator)
    _text(root, "meldingId", report.journal_id)
    _text(root, "tidspunkt", iso_utc(x.ended_at or x.last_at) or created)
    _text(root, "antallFiler", str(len(files)))
    post = ET.SubElement(root, "registrering", {f"{{{XSI}}}type": "journalpost"})
    _text(post, "opprettetDato", created)
    _text(post, "opprettetAv", author)
    if report.private:
        screening = ET.SubElement(post, "skjerming")
        _code(screening, "tilgangsrestriksjon", ACCESS_CODE)
        _text(screening, "skjermingshjemmel", report.legal_basis or "")
        _text(screening, "skjermingMetadata", "tittel")
    for number, file in enumerate(files, 1):
        description = ET.SubElement(post, "dokumentbeskrivelse")
        _code(
            description,
            "dokumenttype",
            ("RAPPORT", "Rapport") if file.role == "H" else ("VEDLEGG", "Vedlegg"),
        )
        _code(description, "dokumentstatus", ("F", "Dokumentet er ferdigstilt"))
        _text(description, "tittel", file.title)
        _text(description, "forfatter", author)
        _code(
            description,
            "tilknyttetRegistreringSom",
            ("H", "Hoveddokument") if file.role == "H" else ("V", "Vedlegg"),
        )
        _text(description, "dokumentnummer", str(number))
        obj = ET.SubElement(description, "dokumentobjekt")
        _text(obj, "versjonsnummer", "1")
        _code(obj, "variantformat", ("A", "Arkivformat"))
        _code(obj, "format", (file.format, file.name.rsplit(".", 1)[-1].upper()))
        _text(obj, "filnavn", file.name)
        _text(obj, "sjekksum", file.sha256)
        _text(obj, "sjekksumAlgoritme", "SHA256")
        _text(obj, "filstoerrelse", str(len(file.data)))
        _text(obj, "referanseDokumentfil", file.name)
    title = _("Oppsummeringsnotat: {title}").format(title=x.title)
    _text(post, "tittel", title)
    if report.private:
        _text(
            post,
            "offentligTittel",
            _("Oppsummeringsnotat etter øvelse, {municipality}").format(municipality=x.municipality),
        )
    _text(post, "beskrivelse", report.scenario.summary)
    for word in (_("diskusjonsøvelse"), _("beredskap"), report.scenario.title):
        _text(post, "noekkelord", word)
    _text(post, "forfatter", author)
    classification = ET.SubElement(post, "klassifikasjon")
    _text(classification, "klassifikasjonssystem", "K-kode")
    _text(classification, "klasseID", CLASS_CODE[0])
    _text(classification, "tittel", CLASS_CODE[1])
    key = ET.SubElement(post, "referanseEksternNoekkel")
    _text(key, "fagsystem", "ovelse")
    _text(key, "noekkel", report.journal_id)
    _code(post, "journalposttype", JOURNAL_TYPE)
    _code(post, "journalstatus", ("J", "Journalført"))
    _text(post, "dokumentetsDato", x.date.isoformat())
    _text(post, "antallVedlegg", str(len(files) - 1))
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml

"""PDF/A-2b structure (pikepdf), the marking and «Side n av m» on every page (pdftotext), and the archive
package (members, checksums, arkivmelding metadata, file mode)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
import pytest
from report_script import exempt_text, run_exercise
from system_tools import IN_LINUX_CI, file_mode, needs, needs_pango

from ovelse.report import build_report, export, read_journal, render

MARKING = "Unntatt offentlighet, jf. offl. § 24 tredje ledd"
NS = {"a": "http://www.arkivverket.no/standarder/noark5/arkivmelding/v2"}


@pytest.fixture(scope="module")
def exempt_journal(tmp_path_factory) -> Path:
    return run_exercise(tmp_path_factory.mktemp("exempt"), scenario_text=exempt_text())


@pytest.fixture(scope="module")
def exempt_pdf(exempt_journal) -> bytes:
    return render(build_report(read_journal(exempt_journal)), "pdf")


@needs_pango()
def test_pdf_is_pdf_a_2b_with_embedded_fonts_output_intent_language_and_bookmarks(exempt_pdf):
    pdf = pikepdf.open(io.BytesIO(exempt_pdf))
    meta = pdf.open_metadata()
    assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
    assert "Flomøvelse for kriseledelsen 2026" in str(meta.get("dc:title"))
    assert not pdf.is_encrypted
    root = pdf.Root
    assert str(root.Lang) == "nb-NO"
    intent = root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert "Flomøvelse for kriseledelsen 2026" in titles[0] or "Sammendrag" in str(
        [c.title for item in outline.root for c in item.children]
    )
    fonts = 0
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            fonts += 1
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
    assert fonts
    raw = exempt_pdf
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/Launch" not in raw


@needs_pango()
@needs("pdftotext", what="poppler-utils (pdftotext)")
def test_every_pdf_page_has_the_marking_and_its_page_number(exempt_pdf, tmp_path):
    source = tmp_path / "r.pdf"
    source.write_bytes(exempt_pdf)
    pages = len(pikepdf.open(source).pages)
    assert pages >= 3
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(source), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert MARKING in text, n
        assert f"Side {n} av {pages}" in text, n


@needs_pango()
def test_pdf_of_sami_text_keeps_every_letter(tmp_path):
    from report_script import sami_text

    report = build_report(read_journal(run_exercise(tmp_path, scenario_text=sami_text())))
    pdf = pikepdf.open(io.BytesIO(render(report, "pdf")))
    assert pdf.open_metadata().get("pdfaid:part") == "2"
    if shutil.which("pdftotext") or IN_LINUX_CI:
        path = tmp_path / "se.pdf"
        pdf.save(path)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "ŧ ž đ ŋ" in text and "Ruoksat várrehus" in text


def test_missing_pdf_library_gives_a_message_naming_the_package(monkeypatch, journal):
    import builtins

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    from ovelse.report import ExportError

    report = build_report(read_journal(journal))
    with pytest.raises(ExportError) as caught:
        render(report, "pdf")
    assert "Pango" in caught.value.message and "libpango-1.0-0" in caught.value.hint
    assert render(report, "md").startswith(b"# ")  # the other formats are unaffected


@needs_pango()
def test_archive_package_has_pdf_json_journal_and_arkivmelding(exempt_journal, tmp_path):
    target = tmp_path / "arkiv.zip"
    export(exempt_journal, "arkiv", target)
    assert file_mode(target) in (0o600, None)  # exempt: owner only
    package = zipfile.ZipFile(target)
    names = package.namelist()
    stem = exempt_journal.stem
    assert names == [f"{stem}.pdf", f"{stem}.json", exempt_journal.name, "arkivmelding.xml"]
    assert package.read(exempt_journal.name) == exempt_journal.read_bytes()
    root = ET.fromstring(package.read("arkivmelding.xml"))
    post = root.find("a:registrering", NS)
    assert post is not None
    assert root.findtext("a:antallFiler", namespaces=NS) == "3"
    assert post.findtext("a:tittel", namespaces=NS) == "Oppsummeringsnotat: Flomøvelse for kriseledelsen 2026"
    assert post.findtext("a:journalposttype/a:kodeverdi", namespaces=NS) == "X"
    assert post.findtext("a:klassifikasjon/a:klasseID", namespaces=NS) == "X20"
    assert post.findtext("a:dokumentetsDato", namespaces=NS) == "2026-09-15"
    assert post.findtext("a:skjerming/a:tilgangsrestriksjon/a:kodeverdi", namespaces=NS) == "U"
    assert post.findtext("a:skjerming/a:skjermingshjemmel", namespaces=NS) == "offl. § 24 tredje ledd"
    objects = post.findall("a:dokumentbeskrivelse/a:dokumentobjekt", NS)
    assert len(objects) == 3
    for obj in objects:
        name = obj.findtext("a:filnavn", namespaces=NS)
        data = package.read(name)
        assert obj.findtext("a:sjekksum", namespaces=NS) == hashlib.sha256(data).hexdigest()
        assert obj.findtext("a:filstoerrelse", namespaces=NS) == str(len(data))


@needs_pango()
def test_open_archive_has_no_screening(journal, tmp_path):
    target = tmp_path / "arkiv.zip"
    export(journal, "arkiv", target)
    root = ET.fromstring(zipfile.ZipFile(target).read("arkivmelding.xml"))
    assert root.find("a:registrering/a:skjerming", NS) is None

"""Golden files for every text format, the Word document's structure, and LibreOffice opening it.

Regenerate the golden files after an intended change with ``OVELSE_UPDATE_GOLDEN=1 pytest tests/report``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import jsonschema
import pytest
from report_script import nynorsk_text, run_exercise, sami_text
from system_tools import needs

from ovelse import __version__
from ovelse.report import build_report, read_journal, render
from ovelse.report.jsondata import schema

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("OVELSE_UPDATE_GOLDEN") == "1"
TEXT_FORMATS = {"md": "flom.md", "html": "flom.html", "json": "flom.json", "csv": "flom.csv"}


@pytest.fixture
def fixed(journal: Path, tmp_path: Path) -> Path:
    """The scripted journal under a fixed name (the engine puts the local start time in the name)."""
    target = tmp_path / "flom.jsonl"
    shutil.copyfile(journal, target)
    return target


def _normalise(data: bytes, report) -> bytes:
    """Replace what differs between runs (random journal id and so the chain value, program version) with
    placeholders."""
    data = data.replace(report.chain_head.encode(), b"KONTROLLVERDI")
    return data.replace(report.journal_id.encode(), b"JOURNAL-ID").replace(
        f"ovelse {__version__}".encode(), b"ovelse VERSION"
    )


@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
def test_text_formats_match_golden_files(fixed: Path, fmt: str):
    report = build_report(read_journal(fixed))
    got = _normalise(render(report, fmt), report)
    golden = GOLDEN / TEXT_FORMATS[fmt]
    if UPDATE or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(got)
        if not UPDATE:
            pytest.fail(f"golden file {golden.name} was missing and has been written; check it and run again")
    assert got == golden.read_bytes(), f"{fmt} differs from {golden}; if intended, set OVELSE_UPDATE_GOLDEN=1"


# The same exercise run in nynorsk, and in a room with Northern Sámi beside bokmål.
LANGUAGE_GOLDEN = {"nynorsk": ("flom-nn", nynorsk_text), "sami": ("flom-se", sami_text)}


@pytest.mark.parametrize("variant", sorted(LANGUAGE_GOLDEN))
@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_language_variants_match_golden_files(tmp_path: Path, variant: str, fmt: str):
    stem, text = LANGUAGE_GOLDEN[variant]
    journal = run_exercise(tmp_path / "j", scenario_text=text())
    target = tmp_path / f"{stem}.jsonl"
    shutil.copyfile(journal, target)
    report = build_report(read_journal(target))
    got = _normalise(render(report, fmt), report)
    golden = GOLDEN / f"{stem}.{fmt}"
    if UPDATE or not golden.exists():
        golden.write_bytes(got)
        if not UPDATE:
            pytest.fail(f"golden file {golden.name} was missing and has been written; check it and run again")
    assert got == golden.read_bytes(), f"{fmt} differs from {golden}; if intended, set OVELSE_UPDATE_GOLDEN=1"


def test_nynorsk_report_is_nynorsk_and_sami_report_has_both_languages(tmp_path: Path):
    nn = render(build_report(read_journal(run_exercise(tmp_path / "nn", scenario_text=nynorsk_text()))), "md")
    text = nn.decode()
    assert "## Samandrag" in text and "tysdag 15. september 2026" in text and "Avgjerd" in text
    assert "Beslutning" not in text and "ikke " not in text
    import io

    nn_docx = docx.Document(
        io.BytesIO(
            render(
                build_report(read_journal(run_exercise(tmp_path / "nn2", scenario_text=nynorsk_text()))),
                "docx",
            )
        )
    )
    assert nn_docx.core_properties.language == "nn-NO"
    se = render(build_report(read_journal(run_exercise(tmp_path / "se", scenario_text=sami_text()))), "html")
    page = se.decode()
    assert '<blockquote class="se" lang="se">' in page and "Ruoksat várrehus" in page and "ŧ ž đ ŋ" in page
    assert "Samisk tekst mangler." in page  # the innspill without Sámi text say so


def test_json_export_validates_against_the_shipped_schema(fixed: Path):
    data = json.loads(render(build_report(read_journal(fixed)), "json"))
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert data["kind"] == "ovelse-rapport" and data["format"] == 2
    assert data["journal"]["chain"] == read_journal(fixed).chain_head
    kinds = {e["kind"] for e in data["entries"]}
    assert kinds == {"participant", "decision", "observation", "note", "inject", "rating", "lesson", "action"}
    assert {e["status"] for e in data["entries"]} == {"active", "corrected", "retracted"}


def test_shipped_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_format_2_is_format_1_with_the_chain_value(fixed: Path):
    """Format 1 stays as it was (its schema still ships, for files exported before the chain value)."""
    from importlib.resources import files

    old = json.loads(
        files("ovelse.report").joinpath("schema/report-1.schema.json").read_text(encoding="utf-8")
    )
    data = json.loads(render(build_report(read_journal(fixed)), "json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, old, cls=jsonschema.Draft202012Validator)
    del data["journal"]["chain"]
    del data["exercise"]["corrections"]
    data["format"] = 1
    jsonschema.validate(data, old, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_unknown_fields(fixed: Path):
    """The schema is strict, so a field added to the export without the schema is caught here."""
    data = json.loads(render(build_report(read_journal(fixed)), "json"))
    data["entries"][0]["content"]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def _docx(report) -> docx.document.Document:
    import io

    return docx.Document(io.BytesIO(render(report, "docx")))


def test_word_document_has_real_headings_tables_and_header(fixed: Path):
    report = build_report(read_journal(fixed))
    d = _docx(report)
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert styles[0] == ("Title", "Flomøvelse for kriseledelsen 2026")
    h2 = [text for style, text in styles if style == "Heading 2"]
    assert h2 == ["Sammendrag", "Evaluering", "Gjennomføring", "Vedlegg: Fullstendig logg", "Om grunnlaget"]
    h3 = [text for style, text in styles if style == "Heading 3"]
    assert "1. Rødt farevarsel" in h3 and "Tiltaksplan" in h3 and "Læringspunkter" in h3
    assert "M1: Kriseledelsen etablerer et felles situasjonsbilde innen 30 minutter." in h3
    assert all(d.styles[name].paragraph_format.keep_with_next for name in ("Heading 2", "Heading 3", "Meta"))

    tables = {tuple(c.text for c in t.rows[0].cells): t for t in d.tables}
    plan = tables[("Nr.", "Tiltak", "Ansvarlig", "Frist", "Status", "Læringspunkt")]
    assert [c.text for c in plan.rows[1].cells] == [
        "1",
        "Oppdatere varslingslisten",
        "Beredskapskoordinator",
        "15.10.2026",
        "Ikke startet",
        "1",
    ]
    assert len(plan.rows) == 4  # header + three actions; the retracted one is listed under the evaluation
    widths = [c.width for c in plan.rows[0].cells]
    assert widths[1] > 2 * widths[0] and widths[2] >= widths[0]  # by content, not equal
    assert ("Navn", "Organisasjon", "Roller", "Merknad") in tables
    assert any(key[:2] == ("Rolle", "Beslutninger") for key in tables)
    header_text = " ".join(p.text for p in d.sections[0].header.paragraphs)
    assert "Oppsummeringsnotat – Flomøvelse for kriseledelsen 2026 – Elvebygd kommune" in header_text
    assert abs(d.sections[0].page_width - docx.shared.Mm(210)) < docx.shared.Mm(1)  # A4
    props = d.core_properties
    assert props.title == "Flomøvelse for kriseledelsen 2026"
    assert props.author == "Kari Nordmann (beredskapskoordinator)"
    assert props.language == "nb-NO" and "Elvebygd kommune" in props.keywords and props.subject
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Trukket tilbake kl. 11:05 (nr. 45). Begrunnelse: Dekkes av eksisterende innkjøpsplan" in body
    assert "Rettet kl. 10:49 (nr. 28): tekst var «Elvetun sykehjem evakueres til Elvebygd hotell" in body
    assert body.index("Sammendrag") < body.index("Evaluering") < body.index("Vedlegg: Fullstendig logg")


def test_word_package_says_ovelse_made_it_and_has_no_stale_thumbnail(fixed: Path):
    import io
    import zipfile

    package = zipfile.ZipFile(io.BytesIO(render(build_report(read_journal(fixed)), "docx")))
    names = package.namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert b"thumbnail" not in package.read("_rels/.rels")
    app = package.read("docProps/app.xml").decode()
    assert "<Application>ovelse</Application>" in app and "Microsoft" not in app and "<Pages>" not in app
    document = package.read("word/document.xml").decode()
    assert "fldSimple" not in document and document.count("instrText") == 0  # fields only in the footer
    footer = "".join(package.read(n).decode() for n in names if n.startswith("word/footer"))
    assert " PAGE " in footer and " NUMPAGES " in footer


@needs("soffice", "pdftoppm", what="LibreOffice (soffice) og poppler-utils (pdftoppm)")
def test_word_document_converts_to_pdf_and_png_in_libreoffice(fixed: Path, tmp_path: Path):
    """The real client: LibreOffice opens the .docx and prints it to PDF; pdftoppm makes page images."""
    source = tmp_path / "rapport.docx"
    source.write_bytes(render(build_report(read_journal(fixed)), "docx"))
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "pdf" / "rapport.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "side")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("side-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    for page in pages:  # every page has text on it: no blank or near-empty pages
        image = Image.open(page).convert("L")
        dark = sum(1 for value in image.getdata() if value < 128)
        assert dark > 0.005 * image.width * image.height, page.name


def test_word_document_is_reproducible(fixed: Path):
    report = build_report(read_journal(fixed))
    assert render(report, "docx") == render(report, "docx")

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
    """Replace what differs between runs (random journal id, program version) with placeholders."""
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


def test_json_export_validates_against_the_shipped_schema(fixed: Path):
    data = json.loads(render(build_report(read_journal(fixed)), "json"))
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert data["kind"] == "ovelse-rapport" and data["format"] == 1
    kinds = {e["kind"] for e in data["entries"]}
    assert kinds == {"participant", "decision", "observation", "note", "inject", "rating", "lesson", "action"}
    assert {e["status"] for e in data["entries"]} == {"active", "corrected", "retracted"}


def test_shipped_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


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
    headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Oppsummeringsnotat: Flomøvelse for kriseledelsen 2026")
    h2 = [text for style, text in headings if style == "Heading 2"]
    assert h2 == ["Om øvelsen", "Gjennomføring", "Evaluering", "Nøkkeltall"]
    h3 = [text for style, text in headings if style == "Heading 3"]
    assert "1. Rødt farevarsel" in h3 and "Tiltaksplan" in h3 and "Læringspunkter" in h3
    assert (
        "Heading 4",
        "M1: Kriseledelsen etablerer et felles situasjonsbilde innen 30 minutter.",
    ) in headings

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
    assert len(plan.rows) == 4  # header + three actions; the retracted one is listed below the table
    assert ("Navn", "Organisasjon", "Roller", "Merknad") in tables
    assert any(key[:2] == ("Rolle", "Beslutninger") for key in tables)
    header_text = " ".join(p.text for p in d.sections[0].header.paragraphs)
    assert "Oppsummeringsnotat – Flomøvelse for kriseledelsen 2026 – Elvebygd kommune" in header_text
    assert abs(d.sections[0].page_width - docx.shared.Mm(210)) < docx.shared.Mm(1)  # A4
    assert d.core_properties.title == "Oppsummeringsnotat: Flomøvelse for kriseledelsen 2026"
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Trukket tilbake kl. 11:05 (nr. 45). Begrunnelse: Dekkes av eksisterende innkjøpsplan" in body
    assert "Rettet kl. 10:49 (nr. 28): tekst var «Elvetun sykehjem evakueres til Elvebygd hotell" in body


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) er ikke installert")
def test_word_document_converts_to_pdf_in_libreoffice(fixed: Path, tmp_path: Path):
    source = tmp_path / "rapport.docx"
    source.write_bytes(render(build_report(read_journal(fixed)), "docx"))
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
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


def test_word_document_is_reproducible(fixed: Path):
    report = build_report(read_journal(fixed))
    assert render(report, "docx") == render(report, "docx")

"""The oppfølgingsrapport and the regional summary: content, every format, marking, hostile text."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from datetime import date
from importlib.resources import files
from pathlib import Path

import pikepdf
import pytest
from journals import LESSONS, Spec, write_journal
from jsonschema import Draft202012Validator

from ovelse.register.errors import RegisterError
from ovelse.register.importing import import_file
from ovelse.register.queries import list_tiltak, set_status
from ovelse.register.render import FORMATS, render
from ovelse.register.reports import due_date, follow_up, regional
from ovelse.register.similar import LessonRef, content_words, recurring_lessons
from ovelse.register.store import Register

TODAY = date(2027, 1, 1)
SCHEMA = json.loads(
    files("ovelse.register").joinpath("schema/register-rapport-1.schema.json").read_text("utf-8")
)


def _fill(register: Register, tmp_path: Path) -> None:
    # Elvebygd: 2023 and 2026, the same lesson about nødstrøm both times (worded differently).
    import_file(
        register,
        write_journal(
            tmp_path,
            Spec(
                day=date(2023, 3, 1),
                lessons=("Nødstrømmen på sykehjemmet er ikke testet på lenge.", LESSONS[0]),
                actions=2,
                ratings={"M1": 2, "M2": 3},
            ),
        ),
    )
    import_file(
        register,
        write_journal(
            tmp_path,
            Spec(
                day=date(2026, 9, 15),
                lessons=("Nødstrøm ved sykehjemmet må testes jevnlig.", LESSONS[3]),
                actions=2,
                ratings={"M1": 4, "M2": 4},
            ),
        ),
    )
    # Fjellbygd: 2024 (over two years before TODAY), exempt, shares LESSONS[0] with Elvebygd
    import_file(
        register,
        write_journal(
            tmp_path,
            Spec(
                municipality="Fjellbygd kommune",
                day=date(2024, 6, 1),
                exempt=True,
                lessons=(LESSONS[0], LESSONS[6]),
                actions=1,
                themes=("evakuering",),
                nato=(3,),
                ratings={"M1": 5},
            ),
        ),
    )


def test_follow_up(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    rows = list_tiltak(register, municipality="Elvebygd kommune")
    set_status(register, rows[0].id, "done", by="Kari")
    report = follow_up(register, "elvebygd kommune", TODAY)
    assert report.municipality == "Elvebygd kommune"
    assert [e.exercise_date for e in report.exercises] == [date(2026, 9, 15), date(2023, 3, 1)]
    assert report.section7.last == date(2026, 9, 15) and not report.section7.overdue
    assert report.counts["done"] == 1 and report.counts["open"] == 3
    assert rows[0].id not in {r.id for _, rs in report.open_by_owner for r in rs}
    assert {r.deadline for r in report.overdue} <= {d for d in (r.deadline for r in rows) if d and d < TODAY}
    assert report.markings == []  # Fjellbygd's exempt exercise is not part of Elvebygd's report
    [group] = report.recurring
    assert {x.exercise_date for x in group.lessons} == {date(2023, 3, 1), date(2026, 9, 15)}
    match = group.matches[0]
    assert match.score >= 70 and "sykehjemmet" in match.shared


def test_section7_overdue_and_regional(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    report = regional(register, "testfylke", TODAY)
    by_name = {m.municipality: m for m in report.municipalities}
    assert by_name["Fjellbygd kommune"].section7.overdue  # 01.06.2024 + 2 years < 01.01.2027
    assert not by_name["Elvebygd kommune"].section7.overdue
    assert report.markings == ["Unntatt offentlighet, jf. offl. § 24 tredje ledd"]
    assert [e.exercise_date for e in report.exercises] == [date(2026, 9, 15), date(2024, 6, 1)]  # latest each
    themes = {r.key: r for r in report.by_theme}
    assert themes["krisekommunikasjon"].count == 2  # M1 (scenario theme) and M2 (own theme) in Elvebygd 2026
    assert themes["evakuering"].average == 5.0 and themes["evakuering"].distribution == (0, 0, 0, 0, 1)
    nato = {r.key: r for r in report.by_nato}
    assert nato["3"].count == 1 and nato["6"].count == 1
    assert report.common_lessons == []  # LESSONS[0] is not in Elvebygd's latest exercise
    everything = regional(register, None, TODAY, since=date(2020, 1, 1))
    assert len(everything.exercises) == 3
    [group] = everything.common_lessons
    assert group.municipalities == ["Elvebygd kommune", "Fjellbygd kommune"]
    assert by_name["Elvebygd kommune"].counts["open"] == 4


def test_empty_register_and_unknown_municipality(register: Register) -> None:
    with pytest.raises(RegisterError) as info:
        follow_up(register, "Ingensteds kommune", TODAY)
    assert info.value.code == "REG014"
    with pytest.raises(RegisterError):
        regional(register, None, TODAY)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_keeps_the_marking(register: Register, tmp_path: Path, fmt: str) -> None:
    _fill(register, tmp_path)
    for report in (follow_up(register, "Fjellbygd kommune", TODAY), regional(register, None, TODAY)):
        data = render(report, fmt)
        marking = "Unntatt offentlighet, jf. offl. § 24 tredje ledd"
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                header = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
                body = z.read("word/document.xml").decode()
            assert marking in header and marking in body
        elif fmt == "pdf":
            pages = _pdf_a_pages(data, tmp_path)
            assert pages and all(marking in page for page in pages)
            assert all(f"Side {n} av {len(pages)}" in page for n, page in enumerate(pages, 1))
        elif fmt == "md":
            assert data.decode().startswith(f"**{marking}**")
        else:
            assert marking in data.decode("utf-8-sig")
        if fmt == "json":
            Draft202012Validator(SCHEMA).validate(json.loads(data))
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
            assert all(row[-1] == marking for row in rows[1:])


def _pdf_a_pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of a PDF/A-2b file (pikepdf checks the claim, pdftotext reads the text)."""
    pdf = pikepdf.open(io.BytesIO(data))
    meta = pdf.open_metadata()
    assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
    assert pdf.Root.get("/OutputIntents") is not None
    count = len(pdf.pages)
    source = tmp_path / "rapport.pdf"
    source.write_bytes(data)
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(source), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def test_nynorsk_pdf_says_side_in_nynorsk_and_keeps_every_letter(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    pages = _pdf_a_pages(render(follow_up(register, "Elvebygd kommune", TODAY), "pdf", "nn"), tmp_path)
    text = "".join(pages)
    assert "Øvingar og forskrifta § 7" in text and "Side 1 av" in text


def test_open_report_has_no_marking(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    data = render(follow_up(register, "Elvebygd kommune", TODAY), "md").decode()
    assert "Unntatt offentlighet" not in data
    assert "# Oppfølgingsrapport: Elvebygd kommune" in data
    assert "Læringspunkter som går igjen" in data and "felles ord:" in data


def test_hostile_text_is_shown_literally(register: Register, tmp_path: Path) -> None:
    evil = "<script>alert(1)</script> =SUM(A1) *fet* | rør"
    import_file(register, write_journal(tmp_path, Spec(lessons=(evil,), actions=1)))
    report = follow_up(register, "Elvebygd kommune", TODAY)
    html = render(report, "html").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render(report, "md").decode()
    assert "\\*fet\\*" in md and "\\<script\\>" in md
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4].startswith("Tiltak 1: <script>")  # text cells starting with = get a quote
    import_file(
        register,
        write_journal(tmp_path, Spec(municipality="Eviltown", lessons=("=HYPERLINK(1)",), actions=1)),
    )
    report = follow_up(register, "Eviltown", TODAY)
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_due_date_on_29_february() -> None:
    assert due_date(date(2024, 2, 29)) == date(2026, 2, 28)


def _ref(i: int, text: str, journal: str, municipality: str = "A") -> LessonRef:
    return LessonRef(i, text, municipality, "Øvelse", date(2026, 1, 1), journal, i)


def test_recurring_needs_similar_text_and_shared_words() -> None:
    refs = [
        _ref(1, "Varslingslisten var utdatert.", "j1"),
        _ref(2, "Varslingslisten til kriseledelsen var utdatert igjen.", "j2"),
        _ref(3, "Strøm.", "j3"),
        _ref(
            4, "Strøm og vann på sykehjemmet.", "j4"
        ),  # token set contains «strøm», but one word is too little
        _ref(5, "Varslingslisten var utdatert.", "j1"),  # same exercise as 1: never matched with it
    ]
    groups = recurring_lessons(refs)
    assert len(groups) == 1
    assert {x.id for x in groups[0].lessons} == {1, 2, 5}
    assert all(m.a.journal_id != m.b.journal_id for m in groups[0].matches)
    assert content_words("Det er ikke noe vann i sykehjemmet") == ["vann", "sykehjemmet"]


def test_nynorsk_report(register: Register, tmp_path: Path) -> None:
    _fill(register, tmp_path)
    data = render(follow_up(register, "Elvebygd kommune", TODAY), "md", "nn").decode()
    assert "## Øvingar og forskrifta § 7" in data and "## Opne tiltak etter ansvarleg" in data
    assert "Øvelser og forskriften" not in data

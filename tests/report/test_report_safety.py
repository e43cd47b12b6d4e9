"""Escaping (HTML, Markdown, CSV formulas, terminal escapes), marking, graded material and torn journals."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt
from report_script import exempt_text, run_exercise
from system_tools import IN_LINUX_CI, file_mode, pango_missing

from ovelse.report import GradedMaterial, build_report, export, read_journal, render
from ovelse.report.escape import clean, csv_cell, md_inline

NASTY = {
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)> "><b>fet</b> &amp; &lt;',
    "markdown": "# Overskrift\n- punkt\n1. nummer\n> sitat\n```\nkode\n```\n[klikk](javascript:alert(1)) "
    "![bilde](http://evil.invalid/x.png) <http://evil.invalid> *fet* _kursiv_ | a | b | ~~x~~ \\",
    "formula": '=HYPERLINK("http://evil.invalid","klikk")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\t=1+1",
    "terminal": "\x1b[31mrød\x1b[0m \x1b]8;;http://evil.invalid\x07lenke\x1b]8;;\x07 \x07bjelle \u202eslutt \x00",
}


def _nasty_entries(s, clock) -> None:
    for name, text in NASTY.items():
        s.log_decision(
            f"{name}: {text}" if name in ("html", "markdown", "terminal") else text,
            roles=["ordforer"],
            rationale=text,
        )
        s.observe(text, observer=text, objectives=["M2"])
    s.note(NASTY["terminal"], author=NASTY["html"])
    s.add_action(NASTY["formula"], owner=NASTY["at"])


@pytest.fixture(scope="module")
def nasty_report(tmp_path_factory):
    path = run_exercise(tmp_path_factory.mktemp("nasty"), extra=_nasty_entries)
    return build_report(read_journal(path))


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "footer",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "strong",
    "em",
    "del",
    "br",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_html_has_only_our_own_markup(nasty_report):
    page = render(nasty_report, "html").decode()
    parser = _Tags()
    parser.feed(page)
    assert {tag for tag, _ in parser.tags} <= ALLOWED_TAGS
    for tag, attrs in parser.tags:
        for name, _value in attrs:
            assert not name.startswith("on") and name not in ("href", "src"), (tag, name)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # an entity the user typed stays literal text
    assert "default-src 'none'" in page  # no scripts or remote content even if escaping failed


def test_markdown_renders_user_text_literally(nasty_report):
    text = render(nasty_report, "md").decode()
    md = MarkdownIt("commonmark").enable("table")
    html = md.render(text)
    tokens = md.parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_block", "fence"}
    assert "<script" not in html and "<img" not in html and "<a " not in html
    # Exactly the report's own headings: none came from a log entry.
    h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1
    assert "[klikk](javascript:alert(1))" in html  # the text is still there, as text
    assert "# Overskrift" in html


def test_markdown_escaping_of_line_starts_and_inline_syntax():
    md = MarkdownIt("commonmark")
    for raw in [
        "# x",
        "- x",
        "+ x",
        "1. x",
        "2) x",
        "> x",
        "---",
        "===",
        "***",
        "`x`",
        "<b>x</b>",
        "&copy;",
        "[a](b)",
        "![a](b)",
        "a_b_c",
        "*a*",
        "\\*a\\*",
        "| a |",
    ]:
        out = md.render(md_inline(raw, line_start=True))
        assert out == f"<p>{_html_escape(raw)}</p>\n", raw


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True).replace("&#x27;", "'")


def test_csv_neutralises_formulas(nasty_report):
    data = render(nasty_report, "csv").decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data[1:]), delimiter=";"))
    assert rows[0][0] == "Nr." and len({len(r) for r in rows}) == 1
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
            assert cell.lstrip()[:1] not in ("=", "+", "-", "@"), cell
    cells = {cell for row in rows for cell in row}
    assert "'" + NASTY["formula"] in cells
    assert "'+1+1" in cells and "'-2+3" in cells and "'@SUM(A1:A2)" in cells


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("＝1", "'＝1"),
        ("Normal tekst", "Normal tekst"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_no_terminal_escapes_or_control_characters_in_any_format(nasty_report):
    bad = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for fmt in ("md", "html", "json", "csv"):
        text = render(nasty_report, fmt).decode("utf-8")
        assert not bad.search(text), fmt
        assert "\\u001b" not in text and "\\u0007" not in text, fmt
    assert "rød" in render(nasty_report, "md").decode()
    d = docx.Document(io.BytesIO(render(nasty_report, "docx")))
    body = "\n".join(p.text for p in d.paragraphs)
    assert not bad.search(body) and "rød" in body


def test_clean_removes_sequences_whole():
    assert clean("\x1b[1;31mA\x1b[0m\x1b]0;tittel\x07B\x9b2JC\u202eD\ud800E") == "ABCDE"
    assert clean("linje 1\r\nlinje 2\rlinje 3\tx") == "linje 1\nlinje 2\nlinje 3    x"


# -- marking and permissions ---------------------------------------------------------------------

MARKING = "Unntatt offentlighet, jf. offl. § 24 tredje ledd"


@pytest.fixture(scope="module")
def exempt_journal(tmp_path_factory) -> Path:
    return run_exercise(tmp_path_factory.mktemp("exempt"), scenario_text=exempt_text())


def test_exempt_scenario_marks_every_format(exempt_journal):
    report = build_report(read_journal(exempt_journal))
    assert report.marking == MARKING

    md = render(report, "md").decode()
    assert md.startswith(f"**{MARKING}**\n")

    page = render(report, "html").decode()
    body = page[page.index("<body>") :]
    assert body.startswith(f'<body>\n<div class="marking" role="note">{MARKING}</div>')
    header_css = re.search(r"@top-center \{ content: (\"[^\"]*\");", page).group(1)
    assert _css_unescape(header_css).startswith(MARKING + " · Oppsummeringsnotat")

    d = docx.Document(io.BytesIO(render(report, "docx")))
    assert d.paragraphs[0].text == MARKING
    assert all(MARKING in " ".join(p.text for p in s.header.paragraphs) for s in d.sections)
    assert not any(s.different_first_page_header_footer for s in d.sections)

    data = json.loads(render(report, "json"))
    assert data["marking"] == MARKING and data["sensitivity"] == {
        "level": "exempt",
        "legal_basis": "offl. § 24 tredje ledd",
    }
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nr." and rows[0][-1] == "Merking"  # the header comes first, for filters
    assert all(row[-1] == MARKING for row in rows[1:])

    if pango_missing() is None or IN_LINUX_CI:  # PDF needs Pango (Windows runners have none)
        pdf = render(report, "pdf")
        assert pdf.startswith(b"%PDF")


def _css_unescape(literal: str) -> str:
    return re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), literal[1:-1])


def test_marking_uses_the_basis_the_scenario_names(tmp_path):
    path = run_exercise(tmp_path, scenario_text=exempt_text("offl. § 13 jf. fvl. § 13"))
    report = build_report(read_journal(path))
    assert report.marking == "Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13"
    assert render(report, "md").decode().startswith("**Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13**")


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json", "csv"])
def test_exempt_exports_are_private_files(exempt_journal, tmp_path, fmt):
    out = tmp_path / f"rapport.{fmt}"
    export(exempt_journal, fmt, out)
    assert file_mode(out) in (0o600, None)


def test_forced_overwrite_of_a_shared_file_with_exempt_content_is_private(exempt_journal, tmp_path):
    out = tmp_path / "rapport.md"
    out.write_text("gammel")
    out.chmod(0o644)
    export(exempt_journal, "md", out, force=True)
    assert file_mode(out) in (0o600, None)
    assert out.read_text().startswith(f"**{MARKING}**")


def test_open_exports_follow_the_umask(journal, tmp_path):
    import os

    old = os.umask(0o022)
    try:
        out = tmp_path / "rapport.json"
        export(journal, "json", out)
    finally:
        os.umask(old)
    assert file_mode(out) in (0o644, None)


# -- graded material ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        lambda s: s.log_decision("Plan for objektsikring", tags=["Begrenset"]),
        lambda s: s.note("BEGRENSET: antall vektere ved damanlegget"),
        lambda s: s.observe("«KONFIDENSIELT» vedlegg ble lest opp"),
        lambda s: s.log_decision("Vaktplan", rationale="Gradering: hemmelig"),
    ],
)
def test_entry_marked_with_a_security_grade_is_refused(tmp_path, entry):
    path = run_exercise(tmp_path, extra=lambda s, clock: entry(s))
    with pytest.raises(GradedMaterial) as caught:
        build_report(read_journal(path))
    assert "godkjente systemer" in caught.value.hint
    assert not list(tmp_path.glob("*.md"))


def test_correction_that_adds_a_grade_is_refused(tmp_path):
    def extra(s, clock):
        note = s.note("Vaktplan for damanlegget")
        s.correct(note.seq, text="STRENGT HEMMELIG vaktplan")

    path = run_exercise(tmp_path, extra=extra)
    with pytest.raises(GradedMaterial):
        build_report(read_journal(path))


def test_ordinary_words_are_not_mistaken_for_a_grade(tmp_path):
    path = run_exercise(
        tmp_path,
        extra=lambda s, clock: s.note(
            "Tilgangen til området er begrenset; politiet holder planen hemmelig for pressen."
        ),
    )
    build_report(read_journal(path))  # no exception


def test_graded_scenario_in_the_header_is_refused(journal, tmp_path):
    lines = journal.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    text = header["scenario"]["text"].replace("    level: open", "    level: begrenset")
    header["scenario"].update(
        text=text, sensitivity="begrenset", hash=hashlib.sha256(text.encode()).hexdigest()
    )
    lines[0] = json.dumps(header, ensure_ascii=False).encode()
    graded = tmp_path / "gradert.jsonl"
    graded.write_bytes(b"\n".join(lines))
    with pytest.raises(GradedMaterial) as caught:
        read_journal(graded)
    assert "godkjente systemer" in caught.value.hint


# -- torn journals -------------------------------------------------------------------------------


def test_torn_last_line_still_exports_with_a_visible_warning(tmp_path):
    path = run_exercise(tmp_path, end=False)
    path.write_bytes(path.read_bytes() + b'{"type":"note","seq":999,"at":"2026-09-15T09:')
    before = path.read_bytes()
    report = build_report(read_journal(path))
    assert path.read_bytes() == before  # read-only: nothing set aside, nothing cut off
    assert not list(tmp_path.glob("*.torn-*"))
    warning = report.warnings[0].message
    assert "ufullstendig" in warning
    assert warning in render(report, "md").decode().replace("\\", "")
    assert 'role="alert"' in render(report, "html").decode()
    d = docx.Document(io.BytesIO(render(report, "docx")))
    assert any(p.text.startswith("Advarsel: " + warning) for p in d.paragraphs)
    assert json.loads(render(report, "json"))["warnings"][0]["message"] == warning
    assert any("ikke avsluttet" in w.message for w in report.warnings)


def test_action_status_history_is_shown_in_the_plan_and_the_csv(tmp_path):
    def follow_up(s, clock):
        action = s.add_action("Øve varsling med SMS", owner="Beredskapskoordinator")
        s.set_action_status(
            action.seq, "in_progress", on="2026-10-01", by="Kari Nordmann", comment="Avtalt med IKT"
        )

    report = build_report(read_journal(run_exercise(tmp_path, extra=follow_up)))
    action = next(e for e in report.actions if e.main_text == "Øve varsling med SMS")
    assert action.value("status") == "in_progress" and len(action.status_changes) == 1
    md = render(report, "md").decode()
    assert "Pågår fra 01.10.2026, av Kari Nordmann. Avtalt med IKT" in md
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    change = next(r for r in rows if r[header.index("Type")] == "Statusendring")
    assert change[header.index("Tiltaksstatus")] == "Pågår" and change[header.index("Gjelder nr.")] == str(
        action.seq
    )


def test_room_reveals_appear_in_the_course_of_the_exercise(tmp_path):
    def reveal(s, clock):
        s.set_room_view(questions_shown=True)
        s.set_room_view(blank=True)

    report = build_report(read_journal(run_exercise(tmp_path, extra=reveal)))
    md = render(report, "md").decode()
    appendix = md[md.index("## Vedlegg") :]
    assert "**Rommet**" in appendix and "viser ingen meldinger, spørsmålene" in appendix
    assert "skjermen er blank" in appendix
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")), delimiter=";"))
    assert [r for r in rows if r[rows[0].index("Type")] == "Rommet"]

"""Every correction (every field of every entry kind, and the exercise facts) and every tiltak status update
ends up in the journal and in the report's history (issue 11 §2), with what it was, what it became and why.
The shown values are written out by hand here, so the test does not trust the code that formats them."""

from __future__ import annotations

import html as htmllib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from report_script import FACTS, SCENARIO_TEXT, START

from ovelse.report import build_report, read_journal, render
from ovelse.report.layout import field_name
from ovelse.session import FakeClock, Session, load_journal
from ovelse.session.events import CORRECTABLE

EMPTY = "(tom)"

# kind → field → (new value, shown before, shown after); None: the shown value is not checked (multi-line).
CHANGES: dict[str, dict[str, tuple[object, str | None, str]]] = {
    "exercise_started": {
        "title": ("Ny tittel på øvelsen", FACTS["title"], "Ny tittel på øvelsen"),
        "municipality": ("Nabobygd kommune", FACTS["municipality"], "Nabobygd kommune"),
        "date": ("2026-09-16", "15.09.2026", "16.09.2026"),
        "place": ("Brannstasjonen", FACTS["place"], "Brannstasjonen"),
        "facilitator": ("Per Berg", FACTS["facilitator"], "Per Berg"),
        "purpose": ("Øve evakuering", None, "Øve evakuering"),
    },
    "participant_added": {
        "name": ("Ola Nordmann", "Ola", "Ola Nordmann"),
        "organisation": ("Elvebygd kommune", EMPTY, "Elvebygd kommune"),
        "roles": (["kommunedirektor"], "Ordfører", "Kommunedirektør"),
    },
    "decision_logged": {
        "text": ("Kriseledelsen settes kl. 10", "Vedtak", "Kriseledelsen settes kl. 10"),
        "roles": (["kommunedirektor"], "Ordfører", "Kommunedirektør"),
        "rationale": ("Vannet stiger", EMPTY, "Vannet stiger"),
        "disagreement": ("Helse var uenig", EMPTY, "Helse var uenig"),
        "open_question": ("Hvem betaler?", EMPTY, "Hvem betaler?"),
        "tags": (["stab"], EMPTY, "stab"),
    },
    "observation": {
        "text": ("Rask avklaring", "Sett", "Rask avklaring"),
        "observer": ("Per", "Siv", "Per"),
        "objectives": (["M2"], "M1", "M2"),
    },
    "note": {
        "text": ("Statsforvalteren ringte", "Notat", "Statsforvalteren ringte"),
        "author": ("Per", "Kari", "Per"),
    },
    "objective_rated": {
        "rating": (5, "3 – Delvis oppnådd", "5 – Fullt oppnådd"),
        "comment": ("Bra", EMPTY, "Bra"),
        "objective_id": ("M2", "M1", "M2"),
    },
    "lesson_added": {
        "text": ("Varslingslisten er gammel", "Lærdom", "Varslingslisten er gammel"),
        "objectives": (["M2"], "M1", "M2"),
    },
    "action_added": {
        "text": ("Oppdatere listen", "Tiltak", "Oppdatere listen"),
        "owner": ("Beredskapskoordinator", "IKT", "Beredskapskoordinator"),
        "deadline": ("2027-01-15", "01.12.2026", "15.01.2027"),
        "status": ("in_progress", "Ikke startet", "Pågår"),
        "lesson": ("LESSON2", "læringspunkt 1", "læringspunkt 2"),
    },
}
STATUS_UPDATES = [
    (
        "done",
        date(2026, 9, 20),
        "Kari",
        "Listen er oppdatert",
        "Fullført fra 20.09.2026, av Kari. Listen er oppdatert",
    ),
    ("cancelled", date(2026, 9, 21), "", "Dekkes av planen", "Forkastet fra 21.09.2026. Dekkes av planen"),
    ("open", date(2026, 9, 22), "Per", "", "Ikke startet fra 22.09.2026, av Per."),
]


def reason(kind: str, name: str) -> str:
    """A reason that names the field (no «_», which Markdown escapes)."""
    return f"Grunn {kind} {name}".replace("_", " ")


@pytest.fixture
def corrected(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    clock = FakeClock(START)
    s = Session.create(SCENARIO_TEXT, "flom-elvebygd.yaml", FACTS, journal_dir=tmp_path / "j", clock=clock)
    seqs = {
        "exercise_started": 1,
        "participant_added": s.add_participant("Ola", ["ordforer"]).seq,
        "decision_logged": s.log_decision("Vedtak", roles=["ordforer"]).seq,
        "observation": s.observe("Sett", observer="Siv", objectives=["M1"]).seq,
        "note": s.note("Notat", author="Kari").seq,
        "objective_rated": s.rate_objective("M1", 3).seq,
        "lesson_added": s.add_lesson("Lærdom", objectives=["M1"]).seq,
    }
    lesson2 = s.add_lesson("Mer lærdom").seq
    seqs["action_added"] = s.add_action(
        "Tiltak", owner="IKT", deadline="2026-12-01", lesson=seqs["lesson_added"]
    ).seq
    assert {k: set(v) for k, v in CHANGES.items()} == {k: set(v) for k, v in CORRECTABLE.items()}, (
        "every correctable field is tested"
    )
    for kind, fields in CHANGES.items():
        for name, (value, _before, _after) in fields.items():
            clock.advance(30)
            s.correct(
                seqs[kind], reason=reason(kind, name), **{name: lesson2 if value == "LESSON2" else value}
            )
    for status, on, by, comment, _shown in STATUS_UPDATES:
        clock.advance(30)
        s.set_action_status(seqs["action_added"], status, on=on, by=by, comment=comment)
    s.end()
    s.close()
    return s.path, {**seqs, "lesson2": lesson2}


def test_every_correction_and_status_update_is_in_the_journal(corrected):
    path, seqs = corrected
    events = load_journal(path).events
    corrections = {e.reason: e for e in events if e.type == "corrected"}
    for kind, fields in CHANGES.items():
        for name, (value, _before, _after) in fields.items():
            event = corrections[reason(kind, name)]
            expected = seqs["lesson2"] if value == "LESSON2" else value
            assert event.target == seqs[kind] and event.fields == {name: expected}, (kind, name)
    statuses = [e for e in events if e.type == "action_status"]
    assert [(e.target, e.status, e.on, e.by, e.comment) for e in statuses] == [
        (seqs["action_added"], status, on, by, comment) for status, on, by, comment, _ in STATUS_UPDATES
    ]


def _md_lines(md: str, needle: str) -> list[str]:
    """The list items (continuation lines joined to their item) that contain ``needle``."""
    items: list[str] = []
    for line in md.splitlines():
        if items and line.startswith("  ") and not line.lstrip().startswith("- "):
            items[-1] += "\n" + line.strip()
        else:
            items.append(line)
    lines = [item for item in items if needle in item]
    assert lines, f"«{needle}» is not in the report"
    return lines


def _html_items(page: str, needle: str) -> list[str]:
    items = [htmllib.unescape(re.sub(r"<[^>]+>", "", "<li" + li)).strip() for li in page.split("<li")[1:]]
    found = [item for item in items if needle in item]
    assert found, f"«{needle}» is in no list item of the HTML report"
    return found


def _correction_text(name: str, before: str | None, after: str, why: str) -> list[str]:
    label = field_name(name)
    parts = [f"{label} var «{before}», er nå «{after}»." if before is not None else f"er nå «{after}»."]
    return [*parts, f"Begrunnelse: {why}"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_correction_and_status_update_is_in_the_report_history(corrected, fmt: str):
    path, _seqs = corrected
    report = build_report(read_journal(path))
    text = render(report, fmt).decode("utf-8")
    find = _md_lines if fmt == "md" else _html_items
    for kind, fields in CHANGES.items():
        for name, (_value, before, after) in fields.items():
            why = reason(kind, name)
            expected = _correction_text(name, before, after, why)
            lines = find(text, why)
            assert any("Rettet" in line and all(part in line for part in expected) for line in lines), (
                kind,
                name,
                expected,
                lines,
            )
    for _status, _on, _by, _comment, shown in STATUS_UPDATES:
        lines = find(text, shown)
        assert any(
            line.lstrip(" -*").startswith("Status** kl.") or line.startswith("Status kl.") for line in lines
        ), lines


def test_fact_corrections_keep_what_the_facts_were_in_json_and_csv(corrected):
    path, _seqs = corrected
    report = build_report(read_journal(path))
    data = json.loads(render(report, "json"))
    history = data["exercise"]["corrections"]
    assert [c["reason"] for c in history] == [
        reason("exercise_started", n) for n in CHANGES["exercise_started"]
    ]
    assert history[3]["changes"] == [{"field": "place", "before": FACTS["place"], "after": "Brannstasjonen"}]
    assert data["exercise"]["place"] == "Brannstasjonen"
    csv_text = render(report, "csv").decode("utf-8-sig")
    rows = [line for line in csv_text.splitlines() if reason("exercise_started", "place") in line]
    assert len(rows) == 1 and f"sted: «{FACTS['place']}» → «Brannstasjonen»" in rows[0]

"""Listing tiltak with filters; status changes are append-only with date and who."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from journals import Spec, write_journal

from ovelse.register.errors import RegisterError
from ovelse.register.importing import import_file
from ovelse.register.queries import count_tiltak, get_tiltak, history, list_tiltak, set_status
from ovelse.register.sidecar import read_sidecar, sidecar, sidecar_bytes
from ovelse.register.status import STATUSES, parse_status
from ovelse.register.store import Register

TODAY = date(2027, 1, 1)
NOW = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def filled(register: Register, tmp_path: Path) -> Register:
    import_file(register, write_journal(tmp_path, Spec(actions=3, deadline_days=60)))  # 14.11, 14.12, 13.01
    import_file(
        register,
        write_journal(tmp_path, Spec(municipality="Fjellbygd kommune", region="Nordfylke", actions=2)),
    )
    return register


def test_filters(filled: Register) -> None:
    assert len(list_tiltak(filled)) == 5
    assert {r.municipality for r in list_tiltak(filled, municipality="fjellbygd KOMMUNE")} == {
        "Fjellbygd kommune"
    }
    assert len(list_tiltak(filled, region="Nordfylke")) == 2
    overdue = list_tiltak(filled, overdue_on=TODAY)
    assert [r.deadline for r in overdue] == [
        date(2026, 11, 14),
        date(2026, 11, 14),
        date(2026, 12, 14),
        date(2026, 12, 14),
    ]
    assert all(r.overdue(TODAY) for r in overdue)
    first = overdue[0]
    set_status(filled, first.id, "done", on=date(2026, 12, 20), by="Kari", now=NOW)
    assert first.id not in {r.id for r in list_tiltak(filled, overdue_on=TODAY)}
    assert [r.id for r in list_tiltak(filled, statuses=["done"])] == [first.id]
    assert len(list_tiltak(filled, statuses=["open", "in_progress"])) == 4
    assert count_tiltak(filled, statuses=["open"]) == 4
    assert len(list_tiltak(filled, limit=2)) == 2
    assert len(list_tiltak(filled, search="NØDSTRØM")) == 2
    assert list_tiltak(filled, search="%") == []  # LIKE wildcards are taken literally


def test_status_history_is_append_only(filled: Register) -> None:
    row = list_tiltak(filled)[0]
    set_status(filled, row.id, "in_progress", on=date(2026, 12, 1), by="Kari", comment="Bestilt", now=NOW)
    set_status(filled, row.id, "done", on=date(2026, 12, 15), by="Per", comment="", now=NOW)
    set_status(
        filled, row.id, "in_progress", on=date(2026, 12, 10), by="Ola", comment="Etterregistrert", now=NOW
    )
    entries = history(filled, row.id)
    assert [(e.status, e.on, e.by) for e in entries] == [
        ("in_progress", date(2026, 12, 1), "Kari"),
        ("in_progress", date(2026, 12, 10), "Ola"),
        ("done", date(2026, 12, 15), "Per"),
    ]
    assert entries[0].recorded_at.tzinfo is not None
    current = get_tiltak(filled, row.id)
    assert current.status == "done" and current.status_on == date(2026, 12, 15)  # the latest date counts


def test_status_survives_a_new_version_of_the_journal(register: Register, tmp_path: Path) -> None:
    import_file(register, write_journal(tmp_path / "a", Spec(journal_id="j1", actions=2)))
    row = list_tiltak(register)[0]
    set_status(register, row.id, "cancelled", by="Kari", now=NOW)
    import_file(
        register,
        write_journal(tmp_path / "b", Spec(journal_id="j1", actions=2, extra_lesson="Nytt punkt om vann.")),
    )
    again = get_tiltak(register, row.id)
    assert again.status == "cancelled" and len(history(register, row.id)) == 1


def test_unknown_tiltak_and_status(filled: Register) -> None:
    with pytest.raises(RegisterError) as info:
        set_status(filled, 9999, "done")
    assert info.value.code == "REG010" and "9999" in info.value.message
    with pytest.raises(RegisterError):
        get_tiltak(filled, 9999)
    with pytest.raises(RegisterError) as info:
        set_status(filled, 1, "ferdig-ish")
    assert info.value.code == "REG011"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ikke startet", "open"),
        ("Pågår", "in_progress"),
        ("fullført", "done"),
        ("forkastet", "cancelled"),
        ("in_progress", "in_progress"),
        ("avlyst", "cancelled"),
        ("ikkje-starta", "open"),
    ],
)
def test_parse_status(typed: str, code: str) -> None:
    assert parse_status(typed) == code


@given(st.text(max_size=30))
def test_parse_status_never_crashes(typed: str) -> None:
    try:
        assert parse_status(typed) in STATUSES
    except RegisterError as exc:
        assert exc.code == "REG011"


def test_status_sidecar_round_trip(filled: Register) -> None:
    row = list_tiltak(filled)[0]
    set_status(filled, row.id, "done", on=date(2026, 12, 1), by="Kari", comment="Ferdig", now=NOW)
    doc = sidecar(filled, row.journal_id)
    assert doc["events"] == [
        {
            "type": "action_status",
            "target": row.seq,
            "status": "done",
            "on": "2026-12-01",
            "by": "Kari",
            "comment": "Ferdig",
        }
    ]
    from ovelse.session.events import ActionStatusChanged

    for event in doc["events"]:  # the session's event, less what only the journal can number and time
        checked = ActionStatusChanged.model_validate({**event, "seq": 1, "at": NOW, "elapsed": 0.0})
        assert checked.target == row.seq and checked.on == date(2026, 12, 1)
    data, private = sidecar_bytes(filled, row.journal_id)
    assert not private
    assert read_sidecar(data, "x.json") == doc["events"]
    with pytest.raises(RegisterError) as info:
        read_sidecar(data.replace(b"Ferdig", b"Endret"), "x.json")
    assert info.value.code == "REG030"
    with pytest.raises(RegisterError) as info:
        sidecar(filled, "finnes-ikke")
    assert info.value.code == "REG013"

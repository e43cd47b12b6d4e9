"""Pure rendering helpers: the innspill text, the clock line, large letters, distances to the end."""

from __future__ import annotations

from ovelse.scenario.checks import distances_to_end
from ovelse.scenario.loader import load_scenario
from ovelse.tui.widgets.bigtext import big_lines, can_render
from ovelse.tui.widgets.facilitator import facilitator_content
from ovelse.tui.widgets.innspill import InnspillView, innspill_content
from ovelse.tui.widgets.topbar import clock_content

from .conftest import INJECTION, SCENARIO

FLOM = load_scenario(SCENARIO).scenario


def test_innspill_shows_messages_whose_condition_holds():
    node = FLOM.node("evakuering")
    without = innspill_content(InnspillView(node, FLOM)).plain
    assert "Vi trenger et evakueringssenter" in without
    assert "Kriseledelsen er satt og følger situasjonen." not in without
    with_flag = innspill_content(InnspillView(node, FLOM, frozenset({"kriseledelse_satt"}))).plain
    assert "Kriseledelsen er satt og følger situasjonen." in with_flag
    assert "Fra Politiet til Ordfører · telefon" in with_flag
    assert "Innspillet retter seg mot: Ordfører, Kommunikasjonsansvarlig" in with_flag


def test_choices_and_the_projector_wording():
    node = FLOM.node("varsel")
    view = InnspillView(node, FLOM, choices=("Kriseledelsen settes straks", "Avvent ny prognose fra NVE"))
    facilitator = innspill_content(view).plain
    assert "Valg – trykk tallet" in facilitator and " 1  Kriseledelsen settes straks" in facilitator
    room = innspill_content(view, projector=True).plain
    assert "Valg\n" in room and "trykk" not in room
    end = innspill_content(InnspillView(FLOM.node("informasjon"), FLOM, is_end=True)).plain
    assert "Scenarioet slutter her." in end and "Trykk E for evaluering." in end
    assert (
        "Trykk E"
        not in innspill_content(
            InnspillView(FLOM.node("informasjon"), FLOM, is_end=True), projector=True
        ).plain
    )


def test_facilitator_notes_never_in_the_innspill_view():
    node = FLOM.node("varsel")
    assert "Hemmelig notat" not in innspill_content(InnspillView(node, FLOM)).plain
    notes = facilitator_content(node).plain
    assert "Hemmelig notat" in notes and "Hvis diskusjonen går i stå:" in notes


def test_escape_sequences_in_the_scenario_are_removed():
    scenario = load_scenario(INJECTION).scenario
    text = innspill_content(InnspillView(scenario.node("a"), scenario)).plain
    assert "\x1b" not in text and "\x07" not in text
    assert "[link=https://evil.example]lenke[/link] og rødt" in text


def test_clock_line():
    assert (
        clock_content(515, 60, 95, 20, False).plain == "Øvingstid 08:35 av 60 min · innspill 01:35 av 20 min"
    )
    assert clock_content(3700, 60, None, None, False).plain == "Øvingstid 1:01:40 av 60 min (01:40 over)"
    assert clock_content(10, None, 10, None, True, short=True).plain == " PAUSE  · 00:10 · innspill 00:10"


def test_large_letters_wrap_and_fall_back():
    lines = big_lines("Rødt farevarsel", 60)
    assert lines is not None and len(lines) == 7  # two lines of three rows and a blank between
    assert all(len(line) <= 60 for line in lines)
    assert big_lines("x" * 5, 3) is None  # a word wider than the screen
    assert not can_render("Ħ")  # not in the font: the title is shown as ordinary bold text


def test_distances_to_the_end():
    assert distances_to_end(FLOM) == {"informasjon": 0, "evakuering": 1, "prognose": 2, "varsel": 2}

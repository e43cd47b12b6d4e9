"""The one innspill renderer (ovelse.room.render): literal text, reveals, Sámi gaps, and the same content
in the facilitator's view, ``ovelse vis`` and the web page's document."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from room_scenarios import ROOM, SECRET_INJECT_NOTE, SECRET_NOTE, SECRET_PROMPT

from ovelse.plaintext import control
from ovelse.room.payload import room_document
from ovelse.room.render import blocks_text, item_blocks, snapshot_blocks
from ovelse.room.snapshot import Reveal, RoomItem, RoomMessage, RoomQuestion, build_snapshot, node_item
from ovelse.scenario.loader import load_scenario_text
from ovelse.session import Session
from ovelse.tui.room.render import snapshot_blocks as vis_blocks
from ovelse.tui.widgets.innspill import InnspillView, innspill_content

SCENARIO = load_scenario_text(ROOM, "rom-test.yaml").scenario
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)

texts = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=150, deadline=None)
@given(title=texts, text=texts, sender=texts, body=texts, question=texts, choice=texts)
def test_blocks_hold_only_cleaned_literal_text(title, text, sender, body, question, choice):
    item = RoomItem(
        title=title,
        text=text,
        messages=(RoomMessage(sender=sender, to="", channel=None, text=body),),
        questions=(RoomQuestion(text=question, roles=""),),
        choices=(choice,),
    )
    for block in item_blocks(item, sami=True):
        for part in (*block.parts, *(block.se or ())):
            assert not control().search(part.text), part
    assert "[bold]x[/bold]" in blocks_text(item_blocks(replace(item, title="[bold]x[/bold]")))


def test_reveals_cut_what_the_room_sees_and_mark_it_for_the_facilitator():
    node = SCENARIO.node("a")
    room = node_item(node, frozenset(), Reveal(messages_shown=0))
    assert room.messages == () and room.questions == () and room.choices == ()
    assert (room.hidden_messages, room.hidden_questions, room.hidden_choices) == (1, 1, 2)
    text = blocks_text(item_blocks(room))
    assert "Det starter i Testkommune" in text and "Meldinger" not in text and "Valg" not in text
    full = node_item(node, frozenset())
    marked = item_blocks(full, reveal=Reveal(messages_shown=1))
    hidden = {b.kind for b in marked if b.hidden}
    shown = {b.kind for b in marked if not b.hidden}
    assert "message" in shown and {"question", "choice"} <= hidden


def test_sami_text_is_shown_beside_and_its_absence_marked():
    item = replace(node_item(SCENARIO.node("a"), frozenset()), title_se="Álgu")
    blocks = {b.kind: b for b in item_blocks(item, sami=True)}
    assert blocks["title"].se is not None and blocks["title"].se[0].text == "Álgu"
    assert blocks["text"].se is None and blocks["text"].se_missing
    assert not any(b.se_missing for b in item_blocks(item, sami=False))


def test_the_same_innspill_in_the_facilitator_view_vis_and_the_page(tmp_path):
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j")
    try:
        for _ in range(3):
            session.reveal_next()
        session.fire_inject("media")
        snapshot = build_snapshot(session.scenario, session.state)
        web = room_document(snapshot, NOW)
        page_text = "\n\n".join("".join(p[0] for p in b["parts"]) for b in web["blocks"])
        vis_text = "\n\n".join(c.plain for _, c in vis_blocks(snapshot))
        shared = blocks_text(snapshot_blocks(snapshot))
        assert page_text == shared
        node = session.scenario.node("a")
        facilitator = innspill_content(
            InnspillView(node, session.scenario, choices=snapshot.item.choices), projector=True
        ).plain
        for piece in (
            "Det starter i Testkommune",
            "Fra Politiet [red]operasjonssentral[/red] · Nødnett",
            "Hvem varsler hvem?",
            "Sett kriseledelsen",
            "Innspillet retter seg mot: Ordfører",
        ):
            assert piece in page_text and piece in vis_text and piece in facilitator, piece
        assert "Media ringer til ordføreren" in page_text and "Media ringer til ordføreren" in vis_text
        everything = repr(web) + vis_text + facilitator
        for secret in (SECRET_NOTE, SECRET_PROMPT, SECRET_INJECT_NOTE, "Neste"):
            assert secret not in everything
    finally:
        session.close()


def test_documents_for_each_screen(tmp_path):
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j")
    try:
        assert room_document(build_snapshot(session.scenario, session.state), NOW)["screen"] == "innspill"
        session.set_room_view(blank=True)
        blank = room_document(build_snapshot(session.scenario, session.state), NOW)
        assert blank["screen"] == "blank" and "blocks" not in blank
        session.pause(until="10.15")
        paused = room_document(build_snapshot(session.scenario, session.state), NOW)
        assert paused["screen"] == "pause" and paused["pause"] == "Pause – vi fortsetter kl. 10.15"
        assert paused["clock"]["running"] is False
        session.end()
        assert room_document(build_snapshot(session.scenario, session.state), NOW)["screen"] == "ended"
        assert room_document(None, NOW)["screen"] == "waiting"
    finally:
        session.close()

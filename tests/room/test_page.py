"""The room's web page in a real headless Chromium: it fits the screen, follows the facilitator's reveals,
pauses full screen, shows scenario text literally and says «venter på øvingsleder» when the program is gone.

Skipped where Chromium is missing (``.ci/run`` installs it).
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from chromium import CHROMIUM, MEASURE, Browser, Page, wait_for_seq
from room_scenarios import ROOM, SECRET_NOTE, SECRET_PROMPT
from system_tools import IN_LINUX_CI

from ovelse.room.server import RoomServer
from ovelse.room.snapshot import Reveal, RoomSnapshot, build_snapshot, node_item, role_lookup
from ovelse.scenario.loader import load_scenario_text
from ovelse.scenario.model import Node, Scenario
from ovelse.session import FakeClock, Session

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not IN_LINUX_CI,
    reason="Chromium finnes ikke på denne maskinen (apt-get install -y chromium, eller sett OVELSE_CHROMIUM)",
)
ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1280, 720), (1280, 800), (1920, 1080), (390, 844)]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def browser():
    b = Browser.launch()
    yield b
    b.close()


def run_page(browser: Browser, body: Callable[[Page], Awaitable[None]], size=(1280, 720)) -> None:
    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            page = await Page.open(http, browser, *size)
            try:
                await body(page)
            finally:
                await page.close()

    asyncio.run(asyncio.wait_for(main(), timeout=120))


def _size(node: Node) -> int:
    return (
        len(node.title)
        + len(node.text)
        + sum(len(m.sender) + len(m.text) + len(m.channel or "") for m in node.messages)
        + sum(len(q.text) for q in node.questions)
        + sum(len(c.label) for c in node.choices)
    )


def longest_snapshot(scenario: Scenario, seq: int) -> RoomSnapshot:
    """The scenario's longest innspill with everything revealed (all messages, ignoring conditions)."""
    node = max(scenario.nodes, key=_size)
    item = node_item(
        node,
        frozenset(),
        Reveal.everything(),
        roles=role_lookup(scenario),
        messages=node.messages,
        choices=[c.label for c in node.choices],
    )
    meta = scenario.meta
    return RoomSnapshot(
        seq=seq,
        title=meta.title,
        municipality=meta.municipality,
        marking=meta.sensitivity.marking,
        item=item,
        extras=(),
        paused=False,
        ended=False,
        closed=False,
        elapsed=0.0,
        last_at=None,
        room_languages=meta.room_languages,
    )


def check_fits(measure: dict, where: str) -> list[str]:
    problems = []
    if measure["scrollHeight"] > measure["innerHeight"] or measure["scrollWidth"] > measure["innerWidth"]:
        problems.append(f"{where}: scrolls ({measure['scrollWidth']}×{measure['scrollHeight']})")
    if not measure["contentFits"]:
        problems.append(f"{where}: the content overflows its box")
    if measure["lowest"] > measure["paddingTop"] + 1:  # e.g. the choices flush against the bottom edge
        problems.append(
            f"{where}: text reaches into the bottom margin ({measure['lowest']:.0f} > {measure['paddingTop']:.0f})"
        )
    others = [size for name, size in measure["sizes"] if "title" not in name]
    if not measure["title"] or any(size >= measure["title"] for size in others):
        problems.append(
            f"{where}: the title ({measure['title']}px) is not the largest text {measure['sizes']}"
        )
    return problems


def test_longest_innspill_of_every_bundled_scenario_fits_without_scrolling(browser, tmp_path):
    assert len(BUNDLED) >= 4
    server = RoomServer()
    url = server.start()
    problems: list[str] = []

    async def body(page: Page) -> None:
        await page.goto(url)
        seq = 100
        for path in BUNDLED:
            scenario = load_scenario_text(path.read_text(encoding="utf-8"), path.name).scenario
            assert scenario is not None, path
            for width, height in SIZES:
                seq += 1
                await page.resize(width, height)
                snapshot = longest_snapshot(scenario, seq)
                server.publish(snapshot)
                await page.evaluate(wait_for_seq(seq))
                measure = await page.evaluate(MEASURE)
                where = f"{path.stem} {width}×{height}"
                problems.extend(check_fits(measure, where))
                assert snapshot.item is not None and snapshot.item.title in measure["text"]
                if width >= 1280:
                    assert measure["fit"] >= 12, f"{where}: text scaled down to {measure['fit']}px"
        shot = await page.call("Page.captureScreenshot", format="png")
        (tmp_path / "longest.png").write_bytes(base64.b64decode(shot["data"]))

    try:
        run_page(browser, body)
    finally:
        server.stop()
    assert problems == []


def test_reveals_pause_blank_and_end_follow_the_facilitator(browser, tmp_path):
    clock = FakeClock()
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j", clock=clock)
    server = RoomServer(clock=clock)
    url = server.start()

    def publish() -> int:
        server.publish_state(session.scenario, session.state)
        return session.state.last_seq

    async def shown(seq: int) -> dict:
        await page_ref[0].evaluate(wait_for_seq(seq))
        return await page_ref[0].evaluate(MEASURE)

    page_ref: list[Page] = []

    async def body(page: Page) -> None:
        page_ref.append(page)
        seq = publish()
        await page.goto(url)
        m = await shown(seq)
        assert m["screen"] == "innspill" and "Det starter i Testkommune" in m["text"]
        for hidden in ("Vi er på stedet", "Hvem varsler hvem?", "Sett kriseledelsen", "Neste"):
            assert hidden not in m["text"]
        for secret in (SECRET_NOTE, SECRET_PROMPT):
            assert secret not in m["text"]

        session.reveal_next()
        m = await shown(publish())
        assert "Vi er på stedet" in m["text"] and "Hvem varsler hvem?" not in m["text"]
        session.reveal_next()
        m = await shown(publish())
        assert "Hvem varsler hvem?" in m["text"] and "Sett kriseledelsen" not in m["text"]
        session.reveal_next()
        m = await shown(publish())
        assert "Sett kriseledelsen" in m["text"] and "Avvent" in m["text"]
        assert check_fits(m, "reveals") == []

        session.set_room_view(blank=True)
        m = await shown(publish())
        assert m["screen"] == "blank"
        assert await page.evaluate("document.getElementById('content').innerText.trim()") == ""
        session.set_room_view(blank=False)
        await shown(publish())

        session.pause(until="10:15")
        m = await shown(publish())
        assert m["screen"] == "pause" and "Pause – vi fortsetter kl. 10.15" in m["text"]
        assert "Det starter i Testkommune" not in m["text"]
        title = await page.evaluate("getComputedStyle(document.querySelector('.screen-title')).fontSize")
        assert float(title.rstrip("px")) >= 60  # the pause fills the screen
        session.resume()
        session.pause()
        m = await shown(publish())
        assert "Pause" in m["text"] and "vi fortsetter" not in m["text"]
        session.resume()

        session.choose(0)
        m = await shown(publish())
        assert "Kriseledelsen er satt" in m["text"] and "Situasjonsbildet er klart" not in m["text"]
        session.end()
        m = await shown(publish())
        assert m["screen"] == "ended" and "Øvelsen er avsluttet" in m["text"]
        outside = [u for u in page.requests if not u.startswith(url)]
        assert outside == [], f"the page fetched something from elsewhere: {outside}"

    try:
        run_page(browser, body)
    finally:
        server.stop()
        session.close()


HOSTILE = ROOM.replace(
    "title: Det starter i Testkommune",
    'title: "<script>window.__pwned = 1</script> <img src=x onerror=window.__pwned=2> [bold]Tittel[/bold]"',
).replace(
    "text: Hvem varsler hvem?",
    'text: "<b>fet?</b> &amp; \\e[31mrød\\e[0m [link=https://example.org]x[/link]"',
)


def test_scenario_text_is_never_html_or_markup_in_the_page(browser, tmp_path):
    session = Session.create(
        HOSTILE, "fiendtlig.yaml", {"title": "<i>Øvelse</i>"}, journal_dir=tmp_path / "j"
    )
    session.reveal_next()
    session.reveal_next()
    server = RoomServer()
    url = server.start()
    server.publish(build_snapshot(session.scenario, session.state))

    async def body(page: Page) -> None:
        await page.goto(url)
        m = await page.evaluate(wait_for_seq(session.state.last_seq) + ".then(() => 0)")
        assert m == 0
        text = await page.evaluate("document.body.innerText")
        assert "<script>window.__pwned = 1</script>" in text
        assert "<img src=x onerror=window.__pwned=2>" in text and "[bold]Tittel[/bold]" in text
        assert "<b>fet?</b> &amp;" in text and "[link=https://example.org]x[/link]" in text
        assert "<i>Øvelse</i>" in text
        assert "\x1b" not in text and "[31m" not in text and "rød" in text
        assert await page.evaluate("typeof window.__pwned") == "undefined"
        assert (
            await page.evaluate("document.querySelectorAll('#stage script, #stage img, #stage b').length")
            == 0
        )

    try:
        run_page(browser, body)
    finally:
        server.stop()
        session.close()


def test_page_says_waiting_for_the_facilitator_when_the_program_is_gone(browser, tmp_path):
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j")
    server = RoomServer(heartbeat=0.2)
    url = server.start()
    server.publish(build_snapshot(session.scenario, session.state))

    async def body(page: Page) -> None:
        await page.goto(url)
        await page.evaluate(wait_for_seq(session.state.last_seq))
        assert await page.evaluate("document.body.dataset.screen") == "innspill"
        server.stop()  # as if the facilitator's program crashed: no more heartbeats
        await page.wait_until("document.body.dataset.screen === 'gone'", timeout=5)
        assert "Venter på øvingsleder" in await page.evaluate("document.body.innerText")

    try:
        run_page(browser, body)
    finally:
        server.stop()
        session.close()


SAMI = ROOM.replace(
    "    title: Det starter i Testkommune\n",
    "    title: Det starter i Testkommune\n    title_se: Dat álgá Testsuohkanis – čđŋšŧž\n",
)


def test_sami_parallel_text_and_its_gaps_are_shown(browser, tmp_path):
    scenario = load_scenario_text(ROOM, "rom-test.yaml").scenario
    assert scenario is not None
    node = scenario.node("a")
    item = node_item(node, frozenset(), Reveal.everything(), roles=role_lookup(scenario))
    from dataclasses import replace

    item = replace(item, title_se="Dat álgá Testsuohkanis – á č đ ŋ š ŧ ž")
    snapshot = replace(longest_snapshot(scenario, 7), item=item, room_languages=("nb", "se"))
    server = RoomServer()
    url = server.start()
    server.publish(snapshot)

    async def body(page: Page) -> None:
        await page.goto(url)
        await page.evaluate(wait_for_seq(7))
        m = await page.evaluate(MEASURE)
        assert "Dat álgá Testsuohkanis – á č đ ŋ š ŧ ž" in m["text"]
        assert "samisk tekst mangler" in m["text"]  # the innspill text has no Sámi version
        assert await page.evaluate("document.querySelector('.block.title .se').lang") == "se"
        assert check_fits(m, "sámi") == []
        # The Sámi letters are drawn by one font of the page's own list, not patched from a fallback font.
        await page.call("DOM.enable")
        await page.call("CSS.enable")
        root = await page.call("DOM.getDocument")
        found = await page.call(
            "DOM.querySelector", nodeId=root["root"]["nodeId"], selector=".block.title .se"
        )
        fonts = (await page.call("CSS.getPlatformFontsForNode", nodeId=found["nodeId"]))["fonts"]
        families = await page.evaluate("getComputedStyle(document.body).fontFamily")
        assert len(fonts) == 1, fonts
        assert fonts[0]["familyName"] in families, (fonts, families)

    try:
        run_page(browser, body)
    finally:
        server.stop()


def test_exempt_marking_stays_on_screen_and_late_browsers_get_the_current_state(browser, tmp_path):
    from room_scenarios import EXEMPT

    session = Session.create(EXEMPT, "rom-unntatt.yaml", {}, journal_dir=tmp_path / "j")
    session.pause(until="10:15")
    server = RoomServer()
    url = server.start()
    server.publish(build_snapshot(session.scenario, session.state))  # before any browser is there

    async def body(page: Page) -> None:
        await page.goto(url)
        await page.evaluate(wait_for_seq(session.state.last_seq))
        assert await page.evaluate("document.body.dataset.screen") == "pause"
        marking = await page.evaluate(
            "(() => { const m = document.getElementById('marking');"
            " return m.hidden ? '' : m.innerText + '|' + m.getBoundingClientRect().width; })()"
        )
        text, width = marking.split("|")
        assert text == "Unntatt offentlighet, jf. offl. § 24 tredje ledd" and float(width) > 0
        await page.call("Page.reload")  # a reconnecting browser: the current state at once
        await page.wait_until("document.body && document.body.dataset.screen === 'pause'", timeout=3)

    try:
        run_page(browser, body)
    finally:
        server.stop()
        session.close()

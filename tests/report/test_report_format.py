"""Norwegian formatting of times (ovelse.i18n.dates), and Markdown text that keeps its shape inside lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from markdown_it import MarkdownIt

from ovelse.i18n import dates as fmt
from ovelse.i18n import use_language
from ovelse.report.layout import Document, Item, ItemList
from ovelse.report.markdown import render_markdown


def _list(block: ItemList) -> str:
    doc = Document("T", "", None, "", "nb", "", "", [], [block])
    return render_markdown(doc)


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 29, 0, 0, tzinfo=UTC),  # summer time begins 01:00 UTC
        datetime(2026, 10, 25, 0, 0, tzinfo=UTC),  # and ends 01:00 UTC
        datetime(2026, 9, 15, 7, 0, tzinfo=UTC),
    ],
)
def test_local_times_match_the_time_zone_database_across_daylight_saving_changes(start):
    for minutes in range(0, 180, 7):
        for tz in (UTC, timezone(timedelta(hours=5, minutes=30))):
            when = (start + timedelta(minutes=minutes, seconds=13)).astimezone(tz)
            local = when.astimezone(fmt.LOCAL)
            assert fmt.clock(when) == local.strftime("%H:%M")
            assert fmt.stamp(when) == local.strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.parametrize(
    "seconds,text",
    [
        (None, "–"),
        (0, "0 min"),
        (20, "under 1 min"),
        (60, "1 min"),
        (3000, "50 min"),
        (3600, "1 t"),
        (3900, "1 t 5 min"),
    ],
)
def test_durations(seconds, text):
    assert fmt.duration(seconds) == text


def test_dates_and_clocks():
    assert fmt.long_date(date(2026, 9, 15)) == "tirsdag 15. september 2026"
    with use_language("nn"):
        assert fmt.long_date(date(2026, 9, 15)) == "tysdag 15. september 2026"
        assert fmt.month_year(date(2026, 1, 5)) == "januar 2026"
    assert fmt.short_date(date(1, 2, 3)) == "03.02.0001"
    assert fmt.timer(309) == "05:09" and fmt.timer(3909) == "1:05:09"
    assert (
        fmt.iso_utc(datetime(2026, 9, 15, 10, 4, tzinfo=timezone(timedelta(hours=2))))
        == "2026-09-15T08:04:00Z"
    )
    assert fmt.short_date("2026-10-01") == "01.10.2026"
    assert fmt.exercise_clock(3725) == "1:02" and fmt.exercise_clock_full(3725) == "1:02:05"


def test_multi_line_text_stays_inside_its_list_item():
    text = "Første linje\n\n# ikke en overskrift\n    ikke kode\n- ikke et punkt"
    md = _list(
        ItemList(
            [
                Item([("Beslutning", "b"), (": ", ""), (text, "")], [[("Begrunnelse: ", "i"), (text, "")]]),
                Item([("Neste", "")]),
            ]
        )
    )
    tokens = MarkdownIt("commonmark").parse(md)
    top_items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(top_items) == 2
    assert not any(t.type in ("heading_open", "code_block", "fence") for t in tokens)
    html = MarkdownIt("commonmark").render(md)
    assert "# ikke en overskrift" in html and "- ikke et punkt" in html

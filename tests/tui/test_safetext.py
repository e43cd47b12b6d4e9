"""The helper that keeps scenario and log text literal: no escape sequences, no control characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from ovelse.tui.safetext import clean, literal, literal_line, one_line


def test_markup_is_kept_as_text():
    assert clean("[bold]fet[/bold] og [link=https://x.example]lenke[/link]") == (
        "[bold]fet[/bold] og [link=https://x.example]lenke[/link]"
    )
    text = literal("[bold]fet[/bold]")
    assert isinstance(text, Text)
    assert text.plain == "[bold]fet[/bold]"
    assert not text.spans


def test_escape_sequences_are_removed_whole():
    assert clean("a\x1b[31mrød\x1b[0m b") == "arød b"
    assert clean("\x1b[2J\x1b[Hskjerm") == "skjerm"
    assert clean("\x1b]8;;https://evil.example\x07klikk\x1b]8;;\x07") == "klikk"
    assert clean("\x1b]0;tittel\x1b\\etter") == "etter"
    assert clean("\x9b31mC1") == "C1"
    assert clean("lone \x1b") == "lone "


def test_control_characters_and_bidi_overrides_are_removed():
    assert clean("bjelle\x07 null\x00 slett\x7f") == "bjelle null slett"
    assert clean("\u202eevil\u202c") == "evil"


def test_newlines_and_tabs():
    assert clean("a\r\nb\rc\td") == "a\nb\nc    d"
    assert one_line("  a\n  b\tc  ") == "a b c"
    assert literal_line("x\ny", "bold").plain == "x y"


def test_none_and_non_strings():
    assert clean(None) == ""
    assert clean(42) == "42"


@given(st.text())
def test_output_never_contains_controls(value):
    out = clean(value)
    assert "\x1b" not in out
    assert all(ch in "\n" or ord(ch) >= 0x20 for ch in out)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in out)


_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=_BIDI)))
def test_printable_text_is_unchanged(value):
    assert clean(value) == value

"""The message catalogue: complete nynorsk, no bokmål-only words in it, placeholders kept, bokmål fallback."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ovelse import i18n
from ovelse.i18n import build

PO_DIR = Path(build.I18N) / "po" / "nn"

# Bokmål-only words that a nynorsk text must not contain (issue 10; ../shared/domain/README.md).
BOKMAL_ONLY = (
    "ikke",
    "hva",
    "hvem",
    "hvordan",
    "hvor",
    "hvis",
    "hvilken",
    "hvilke",
    "deltaker",
    "deltakere",
    "innspill",
    "øvelse",
    "øvelsen",
    "øvelser",
    "beslutning",
    "beslutninger",
    "ledelse",
    "kriseledelse",
    "hendelse",
    "hendelser",
    "ansvarlig",
    "øvingsleder",
    "jeg",
    "mye",
    "noen",
    "etter at",
    "også",
)


def _messages():
    for path in sorted(PO_DIR.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="nn"):
                if message.id:
                    yield path.name, message


def test_catalogue_is_complete_and_compiled():
    problems = build.problems("nn")
    assert problems == [], "\n".join(problems[:40])


def test_nynorsk_has_no_bokmal_only_words():
    bad = []
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in BOKMAL_ONLY) + r")\b", re.IGNORECASE)
    for name, message in _messages():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            text = re.sub(r"\{[^}]*\}", "", text or "")  # placeholders are not words
            text = re.sub(r"--[\w-]+", "", text)  # nor are command-line flags («--deltakere»)
            if match := pattern.search(text):
                bad.append(f"{name}: {match.group(0)!r} in {text!r}")
    assert bad == [], "\n".join(bad[:40])


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_translations_keep_placeholders():
    bad = []
    for name, message in _messages():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for text in strings:
            if text and not _fields(text) <= wanted:
                bad.append(f"{name}: {message.id!r} → {text!r}")
    assert bad == [], "\n".join(bad[:40])


def test_missing_translation_falls_back_to_bokmal():
    with i18n.use_language("nn"):
        assert i18n._("Denne teksten finnes ikke i katalogen") == "Denne teksten finnes ikke i katalogen"
    assert i18n.current_language() == "nb"


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [("nn", "nn"), ("NB", "nb"), ("nn_NO", "nn"), ("nno", "nn"), ("se", None), ("xx", None), ("", None)],
)
def test_parse_language(raw, wanted):
    assert i18n.parse_language(raw) == wanted


def test_use_language_is_scoped():
    with i18n.use_language("nn"):
        assert i18n.current_language() == "nn"
    assert i18n.current_language() == "nb"
    with pytest.raises(ValueError), i18n.use_language("se"):  # type: ignore[arg-type]
        pass


def test_compiled_catalogue_reads_back():
    data = build.mo_path("nn").read_bytes()
    assert data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
    assert io.BytesIO(data).read(4)

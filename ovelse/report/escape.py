"""Escaping text from scenarios and logs for each output format.

Every string in a :class:`~ovelse.report.model.ReportData` has already been through :func:`clean`
(no terminal escapes, no control characters, no lone surrogates), so the per-format functions here only
deal with each format's own syntax: HTML entities, Markdown punctuation, spreadsheet formulas.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ovelse.plaintext import (
    clean,  # the one cleaner, shared with the checking tools and the UI
)

__all__ = ["clean"]


def one_line(text: str) -> str:
    """Whitespace (including newlines) folded to single spaces."""
    return " ".join(text.split())


def escape_all(
    texts: list[str], escape: Callable[[str], str], special: str, joined: str | None = None
) -> list[str]:
    """``[escape(t) for t in texts]`` for an ``escape`` that works character by character, changes only
    the characters in ``special`` and leaves NUL alone: done in one pass over all texts joined (``joined``,
    if the caller has it), and not at all when none of them has a special character. For thousands of
    short texts that is much quicker."""
    if not texts:
        return []
    if joined is None:
        joined = "\x00".join(texts)
    if not any(c in joined for c in special):
        return texts
    if joined.count("\x00") != len(texts) - 1:  # NUL in a text: clean() removes it, but be safe
        return [escape(t) for t in texts]
    return escape(joined).split("\x00")


def escape_all_encoded(texts: list[str], escape: Callable[[str], str], special: str) -> list[bytes]:
    """:func:`escape_all`, each text encoded as UTF-8 (all at once)."""
    if not texts:
        return []
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # NUL in a text: clean() removes it, but be safe
        return [escape(t).encode() for t in texts]
    if any(c in joined for c in special):
        joined = escape(joined)
    return joined.encode().split(b"\x00")


# -- HTML ---------------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """Text for an HTML element or attribute value."""
    return html.escape(text, quote=True)


HTML_SPECIAL = "&<>\"'\n"  # what html_block changes


def html_block(text: str) -> str:
    """Multi-line text for inside an element: escaped, line breaks kept as ``<br>``."""
    text = html.escape(text, quote=True)
    return text.replace("\n", "<br>\n") if "\n" in text else text


# -- Markdown (CommonMark) ------------------------------------------------------------------------

# Punctuation that can start or end inline syntax anywhere in a line: emphasis, code, links, images,
# raw HTML and autolinks, entities, tables (GFM pipes) and strikethrough (GFM tildes). All of them may
# be backslash-escaped in CommonMark.
_MD_SPECIAL = "\\`*_[]<>|&~"  # the backslash first (see _md_escape_inline)
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
_PARAGRAPHS = re.compile(r"\n\s*\n")
# Syntax that only counts at the start of a line: headings, block quotes (already escaped as «>»),
# list items, thematic breaks, setext underlines, fenced code, ordered lists («1.» / «1)»).
_MD_LINE_START = re.compile(r"^([#+=\-]|(\d{1,9})([.)]))")


def md_inline(text: str, line_start: bool = False) -> str:
    """One line of literal text for Markdown: every inline construct is escaped, newlines folded to
    spaces. With ``line_start``, block syntax («#», «-», «1.» …) at its start is escaped too."""
    return _md_line(one_line(text), line_start)


def _md_line(line: str, line_start: bool = True) -> str:
    line = line.strip()
    if _MD_INLINE.search(line):
        line = _md_escape_inline(line)
    if not line_start:
        return line
    return _MD_LINE_START.sub(_line_start, line)


def md_block(text: str, indent: str = "", line_start: bool = True) -> str:
    """Multi-line literal text for Markdown, continued under ``indent`` (e.g. inside a list item).

    Lines become hard line breaks; blank lines separate paragraphs. Leading spaces are dropped so that
    no line turns into an indented code block. ``line_start`` says whether the text begins a line.
    """
    paragraphs = [p for p in _PARAGRAPHS.split(text.strip()) if p.strip()]
    out = []
    for n, para in enumerate(paragraphs):
        lines = [
            _md_line(line, line_start or n > 0 or i > 0)
            for i, line in enumerate(x for x in para.split("\n") if x.strip())
        ]
        out.append(("\\\n" + indent).join(lines))
    return ("\n\n" + indent).join(out)


def md_span(text: str, line_start: bool = False) -> str:
    """One line of literal text in the middle of Markdown (inner spaces kept, nothing folded)."""
    if _MD_INLINE.search(text):
        text = _md_escape_inline(text)
    if line_start:
        text = _MD_LINE_START.sub(_line_start, text.lstrip())
    return text


def md_spans(texts: list[str], joined: str | None = None) -> list[str]:
    """``[md_span(t) for t in texts]``: inline syntax escaped (no text at the start of a line)."""
    return escape_all(texts, _md_escape_inline, _MD_SPECIAL, joined)


def _md_escape_inline(text: str) -> str:
    """A backslash before each character of _MD_INLINE (as ``_MD_INLINE.sub(r"\\\1", text)`` does, which
    spends a Python call on every match): backslashes first, so that the added ones stay single."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    for char in _MD_SPECIAL[1:]:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _line_start(m: re.Match[str]) -> str:
    return f"{m.group(2)}\\{m.group(3)}" if m.group(2) else f"\\{m.group(1)}"


def md_cell(text: str) -> str:
    """Text for a Markdown (GFM) table cell: one line, pipes escaped."""
    return md_inline(text) if text else ""


# -- CSV --------------------------------------------------------------------------------------

# A spreadsheet treats a cell starting with these as a formula (also after leading spaces, and the
# full-width forms in some versions). Tab and carriage return are listed by OWASP too.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet will evaluate: a leading apostrophe neutralises formulas."""
    if text and (text[0] in FORMULA_START or text.lstrip()[:1] in FORMULA_START):
        return "'" + text
    return text

"""Escaping text from scenarios and logs for each output format.

Every string in a :class:`~ovelse.report.model.ReportData` has already been through :func:`clean`
(no terminal escapes, no control characters, no lone surrogates), so the per-format functions here only
deal with each format's own syntax: HTML entities, Markdown punctuation, spreadsheet formulas.
"""

from __future__ import annotations

import html
import re

from ovelse.plaintext import (
    clean,  # the one cleaner, shared with the checking tools and the UI
)

__all__ = ["clean"]


def one_line(text: str) -> str:
    """Whitespace (including newlines) folded to single spaces."""
    return " ".join(text.split())


# -- HTML ---------------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """Text for an HTML element or attribute value."""
    return html.escape(text, quote=True)


def html_block(text: str) -> str:
    """Multi-line text for inside an element: escaped, line breaks kept as ``<br>``."""
    text = html.escape(text, quote=True)
    return text.replace("\n", "<br>\n") if "\n" in text else text


# -- Markdown (CommonMark) ------------------------------------------------------------------------

# Punctuation that can start or end inline syntax anywhere in a line: emphasis, code, links, images,
# raw HTML and autolinks, entities, tables (GFM pipes) and strikethrough (GFM tildes). All of them may
# be backslash-escaped in CommonMark.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
# Syntax that only counts at the start of a line: headings, block quotes (already escaped as «>»),
# list items, thematic breaks, setext underlines, fenced code, ordered lists («1.» / «1)»).
_MD_LINE_START = re.compile(r"^([#+=\-]|(\d{1,9})([.)]))")


def md_escape(text: str, *, line_start: bool = False, indent: str = "") -> str:
    """THE Markdown escaping: literal text whose every inline construct is escaped, so that nothing in it
    becomes markup or raw HTML. Its lines become hard line breaks continued under ``indent`` (e.g. inside a
    list item; blank lines too, so a text never ends its list item), leading spaces are dropped so that no
    line turns into an indented code block, and block syntax («#», «-», «1.» …) is escaped where a line
    starts: on every line after the first, and on the first when ``line_start`` says the text begins one."""
    if "\n" not in text and not line_start and not _MD_INLINE.search(text):
        return text.strip()  # nothing to escape (most texts)
    lines = [line.strip() for line in text.strip().split("\n")]
    out = []
    for i, line in enumerate(x for x in lines if x):
        line = _MD_INLINE.sub(r"\\\1", line)
        if i or line_start:
            line = _MD_LINE_START.sub(_line_start, line)
        out.append(line)
    return ("\\\n" + indent).join(out)


def _line_start(m: re.Match[str]) -> str:
    return f"{m.group(2)}\\{m.group(3)}" if m.group(2) else f"\\{m.group(1)}"


def md_inline(text: str, line_start: bool = False) -> str:
    """One line of literal text for Markdown (newlines folded to spaces); see :func:`md_escape`."""
    return md_escape(one_line(text), line_start=line_start)


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

"""Show scenario and log text literally: no markup, no terminal escape sequences.

Everything a scenario author or a referent typed goes through :func:`clean` before it reaches the
screen, and is wrapped in :class:`rich.text.Text` (never parsed as markup) by :func:`literal`.
"""

from __future__ import annotations

from rich.text import Text

from ovelse.plaintext import (
    clean,  # the one cleaner, shared with the checking tools and the reports
)

__all__ = ["clean", "literal", "literal_line", "one_line"]


def one_line(text: object) -> str:
    """:func:`clean`, with newlines folded to spaces (for list rows and titles)."""
    return " ".join(clean(text).split())


def literal(text: object, style: str = "") -> Text:
    """A Rich Text that shows ``text`` exactly as written (cleaned), never interpreting markup."""
    return Text(clean(text), style=style)


def literal_line(text: object, style: str = "") -> Text:
    """Like :func:`literal` but on one line."""
    return Text(one_line(text), style=style)

"""Show scenario and log text literally: no markup, no terminal escape sequences.

Everything a scenario author or a referent typed goes through :func:`clean` before it reaches the
screen, and is wrapped in :class:`rich.text.Text` (never parsed as markup) by :func:`literal`.
"""

from __future__ import annotations

import re

from rich.text import Text

# ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/PM/APC/SOS strings,
# and two-character escapes. Their bytes are removed whole, so no fragment like «[31m» is left behind.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                       # CSI
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)         # OSC, DCS, SOS, PM, APC (to BEL / ST / end)
    | \x9b[0-?]*[ -/]*[@-~]                        # 8-bit CSI
    | [\x90\x9d\x98\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)  # 8-bit string introducers
    | \x1b[ -/]*[0-~]?                             # other ESC sequences (or a lone ESC)
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and bidirectional overrides/isolates
# (which can make text read differently from what is stored).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """The text without terminal escape sequences and control characters.

    Tabs become spaces, «\\r\\n» and lone «\\r» become newlines; everything else printable is kept
    exactly, including square brackets.
    """
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    value = _ESCAPE_SEQUENCE.sub("", value)
    return _CONTROL.sub("", value)


def one_line(text: object) -> str:
    """:func:`clean`, with newlines folded to spaces (for list rows and titles)."""
    return " ".join(clean(text).split())


def literal(text: object, style: str = "") -> Text:
    """A Rich Text that shows ``text`` exactly as written (cleaned), never interpreting markup."""
    return Text(clean(text), style=style)


def literal_line(text: object, style: str = "") -> Text:
    """Like :func:`literal` but on one line."""
    return Text(one_line(text), style=style)

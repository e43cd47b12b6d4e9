"""Text from scenarios and logs made safe to show: no terminal escapes, no control characters.

Shared by the checking tools, the reports and the UI (this module imports neither Textual nor rich).
"""

from __future__ import annotations

import os
import re
from functools import cache

# The patterns are compiled on first use (a millisecond that ``ovelse --help`` does not need).


@cache
def escape_sequence() -> re.Pattern[str]:
    """ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \\), DCS/PM/APC/SOS strings,
    and two-character escapes. Their bytes are removed whole, so no fragment like «[31m» is left behind."""
    return re.compile(
        r"""
    \x1b\[[0-?]*[ -/]*[@-~]                            # CSI
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)            # OSC, DCS, SOS, PM, APC (to BEL / ST / end)
    | \x9b[0-?]*[ -/]*[@-~]                            # 8-bit CSI
    | [\x90\x9d\x98\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)  # 8-bit string introducers
    | \x1b[ -/]*[0-~]?                                 # other ESC sequences (or a lone ESC)
    """,
        re.VERBOSE | re.DOTALL,
    )


@cache
def control() -> re.Pattern[str]:
    """C0 controls except tab and newline, DEL, C1 controls, bidirectional marks, overrides and isolates
    (text that reads differently from what is stored), lone surrogates and non-characters."""
    return re.compile(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
    )


def has_controls(text: str) -> bool:
    """True if ``text`` holds an escape sequence or a control character (tab and newline are fine)."""
    return control().search(text) is not None


def clean(text: object) -> str:
    """The text without terminal escape sequences and control characters.

    Tabs become four spaces, «\\r\\n» and a lone «\\r» become newlines; every other printable character
    (square brackets included) is kept exactly.
    """
    if text is None:
        return ""
    value = str(text)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in value:
        value = value.replace("\t", "    ")
    if not control().search(value):
        return value
    return control().sub("", escape_sequence().sub("", value))


def show_controls(text: str) -> str:
    """The text with every control character written visibly as an escape (``\\x1b``, ``\\u202e``)."""
    if not control().search(text):
        return text

    def visible(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return control().sub(visible, text)


def path_text(path: str | os.PathLike[str]) -> str:
    """A file name as it may be shown in a terminal or a message: every control character written
    visibly (``\\x1b``), so a name with escape sequences is shown literally and never acts on the
    terminal. Undecodable bytes (kept by Python as lone surrogates) are shown the same way."""
    return show_controls(os.fsdecode(path).replace("\n", "\\n").replace("\t", "\\t"))

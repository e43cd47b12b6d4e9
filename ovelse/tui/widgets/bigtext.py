"""Large letters for the projector: a 5×5 pixel font drawn with half blocks (three terminal rows a line).

Only the innspill title is drawn this large; when a character is missing from the font or the title would
take too many rows, it falls back to ordinary bold text.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

_GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".####"),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..###", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
    "Æ": (".####", "#.#..", "####.", "#.#..", "#.###"),
    "Ø": (".###.", "#..##", "#.#.#", "##..#", ".###."),
    "Å": ("..#..", ".###.", "#...#", "#####", "#...#"),
    "0": (".###.", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", ".###."),
    "2": ("####.", "....#", ".###.", "#....", "#####"),
    "3": ("####.", "....#", ".###.", "....#", "####."),
    "4": ("#...#", "#...#", "#####", "....#", "....#"),
    "5": ("#####", "#....", "####.", "....#", "####."),
    "6": (".###.", "#....", "####.", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", "..#.."),
    "8": (".###.", "#...#", ".###.", "#...#", ".###."),
    "9": (".###.", "#...#", ".####", "....#", ".###."),
    ".": (".", ".", ".", ".", "#"),
    ",": ("..", "..", "..", ".#", "#."),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    "–": ("....", "....", "####", "....", "...."),
    "?": ("###.", "...#", ".##.", "....", ".#.."),
    "!": ("#", "#", "#", ".", "#"),
    "/": ("....#", "...#.", "..#..", ".#...", "#...."),
    "(": (".#", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", "#."),
    "'": ("#", "#", ".", ".", "."),
    '"': ("#.#", "#.#", "...", "...", "..."),
    "«": (".....", "..#.#", ".#.#.", "..#.#", "....."),
    "»": (".....", "#.#..", ".#.#.", "#.#..", "....."),
    "+": (".....", "..#..", ".###.", "..#..", "....."),
    "%": ("#...#", "...#.", "..#..", ".#...", "#...#"),
    "&": (".##..", "#..#.", ".##..", "#..#.", ".##.#"),
}
_SPACE = 3
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def can_render(text: str) -> bool:
    return all(ch == " " or ch in _GLYPHS for ch in text.upper())


def _word_width(word: str) -> int:
    return sum(len(_GLYPHS[ch][0]) + 1 for ch in word) - 1 if word else 0


def _render_line(words: list[str]) -> list[str]:
    pixels = ["", "", "", "", ""]
    for w_index, word in enumerate(words):
        if w_index:
            pixels = [row + " " * _SPACE for row in pixels]
        for c_index, ch in enumerate(word):
            glyph = _GLYPHS[ch]
            for r in range(5):
                pixels[r] += (" " if c_index else "") + glyph[r].replace(".", " ")
    pixels.append(" " * len(pixels[0]))
    rows = []
    for top, bottom in ((0, 1), (2, 3), (4, 5)):
        rows.append(
            "".join(_HALF[(a == "#", b == "#")] for a, b in zip(pixels[top], pixels[bottom], strict=True))
        )
    return rows


def big_lines(text: str, width: int) -> list[str] | None:
    """The text in large letters wrapped to ``width`` columns, or None if it cannot be drawn."""
    words = text.upper().split()
    if not words or not can_render(text) or any(_word_width(w) > width for w in words):
        return None
    lines: list[list[str]] = [[]]
    used = 0
    for word in words:
        needed = _word_width(word) + (_SPACE if lines[-1] else 0)
        if lines[-1] and used + needed > width:
            lines.append([])
            used = 0
            needed = _word_width(word)
        lines[-1].append(word)
        used += needed
    out: list[str] = []
    for index, line in enumerate(lines):
        if index:
            out.append("")
        out.extend(_render_line(line))
    return out


class BigTitle(Widget):
    """The title in large letters (at most ``max_rows`` rows), else bold ordinary text."""

    DEFAULT_CSS = "BigTitle { height: auto; }"

    def __init__(self, *, max_rows: int = 11, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""
        self._max_rows = max_rows

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[str] | None:
        lines = big_lines(self._text, max(1, width))
        if lines is None or len(lines) > self._max_rows:
            return None
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = self._lines(width)
        if lines is None:
            return max(1, len(Content(self._text).wrap(max(1, width))))
        return len(lines)

    def render(self) -> Content:
        lines = self._lines(self.content_region.width or self.size.width)
        if lines is None:
            return Content.styled(self._text, "bold")
        return Content("\n".join(lines))

"""Where the bundled scenarios live (package data when installed, ``scenarios/`` in a checkout), and the
metadata pass the start screen lists them with.

:func:`read_listing` reads only the ``meta:`` block of a scenario (title, municipality, duration), so
the list is filled without importing the scenario model or running the checks; the full validation
runs when a scenario is opened. A file whose metadata cannot be read this way is still listed (by file
name), and opening it shows its findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
MAX_META_BYTES = 64 * 1024
"""A ``meta:`` block larger than this is not read by the metadata pass (the full load decides)."""

_META_START = re.compile(r"^meta:[ \t]*(?:#.*)?$", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^[^\s#]", re.MULTILINE)


def bundled_dir() -> Path:
    """Directory holding the bundled scenario files."""
    installed = _PACKAGE_DIR / "bundled"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "scenarios"


def bundled_files() -> list[Path]:
    """The bundled scenario files, sorted by name."""
    folder = bundled_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_scenario(arg: str) -> Path:
    """A path as given, or the bundled scenario whose file stem matches ``arg``."""
    path = Path(arg)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in arg:
        return path
    for candidate in bundled_files():
        if candidate.stem == arg:
            return candidate
    return path


@dataclass(frozen=True)
class ScenarioListing:
    """What a list row needs about a scenario file, read without validating it.

    ``title`` is None when the metadata could not be read (the row then shows the file name); the
    texts are raw scenario text, to be cleaned by whoever shows them."""

    path: Path
    title: str | None = None
    municipality: str | None = None
    duration_minutes: int | None = None
    themes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def readable(self) -> bool:
        return self.title is not None


def _meta_block(text: str) -> str | None:
    """The top-level ``meta:`` mapping as YAML text (block style), or None."""
    start = _META_START.search(text)
    if start is None:
        return None
    end = _TOP_LEVEL.search(text, start.end() + 1)
    block = text[start.start() : end.start() if end else len(text)]
    return block if len(block) <= MAX_META_BYTES else None


def read_listing(path: Path) -> ScenarioListing:
    """The metadata pass: the ``meta:`` block only, through the same safe reader as the full load
    (size cap, never blocking on a FIFO, UTF-8 only). Never raises for a bad file."""
    from ovelse.scenario.diagnostics import FatalLoadError
    from ovelse.scenario.safeyaml import load_yaml, read_text

    try:
        block = _meta_block(read_text(path))
        if block is None:
            return ScenarioListing(path)
        doc = load_yaml(block, str(path))
    except (FatalLoadError, OSError, ValueError):
        return ScenarioListing(path)
    meta = doc.data.get("meta") if isinstance(doc.data, dict) else None
    if not isinstance(meta, dict) or not isinstance(meta.get("title"), str) or not meta["title"].strip():
        return ScenarioListing(path)
    municipality = meta.get("municipality")
    duration = meta.get("duration_minutes")
    themes = meta.get("themes")
    return ScenarioListing(
        path,
        title=meta["title"],
        municipality=municipality if isinstance(municipality, str) else None,
        duration_minutes=int(duration) if isinstance(duration, str) and duration.isdigit() else None,
        themes=tuple(t for t in themes if isinstance(t, str)) if isinstance(themes, list) else (),
    )

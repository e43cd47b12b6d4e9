"""Where the bundled scenarios live (package data when installed, ``scenarios/`` in a checkout), and the
metadata pass the start screen lists them with.

:func:`read_listing` reads only the ``meta:`` block of a scenario (title, municipality, duration), so
the list is filled without importing the scenario model or running the checks; the full validation
runs when a scenario is opened. A file whose metadata cannot be read this way is still listed (by file
name), and opening it shows its findings. :func:`read_listings` keeps what it read in a small cache keyed
by each file's SHA-256 (in the user's cache folder, or ``$OVELSE_CACHE_DIR``), so a start with unchanged
files reads the files and the cache, and does not even load the YAML parser.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
MAX_META_BYTES = 64 * 1024
"""A ``meta:`` block larger than this is not read by the metadata pass (the full load decides)."""

CACHE_VERSION = 1
ENV_CACHE_DIR = "OVELSE_CACHE_DIR"
MAX_SCENARIO_BYTES = 16 * 1024 * 1024  # as the full load (ovelse.scenario.safeyaml.MAX_BYTES)
MAX_CACHE_ENTRIES = 200

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


def cache_file() -> Path:
    """Where :func:`read_listings` keeps what it read: ``$OVELSE_CACHE_DIR`` or the user's cache folder."""
    env = os.environ.get(ENV_CACHE_DIR, "").strip()
    if env:
        return Path(env).expanduser() / "scenarioliste.json"
    import platformdirs

    return platformdirs.user_cache_path("ovelse", appauthor=False) / "scenarioliste.json"


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of at most MAX_SCENARIO_BYTES (never blocking on a FIFO)."""
    from ovelse import platform

    try:
        fd = platform.open_nonblocking(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SCENARIO_BYTES:
            return None
        platform.make_blocking(fd)
        return platform.pread(fd, MAX_SCENARIO_BYTES + 1, 0)
    except OSError:
        return None
    finally:
        os.close(fd)


def _load_cache(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _from_cache(path: Path, entry: object) -> ScenarioListing | None:
    if not isinstance(entry, dict):
        return None
    title, municipality = entry.get("title"), entry.get("municipality")
    duration, themes = entry.get("duration_minutes"), entry.get("themes")
    if not (
        (title is None or isinstance(title, str))
        and (municipality is None or isinstance(municipality, str))
        and (duration is None or (isinstance(duration, int) and not isinstance(duration, bool)))
        and isinstance(themes, list)
        and all(isinstance(t, str) for t in themes)
    ):
        return None
    return ScenarioListing(path, title, municipality, duration, tuple(themes))


def _entry(listing: ScenarioListing) -> dict[str, object]:
    entry = asdict(listing)
    entry.pop("path")
    entry["themes"] = list(listing.themes)
    return entry


def read_listings(paths: Iterable[Path]) -> list[ScenarioListing]:
    """:func:`read_listing` for each path, through the cache keyed by file content. A cache that cannot
    be read or written is ignored (the files are then read as without a cache)."""
    where = cache_file()
    cache = _load_cache(where)
    listings: list[ScenarioListing] = []
    seen: dict[str, object] = {}
    for path in paths:
        raw = _read_regular(path)
        if raw is None:
            listings.append(read_listing(path))  # not a regular file: the full load says why on open
            continue
        key = hashlib.sha256(raw).hexdigest()
        listing = _from_cache(path, cache.get(key))
        if listing is None:
            listing = read_listing(path)
        seen[key] = _entry(listing)
        listings.append(listing)
    if any(cache.get(key) != entry for key, entry in seen.items()):
        older = [(k, v) for k, v in cache.items() if k not in seen]
        entries = dict(older[len(older) - max(0, MAX_CACHE_ENTRIES - len(seen)) :] if older else [])
        entries.update(seen)
        _write_cache(where, entries)
    return listings


def _write_cache(where: Path, entries: dict[str, object]) -> None:
    from ovelse.fileio import OutputError, write_atomic

    data = json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False).encode()
    with contextlib.suppress(OSError, OutputError):
        where.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(where, data, force=True)

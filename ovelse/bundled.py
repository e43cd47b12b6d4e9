"""Where the bundled scenarios live: package data when installed, ``scenarios/`` in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


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

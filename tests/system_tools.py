"""Which system programs a test needs, and whether it may skip without them.

Linux CI (``CI=true`` on Linux: ``.ci/run`` and the ubuntu job of ``.github/workflows/tests.yml``) installs
every program the tests use, so there a missing program fails the test instead of skipping it. Elsewhere
(a contributor's machine, the Windows and macOS runners, which install only Graphviz) the test is skipped
with the reason shown by ``pytest -ra``.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

IN_LINUX_CI = os.environ.get("CI", "").lower() == "true" and sys.platform.startswith("linux")
"""Linux CI: nothing the tests need may be missing."""

_WHERE = (
    "Linux CI installerer det (.ci/run)"
    if sys.platform.startswith("linux")
    else (f"kjøres bare på Linux i CI; ikke prøvd på {sys.platform} ennå")
)


def missing(*programs: str) -> list[str]:
    return [p for p in programs if shutil.which(p) is None]


def needs(*programs: str, what: str | None = None) -> pytest.MarkDecorator:
    """Skip unless every program is on PATH, except on Linux CI (there the test runs and fails)."""
    gone = missing(*programs)
    name = what or " og ".join(programs)
    return pytest.mark.skipif(bool(gone) and not IN_LINUX_CI, reason=f"{name} er ikke installert ({_WHERE})")


def pango_missing() -> str | None:
    """Why WeasyPrint (PDF) cannot load Pango here, or None when it can."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        return str(exc).splitlines()[0][:120]
    return None


def needs_pango() -> pytest.MarkDecorator:
    why = pango_missing()
    return pytest.mark.skipif(
        why is not None and not IN_LINUX_CI,
        reason=f"PDF krever Pango, som ikke kan lastes her: {why} ({_WHERE})",
    )


def file_mode(path: str | os.PathLike[str]) -> int | None:
    """The permission bits of ``path`` where the system has them (POSIX), None on Windows, where access is
    by ACL and ``st_mode`` only tells read-only (ovelse.platform.PRIVATE_MODES is False there; see
    docs/journal-format.md). Tests assert ``file_mode(p) in (0o600, None)``."""
    from ovelse import platform

    if not platform.PRIVATE_MODES:
        return None
    return os.stat(path).st_mode & 0o777

"""Errors the user reads: a stable code and parameters, rendered through the catalogue at the edge.

Domain packages define their codes in a table of bokmål templates marked with ``N_`` and raise
``OvelseError(code, **params)`` (or a subclass). ``message``/``hint`` are rendered in the current
language when they are read (by the CLI, the app or a report command), never when raised, and no code
ever branches on them: branch on ``code`` or on the exception class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ovelse.i18n import _

# code -> (message template, hint template); templates use str.format fields named as in ``params``.
_TEMPLATES: dict[str, tuple[str, str]] = {}


def register_messages(templates: Mapping[str, tuple[str, str]]) -> None:
    """Add a package's codes; a code registered twice with other text is a programming error."""
    for code, pair in templates.items():
        if _TEMPLATES.get(code, pair) != pair:
            raise ValueError(f"error code {code} registered twice")
        _TEMPLATES[code] = pair


def render(code: str, params: Mapping[str, Any], which: int = 0) -> str:
    """The message (``which=0``) or hint (``1``) for ``code`` in the current language."""
    template = _TEMPLATES.get(code, ("", ""))[which]
    if not template:
        return "" if which else code
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template.format_map(_Missing(params))


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class OvelseError(Exception):
    """An error with a stable ``code`` and ``params``; ``message`` and ``hint`` are rendered on demand."""

    code: str = "error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params
        super().__init__(self.code)

    @property
    def message(self) -> str:
        return render(self.code, self.params, 0)

    @property
    def hint(self) -> str:
        return render(self.code, self.params, 1)

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

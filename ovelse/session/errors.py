"""Exceptions the app shows to the user: a Norwegian message and a hint, never a traceback."""

from __future__ import annotations

from pathlib import Path


class SessionError(Exception):
    """Base class: ``message`` and ``hint`` are Norwegian bokmål, ready to display."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidAction(SessionError):
    """The call is not allowed in the current state; nothing was written."""


class ScenarioError(SessionError):
    """The scenario text has errors and cannot be run; ``findings`` says which."""

    def __init__(self, message: str, hint: str = "", findings: list[object] | None = None) -> None:
        super().__init__(message, hint)
        self.findings = list(findings or [])


class JournalError(SessionError):
    """Reading or writing the journal failed; the in-memory state is unchanged."""

    def __init__(
        self,
        message: str,
        hint: str = "",
        path: Path | str | None = None,
        line: int | None = None,
        errno: int | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.errno = errno


class JournalLocked(JournalError):
    """Another process has the journal open for writing."""


class JournalCorrupt(JournalError):
    """A line in the middle of the journal cannot be read; ``line`` is its 1-based number."""

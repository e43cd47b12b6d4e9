"""Exceptions the app shows to the user: a stable code and parameters, never a traceback.

Every error is an :class:`ovelse.errors.OvelseError`: ``code`` (e.g. ``"session.ended"``) and ``params``
are data; ``message`` and ``hint`` are rendered from the catalogue (:mod:`ovelse.session.messages`) in the
current language when they are read. Branch on the class or the code, never on the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ovelse.errors import OvelseError, render


class SessionError(OvelseError):
    """Base class of the session's errors."""

    code = "session.error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        super().__init__(code, **params)


class InvalidAction(SessionError):
    """The call is not allowed in the current state; nothing was written."""


class ScenarioError(SessionError):
    """The scenario text has errors and cannot be run; ``findings`` says which."""

    def __init__(self, code: str, /, *, findings: Sequence[object] = (), **params: Any) -> None:
        super().__init__(code, **params)
        self.findings = list(findings)


class JournalError(SessionError):
    """Reading or writing the journal failed; the in-memory state is unchanged.

    ``more`` are codes of further hints, shown after the main hint (e.g. that the journal can still be
    opened read-only)."""

    def __init__(
        self,
        code: str,
        /,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        errno: int | None = None,
        **params: Any,
    ) -> None:
        if line is not None:
            params.setdefault("line", line)
        super().__init__(code, **params)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.errno = errno
        self.more: list[str] = []

    @property
    def hint(self) -> str:
        parts = [render(self.code, self.params, 1), *(render(code, self.params, 0) for code in self.more)]
        return " ".join(p for p in parts if p)


class JournalLocked(JournalError):
    """Another process has the journal open for writing."""


class JournalCorrupt(JournalError):
    """A line in the middle of the journal cannot be read or was changed; ``line`` is its 1-based number."""


class Phrase:
    """A catalogue text used as a parameter of another message, translated when that message is shown.

    ``Phrase(N_("lagre hendelsen"))`` or ``Phrase(N_("feilkode {n}"), n=5)``; also the message of another
    error (:meth:`message_of`), so a nested error is rendered in the language of the outer one."""

    __slots__ = ("_error", "msgid", "params")

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = msgid
        self.params = params
        self._error: OvelseError | None = None

    @classmethod
    def message_of(cls, error: OvelseError) -> Phrase:
        phrase = cls(error.code)
        phrase._error = error
        return phrase

    def __str__(self) -> str:
        if self._error is not None:
            return self._error.message
        from ovelse.i18n import _

        text = _(self.msgid)
        return text.format(**self.params) if self.params else text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Phrase({self.msgid!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.msgid, self.params, self._error) == (
            other.msgid,
            other.params,
            other._error,
        )

    def __hash__(self) -> int:
        return hash(self.msgid)


def _register() -> None:
    from ovelse.session import messages  # noqa: F401 - registers the session's codes


_register()

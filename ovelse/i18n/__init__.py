"""The message catalogue: every text a user reads goes through here.

Source strings (gettext msgids) are bokmål, so bokmål needs no catalogue and a missing translation
falls back to bokmål, never to a key. Nynorsk lives in ``po/nn/<area>.po`` (one file per package, so
that work in one package never touches another's catalogue) and is compiled into one
``locale/nn/LC_MESSAGES/ovelse.mo`` by ``python -m ovelse.i18n.build``.

The language is chosen at the edge (CLI, app, report command): :func:`set_language` sets the
process default, :func:`use_language` overrides it for a block (per thread / task, a ContextVar).
Domain code marks module-level texts with :func:`N_` and translates them with :func:`_` when it
renders; errors carry codes and parameters and are rendered by the edge.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Literal

Language = Literal["nb", "nn"]
"""A language of the user interface and the report."""

RoomLanguage = Literal["nb", "nn", "se"]
"""A language the room can be addressed in: the UI languages plus Northern Sámi (``se``)."""

LANGUAGES: tuple[Language, ...] = ("nb", "nn")
ROOM_LANGUAGES: tuple[RoomLanguage, ...] = ("nb", "nn", "se")
DEFAULT_LANGUAGE: Language = "nb"
DOMAIN = "ovelse"
LOCALE_DIR = Path(__file__).with_name("locale")

# Babel / CLDR locale names and BCP 47 tags for documents (docx, html, pdf).
BABEL_LOCALES: dict[str, str] = {"nb": "nb_NO", "nn": "nn_NO", "se": "se_NO"}
LANGUAGE_TAGS: dict[str, str] = {"nb": "nb-NO", "nn": "nn-NO", "se": "se-NO"}

_process_language: Language = DEFAULT_LANGUAGE
_override: ContextVar[Language | None] = ContextVar("ovelse_language", default=None)


def is_language(code: object) -> bool:
    """True for a UI/report language code (``nb`` or ``nn``)."""
    return code in LANGUAGES


def parse_language(code: str | None) -> Language | None:
    """``code`` as a UI language (case and whitespace ignored; ``no``/``nob``/``nno`` accepted), else None."""
    if code is None:
        return None
    key = code.strip().lower().replace("_", "-").split("-")[0]
    key = {"no": "nb", "nob": "nb", "nno": "nn", "bokmal": "nb", "bokmål": "nb", "nynorsk": "nn"}.get(
        key, key
    )
    for language in LANGUAGES:
        if key == language:
            return language
    return None


def set_language(code: Language) -> None:
    """Set the process-wide language (the CLI does this once, after reading flags and settings)."""
    global _process_language
    if code not in LANGUAGES:
        raise ValueError(code)
    _process_language = code


def current_language() -> Language:
    """The language texts are rendered in right now."""
    return _override.get() or _process_language


@contextmanager
def use_language(code: Language) -> Iterator[None]:
    """Render in ``code`` inside the block (e.g. a report in the journal's language)."""
    if code not in LANGUAGES:
        raise ValueError(code)
    token = _override.set(code)
    try:
        yield
    finally:
        _override.reset(token)


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue for ``code``; bokmål (and a missing file) is the identity."""
    if code == "nb":
        return _gettext.NullTranslations()
    try:
        return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code])
    except OSError:
        return _gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` (bokmål) in the current language."""
    return translations(current_language()).gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form for ``n``, in the current language."""
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in ``context`` (for words that translate differently in different places)."""
    return translations(current_language()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(current_language()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (module-level tables)."""
    return message


def tr(code: Language, message: str) -> str:
    """``message`` in language ``code`` regardless of the current language."""
    return translations(code).gettext(message)

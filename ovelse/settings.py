"""The user's own settings: the UI language today (``sprak``), read from a small TOML file.

Order of precedence for the language of the app, the CLI and new reports: ``--sprak`` on the command
line, then ``OVELSE_SPRAK``, then ``sprak`` in the settings file, then the scenario's ``meta.language``,
then bokmål. The settings file lives in the user's configuration folder (platformdirs), or in
``OVELSE_CONFIG_DIR`` when that is set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ovelse.i18n import N_, Language, _, parse_language

SETTINGS_FILE = "innstillinger.toml"
ENV_LANGUAGE = "OVELSE_SPRAK"
ENV_CONFIG_DIR = "OVELSE_CONFIG_DIR"


class LanguageChoice:
    """The user's language override, where it came from, and a problem to tell the user about.

    A plain class, not a dataclass: every command (``--help`` too) reads the settings, and importing
    dataclasses (and with it inspect) would be most of what ``ovelse --help`` costs."""

    __slots__ = ("language", "problem", "source")

    def __init__(self, language: Language | None, source: str | None = None, problem: str | None = None):
        self.language = language
        self.source = source
        self.problem = problem

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LanguageChoice):
            return NotImplemented
        return (self.language, self.source, self.problem) == (other.language, other.source, other.problem)

    def __hash__(self) -> int:
        return hash((self.language, self.source, self.problem))

    def __repr__(self) -> str:
        return f"LanguageChoice({self.language!r}, {self.source!r}, {self.problem!r})"


def config_dir() -> Path:
    explicit = os.environ.get(ENV_CONFIG_DIR)
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("ovelse", appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def _read_settings() -> tuple[dict[str, object], str | None]:
    path = settings_path()
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return {}, None  # the usual case: no settings file, and no TOML parser to load
    except OSError as exc:
        return {}, _("Innstillingsfilen {path} kan ikke leses ({error}); bruker standardverdiene.").format(
            path=path, error=exc
        )
    import tomllib

    try:
        with handle:
            return tomllib.load(handle), None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, _("Innstillingsfilen {path} kan ikke leses ({error}); bruker standardverdiene.").format(
            path=path, error=exc
        )


_UNKNOWN = N_(
    "Ukjent språkkode «{code}» i {source}; bruker bokmål. Gyldige koder: nb (bokmål), nn (nynorsk)."
)


def user_language(cli_value: str | None = None) -> LanguageChoice:
    """The language the user asked for, if any (flag, environment, settings file)."""
    from ovelse.plaintext import show_controls

    for value, source in ((cli_value, "--sprak"), (os.environ.get(ENV_LANGUAGE), ENV_LANGUAGE)):
        if value is None or value == "":
            continue
        language = parse_language(value)
        if language is None:
            return LanguageChoice("nb", source, _(_UNKNOWN).format(code=show_controls(value), source=source))
        return LanguageChoice(language, source)
    data, problem = _read_settings()
    raw = data.get("sprak")
    value = None if raw is None else str(raw)
    if value is None:
        return LanguageChoice(None, None, problem)
    source = str(settings_path())
    language = parse_language(str(value))
    if language is None:
        return LanguageChoice("nb", source, _(_UNKNOWN).format(code=show_controls(str(value)), source=source))
    return LanguageChoice(language, source, problem)


def save_language(language: Language) -> Path:
    """Write ``sprak = "<language>"`` to the settings file (other keys are kept)."""
    from ovelse.fileio import write_atomic

    data, _problem = _read_settings()
    data["sprak"] = language
    lines = [f"{key} = {_toml_value(value)}" for key, value in data.items()]
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"), force=True)
    return path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def warn(problem: str | None) -> None:
    if problem:
        print(f"ovelse: {problem}", file=sys.stderr)

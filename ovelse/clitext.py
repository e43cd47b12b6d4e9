"""argparse in Norwegian through the message catalogue, without touching argparse's own globals.

:class:`NorwegianParser` and :class:`NorwegianFormatter` put argparse's fixed texts (the usage prefix,
the section headings, the help option) through ``_()``. argparse builds its error messages from English
templates before :meth:`NorwegianParser.error` sees them; :func:`translate_error` maps each of those
templates (a table, like a catalogue keyed by argparse's msgids) to a Norwegian one, keeping the values.
A message from a newer Python that is not in the table is shown as argparse wrote it, never dropped.
Everything printed goes through the text cleaner, so arguments with escape sequences are shown literally.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from ovelse.i18n import N_, _
from ovelse.plaintext import show_controls

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

_HEADINGS: dict[str, str] = {
    "positional arguments": N_("argumenter"),
    "options": N_("valg"),
    "optional arguments": N_("valg"),
}

# argparse's error templates (Python 3.11–3.13) and their Norwegian form. The fields are argparse's
# own (%(name)s, or %s numbered in order as {0}, {1}).
_ERRORS: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", N_("argument {argument_name}: {message}")),
    ("the following arguments are required: %s", N_("disse argumentene mangler: {0}")),
    ("unrecognized arguments: %s", N_("ukjente argumenter: {0}")),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        N_("ugyldig valg: {value} (velg mellom {choices})"),
    ),
    ("invalid %(type)s value: %(value)r", N_("ugyldig verdi for {type}: {value}")),
    ("expected one argument", N_("forventet én verdi")),
    ("expected at most one argument", N_("forventet høyst én verdi")),
    ("expected at least one argument", N_("forventet minst én verdi")),
    ("expected %s argument", N_("forventet {0} verdi")),
    ("expected %s arguments", N_("forventet {0} verdier")),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        N_("tvetydig valg: {option} kan bety {matches}"),
    ),
    ("not allowed with argument %s", N_("kan ikke brukes sammen med {0}")),
    ("one of the arguments %s is required", N_("ett av argumentene {0} må oppgis")),
    ("ignored explicit argument %r", N_("verdien {0} brukes ikke")),
    ("can't open '%(filename)s': %(error)s", N_("kan ikke åpne «{filename}»: {error}")),
    (
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        N_("ukjent kommando {parser_name} (velg mellom {choices})"),
    ),
)
_FIELD = re.compile(r"%\((\w+)\)[rsd]|%[rsd]")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """The templates as regular expressions (built on the first error, so ``--help`` stays fast)."""
    compiled = []
    for template, norwegian in _ERRORS:
        parts, last, index = [], 0, 0
        for match in _FIELD.finditer(template):
            parts.append(re.escape(template[last : match.start()]))
            name = match.group(1) or f"_{index}"
            index += match.group(1) is None
            parts.append(f"(?P<{name}>.+?)")
            last = match.end()
        parts.append(re.escape(template[last:]))
        compiled.append((re.compile("".join(parts) + r"\Z", re.DOTALL), norwegian))
    return compiled


def translate_error(message: str) -> str:
    """argparse's English error ``message`` in the current language (unchanged if not in the table)."""
    for pattern, norwegian in _patterns():
        match = pattern.match(message)
        if match is None:
            continue
        named = match.groupdict()
        positional = [named.pop(f"_{i}") for i in range(len(named)) if f"_{i}" in named]
        if "message" in named:
            named["message"] = translate_error(named["message"])
        return _(norwegian).format(*positional, **named)
    return message


class NorwegianFormatter(argparse.HelpFormatter):
    """Help text with the usage prefix and argparse's section headings in Norwegian."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("bruk: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        translated = _HEADINGS.get(heading) if heading is not None else None
        super().start_section(_(translated) if translated is not None else heading)


class NorwegianParser(argparse.ArgumentParser):
    """ArgumentParser whose help and errors read in Norwegian; errors exit with code 2.

    Sub-command parsers made with ``add_subparsers().add_parser`` are NorwegianParsers too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", NorwegianFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h, with its help text from the catalogue
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("vis denne hjelpeteksten og avslutt"),
            )

    def print_usage(self, file: SupportsWrite[str] | None = None) -> None:
        self._print_message(show_controls(self.format_usage()), file or sys.stderr)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = show_controls(translate_error(message))
        self.exit(
            2,
            _("{prog}: feil: {message}\nSkriv «{prog} --help» for hjelp.\n").format(
                prog=self.prog, message=text
            ),
        )


def say(message: str, hint: str = "", *, file: SupportsWrite[str] | None = None) -> None:
    """A message from ovelse on stderr («ovelse: …» and an indented hint), through the text cleaner:
    file names and other input in it are shown literally, never acted on by the terminal."""
    out = file if file is not None else sys.stderr
    print(f"ovelse: {show_controls(message)}", file=out)
    if hint:
        print(f"  {show_controls(hint)}", file=out)

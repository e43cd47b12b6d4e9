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
from collections.abc import Callable, Iterable, Iterator, MutableMapping
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


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """The templates as regular expressions (built on the first error, so ``--help`` stays fast)."""
    field = re.compile(r"%\((\w+)\)[rsd]|%[rsd]")
    compiled = []
    for template, norwegian in _ERRORS:
        parts, last, index = [], 0, 0
        for match in field.finditer(template):
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


class _Parsers(MutableMapping[str, argparse.ArgumentParser]):
    """Sub-command name → parser, each parser made on its first look-up (see :class:`LazyCommands`).
    Names iterate in the order they were added, made or not (argparse lists them in its errors)."""

    def __init__(self, make: Callable[[str], argparse.ArgumentParser]) -> None:
        self._commands: dict[str, str] = {}  # every name or alias → the command it belongs to, in order
        self._made: dict[str, argparse.ArgumentParser] = {}
        self._make = make

    def __getitem__(self, name: str) -> argparse.ArgumentParser:
        if name not in self._made:
            command = self._commands[name]  # KeyError for an unknown name, as argparse expects
            parser = self._make(command)
            for key, owner in self._commands.items():
                if owner == command:
                    self._made[key] = parser
        return self._made[name]

    def __setitem__(self, name: str, parser: argparse.ArgumentParser) -> None:
        self._commands[name] = name
        self._made[name] = parser

    def __delitem__(self, name: str) -> None:
        del self._commands[name]
        self._made.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)

    def __contains__(self, name: object) -> bool:
        return name in self._commands

    def expect(self, name: str, command: str) -> None:
        self._commands[name] = command


class LazyCommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands listed in the help at once but given their parser only when one is chosen.

    ``ovelse --help`` and ``ovelse validate x.yaml`` then build one parser, not one per command (twenty
    ``ArgumentParser``s are a fifth of what ``--help`` costs). Use with
    ``parser.add_subparsers(action=LazyCommands, …)`` and :meth:`add_command`; ``add_parser`` still works.
    It builds on ``_SubParsersAction``'s map of parsers and its help entries (the same in Python 3.11–3.13;
    tests/test_platform_cli.py parses and helps every command on the interpreter under test)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._definitions: dict[str, tuple[Callable[[argparse.ArgumentParser], None], dict[str, Any]]] = {}
        self._parsers = _Parsers(self._make)
        # argparse looks commands up in this map (and checks choices in it): ours makes parsers on demand
        self._name_parser_map = self.choices = self._parsers  # type: ignore[assignment]

    def add_command(
        self,
        name: str,
        define: Callable[[argparse.ArgumentParser], None],
        *,
        help: str,
        aliases: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        """List ``name`` (and ``aliases``) with ``help``; ``define(parser)`` adds its arguments later.
        Other keywords (``description``) go to the parser."""
        aliases = list(aliases)
        self._choices_actions.append(self._ChoicesPseudoAction(name, aliases, help))
        self._definitions[name] = (define, kwargs)
        for key in (name, *aliases):
            self._parsers.expect(key, name)

    def _make(self, name: str) -> argparse.ArgumentParser:
        define, kwargs = self._definitions.pop(name)
        parser: argparse.ArgumentParser = self._parser_class(prog=f"{self._prog_prefix} {name}", **kwargs)
        define(parser)
        return parser


def say(message: str, hint: str = "", *, file: SupportsWrite[str] | None = None) -> None:
    """A message from ovelse on stderr («ovelse: …» and an indented hint), through the text cleaner:
    file names and other input in it are shown literally, never acted on by the terminal."""
    out = file if file is not None else sys.stderr
    print(f"ovelse: {show_controls(message)}", file=out)
    if hint:
        print(f"  {show_controls(hint)}", file=out)

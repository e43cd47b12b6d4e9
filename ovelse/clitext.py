"""argparse in Norwegian bokmål: translated built-in strings and a parser that reports errors in Norwegian."""

from __future__ import annotations

import argparse
import sys

_TRANSLATIONS = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "optional arguments": "valg",
    "show this help message and exit": "vis denne hjelpeteksten og avslutt",
    "the following arguments are required: %s": "disse argumentene mangler: %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldig valg: %(value)r (velg mellom %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "forventet én verdi",
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
    "invalid %(type)s value: %(value)r": "ugyldig %(type)s-verdi: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig valg: %(option)s kan bety %(matches)s",
    "expected at least one argument": "forventet minst én verdi",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
}


def _translate(message: str) -> str:
    return _TRANSLATIONS.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]


class NorwegianParser(argparse.ArgumentParser):
    """ArgumentParser whose help and errors read in Norwegian; errors exit with code 2."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: feil: {message}\nSkriv «{self.prog} --help» for hjelp.\n")

"""argparse in Norwegian through the catalogue (no monkeypatching of argparse), escapes shown literally."""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ovelse.cli import build_parser
from ovelse.clitext import NorwegianParser, translate_error
from ovelse.i18n import use_language

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVELSE_JOURNAL_DIR=str(ROOT / "finnes-ikke"))
    return subprocess.run(
        [sys.executable, "-m", "ovelse", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_argparse_itself_is_untouched():
    import ovelse.cli  # noqa: F401

    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


def test_help_in_bokmal_and_nynorsk(capsys):
    for language, usage, heading, helptext in (
        ("nb", "bruk: ovelse", "valg:", "vis denne hjelpeteksten og avslutt"),
        ("nn", "bruk: ovelse", "val:", "vis denne hjelpeteksten og avslutt"),
    ):
        with use_language(language), pytest.raises(SystemExit):
            build_parser().parse_args(["--help"])
        out = capsys.readouterr().out
        assert out.startswith(usage) and f"\n{heading}\n" in out and helptext in out
        assert "usage:" not in out and "options:" not in out and "show this help" not in out


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["export"], "ovelse export: feil: disse argumentene mangler: JOURNAL"),
        (["validate", "--format", "x", "f.yaml"], "argument --format: ugyldig valg: 'x' (velg mellom"),
        (["serve", "j", "--port", "abc"], "argument --port: ugyldig verdi for int: 'abc'"),
        (["roller", "--ukjent"], "ovelse: feil: ukjente argumenter: --ukjent"),
        (["graph", "f.yaml", "-o"], "argument -o/--output: forventet én verdi"),
    ],
)
def test_errors_in_norwegian_exit_2(capsys, argv, expected):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and err.startswith("bruk: ") and "Skriv «ovelse" in err
    assert "error:" not in err and "invalid" not in err and "required" not in err


def test_errors_in_nynorsk(capsys):
    with use_language("nn"), pytest.raises(SystemExit):
        build_parser().parse_args(["export"])
    err = capsys.readouterr().err
    assert "feil: desse argumenta manglar: JOURNAL" in err


def test_unknown_messages_pass_through_unchanged():
    assert translate_error("something new in Python 3.14") == "something new in Python 3.14"
    assert translate_error("argument -x: brand new") == "argument -x: brand new"


def test_escape_sequences_in_arguments_never_reach_the_terminal():
    proc = _run("roller", "\x1b]0;hacked\x07\x1b[2J")
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "\\x1b]0;hacked\\x07\\x1b[2J" in proc.stderr


def test_sub_parsers_are_norwegian_too(capsys):
    parser = NorwegianParser(prog="p")
    sub = parser.add_subparsers(dest="c")
    child = sub.add_parser("barn")
    child.add_argument("x")
    assert isinstance(child, NorwegianParser)
    child.print_help()
    out = capsys.readouterr().out
    assert out.startswith("bruk: p barn") and "argumenter:" in out and "-h, --help" in out

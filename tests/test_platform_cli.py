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


def test_help_builds_no_command_parser_and_imports_nothing_it_does_not_show():
    """``ovelse --help`` lists every command without building their parsers or importing their code
    (issue 16: ``--help`` within 1.3× of ``python -c pass``)."""
    code = (
        "import sys, io, contextlib\n"
        "import ovelse.clitext as ct\n"
        "made = []\n"
        "orig = ct.LazyCommands._make\n"
        "ct.LazyCommands._make = lambda self, name: made.append(name) or orig(self, name)\n"
        "from ovelse.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        "assert 'register' in buf.getvalue() and 'resume' in buf.getvalue(), buf.getvalue()\n"
        "assert made == [], made\n"
        "heavy = [m for m in ('ovelse.register.command', 'json', 'datetime') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_every_command_gets_its_parser_when_chosen(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    names = list(commands.choices)
    assert names[:3] == ["validate", "graph", "schema"] and "språk" in names and "resume" in names
    for name in names:
        with pytest.raises(SystemExit) as exc:
            build_parser().parse_args([name, "--help"])
        assert exc.value.code == 0
        canonical = {"språk": "sprak", "prov": "prøv"}.get(name, name)
        assert capsys.readouterr().out.startswith(f"bruk: ovelse {canonical}")
    args = build_parser().parse_args(["språk", "nn"])
    assert (args.command, args.code) == ("språk", "nn")
    args = build_parser().parse_args(["register", "tiltak", "--forfalt"])
    assert args.register_action == "tiltak" and args.forfalt
    # an alias and its command share one parser, made once
    assert commands.choices["sprak"] is commands.choices["språk"]

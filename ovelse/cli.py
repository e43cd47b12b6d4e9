"""Command line: ``ovelse validate|graph|schema|new|roller|scenarier|export|verify|run|prøv|resume`` and more.

Textual is imported only by the commands that open the app, so checking tools start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ovelse import __version__
from ovelse.clitext import LazyCommands, NorwegianParser
from ovelse.i18n import _, set_language
from ovelse.plaintext import path_text

if TYPE_CHECKING:
    from ovelse.scenario.loader import LoadResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_UNREADABLE = {"OV001", "OV002", "OV003"}


def _validate(args: argparse.Namespace) -> int:
    from ovelse.bundled import resolve_scenario
    from ovelse.scenario.diagnostics import findings_json
    from ovelse.scenario.loader import load_scenario

    results = [load_scenario(resolve_scenario(f), display_name=f) for f in args.files]
    if args.format == "json":
        print(
            findings_json(
                {r.file: r.findings for r in results},
                {r.file: {**r.stats.as_dict(), **_coverage(r)} for r in results if r.stats},
            )
        )
    else:
        for result in results:
            for finding in result.findings:
                print(finding.format_text())
            if not args.quiet:
                print(_summary(result, args.strict), file=sys.stderr)
    if any(f.code in _UNREADABLE for r in results for f in r.findings):
        return EXIT_USAGE
    return EXIT_OK if all(r.ok(strict=args.strict) for r in results) else EXIT_FINDINGS


def _summary(result: LoadResult, strict: bool) -> str:
    return result.summary(strict=strict)


def _coverage(result: LoadResult) -> dict[str, Any]:
    return {"coverage": result.coverage.as_dict()} if result.coverage else {}


def _load_or_report(file: str) -> LoadResult:
    from ovelse.bundled import resolve_scenario
    from ovelse.scenario.loader import load_scenario

    result = load_scenario(resolve_scenario(file), display_name=file)
    if result.scenario is None:
        for finding in result.findings:
            print(finding.format_text(), file=sys.stderr)
        print(
            _("{file}: scenarioet har feil; kjør «ovelse validate {file}» for detaljer").format(
                file=path_text(file)
            ),
            file=sys.stderr,
        )
    return result


def _write_output(text: str, output: str | None, force: bool) -> int:
    if output is None or output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    from ovelse.fileio import OutputError, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"), force=force)
    except OutputError as exc:
        print(f"ovelse: {exc.message}", file=sys.stderr)  # file names in it are shown literally
        if exc.hint:
            print(_("  tips: {hint}").format(hint=exc.hint), file=sys.stderr)
        return EXIT_FINDINGS if exc.exists else EXIT_USAGE
    print(_("Skrev {path}").format(path=path_text(output)), file=sys.stderr)
    return EXIT_OK


def _graph(args: argparse.Namespace) -> int:
    from ovelse.scenario.graph_export import to_dot, to_mermaid

    result = _load_or_report(args.file)
    if result.scenario is None:
        return EXIT_USAGE if any(f.code in _UNREADABLE for f in result.findings) else EXIT_FINDINGS
    text = to_dot(result.scenario) if args.format == "dot" else to_mermaid(result.scenario)
    return _write_output(text, args.output, args.force)


def _schema(args: argparse.Namespace) -> int:
    from ovelse.scenario.schema import scenario_schema_json

    return _write_output(scenario_schema_json(), args.output, args.force)


def _new(args: argparse.Namespace) -> int:
    from importlib.resources import files

    text = files("ovelse.scenario").joinpath("starter.yaml").read_text(encoding="utf-8")
    code = _write_output(text, args.file, args.force)
    if code == EXIT_OK and args.file not in (None, "-"):
        from ovelse.scenario.schema import scenario_schema_json

        schema = Path(args.file).with_name("ovelse-scenario.schema.json")
        if not schema.exists():  # the starter's modeline points here, for editor completion
            _write_output(scenario_schema_json(), str(schema), False)
        print(
            _("Neste steg: rediger filen og sjekk den med «ovelse validate {file}».").format(
                file=path_text(args.file)
            ),
            file=sys.stderr,
        )
    return code


def _roles(args: argparse.Namespace) -> int:
    from ovelse.scenario.roles import CATALOGUE, GROUP_NAMES, group_name

    for group in GROUP_NAMES:
        title = group_name(group)
        roles = [r for r in CATALOGUE.values() if r.group == group]
        if not roles:
            continue
        print(f"{title}:")
        for role in roles:
            print(f"  {role.id:<24} {role.name} – {role.responsibility}")
        print()
    return EXIT_OK


def _scenarios(args: argparse.Namespace) -> int:
    from ovelse.bundled import bundled_files
    from ovelse.scenario.loader import load_scenario

    for path in bundled_files():
        result = load_scenario(path)
        if result.scenario:
            meta = result.scenario.meta
            print(f"{path.stem:<32} {meta.title} ({meta.municipality}, {meta.duration_minutes} min)")
        else:
            print(
                f"{path.stem:<32} "
                + _("(har feil: kjør «ovelse validate {path}»)").format(path=path_text(path))
            )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from ovelse.report.command import run_export

    return run_export(args)


def _dreiebok(args: argparse.Namespace) -> int:
    from ovelse.authoring.command import run_dreiebok

    return run_dreiebok(args)


def _vis(args: argparse.Namespace) -> int:
    from ovelse.tui.room.launch import run_vis

    return run_vis(args)


def _serve(args: argparse.Namespace) -> int:
    from ovelse.tui.room.launch import run_serve

    return run_serve(args)


def _register(args: argparse.Namespace) -> int:
    from ovelse.register.command import run_register

    return run_register(args)


def _verify(args: argparse.Namespace) -> int:
    from ovelse.verify_command import run_verify

    return run_verify(args)


def _app(args: argparse.Namespace) -> int:
    if args.command == "run":  # refuse a broken scenario here, as fast as validate, before the UI starts
        from ovelse.bundled import resolve_scenario
        from ovelse.scenario.loader import refuse_to_run

        refusal = refuse_to_run(resolve_scenario(args.file), display_name=args.file)
        if refusal is not None:
            for line in refusal.lines():
                print(line, file=sys.stderr)
            return EXIT_USAGE if any(f.code in _UNREADABLE for f in refusal.shown) else EXIT_FINDINGS
    from ovelse.tui.launch import launch

    return launch(args)


def _prove(args: argparse.Namespace) -> int:
    from ovelse.tui.launch import rehearse

    return rehearse(args)


# -- the parser: each command's arguments are added only when that command is chosen ---------------------

Sub = argparse.ArgumentParser


def _validate_arguments(p: Sub) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="FIL",
        help=_("scenariofil (.yaml) eller navnet på et medfølgende scenario"),
    )
    p.add_argument("--strict", action="store_true", help=_("la også advarsler gi avslutningskode 1"))
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help=_("utdataformat (standard: text)")
    )
    p.add_argument("-q", "--quiet", action="store_true", help=_("ikke skriv oppsummeringslinjen"))
    p.set_defaults(func=_validate)


def _graph_arguments(p: Sub) -> None:
    p.add_argument("file", metavar="FIL")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid", help=_("standard: mermaid"))
    p.add_argument("-o", "--output", metavar="UTFIL", help=_("skriv til fil i stedet for standard ut"))
    p.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))
    p.set_defaults(func=_graph)


def _schema_arguments(p: Sub) -> None:
    p.add_argument("-o", "--output", metavar="UTFIL")
    p.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))
    p.set_defaults(func=_schema)


def _new_arguments(p: Sub) -> None:
    p.add_argument(
        "file",
        nargs="?",
        default="ny-ovelse.yaml",
        metavar="FIL",
        help=_("filnavn (standard: ny-ovelse.yaml; «-» skriver til standard ut)"),
    )
    p.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))
    p.set_defaults(func=_new)


def _roles_arguments(p: Sub) -> None:
    p.set_defaults(func=_roles)


def _scenarios_arguments(p: Sub) -> None:
    p.set_defaults(func=_scenarios)


def _language_arguments(p: Sub) -> None:
    p.add_argument("code", nargs="?", metavar=_("KODE"), help=_("nb (bokmål) eller nn (nynorsk)"))
    p.set_defaults(func=_language)


def _dreiebok_arguments(p: Sub) -> None:
    p.add_argument("file", metavar=_("FIL"), help=_("scenariofil eller navnet på et medfølgende scenario"))
    p.add_argument("--format", choices=["md", "html", "docx"], default="docx", help=_("standard: docx"))
    p.add_argument("--deltakere", dest="handout", action="store_true", help=_("skriv deltakerheftet"))
    p.add_argument("--start", metavar=_("TT:MM"), help=_("klokkeslett øvelsen starter, for tidsplanen"))
    p.add_argument(
        "-o", "--output", metavar=_("UTFIL"), help=_("filnavn (standard: scenarioets navn med -dreiebok)")
    )
    p.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))
    p.set_defaults(func=_dreiebok)


def _export_arguments(p: Sub) -> None:
    p.add_argument("journal", metavar="JOURNAL", help=_("journalfil (.jsonl)"))
    p.add_argument(
        "--format",
        choices=["md", "html", "docx", "pdf", "json", "csv", "arkiv"],
        default="md",
        help=_("standard: md"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="UTFIL",
        help=_("filnavn (standard: journalens navn med ny endelse; «-» skriver til standard ut)"),
    )
    p.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))
    p.set_defaults(func=_export)


def _vis_arguments(p: Sub) -> None:
    p.add_argument("journal", metavar="JOURNAL", help=_("journalen øvingsleder skriver til"))
    p.set_defaults(func=_vis)


def _serve_arguments(p: Sub) -> None:
    p.add_argument("journal", metavar="JOURNAL")
    p.add_argument("--host", default="127.0.0.1", help=_("adresse å lytte på (standard: 127.0.0.1)"))
    p.add_argument(
        "--port",
        type=int,
        default=None,
        help=_("port (standard: 8000, eller en ledig port når 8000 er i bruk; 0: alltid en ledig port)"),
    )
    p.add_argument(
        "--tillat-nettverk",
        dest="allow_network",
        action="store_true",
        help=_("påkrevd for å lytte på en annen adresse enn 127.0.0.1"),
    )
    p.add_argument(
        "--bekreft-unntatt",
        dest="confirm_exempt",
        action="store_true",
        help=_("påkrevd i tillegg når scenarioet er unntatt offentlighet og adressen ikke er lokal"),
    )
    p.set_defaults(func=_serve)


def _register_arguments(p: Sub) -> None:
    from ovelse.register.arguments import add_arguments

    add_arguments(p)
    p.set_defaults(func=_register)


def _verify_arguments(p: Sub) -> None:
    from ovelse.verify_command import add_arguments

    add_arguments(p)
    p.set_defaults(func=_verify)


def _run_arguments(p: Sub) -> None:
    p.add_argument("file", metavar="FIL", help=_("scenariofil eller navnet på et medfølgende scenario"))
    _add_room_flag(p)
    p.set_defaults(func=_app)


def _prove_arguments(p: Sub) -> None:
    p.add_argument("file", metavar="FIL", help=_("scenariofil eller navnet på et medfølgende scenario"))
    p.set_defaults(func=_prove)


def _resume_arguments(p: Sub) -> None:
    p.add_argument("journal", metavar="JOURNAL")
    _add_room_flag(p)
    p.set_defaults(func=_app)


def _add_room_flag(p: Sub) -> None:
    p.add_argument(
        "--rom",
        action="store_true",
        help=_("åpne rommets side i nettleseren (for prosjektoren); du beholder øvingsledervisningen"),
    )


def build_parser() -> argparse.ArgumentParser:
    from ovelse.register.arguments import DESCRIPTION as REGISTER_DESCRIPTION
    from ovelse.register.arguments import HELP as REGISTER_HELP
    from ovelse.verify_command import DESCRIPTION as VERIFY_DESCRIPTION
    from ovelse.verify_command import HELP as VERIFY_HELP

    parser = NorwegianParser(
        prog="ovelse",
        description=_(
            "Kjør diskusjonsøvelser for kommunal beredskap i terminalen. "
            "Uten kommando åpnes startskjermen med de medfølgende scenarioene."
        ),
    )
    parser.add_argument(
        "--versjon",
        "--version",
        action="version",
        version=f"ovelse {__version__}",
        help=_("vis versjonsnummer og avslutt"),
    )
    parser.add_argument(
        "--journalmappe",
        dest="journal_dir",
        metavar="MAPPE",
        help=_("mappe for øvingsjournaler (ellers $OVELSE_JOURNAL_DIR eller brukerens datamappe)"),
    )
    parser.add_argument(
        "--sprak",
        "--språk",
        dest="sprak",
        metavar="KODE",
        help=_(
            "språk for programmet og nye rapporter: nb (bokmål) eller nn (nynorsk); ellers $OVELSE_SPRAK, "
            "innstillingen («ovelse sprak») eller scenarioets språk"
        ),
    )
    sub = parser.add_subparsers(
        action=LazyCommands, dest="command", metavar=_("KOMMANDO"), title=_("kommandoer")
    )
    assert isinstance(sub, LazyCommands)
    sub.add_command(
        "validate",
        _validate_arguments,
        help=_("sjekk scenariofiler og vis funn med linje og kolonne"),
        description=_(
            "Sjekk en eller flere scenariofiler. Avslutningskode 0: ingen feil; "
            "1: feil funnet (med --strict også advarsler); 2: feil bruk eller fil som ikke kan leses."
        ),
    )
    sub.add_command("graph", _graph_arguments, help=_("tegn scenarioets graf som Mermaid eller Graphviz DOT"))
    sub.add_command(
        "schema",
        _schema_arguments,
        help=_("skriv JSON Schema for scenarioformatet (for redigeringsprogrammer)"),
    )
    sub.add_command("new", _new_arguments, help=_("skriv en kommentert startmal for et nytt scenario"))
    sub.add_command(
        "roller", _roles_arguments, help=_("vis rollekatalogen (kriseledelse, beredskapsråd, øvingsroller)")
    )
    sub.add_command("scenarier", _scenarios_arguments, help=_("vis de medfølgende scenarioene"))
    sub.add_command(
        "sprak",
        _language_arguments,
        aliases=["språk"],
        help=_("vis eller lagre språket programmet bruker (nb eller nn)"),
        description=_(
            "Uten kode: vis hvilket språk som brukes og hvorfor. Med kode: lagre det i innstillingsfilen."
        ),
    )
    sub.add_command(
        "dreiebok",
        _dreiebok_arguments,
        help=_("skriv dreiebok for øvingsleder eller deltakerhefte fra et scenario"),
        description=_(
            "Skriv øvingslederens dreiebok (hensikt, mål, roller, tidsplan, alle innspill med notater og valg) "
            "eller, med --deltakere, et deltakerhefte uten notater og valg."
        ),
    )
    sub.add_command(
        "export",
        _export_arguments,
        help=_("lag evalueringsrapport (oppsummeringsnotat) eller data fra en journal"),
        description=_(
            "Lag rapport fra en øvingsjournal: md (Markdown), html (utskriftsvennlig), "
            "docx (Word), json (data med skjema) eller csv (loggen for regneark)."
        ),
    )
    sub.add_command(
        "vis",
        _vis_arguments,
        help=_("vis rommets bilde av en pågående øvelse (skrivebeskyttet, f.eks. på prosjektoren)"),
    )
    sub.add_command(
        "serve",
        _serve_arguments,
        help=_("del rommets bilde med nettlesere (skrivebeskyttet)"),
        description=_(
            "Server rommets bilde av en pågående øvelse til nettlesere. Lytter bare på "
            "127.0.0.1 med mindre du ber om noe annet."
        ),
    )
    sub.add_command(
        "register", _register_arguments, help=_(REGISTER_HELP), description=_(REGISTER_DESCRIPTION)
    )
    sub.add_command("verify", _verify_arguments, help=_(VERIFY_HELP), description=_(VERIFY_DESCRIPTION))
    sub.add_command("run", _run_arguments, help=_("start en ny øvelse på et scenario"))
    sub.add_command(
        "prøv",
        _prove_arguments,
        aliases=["prov"],
        help=_("prøv et scenario alene før øvelsen (ingen journal skrives)"),
        description=_(
            "Gå gjennom scenarioet alene: rommets visning av hvert innspill med notatene dine ved siden av, "
            "valg og hopp, tid brukt mot planen og det du ikke har sett ennå. Ingenting skrives. Filen leses "
            "på nytt når du lagrer den; har den feil, vises funnene med en gang."
        ),
    )
    sub.add_command("resume", _resume_arguments, help=_("fortsett en påbegynt øvelse fra journalen"))
    return parser


def _language(args: argparse.Namespace) -> int:
    from ovelse.i18n import current_language, parse_language
    from ovelse.plaintext import show_controls
    from ovelse.settings import save_language, settings_path, user_language

    names = {"nb": _("bokmål"), "nn": _("nynorsk")}
    if args.code is None:
        choice = user_language(args.sprak)
        if choice.source is None:
            print(
                _("Språk: {name} (standard; scenarioets språk gjelder i øvelsen)").format(
                    name=names[current_language()]
                )
            )
        else:
            print(
                _("Språk: {name} (fra {source})").format(
                    name=names[current_language()], source=show_controls(choice.source)
                )
            )
        print(_("Innstillingsfil: {path}").format(path=show_controls(str(settings_path()))))
        return EXIT_OK
    language = parse_language(args.code)
    if language is None:
        print(_("ovelse: ukjent språkkode «{code}»").format(code=show_controls(args.code)), file=sys.stderr)
        print(_("  tips: bruk nb (bokmål) eller nn (nynorsk)"), file=sys.stderr)
        return EXIT_USAGE
    from ovelse.fileio import OutputError

    try:
        path = save_language(language)
    except OutputError as exc:
        print(f"ovelse: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    set_language(language)
    print(_("Lagret: {name} i {path}").format(name=names[language], path=show_controls(str(path))))
    return EXIT_OK


def _argv_language(argv: Sequence[str]) -> str | None:
    """The value of ``--sprak`` in ``argv`` (read before the parser exists, so its help is translated)."""
    value: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        for flag in ("--sprak", "--språk"):
            if arg == flag and i + 1 < len(argv):
                value = argv[i + 1]
            elif arg.startswith(flag + "="):
                value = arg.split("=", 1)[1]
    return value


def setup_language(argv: Sequence[str]) -> None:
    """Choose the language of this run from the flag, the environment and the settings file."""
    from ovelse.settings import user_language, warn

    choice = user_language(_argv_language(argv))
    if choice.language is not None:
        set_language(choice.language)
    warn(choice.problem)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    setup_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func = _app
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("\n" + _("avbrutt"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):  # stays open: Python flushes stdout once more at exit
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK

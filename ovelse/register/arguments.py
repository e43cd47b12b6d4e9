"""The arguments of ``ovelse register …``, apart from what the commands do (:mod:`.command`), so that
``ovelse --help`` and the other commands never import the register's code."""

from __future__ import annotations

import argparse

from ovelse.i18n import N_, _

HELP = N_("øvingsregisteret: følg opp tiltak på tvers av øvelser, for kommunen og regionen")
DESCRIPTION = N_("Uten kommando åpnes registeret i programmet.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``register`` subcommand's arguments (called from ovelse.cli)."""
    database_help = _(
        "databasens adresse: en filsti, sqlite:///FIL eller postgresql://bruker@vert/database "
        "(standard: $OVELSE_REGISTER_URL eller en SQLite-fil i brukerens datamappe)"
    )
    p.add_argument("--database", metavar="URL", help=database_help)
    sub = p.add_subparsers(dest="register_command", metavar="KOMMANDO", title=_("kommandoer"))

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=database_help)
        q.set_defaults(register_action=name)
        return q

    q = add("import", _("importer avsluttede øvelser: journaler (.jsonl) eller JSON-eksporter"))
    q.add_argument("files", nargs="+", metavar="FIL")

    q = add("tiltak", _("vis tiltak, med filter"))
    q.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help=_("bare tiltak med denne statusen (kan gjentas): ikke-startet, pågår, fullført, forkastet"),
    )
    q.add_argument("--forfalt", action="store_true", help=_("bare åpne tiltak som har passert fristen"))
    q.add_argument("--kommune", metavar="NAVN", help=_("bare tiltak fra denne kommunen"))
    q.add_argument("--region", metavar="NAVN", help=_("bare tiltak fra denne regionen (fylket)"))
    q.add_argument(
        "--format", choices=["text", "json"], default="text", help=_("utdataformat (standard: text)")
    )

    q = add("status", _("sett ny status for et tiltak (historikken beholdes)"))
    q.add_argument("id", type=int, metavar="NR")
    q.add_argument("status", metavar="STATUS", help=_("ikke-startet, pågår, fullført eller forkastet"))
    q.add_argument("--kommentar", metavar="TEKST")
    q.add_argument("--av", metavar="NAVN", help=_("hvem som melder statusen (standard: innlogget bruker)"))
    q.add_argument("--dato", metavar="ÅÅÅÅ-MM-DD", help=_("datoen statusen gjelder fra (standard: i dag)"))

    q = add("historikk", _("vis statushistorikken for et tiltak"))
    q.add_argument("id", type=int, metavar="NR")

    q = add("rapport", _("lag oppfølgingsrapport for en kommune eller regional oppsummering"))
    q.add_argument("--kommune", metavar="NAVN")
    q.add_argument(
        "--region",
        nargs="?",
        const="",
        metavar="NAVN",
        help=_("regional oppsummering på tvers av kommunene (eventuelt bare én region)"),
    )
    q.add_argument(
        "--fra",
        metavar="ÅÅÅÅ-MM-DD",
        help=_("ta med alle øvelser fra denne datoen (standard: siste øvelse i hver kommune)"),
    )
    q.add_argument(
        "--format", choices=["md", "html", "docx", "pdf", "csv", "json"], default="md", help=_("standard: md")
    )
    q.add_argument("-o", "--output", metavar="UTFIL", help=_("filnavn («-» skriver til standard ut)"))
    q.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))

    q = add(
        "eksport-status",
        _("skriv statusendringene for en øvelse som hendelser (sidefil til journalen)"),
    )
    q.add_argument("journal_id", metavar="JOURNAL-ID")
    q.add_argument("-o", "--output", metavar="UTFIL")
    q.add_argument("--force", action="store_true", help=_("overskriv eksisterende fil"))

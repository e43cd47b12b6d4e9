"""``ovelse verify JOURNAL [--rapport VERDI]``: check a journal against its hash chain, and a report against it.

Exit codes: 0 the journal is intact (and matches the report's value, when given); 1 it is not: a line is
changed, broken or cut off (with the line and the event on it), or the report's value is not in it; 2 the file
cannot be read as a journal at all (missing, a folder, a FIFO, not a journal, too large) or the value given
is not a chain value. The journal is only read, never locked or changed. Journals from an older ovelse
without the chain are checked as far as they can be, and the output says that a change cannot be detected.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ovelse.i18n import N_, _, ngettext
from ovelse.plaintext import path_text, show_controls

if TYPE_CHECKING:  # the journal code is imported when the command runs, not for ``ovelse --help``
    from ovelse.session.verify import VerifyResult

EXIT_OK, EXIT_BROKEN, EXIT_UNREADABLE = 0, 1, 2

DESCRIPTION = N_(
    "Sjekk at en øvingsjournal er uendret: hver linje har en kontrollverdi som bygger på linjen før. "
    "Med --rapport sjekkes det også at en rapport er laget fra journalen (verdien står under «Om grunnlaget»). "
    "Avslutningskode 0: journalen er hel; 1: en linje er endret, ødelagt eller kuttet, eller rapportens verdi "
    "finnes ikke; 2: filen kan ikke leses som en journal."
)
HELP = N_("sjekk at en journal er uendret, og eventuelt at en rapport er laget fra den")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``verify`` subcommand's arguments (called from ovelse.cli when the command is used)."""
    p.add_argument("journal", metavar="JOURNAL", help=_("journalfil (.jsonl)"))
    p.add_argument(
        "--rapport",
        dest="report_value",
        metavar=_("VERDI"),
        help=_(
            "journalens kontrollverdi fra rapporten («Om grunnlaget»; hele verdien eller minst de 8 første "
            "tegnene)"
        ),
    )


def run_verify(args: argparse.Namespace) -> int:
    from ovelse.session.verify import valid_expected, verify_journal

    expected: str | None = args.report_value
    if expected is not None and not valid_expected(expected):
        print(
            _("ovelse: «{value}» er ikke en kontrollverdi").format(value=show_controls(expected)[:80]),
            file=sys.stderr,
        )
        print(
            _(
                "  tips: skriv «Journalens kontrollverdi» fra rapportens «Om grunnlaget»: 32 tegn 0–9 og a–f "
                "(minst de 8 første)"
            ),
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    result = verify_journal(args.journal, expected)
    name = path_text(result.path.name)
    if result.error is not None:
        return _refused(result)
    torn = [n for n in result.notices if n.code == "notice.torn_skipped"]
    if torn:
        notice = torn[0]
        print(
            _("{name}: journalen er ikke hel. {message}").format(name=name, message=notice.message),
            file=sys.stderr,
        )
        print(
            _(
                "  Linjen kan være kuttet av at programmet stoppet midt i en lagring, eller av at filen er "
                "forkortet. Linjene før den er uendret."
            ),
            file=sys.stderr,
        )
        print(_("  sted: linje {line}").format(line=notice.line), file=sys.stderr)
        return EXIT_BROKEN
    _print_intact(result, name)
    if expected is None:
        return EXIT_OK
    return _report_match(result, name)


def _refused(result: VerifyResult) -> int:
    from ovelse.session.errors import JournalCorrupt

    error = result.error
    assert error is not None
    broken = isinstance(error, JournalCorrupt)
    print(f"ovelse: {error.message}", file=sys.stderr)
    if broken and error.line is not None:
        print("  " + _where(error.line, result.error_event), file=sys.stderr)
    if error.hint:
        print(_("  tips: {hint}").format(hint=error.hint), file=sys.stderr)
    return EXIT_BROKEN if broken else EXIT_UNREADABLE


def _where(line: int, event: tuple[int | None, str | None] | None) -> str:
    seq, kind = event if event is not None else (None, None)
    if line == 1:
        return _("sted: linje 1 (journalhodet)")
    if seq is None:
        return _("sted: linje {line} (hendelsen kan ikke leses)").format(line=line)
    if kind is None:
        return _("sted: linje {line}, hendelse nr. {seq}").format(line=line, seq=seq)
    return _("sted: linje {line}, hendelse nr. {seq} ({kind})").format(
        line=line, seq=seq, kind=_event_kind(kind)
    )


def _event_kind(kind: str) -> str:
    from ovelse.report.kinds import KIND_OF_TYPE

    entry = KIND_OF_TYPE.get(kind)
    return _(entry.name) if entry is not None else show_controls(kind)[:64]


def _print_intact(result: VerifyResult, name: str) -> None:
    last_line = result.events + 1
    if result.first_sealed is None:
        print(
            _(
                "{name}: journalen kan leses og henger sammen ({events} hendelser), men den er laget av en "
                "eldre versjon av ovelse uten kontrollkjede, så en endring i linjene kan ikke oppdages."
            ).format(name=name, events=result.events)
        )
    elif result.unsealed:
        print(
            _(
                "{name}: journalen er uendret ({events} hendelser). Linjene før linje {first} er skrevet av "
                "en eldre versjon av ovelse uten egne kontrollverdier; kontrollverdiene fra linje {first} "
                "dekker også dem."
            ).format(name=name, events=result.events, first=result.first_sealed)
        )
    else:
        print(
            ngettext(
                "{name}: journalen er uendret: {events} hendelse, og kontrollkjeden stemmer på hver linje.",
                "{name}: journalen er uendret: {events} hendelser, og kontrollkjeden stemmer på hver linje.",
                result.events,
            ).format(name=name, events=result.events)
        )
    if result.missing_newline:
        print(
            _(
                "  Den siste linjen mangler linjeskift (filen er trolig lagret i et redigeringsprogram); "
                "hendelsen er hel og tatt med."
            )
        )
    print(
        _("Kontrollverdi etter siste hendelse (linje {line}): {value}").format(
            line=last_line, value=result.head
        )
    )


def _report_match(result: VerifyResult, name: str) -> int:
    value = result.expected or ""
    if result.matched_line is None:
        print(
            _(
                "{name}: kontrollverdien {value} fra rapporten finnes ikke i journalen. Rapporten er ikke "
                "laget fra denne journalen, eller journalen er endret eller forkortet etter at rapporten ble "
                "laget."
            ).format(name=name, value=value),
            file=sys.stderr,
        )
        return EXIT_BROKEN
    later = result.events + 1 - result.matched_line
    if later == 0:
        print(
            _("Rapporten stemmer: den er laget fra journalen slik den er nå (linje {line}).").format(
                line=result.matched_line
            )
        )
    else:
        print(
            ngettext(
                "Rapporten stemmer med linje {line}: den er laget fra journalen slik den var da, og {later} "
                "hendelse er lagt til etter det.",
                "Rapporten stemmer med linje {line}: den er laget fra journalen slik den var da, og {later} "
                "hendelser er lagt til etter det.",
                later,
            ).format(line=result.matched_line, later=later)
        )
    return EXIT_OK

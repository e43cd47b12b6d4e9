"""``ovelse register …``: the command-line edge of the register (messages rendered here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO

from ovelse.errors import OvelseError
from ovelse.i18n import _, ngettext, parse_language
from ovelse.register.errors import RegisterError
from ovelse.register.status import fmt_date, parse_status, status_name

if TYPE_CHECKING:
    from ovelse.register.store import Register

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_error(exc: OvelseError, out: TextIO) -> None:
    print(f"ovelse: {exc.message}", file=out)
    if exc.hint:
        print("  " + _("tips: {hint}").format(hint=exc.hint), file=out)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise RegisterError("REG012", value=text[:40]) from None


def _open(args: argparse.Namespace) -> Register:
    from ovelse.register.store import open_register

    return open_register(getattr(args, "database", None))


def today() -> date:
    from ovelse.register.store import today as store_today

    return store_today()


def _notices(register: Register) -> None:
    if "exempt_on_server" in register.notices:
        print(
            _(
                "advarsel: registeret på {where} inneholder nå materiale som er unntatt offentlighet; "
                "det ligger på en databasetjener. Sørg for at bare de som skal, har tilgang."
            ).format(where=register.where),
            file=sys.stderr,
        )
        register.notices.remove("exempt_on_server")


def run_register(args: argparse.Namespace) -> int:
    """Entry point for ``ovelse register``; errors become Norwegian messages and exit codes."""
    name: str | None = getattr(args, "register_action", None)
    try:
        if name is None:
            return _screen(args)
        return ACTIONS[name](args)
    except RegisterError as exc:
        _print_error(exc, sys.stderr)
        return EXIT_FAILED if exc.code not in ("REG003", "REG011", "REG012") else EXIT_USAGE


def _screen(args: argparse.Namespace) -> int:
    register = _open(args)
    from ovelse.tui.screens.register_app import run_register_app

    return run_register_app(register)


def _import(args: argparse.Namespace) -> int:
    from ovelse.register.importing import NEW, SAME, import_file

    failed = 0
    with _open(args) as register:
        for name in args.files:
            try:
                outcome = import_file(register, name)
            except RegisterError as exc:
                failed += 1
                _print_error(exc, sys.stderr)
                continue
            r = outcome.record
            what = f"{r.source_name}: {r.title} ({r.municipality}, {fmt_date(r.exercise_date)})"
            if outcome.kind == SAME:
                print(
                    _("{what} er allerede importert (versjon {version}); ingenting endret.").format(
                        what=what, version=outcome.version
                    )
                )
            elif outcome.kind == NEW:
                print(
                    ngettext(
                        "Importerte {what}: {n} tiltak.", "Importerte {what}: {n} tiltak.", len(r.actions)
                    ).format(what=what, n=len(r.actions))
                )
            else:
                print(
                    _(
                        "{what} er endret siden forrige import: lagret som versjon {version}; "
                        "versjon {previous} er beholdt."
                    ).format(what=what, version=outcome.version, previous=outcome.previous)
                )
            if r.marking:
                print("  " + _("Merking: {marking}").format(marking=r.marking))
            _notices(register)
    if failed:
        print(
            ngettext("{n} fil ble ikke importert.", "{n} filer ble ikke importert.", failed).format(n=failed),
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def _tiltak(args: argparse.Namespace) -> int:
    from ovelse.register.queries import list_tiltak

    statuses = [parse_status(s) for s in args.status] if args.status else None
    now = today()
    with _open(args) as register:
        rows = list_tiltak(
            register,
            statuses=statuses,
            overdue_on=now if args.forfalt else None,
            municipality=args.kommune,
            region=args.region,
        )
    markings = list(dict.fromkeys(r.marking for r in rows if r.marking))
    if args.format == "json":
        data = {
            "markings": markings,
            "tiltak": [
                {
                    "id": r.id,
                    "text": r.text,
                    "owner": r.owner,
                    "deadline": r.deadline.isoformat() if r.deadline else None,
                    "status": r.status,
                    "status_on": r.status_on.isoformat() if r.status_on else None,
                    "overdue": r.overdue(now),
                    "municipality": r.municipality,
                    "exercise": r.exercise_title,
                    "exercise_date": r.exercise_date.isoformat(),
                    "journal_id": r.journal_id,
                    "seq": r.seq,
                    "marking": r.marking,
                }
                for r in rows
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for marking in markings:
        print(f"** {marking} **")
    if not rows:
        print(_("Ingen tiltak passer med filteret."))
        return EXIT_OK
    print(
        f"{_('nr'):>5}  {_('frist'):<10}  {_('status'):<13}  {_('kommune'):<20}  {_('ansvarlig'):<20}  {_('tiltak')}"
    )
    for r in rows:
        late = "!" if r.overdue(now) else " "
        print(
            f"{r.id:>5}  {fmt_date(r.deadline):<10}{late} {status_name(r.status):<13}  "
            f"{r.municipality[:20]:<20}  {(r.owner or '–')[:20]:<20}  {r.text}"
        )
    print(
        ngettext("{n} tiltak", "{n} tiltak", len(rows)).format(n=len(rows))
        + (" " + _("(! = forfalt)") if any(r.overdue(now) for r in rows) else "")
    )
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from ovelse.register.queries import get_tiltak, set_status

    status = parse_status(args.status)
    on = _parse_date(args.dato) if args.dato else None
    with _open(args) as register:
        entry = set_status(register, args.id, status, on=on, by=args.av, comment=args.kommentar or "")
        row = get_tiltak(register, args.id)
    if row.marking:
        print(f"** {row.marking} **")
    print(
        _("Tiltak nr. {id} har status «{status}» fra {on} (registrert av {by}).").format(
            id=args.id, status=status_name(entry.status), on=fmt_date(entry.on), by=entry.by
        )
    )
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    from ovelse.register.queries import get_tiltak, history

    with _open(args) as register:
        row = get_tiltak(register, args.id)
        entries = history(register, args.id)
    if row.marking:
        print(f"** {row.marking} **")
    print(f"{row.id}: {row.text}")
    print(
        "  "
        + _("fra øvelsen {title} ({date}), ansvarlig: {owner}, frist: {deadline}").format(
            title=row.exercise_title,
            date=fmt_date(row.exercise_date),
            owner=row.owner or "–",
            deadline=fmt_date(row.deadline),
        )
    )
    if not entries:
        print(
            "  "
            + _("Ingen statusendringer i registeret; status fra journalen: {status}.").format(
                status=status_name(row.status)
            )
        )
    for e in entries:
        line = f"  {fmt_date(e.on)}  {status_name(e.status):<13}  {e.by}"
        print(line + (f"  – {e.comment}" if e.comment else ""))
    return EXIT_OK


def _rapport(args: argparse.Namespace) -> int:
    from ovelse.fileio import OutputError, write_atomic
    from ovelse.register.render import BINARY_FORMATS, render
    from ovelse.register.reports import FollowUp, Regional, follow_up, regional

    since = _parse_date(args.fra) if args.fra else None
    language = parse_language(args.sprak) if getattr(args, "sprak", None) else None
    report: FollowUp | Regional
    with _open(args) as register:
        if args.region is not None:
            report = regional(register, args.region or None, today(), since)
        else:
            municipality = args.kommune or _only_municipality(register)
            report = follow_up(register, municipality, today())
    data = render(report, args.format, language)
    if args.output in (None, "-") and args.format not in BINARY_FORMATS:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    if args.output in (None, "-"):
        stem = "regional-oppsummering" if args.region is not None else "oppfolgingsrapport"
        args.output = f"{stem}.{args.format}"
    try:
        write_atomic(args.output, data, force=args.force, private=bool(report.markings))
    except OutputError as exc:
        print(f"ovelse: {exc.message}", file=sys.stderr)
        if exc.hint:
            print("  " + _("tips: {hint}").format(hint=exc.hint), file=sys.stderr)
        return EXIT_FAILED
    print(_("Skrev {file}").format(file=args.output), file=sys.stderr)
    return EXIT_OK


def _only_municipality(register: Register) -> str:
    from sqlalchemy import select

    from ovelse.register.tables import exercises

    with register.read() as conn:
        names = (
            conn.execute(select(exercises.c.municipality).where(exercises.c.current).distinct().limit(2))
            .scalars()
            .all()
        )
    if len(names) == 1:
        return str(names[0])
    raise RegisterError("REG015")


def _eksport_status(args: argparse.Namespace) -> int:
    from ovelse.fileio import OutputError, write_atomic
    from ovelse.register.sidecar import sidecar_bytes

    with _open(args) as register:
        data, private = sidecar_bytes(register, args.journal_id)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        return EXIT_OK
    try:
        write_atomic(args.output, data, force=args.force, private=private)
    except OutputError as exc:
        print(f"ovelse: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    print(_("Skrev {file}").format(file=args.output), file=sys.stderr)
    return EXIT_OK


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": _import,
    "tiltak": _tiltak,
    "status": _status,
    "historikk": _history,
    "rapport": _rapport,
    "eksport-status": _eksport_status,
}
"""``ovelse register KOMMANDO`` → its function (the arguments are in :mod:`ovelse.register.arguments`)."""

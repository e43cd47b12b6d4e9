"""Entry point from the CLI: ``ovelse``, ``ovelse run FIL [--rom]``, ``ovelse resume JOURNAL [--rom]``."""

from __future__ import annotations

import argparse
import sys

from ovelse.i18n import _
from ovelse.plaintext import show_controls

EXIT_JOURNAL = 2
EXIT_FINDINGS = 1


def launch(args: argparse.Namespace) -> int:
    """Run the app for the parsed command line; returns the process exit code.

    ``resume`` opens the journal before the UI starts: a journal that is missing, locked by another
    window, read-only or unreadable is reported on stderr (exit code 2) without opening the UI.
    The UI speaks the language the user chose (``--sprak``, ``OVELSE_SPRAK``, the settings file); without
    a choice it follows the exercise (``meta.language``, or the language a resumed journal was run in)."""
    from ovelse.settings import user_language
    from ovelse.tui.app import OvelseApp

    command = getattr(args, "command", None)
    journal_dir = getattr(args, "journal_dir", None)
    language = user_language(getattr(args, "sprak", None)).language
    room_page = bool(getattr(args, "rom", False))
    if command == "resume":
        from ovelse.session import Session, SessionError

        try:
            session = Session.open(args.journal)
        except SessionError as exc:
            print(_("ovelse: {error}").format(error=show_controls(str(exc))), file=sys.stderr)
            return EXIT_JOURNAL
        app = OvelseApp(session=session, journal_dir=journal_dir, language=language, room_page=room_page)
    elif command == "run":
        app = OvelseApp(
            scenario_file=args.file, journal_dir=journal_dir, language=language, room_page=room_page
        )
    else:
        app = OvelseApp(journal_dir=journal_dir, language=language)
    from ovelse.platform import on_close_signals

    def close_and_exit() -> None:
        """SIGTERM / SIGHUP (the terminal window closed): close the journal as «q» does («closed» pause)."""
        app.close_session()
        app.exit(app.exit_code)

    restore = on_close_signals(close_and_exit)
    try:
        result = app.run()
    finally:
        try:
            app.close_room_page()
            app.close_session()  # also when the UI could not start
        finally:
            restore()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    if app.exit_message:
        print(show_controls(app.exit_message), file=sys.stderr)
    if app.close_error is not None:
        return EXIT_JOURNAL  # what was acknowledged is on disk, but the closing pause is not
    return int(result or 0)


def rehearse(args: argparse.Namespace) -> int:
    """``ovelse prøv FIL``: rehearse a scenario alone, with nothing written.

    A missing file (or a folder) is refused before the UI starts (exit code 2). A file with errors opens
    all the same: the screen shows the findings and waits for a save without errors. If it still has
    errors when the rehearsal is closed, they are printed on stderr and the exit code is 1."""
    from ovelse.bundled import resolve_scenario
    from ovelse.clitext import say
    from ovelse.scenario.rehearse import Rehearsal
    from ovelse.settings import user_language
    from ovelse.tui.app import OvelseApp

    path = resolve_scenario(args.file)
    if not path.is_file():
        what = _("Finner ikke scenariofilen {file}.") if not path.exists() else _("{file} er ikke en fil.")
        say(
            what.format(file=args.file),
            _(
                "Oppgi en scenariofil (.yaml) eller navnet på et medfølgende scenario (se «ovelse scenarier»)."
            ),
        )
        return EXIT_JOURNAL
    rehearsal = Rehearsal.open(path, display_name=args.file)
    language = user_language(getattr(args, "sprak", None)).language
    app = OvelseApp(rehearsal=rehearsal, language=language)
    app.run()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    if rehearsal.has_errors:
        for finding in rehearsal.findings:
            print(finding.format_text(), file=sys.stderr)
        say(
            _("{file} har fortsatt feil; ingenting er lagret.").format(file=args.file),
            _("kjør «ovelse validate {file}» for detaljer").format(file=args.file),
        )
        return EXIT_FINDINGS
    return 0

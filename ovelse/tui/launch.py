"""Entry point from the CLI: ``ovelse``, ``ovelse run FIL [--rom]``, ``ovelse resume JOURNAL [--rom]``."""

from __future__ import annotations

import argparse
import sys

from ovelse.i18n import _
from ovelse.plaintext import show_controls

EXIT_JOURNAL = 2


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

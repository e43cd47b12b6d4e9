"""Entry point from the CLI: ``ovelse``, ``ovelse run FIL``, ``ovelse resume JOURNAL``."""

from __future__ import annotations

import sys
from typing import Any

from ovelse.plaintext import show_controls

EXIT_JOURNAL = 2


def launch(args: Any) -> int:
    """Run the app for the parsed command line; returns the process exit code.

    ``resume`` opens the journal before the UI starts: a journal that is missing, locked by another
    window, read-only or unreadable is reported on stderr (exit code 2) without opening the UI."""
    from ovelse.tui.app import OvelseApp

    command = getattr(args, "command", None)
    journal_dir = getattr(args, "journal_dir", None)
    if command == "resume":
        from ovelse.session import Session, SessionError

        try:
            session = Session.open(args.journal)
        except SessionError as exc:
            print(f"ovelse: {show_controls(str(exc))}", file=sys.stderr)
            return EXIT_JOURNAL
        app = OvelseApp(session=session, journal_dir=journal_dir)
    elif command == "run":
        app = OvelseApp(scenario_file=args.file, journal_dir=journal_dir)
    else:
        app = OvelseApp(journal_dir=journal_dir)
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

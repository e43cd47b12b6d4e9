"""Entry point from the CLI: ``ovelse``, ``ovelse run FIL``, ``ovelse resume JOURNAL``."""

from __future__ import annotations

import sys
from typing import Any


def launch(args: Any) -> int:
    """Run the app for the parsed command line; returns the process exit code."""
    from ovelse.tui.app import OvelseApp

    command = getattr(args, "command", None)
    journal_dir = getattr(args, "journal_dir", None)
    if command == "resume":
        app = OvelseApp(journal=args.journal, journal_dir=journal_dir)
    elif command == "run":
        app = OvelseApp(scenario_file=args.file, journal_dir=journal_dir)
    else:
        app = OvelseApp(journal_dir=journal_dir)
    result = app.run()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    return int(result or 0)

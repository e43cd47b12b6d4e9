"""Entry points from the CLI: ``ovelse vis JOURNAL`` and ``ovelse serve JOURNAL``.

Exit codes: 0 ok, 1 refused (network binding not allowed), 2 usage or unreadable journal. Problems
are printed in Norwegian on stderr, never as a traceback.
"""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path
from typing import Any

from ovelse.plaintext import show_controls

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _say(message: str, hint: str = "") -> None:
    from ovelse.clitext import say  # one home for CLI messages: through the text cleaner

    say(message, hint)


def resolve_journal(name: str, journal_dir: str | None = None) -> Path:
    """``name`` as given, or, if that does not exist and is a bare file name, in the journal folder."""
    path = Path(name).expanduser()
    if path.exists() or path.parent != Path("."):
        return path
    from ovelse.session.paths import resolve_journal_dir

    candidate = resolve_journal_dir(journal_dir) / path.name
    return candidate if candidate.exists() else path


def _missing(path: Path, journal_dir: str | None) -> None:
    from ovelse.session.paths import resolve_journal_dir

    _say(
        f"Finner ikke journalen {path}.",
        "Start øvelsen først (ovelse run SCENARIO) og oppgi journalen den skriver til; "
        f"journalene ligger i {resolve_journal_dir(journal_dir)}.",
    )


def _open_follower(args: Any) -> Any:
    """A read-only follower of the journal in ``args``, or None after printing why not."""
    from ovelse.session.errors import JournalError
    from ovelse.session.follow import JournalFollower

    journal_dir = getattr(args, "journal_dir", None)
    path = resolve_journal(str(args.journal), journal_dir)
    if not path.exists():
        _missing(path, journal_dir)
        return None
    try:
        return JournalFollower(path)
    except JournalError as exc:
        _say(exc.message, exc.hint)
        return None


def run_vis(args: Any) -> int:
    """Show the room's view of a journal until closed (q)."""
    follower = _open_follower(args)
    if follower is None:
        return EXIT_USAGE
    from ovelse.tui.room.app import RoomApp

    app = RoomApp(follower)
    try:
        app.run()
    finally:
        follower.close()
    return EXIT_OK


def run_serve(args: Any) -> int:
    """Serve the room's view to browsers (127.0.0.1 unless allowed otherwise) until Ctrl+C."""
    from ovelse.tui.room.serve import check_binding, make_server

    host = str(getattr(args, "host", "127.0.0.1") or "")
    port = getattr(args, "port", 8000)
    if not isinstance(port, int) or not 0 < port < 65536:
        _say(f"Ugyldig port: {port}.", "Oppgi et tall fra 1 til 65535, f.eks. --port 8000.")
        return EXIT_USAGE
    follower = _open_follower(args)
    if follower is None:
        return EXIT_USAGE
    path, scenario = follower.path, follower.scenario
    follower.close()
    check = check_binding(
        host,
        port,
        scenario,
        allow_network=bool(getattr(args, "allow_network", False)),
        confirm_exempt=bool(getattr(args, "confirm_exempt", False)),
    )
    if not check.allowed:
        _say(check.refusal or "", check.hint)
        return EXIT_REFUSED
    problem = _bind_problem(host, port)
    if problem is None:
        for warning in check.warnings:
            print(show_controls(warning), file=sys.stderr)
        server = make_server(path, host, port, scenario.meta.title)
        try:
            server.serve()
        except OSError as exc:
            problem = exc
    if problem is not None:
        if isinstance(problem, socket.gaierror):
            _say(
                f"Finner ikke adressen «{host}».",
                "Oppgi en IP-adresse eller et navn denne maskinen har, i --host.",
            )
        elif problem.errno == errno.EADDRINUSE:
            _say(
                f"Port {port} er allerede i bruk på {host or 'denne maskinen'}.",
                "Velg en annen port med --port, eller stopp programmet som bruker den.",
            )
        else:
            _say(
                f"Kan ikke lytte på {host}:{port} ({problem.strerror or problem}).",
                "Sjekk adressen i --host og porten i --port.",
            )
        return EXIT_USAGE
    return EXIT_OK


def _bind_problem(host: str, port: int) -> OSError | None:
    """Try the address before starting the server, so the start-up message is not printed in vain."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        return exc
    for family, kind, proto, _, address in infos[:1]:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            return exc
    return None

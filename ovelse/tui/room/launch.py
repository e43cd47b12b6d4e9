"""Entry points from the CLI: ``ovelse vis JOURNAL`` and ``ovelse serve JOURNAL``.

Exit codes: 0 ok, 1 refused (network binding not allowed), 2 usage, unreadable journal or an address
that cannot be listened on. Problems are printed in Norwegian on stderr, never as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ovelse.i18n import _, set_language

if TYPE_CHECKING:
    from ovelse.session.follow import JournalFollower

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
    from ovelse.plaintext import clean
    from ovelse.session.paths import resolve_journal_dir

    _say(
        _("Finner ikke journalen {path}.").format(path=clean(str(path))),
        _(
            "Start øvelsen først (ovelse run SCENARIO) og oppgi journalen den skriver til; "
            "journalene ligger i {folder}."
        ).format(folder=clean(str(resolve_journal_dir(journal_dir)))),
    )


def _open_follower(args: Any) -> JournalFollower | None:
    """A read-only follower of the journal in ``args``, or None after printing why not."""
    from ovelse.session.errors import JournalError
    from ovelse.session.follow import JournalFollower

    journal_dir = getattr(args, "journal_dir", None)
    path = resolve_journal(str(args.journal), journal_dir)
    if not path.exists():
        _missing(path, journal_dir)
        return None
    try:
        follower = JournalFollower(path)
    except JournalError as exc:
        _say(exc.message, exc.hint)
        return None
    try:
        follower.read_new()
    except JournalError as exc:
        follower.close()
        _say(exc.message, exc.hint)
        return None
    if follower.state.facts is not None:
        set_language(follower.state.facts.language)  # the room speaks the exercise's language
    return follower


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


SERVE_PORT = 8000
"""``ovelse serve``'s port when none is given: easy to type on another machine; when it is taken, a free
port is used instead (and printed), so a second ``serve`` or another program on 8000 never stops it."""


def run_serve(args: Any) -> int:
    """Serve the room's web page for a journal (127.0.0.1 unless allowed otherwise) until Ctrl+C."""
    from ovelse.room.binding import check_binding, where
    from ovelse.room.errors import RoomError
    from ovelse.room.server import RoomServer

    host = str(getattr(args, "host", "127.0.0.1") or "")
    requested = getattr(args, "port", None)
    port = SERVE_PORT if requested is None else requested
    if not isinstance(port, int) or not 0 <= port < 65536:
        error = RoomError("room.bad_port", port=port)
        _say(error.message, error.hint)
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
    server = RoomServer()
    try:
        try:
            url = server.start(path, host=host, port=port)
        except RoomError as exc:
            if requested is not None or exc.code != "room.port_in_use":
                raise
            # The usual port is taken (a second ``serve``, another program): any free port will do,
            # since the address is printed below; a port given with --port is never swapped silently.
            url = server.start(path, host=host, port=0)
            print(
                _("Port {port} er i bruk; bruker en ledig port i stedet.").format(port=SERVE_PORT),
                file=sys.stderr,
            )
    except RoomError as exc:
        _say(exc.message, exc.hint)
        return EXIT_USAGE
    for warning in check.warnings:
        print(warning, file=sys.stderr)
    from ovelse.room.binding import WILDCARDS
    from ovelse.room.render import one_line

    if host in WILDCARDS:
        shown = _("{where} (http://<maskinens adresse>:{port}/)").format(
            where=where(host, port), port=server.url.rsplit(":", 1)[1].rstrip("/")
        )
    else:
        shown = url
    print(
        _("Rommets bilde av «{title}» vises på {address}").format(
            title=one_line(scenario.meta.title), address=shown
        ),
        file=sys.stderr,
    )
    print(
        _("Skrivebeskyttet: nettleserne kan bare se på. Trykk F11 i nettleseren for fullskjerm."),
        file=sys.stderr,
    )
    print(_("Trykk Ctrl+C for å stoppe."), file=sys.stderr, flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK

"""The room's web page, served by the app's own process: HTML/CSS/JS and a stream of room documents.

Why aiohttp: it is already installed (it came with textual-serve, which this replaces), it runs on any
asyncio loop with its public ``AppRunner``/``SockSite`` API, so this module binds the socket itself
(clear Norwegian messages for a port in use, an unknown address, a free port with ``port=0``) and
needs neither a second server process nor uvicorn's signal handling; and server-sent events are a
plain ``StreamResponse``. Starlette + uvicorn would add two dependencies for the same result.

Updates go to the browsers as server-sent events (``GET /events``, one JSON document per change,
a heartbeat every :data:`HEARTBEAT` seconds). A browser that connects late or reconnects gets the
current document at once; the browser's ``EventSource`` reconnects by itself. The page shows
«venter på øvingsleder» when the heartbeats stop (the program is gone) or when the facilitator's
program is known to be absent (``present`` false).

Use from the app (any thread, Textual's loop included; every public method is thread-safe and does
not block for long)::

    server = RoomServer()
    url = server.start(host="127.0.0.1", port=0)     # raises RoomError (Norwegian message) on failure
    server.publish_state(session.scenario, session.state)   # after every engine call
    ...
    server.stop()

The server runs its own asyncio loop in a daemon thread, so it never blocks the caller's loop and
keeps answering while a screen is busy. ``ovelse serve JOURNAL`` calls ``start(journal=path)``: the
server then follows the journal itself (``ovelse.session.follow``) and asks the journal's writer lock
whether the facilitator's program is there.

Security: every request and the event stream must name the served address in ``Host`` and, when
the browser sends one, ``Origin`` (:class:`~ovelse.room.binding.HostPolicy`; DNS rebinding and
cross-site reads are refused with 403), cross-site fetch metadata is refused, only GET/HEAD are
answered, at most ``max_viewers`` event streams and ``max_requests`` requests at a time are served
(503 beyond), and a strict Content-Security-Policy allows nothing but this page's own files.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import json
import logging
import socket
import threading
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web
from jinja2 import Environment, select_autoescape

from ovelse.i18n import Language, _, use_language
from ovelse.room.binding import WILDCARDS, HostPolicy
from ovelse.room.errors import RoomError
from ovelse.room.payload import room_document, texts
from ovelse.room.presence import writer_present
from ovelse.room.snapshot import RoomSnapshot, build_snapshot
from ovelse.scenario.model import Scenario
from ovelse.session.clock import Clock, SystemClock
from ovelse.session.state import ExerciseState

HEARTBEAT = 2.0
"""Seconds between heartbeats on the event stream (the page gives up after three missed)."""
POLL_INTERVAL = 0.1
"""Seconds between looks at a followed journal (one fstat when nothing changed)."""
RETRY_INTERVAL = 1.0
"""Seconds between attempts to open a followed journal again after it could not be read."""
WATCH = 0.25
"""Seconds between looks at whether a browser's connection is still open."""
MAX_VIEWERS = 16
MAX_REQUESTS = 64
START_TIMEOUT = 10.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATIC = {"room.css": "text/css", "room.js": "text/javascript"}


def _page_file(name: str) -> str:
    return resources.files("ovelse.room").joinpath("page", name).read_text(encoding="utf-8")


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port), or RoomError in Norwegian."""
    if not isinstance(port, int) or not 0 <= port < 65536:
        raise RoomError("room.bad_port", port=port)
    shown = host or "0.0.0.0"
    if host in WILDCARDS:
        family = socket.AF_INET6 if host == "::" else socket.AF_INET
        infos = [(family, socket.SOCK_STREAM, 0, "", (host or "0.0.0.0", port))]
    else:
        try:
            infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)  # type: ignore[assignment]
        except (OSError, UnicodeError):
            raise RoomError("room.unknown_host", host=host) from None
    last: OSError | None = None
    for family, kind, proto, _name, address in infos[:1]:
        sock = socket.socket(family, kind, proto)
        try:
            if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # pragma: no cover - Windows
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
            elif socket.SO_REUSEADDR:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(64)
            sock.setblocking(False)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    if last is not None and last.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        raise RoomError("room.port_in_use", port=port, host=shown)
    reason = (last.strerror if last is not None else None) or _("ukjent feil")
    raise RoomError("room.cannot_bind", host=shown, port=port, reason=reason)


class RoomServer:
    """Serves the room's page to browsers; see the module docstring for use and threading."""

    def __init__(
        self,
        *,
        max_viewers: int = MAX_VIEWERS,
        max_requests: int = MAX_REQUESTS,
        heartbeat: float = HEARTBEAT,
        poll_interval: float = POLL_INTERVAL,
        clock: Clock | None = None,
    ) -> None:
        self.max_viewers = max_viewers
        self.max_requests = max_requests
        self.heartbeat = heartbeat
        self.poll_interval = poll_interval
        self.clock: Clock = clock or SystemClock()
        self.policy: HostPolicy | None = None
        self.journal: Path | None = None
        self.viewers = 0
        """Event streams open now."""
        self.refused = 0
        """Requests refused so far (wrong Host/Origin, cross-site, too many)."""
        self._requests = 0
        self._snapshot: RoomSnapshot | None = None
        self._document: dict[str, Any] = {**room_document(None, self._now()), "beat": heartbeat}
        self._version = 0
        self._present: bool = True
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._changed: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None
        self._jinja = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
        self._index = self._jinja.from_string(_page_file("index.html"))

    # ------------------------------------------------------------------ public, thread-safe API
    @property
    def url(self) -> str:
        if self.policy is None:
            raise RuntimeError("the room server is not started")
        return self.policy.url()

    def start(self, journal: Path | str | None = None, *, host: str = "127.0.0.1", port: int = 0) -> str:
        """Bind and start serving in a background thread; returns the page's URL.

        ``journal``: follow that journal (``ovelse serve``); None: show what :meth:`publish` is given.
        Raises :class:`RoomError` (address, port) before anything is served."""
        if self._thread is not None:
            return self.url
        _quiet_aiohttp()
        sock = _bind(host, port)
        address = sock.getsockname()
        bound = host if host in WILDCARDS else str(address[0])
        names: frozenset[str] = frozenset()
        if host not in WILDCARDS and not _is_ip(host):
            names = frozenset({host.strip().lower()})  # the name the facilitator gave, bound just now
        self.policy = HostPolicy(bound, int(address[1]), names)
        if journal is not None:
            self.journal = Path(journal)
        started: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._run, args=(sock, started), name="ovelse-room-server", daemon=True
        )
        self._thread.start()
        try:
            started.result(timeout=START_TIMEOUT)
        except Exception as exc:
            self._thread = None
            sock.close()
            if isinstance(exc, RoomError):
                raise
            raise RoomError("room.not_started", reason=str(exc) or type(exc).__name__) from None
        return self.url

    def publish(self, snapshot: RoomSnapshot | None) -> None:
        """Show ``snapshot`` (built by :func:`~ovelse.room.snapshot.build_snapshot`) to every browser."""
        document = room_document(snapshot, self._now())
        self._call(self._set, snapshot, document)

    def publish_state(self, scenario: Scenario, state: ExerciseState) -> None:
        """Build the room's snapshot of ``state`` (in the caller's thread, where the state lives) and
        publish it: what the app calls after every engine call (``session.scenario, session.state``)."""
        self.publish(build_snapshot(scenario, state))

    def set_present(self, present: bool) -> None:
        """Tell the page whether the facilitator is there (False: «venter på øvingsleder»)."""
        self._call(self._set_present, present)

    def stop(self) -> None:
        """Close every stream and the socket; idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if self._stopping is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._stopping.set)
        thread.join(timeout=10)
        self._thread = None
        self._loop = None

    def __enter__(self) -> RoomServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server stops (``ovelse serve``: until Ctrl+C)."""
        thread = self._thread
        while thread is not None and thread.is_alive():
            thread.join(timeout=0.5)

    @property
    def document(self) -> dict[str, Any]:
        """The document browsers get now (tests)."""
        return self._document

    # ------------------------------------------------------------------ the server's thread
    def _now(self) -> datetime:
        now = self.clock.now()
        return now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def _call(self, function: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None:
            function(*args)  # not started (or stopped): keep it for when it starts
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(function, *args)

    def _set(self, snapshot: RoomSnapshot | None, document: dict[str, Any]) -> None:
        self._snapshot = snapshot
        document["present"] = self._present
        document["beat"] = self.heartbeat
        self._document = document
        self._bump()

    def _set_present(self, present: bool) -> None:
        if present != self._present:
            self._present = present
            self._document = {**self._document, "present": present}
            self._bump()

    def _bump(self) -> None:
        self._version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    def _run(self, sock: socket.socket, started: concurrent.futures.Future[None]) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._main(sock, started))
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _main(self, sock: socket.socket, started: concurrent.futures.Future[None]) -> None:
        try:
            self._loop = asyncio.get_running_loop()
            self._changed = asyncio.Event()
            self._stopping = asyncio.Event()
            app = web.Application(middlewares=[self._guard], client_max_size=1024)
            app.router.add_get("/", self._page)
            app.router.add_get("/events", self._events)
            app.router.add_get("/favicon.ico", self._no_icon)
            for name in STATIC:
                app.router.add_get("/" + name, self._static)
            self._runner = web.AppRunner(
                app, handle_signals=False, access_log=None, keepalive_timeout=15, shutdown_timeout=1.0
            )
            await self._runner.setup()
            await web.SockSite(self._runner, sock).start()
        except BaseException as exc:
            started.set_exception(exc)
            return
        follower = asyncio.create_task(self._follow()) if self.journal is not None else None
        started.set_result(None)
        try:
            await self._stopping.wait()
        finally:
            if follower is not None:
                follower.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await follower
            self._bump()  # wakes every stream so that it ends
            await self._runner.cleanup()

    # ------------------------------------------------------------------ following a journal
    async def _follow(self) -> None:
        from ovelse.session.errors import JournalError
        from ovelse.session.follow import JournalFollower

        assert self.journal is not None
        follower: JournalFollower | None = None
        generation = -1
        since_presence = 0.0
        while True:
            if follower is None:
                try:
                    follower = JournalFollower(self.journal)
                    generation = -1
                except JournalError:
                    self._set_present(False)
                    await asyncio.sleep(RETRY_INTERVAL)
                    continue
            try:
                events = follower.read_new()
            except JournalError:
                follower.close()
                follower = None
                self._set_present(False)
                await asyncio.sleep(RETRY_INTERVAL)
                continue
            if events or follower.generation != generation:
                generation = follower.generation
                snapshot = build_snapshot(follower.scenario, follower.state)
                self._set(snapshot, room_document(snapshot, self._now()))
            since_presence -= self.poll_interval
            if since_presence <= 0:
                since_presence = self.heartbeat / 2
                present = writer_present(self.journal)
                self._set_present(present is not False)
            await asyncio.sleep(self.poll_interval)

    # ------------------------------------------------------------------ requests
    def _language(self) -> Language:
        return "nn" if self._document.get("lang") == "nn" else "nb"

    def _refuse(self, status: int, text: str) -> web.Response:
        self.refused += 1
        return web.Response(status=status, text=text + "\n", headers=SECURITY_HEADERS)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        policy = self.policy
        assert policy is not None
        with use_language(self._language()):
            if request.method not in ("GET", "HEAD"):
                return self._refuse(405, _("Rommets bilde kan bare vises, ikke endres."))
            if not policy.allows_host(request.headers.get("Host")):
                return self._refuse(403, _("Ukjent adresse i forespørselen; åpne adressen ovelse viste."))
            if not policy.allows_origin(request.headers.get("Origin")):
                return self._refuse(403, _("Forespørsler fra andre nettsider blir ikke besvart."))
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                return self._refuse(403, _("Forespørsler fra andre nettsider blir ikke besvart."))
            if self._requests >= self.max_requests:
                return self._refuse(503, _("For mange forespørsler akkurat nå; prøv igjen om litt."))
        self._requests += 1
        try:
            response = await handler(request)
        finally:
            self._requests -= 1
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    async def _page(self, request: web.Request) -> web.StreamResponse:
        document = self._document
        language = self._language()
        with use_language(language):
            html = self._index.render(
                lang=language,
                title=document.get("page_title") or _("Rommets bilde"),
                waiting=texts()["waiting"],
            )
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.path.lstrip("/")
        return web.Response(text=_page_file(name), content_type=STATIC[name], charset="utf-8")

    async def _no_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)

    def _frame(self, event: str, data: dict[str, Any]) -> bytes:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"event: {event}\ndata: {payload}\n\n".encode()

    def _current(self) -> dict[str, Any]:
        """The current document with the exercise clock as of now."""
        document = self._document
        snapshot = self._snapshot
        if snapshot is not None and "clock" in document:
            clock = {"elapsed": round(snapshot.elapsed_at(self._now()), 3), "running": snapshot.clock_running}
            document = {**document, "clock": clock}
        return document

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if self.viewers >= self.max_viewers:
            with use_language(self._language()):
                return self._refuse(503, _("For mange skjermer viser rommets bilde nå."))
        self.viewers += 1
        try:
            response = web.StreamResponse(
                headers={
                    **SECURITY_HEADERS,
                    "Content-Type": "text/event-stream; charset=utf-8",
                    "X-Accel-Buffering": "no",
                }
            )
            await response.prepare(request)
            await response.write(b"retry: 1000\n\n")
            sent = -1
            beat_due = 0.0
            loop = asyncio.get_running_loop()
            while self._stopping is not None and not self._stopping.is_set():
                transport = request.transport
                if transport is None or transport.is_closing():
                    break  # the browser went away: free its place at once
                changed = self._changed
                if self._version != sent:
                    sent = self._version
                    await response.write(self._frame("room", self._current()))
                    beat_due = loop.time() + self.heartbeat
                elif loop.time() >= beat_due:
                    await response.write(
                        self._frame("beat", {"present": self._present, "beat": self.heartbeat})
                    )
                    beat_due = loop.time() + self.heartbeat
                if changed is None:
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), min(WATCH, max(0.0, beat_due - loop.time())))
            return response
        except (ConnectionError, asyncio.CancelledError):
            return web.Response(status=499)
        finally:
            self.viewers -= 1


def _quiet_aiohttp() -> None:
    """aiohttp logs malformed requests (English, with tracebacks) to stderr; they are refused anyway."""
    for name in ("aiohttp.server", "aiohttp.access", "aiohttp.web"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True

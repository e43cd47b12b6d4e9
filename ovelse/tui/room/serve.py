"""``ovelse serve``: the room's view served to browsers with textual-serve.

Every browser that opens the page gets its own ``ovelse vis JOURNAL`` process; that view is read-only,
so nothing a browser sends can change the exercise. Binding another address than loopback needs an
explicit flag and is refused for scenarios exempt from public access unless confirmed with a second
flag (:func:`check_binding`, pure, so it is tested without starting a server).
"""

from __future__ import annotations

import ipaddress
import logging
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ovelse.scenario.model import Scenario


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach: 127.0.0.0/8, ::1 and «localhost»."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass
class BindingCheck:
    """The outcome of :func:`check_binding`: refused (with the reason) or allowed (with warnings)."""

    refusal: str | None = None
    hint: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def check_binding(
    host: str, port: int, scenario: Scenario, *, allow_network: bool, confirm_exempt: bool
) -> BindingCheck:
    """May the room's view of ``scenario`` be served on ``host``? (Norwegian texts, ready to print.)"""
    if is_loopback(host):
        return BindingCheck()
    where = f"{host}:{port}" if host else f"alle adresser, port {port}"
    if not allow_network:
        return BindingCheck(
            f"Vil ikke lytte på {where} uten at du ber om det: da kan andre maskiner på nettverket se øvelsen.",
            "Bruk --tillat-nettverk hvis det er meningen, eller la være å oppgi --host (standard er 127.0.0.1, "
            "bare denne maskinen).",
        )
    sensitivity = scenario.meta.sensitivity
    if sensitivity.is_exempt and not confirm_exempt:
        return BindingCheck(
            f"Scenarioet er unntatt offentlighet ({sensitivity.marking}); rommets bilde deles ikke på "
            f"nettverket ({where}) uten en ekstra bekreftelse.",
            "Sjekk at bare de som skal se øvelsen, når denne adressen, og legg så til --bekreft-unntatt. "
            "Uten nettverk: la være å oppgi --host.",
        )
    warnings = [
        (
            f"Advarsel: rommets bilde kan ses av alle som når {where} – uten innlogging og uten "
            "kryptering. Stopp serveren (Ctrl+C) når øvelsen er over."
        )
    ]
    if sensitivity.is_exempt:
        warnings.append(
            f"Advarsel: scenarioet er unntatt offentlighet ({sensitivity.marking}); "
            "deling på nettverket er bekreftet med --bekreft-unntatt."
        )
    return BindingCheck(warnings=warnings)


def _address(host: str, port: int) -> str:
    """Where to point a browser, in words for the facilitator."""
    if host in ("", "0.0.0.0", "::"):
        return f"port {port} på alle denne maskinens adresser (http://<maskinens adresse>:{port}/)"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def vis_command(journal: str | Path) -> str:
    """The shell command textual-serve runs for each browser: the read-only view of ``journal``."""
    return f"{shlex.quote(sys.executable)} -m ovelse vis {shlex.quote(str(Path(journal).resolve()))}"


def make_server(journal: str | Path, host: str, port: int, title: str) -> Any:
    """A textual-serve server for the room's view, with Norwegian texts and no outside resources."""
    import aiohttp_jinja2
    from textual_serve.server import Server, to_int

    class RoomServer(Server):
        def initialize_logging(self) -> None:
            # textual-serve's own log lines are English and chatty; keep only real problems.
            logging.basicConfig(level=logging.WARNING, format="ovelse serve: %(message)s")
            logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # child-watcher noise at Ctrl+C

        async def on_startup(self, app: Any) -> None:
            print(f"Rommets bilde av «{title}» vises på {_address(host, port)}", file=sys.stderr)
            print(
                "Skrivebeskyttet: nettleserne kan bare se på. Større tekst: legg til ?fontsize=24 i adressen.",
                file=sys.stderr,
            )
            print("Trykk Ctrl+C for å stoppe.", file=sys.stderr, flush=True)

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: Any) -> dict[str, Any]:
            # URLs from the address the browser used, so the page also works when bound to 0.0.0.0.
            base = f"{request.scheme}://{request.host}"
            ws_base = ("wss://" if request.scheme == "https" else "ws://") + request.host
            router = request.app.router
            return {
                "font_size": max(8, min(to_int(request.query.get("fontsize", "16"), 16), 96)),
                "app_websocket_url": ws_base + str(router["websocket"].url_for()),
                "config": {
                    "static": {"url": base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"}
                },
                "application": {"name": self.title},
            }

    return RoomServer(
        vis_command(journal),
        host=host,
        port=port,
        title=f"Rommets bilde – {title}",
        templates_path=Path(__file__).resolve().parent / "templates",
    )

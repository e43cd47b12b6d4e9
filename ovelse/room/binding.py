"""Where the room's page may be served, and which requests it answers (DNS rebinding, cross-site reads).

:func:`check_binding` decides whether an address may be listened on (loopback always; anything else
only with ``--tillat-nettverk``, and for scenarios exempt from public access also ``--bekreft-unntatt``).
:class:`HostPolicy` decides, for every request and the event stream, whether the ``Host`` and
``Origin`` headers name the address actually served. Names are trusted only when they are «localhost»
itself or were given by the facilitator and resolve to the bound address; ``*.localhost`` and other
names are resolved, never assumed to be loopback.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ovelse.errors import render
from ovelse.i18n import _
from ovelse.room import errors as _errors  # noqa: F401  (registers the message templates)
from ovelse.scenario.model import Scenario

WILDCARDS = ("", "0.0.0.0", "::")


def _bare(host: str) -> str:
    return host.strip().strip("[]").lower()


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(_bare(host))
    except ValueError:
        return None


def resolve(host: str) -> list[str]:
    """The addresses ``host`` resolves to ([] when it does not)."""
    try:
        infos = socket.getaddrinfo(_bare(host), None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach: 127.0.0.0/8, ::1, «localhost», and names that
    resolve to loopback addresses only (``*.localhost`` is resolved like any other name)."""
    name = _bare(host)
    if not name:
        return False
    address = _ip(name)
    if address is not None:
        return address.is_loopback
    if name == "localhost":
        return True
    found = resolve(name)
    return bool(found) and all(ipaddress.ip_address(a).is_loopback for a in found)


def where(host: str, port: int) -> str:
    """The address in words, for messages."""
    if host in WILDCARDS:
        return _("alle adresser, port {port}").format(port=port)
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass
class BindingCheck:
    """The outcome of :func:`check_binding`: refused (a code) or allowed (with warnings)."""

    code: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    warning_codes: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.code is None

    @property
    def refusal(self) -> str | None:
        return None if self.code is None else render(self.code, self.params, 0)

    @property
    def hint(self) -> str:
        return "" if self.code is None else render(self.code, self.params, 1)

    @property
    def warnings(self) -> list[str]:
        return [render(code, self.params, 0) for code in self.warning_codes]


def check_binding(
    host: str, port: int, scenario: Scenario, *, allow_network: bool, confirm_exempt: bool
) -> BindingCheck:
    """May the room's view of ``scenario`` be served on ``host``?"""
    if is_loopback(host):
        return BindingCheck()
    sensitivity = scenario.meta.sensitivity
    params: dict[str, object] = {"where": where(host, port), "marking": sensitivity.marking or ""}
    if not allow_network:
        return BindingCheck("room.network_refused", params)
    if sensitivity.is_exempt and not confirm_exempt:
        return BindingCheck("room.exempt_refused", params)
    warnings = ["room.network_warning"]
    if sensitivity.is_exempt:
        warnings.append("room.exempt_warning")
    return BindingCheck(params=params, warning_codes=warnings)


def split_host(value: str) -> tuple[str, int | None] | None:
    """``host[:port]`` (``[v6]:port`` too) → (lower-case host without brackets, port or None)."""
    value = value.strip()
    if not value or any(c in value for c in "/@?#\\ \t"):
        return None
    try:
        parts = urlsplit("//" + value)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if not host:
        return None
    return host.lower(), port


@dataclass(frozen=True)
class HostPolicy:
    """The names and port a request may use to reach the served address.

    ``bound``: the address the socket is bound to; ``port``: its port; ``names``: extra host names the
    facilitator gave (``--host``) that resolved to the bound address."""

    bound: str
    port: int
    names: frozenset[str] = frozenset()

    def allows_host(self, header: str | None) -> bool:
        """True when a ``Host`` header names the served address (an IP literal of it, «localhost» when
        serving on loopback or all addresses, or a name the facilitator gave)."""
        if not header:
            return False
        split = split_host(header)
        if split is None:
            return False
        host, port = split
        if (port if port is not None else 80) != self.port:
            return False
        address = _ip(host)
        bound = _ip(self.bound)
        if address is not None:
            if self.bound in WILDCARDS:
                return True  # an IP literal cannot be rebound; the socket only answers on its own addresses
            return bound is not None and address == bound
        if host == "localhost":
            return self.bound in WILDCARDS or (bound is not None and bound.is_loopback)
        return host in self.names

    def allows_origin(self, origin: str | None) -> bool:
        """True when an ``Origin`` header is absent or is this page's own origin (never «null»)."""
        if origin is None:
            return True
        try:
            parts = urlsplit(origin.strip())
        except ValueError:
            return False
        if parts.scheme != "http" or parts.path not in ("", "/") or parts.query or parts.fragment:
            return False
        return self.allows_host(parts.netloc)

    def url(self) -> str:
        """Where to point a browser on this machine."""
        host = self.bound
        if host in WILDCARDS:
            host = "127.0.0.1" if host != "::" else "::1"
        return f"http://[{host}]:{self.port}/" if ":" in host else f"http://{host}:{self.port}/"

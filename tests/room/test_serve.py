"""The room's web server: who may bind where, which requests it answers (Host, Origin, fetch metadata,
methods), how many at a time, late browsers, port problems in Norwegian, and ``ovelse serve``."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from argparse import Namespace

import aiohttp
import pytest
from room_helpers import ROOT
from room_scenarios import EXEMPT, ROOM

from ovelse.room.binding import HostPolicy, check_binding, is_loopback, split_host
from ovelse.room.errors import RoomError
from ovelse.room.server import RoomServer
from ovelse.room.snapshot import build_snapshot
from ovelse.scenario.loader import load_scenario_text
from ovelse.session import Session
from ovelse.tui.room.launch import run_serve

OPEN = load_scenario_text(ROOM, "rom-test.yaml").scenario
SECRET = load_scenario_text(EXEMPT, "rom-unntatt.yaml").scenario


# ---------------------------------------------------------------- binding rules (no server)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host",
    ["0.0.0.0", "::", "", "192.168.1.10", "10.0.0.5", "example.org", "localhost.evil.org", "evil.localhost"],
)
def test_other_addresses_are_not_loopback(host):
    # «evil.localhost» is resolved like any name (here it does not resolve), never assumed to be loopback.
    assert not is_loopback(host)


def test_loopback_is_always_allowed_without_warnings():
    for scenario in (OPEN, SECRET):
        check = check_binding("127.0.0.1", 8000, scenario, allow_network=False, confirm_exempt=False)
        assert check.allowed and check.warnings == []


def test_network_needs_the_flag():
    check = check_binding("0.0.0.0", 8000, OPEN, allow_network=False, confirm_exempt=False)
    assert not check.allowed
    assert "--tillat-nettverk" in check.hint
    check = check_binding("0.0.0.0", 8000, OPEN, allow_network=True, confirm_exempt=False)
    assert check.allowed
    assert any("Advarsel" in w and "alle adresser, port 8000" in w for w in check.warnings)


def test_exempt_scenario_on_the_network_needs_confirmation():
    check = check_binding("0.0.0.0", 8000, SECRET, allow_network=True, confirm_exempt=False)
    assert not check.allowed
    assert "unntatt offentlighet" in (check.refusal or "") and "--bekreft-unntatt" in check.hint
    assert not check_binding("0.0.0.0", 8000, SECRET, allow_network=False, confirm_exempt=True).allowed
    check = check_binding("0.0.0.0", 8000, SECRET, allow_network=True, confirm_exempt=True)
    assert check.allowed and len(check.warnings) == 2


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LOCALHOST:8000", True),
        ("127.0.0.1:8001", False),  # another port
        ("127.0.0.1", False),  # port 80 implied
        ("127.0.0.2:8000", False),  # not the bound address
        ("evil.example:8000", False),  # DNS rebinding: a name that now points at 127.0.0.1
        ("evil.localhost:8000", False),
        ("localhost.:8000", False),
        ("127.0.0.1:8000@evil", False),
        ("", False),
        (None, False),
    ],
)
def test_host_header_must_name_the_served_address(header, allowed):
    assert HostPolicy("127.0.0.1", 8000).allows_host(header) is allowed


def test_origin_must_be_the_page_itself():
    policy = HostPolicy("127.0.0.1", 8000)
    assert policy.allows_origin(None)
    assert policy.allows_origin("http://127.0.0.1:8000")
    assert policy.allows_origin("http://localhost:8000")
    for origin in ("null", "https://127.0.0.1:8000", "http://evil.example:8000", "http://127.0.0.1:9999", ""):
        assert not policy.allows_origin(origin), origin


def test_wildcard_binding_accepts_ip_literals_but_not_names():
    policy = HostPolicy("0.0.0.0", 8000)
    assert policy.allows_host("192.168.1.20:8000") and policy.allows_host("localhost:8000")
    assert not policy.allows_host("rebind.example:8000")
    assert split_host("[::1]:8000") == ("::1", 8000)


# ---------------------------------------------------------------- a running server


@pytest.fixture
def served(tmp_path):
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j")
    server = RoomServer(max_viewers=3, heartbeat=0.3)
    url = server.start()
    server.publish(build_snapshot(session.scenario, session.state))
    yield server, url, session
    server.stop()
    session.close()


def _raw(
    url: str, path: str = "/", method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, str]:
    """A request with exactly these headers (no client adds a Host or Origin of its own)."""
    from urllib.parse import urlsplit

    where = urlsplit(url)
    lines = [f"{method} {path} HTTP/1.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection((where.hostname, where.port), timeout=5) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and path == "/events":
                break
    head, _, body = data.decode("utf-8", "replace").partition("\r\n\r\n")
    return int(head.split()[1]), body


def test_requests_with_a_foreign_host_or_origin_are_refused(served):
    server, url, _ = served
    host = url.split("//")[1].rstrip("/")
    assert _raw(url, headers={"Host": host})[0] == 200
    status, body = _raw(url, headers={"Host": "evil.example:" + host.split(":")[1]})
    assert status == 403 and "Ukjent adresse" in body
    assert _raw(url, headers={})[0] in (400, 403)  # HTTP/1.1 without Host
    for path in ("/", "/events", "/room.js"):
        status, body = _raw(url, path, headers={"Host": host, "Origin": "http://evil.example"})
        assert status == 403 and "andre nettsider" in body, path
        assert _raw(url, path, headers={"Host": host, "Origin": "null"})[0] == 403
        assert _raw(url, path, headers={"Host": host, "Sec-Fetch-Site": "cross-site"})[0] == 403
    assert _raw(url, "/events", headers={"Host": "evil.localhost:" + host.split(":")[1]})[0] == 403
    status, body = _raw(url, "/", "POST", headers={"Host": host, "Content-Length": "0"})
    assert status == 405 and "bare vises" in body
    assert server.refused >= 10


def test_page_is_self_contained_with_a_strict_policy(served):
    _, url, _ = served

    async def fetch() -> None:
        async with aiohttp.ClientSession() as http, http.get(url) as response:
            html = await response.text()
            csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert 'lang="nb"' in html and "Rommets bilde – Rommets testøvelse" in html
        assert "https://" not in html and "<script>" not in html.replace(
            '<script src="/room.js" defer></script>', ""
        )

    asyncio.run(fetch())


async def _first_document(http: aiohttp.ClientSession, url: str) -> dict:
    async with http.get(url + "events") as response:
        assert response.status == 200
        event = None
        async for line in response.content:
            text = line.decode().strip()
            if text.startswith("event: "):
                event = text[7:]
            elif text.startswith("data: ") and event == "room":
                response.close()  # hang up at once, as a closed browser tab does
                return json.loads(text[6:])
    raise AssertionError("no document")


def test_a_late_browser_gets_the_current_state_at_once(served):
    server, url, session = served
    session.choose(0)
    server.publish(build_snapshot(session.scenario, session.state))

    async def late() -> None:
        async with aiohttp.ClientSession() as http:
            started = time.perf_counter()
            document = await _first_document(http, url)
            assert time.perf_counter() - started < 1.0
            assert document["seq"] == session.state.last_seq
            titles = [b["parts"][0][0] for b in document["blocks"] if b["kind"] == "title"]
            assert titles == ["Kriseledelsen er satt"]

    for _ in range(2):
        asyncio.run(late())  # and again, as a reconnecting browser


def test_event_streams_are_capped_and_freed(served):
    server, url, _ = served

    async def crowd() -> None:
        async with aiohttp.ClientSession() as http:
            streams = [await http.get(url + "events") for _ in range(3)]
            assert all(s.status == 200 for s in streams)
            for _ in range(50):
                if server.viewers == 3:
                    break
                await asyncio.sleep(0.02)
            assert server.viewers == 3
            async with http.get(url + "events") as refused:
                assert refused.status == 503
                assert "For mange skjermer" in await refused.text()
            streams[0].close()
            for _ in range(100):  # noticed at the next heartbeat at the latest
                if server.viewers < 3:
                    break
                await asyncio.sleep(0.05)
            assert server.viewers == 2
            document = await _first_document(http, url)
            assert document["screen"] == "innspill"
            for s in streams[1:]:
                s.close()

    asyncio.run(crowd())


def test_a_port_in_use_and_an_unknown_address_are_explained_in_norwegian():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RoomError) as caught:
            RoomServer().start(port=port)
        assert caught.value.code == "room.port_in_use"
        assert f"Port {port} er allerede i bruk" in caught.value.message and "--port" in caught.value.hint
    with pytest.raises(RoomError) as caught:
        RoomServer().start(host="finnes-ikke.invalid")
    assert "Finner ikke adressen" in caught.value.message
    with pytest.raises(RoomError) as caught:
        RoomServer().start(host="192.0.2.1")  # TEST-NET: not this machine's address
    assert caught.value.code == "room.cannot_bind" and "Kan ikke lytte på 192.0.2.1" in caught.value.message


def test_two_servers_get_two_free_ports():
    a, b = RoomServer(), RoomServer()
    try:
        assert a.start() != b.start()
    finally:
        a.stop()
        b.stop()


# ---------------------------------------------------------------- ovelse serve


@pytest.fixture
def journals(tmp_path):
    paths = {}
    for name, text in (("open", ROOM), ("exempt", EXEMPT)):
        s = Session.create(text, f"{name}.yaml", {}, journal_dir=tmp_path / name)
        paths[name] = s.path
        s.close()
    return paths


def _args(journal, **kw):
    base = {
        "journal": str(journal),
        "journal_dir": None,
        "host": "127.0.0.1",
        "port": 0,
        "allow_network": False,
        "confirm_exempt": False,
    }
    base.update(kw)
    return Namespace(**base)


def test_run_serve_refusals_exit_1(journals, capsys):
    assert run_serve(_args(journals["open"], host="0.0.0.0")) == 1
    assert "--tillat-nettverk" in capsys.readouterr().err
    assert run_serve(_args(journals["exempt"], host="0.0.0.0", allow_network=True)) == 1
    err = capsys.readouterr().err
    assert "unntatt offentlighet" in err and "--bekreft-unntatt" in err and "Traceback" not in err


def test_run_serve_usage_errors_exit_2(tmp_path, journals, capsys):
    assert run_serve(_args(tmp_path / "borte.jsonl")) == 2
    assert "Finner ikke journalen" in capsys.readouterr().err
    assert run_serve(_args(journals["open"], port=70000)) == 2
    assert "Ugyldig port" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run_serve(_args(journals["open"], port=port)) == 2
    err = capsys.readouterr().err
    assert f"Port {port} er allerede i bruk" in err and "Traceback" not in err and "vises på" not in err


def _serve_once(monkeypatch, args) -> tuple[int, list[str]]:
    """run_serve until it would wait for Ctrl+C; returns the exit code and the URLs it served."""
    served: list[str] = []

    def wait(self) -> None:
        served.append(self.url)
        raise KeyboardInterrupt

    monkeypatch.setattr(RoomServer, "wait", wait)
    return run_serve(args), served


def test_ovelse_serve_uses_its_usual_port_and_a_free_one_when_that_is_taken(journals, capsys, monkeypatch):
    from ovelse.tui.room import launch

    with socket.socket() as probe:  # a port that is free right now stands in for 8000
        probe.bind(("127.0.0.1", 0))
        usual = probe.getsockname()[1]
    monkeypatch.setattr(launch, "SERVE_PORT", usual)
    code, served = _serve_once(monkeypatch, _args(journals["open"], port=None))
    assert code == 0 and served == [f"http://127.0.0.1:{usual}/"]
    assert "er i bruk" not in capsys.readouterr().err

    with socket.socket() as taken:  # now something else holds it: serve still starts, and says where
        taken.bind(("127.0.0.1", usual))
        taken.listen()
        code, served = _serve_once(monkeypatch, _args(journals["open"], port=None))
    err = capsys.readouterr().err
    assert code == 0 and len(served) == 1 and not served[0].endswith(f":{usual}/")
    assert f"Port {usual} er i bruk; bruker en ledig port i stedet." in err
    assert f"vises på {served[0]}" in err and "Traceback" not in err


def test_the_default_port_is_8000_and_an_explicit_port_is_never_swapped():
    from ovelse.cli import build_parser
    from ovelse.tui.room.launch import SERVE_PORT

    assert SERVE_PORT == 8000
    assert build_parser().parse_args(["serve", "j.jsonl"]).port is None  # None: 8000, or a free one
    assert build_parser().parse_args(["serve", "j.jsonl", "--port", "8000"]).port == 8000  # exactly that


def test_ovelse_serve_follows_the_journal_and_notices_the_facilitator_leaving(writer, tmp_path):
    w = writer()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ovelse", "serve", str(w.path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "vises på http://127.0.0.1:" in line, line + proc.stderr.read()
        url = line.split("vises på ", 1)[1].strip()

        async def follow() -> None:
            async with aiohttp.ClientSession() as http:
                document = await _first_document(http, url)
                assert document["present"] is True and document["screen"] == "innspill"
                w.send("choose 0")
                for _ in range(100):
                    document = await _first_document(http, url)
                    if document["seq"] == 4:
                        break
                    await asyncio.sleep(0.05)
                assert [b["parts"][0][0] for b in document["blocks"] if b["kind"] == "title"] == [
                    "Kriseledelsen er satt"
                ]
                w.die("crash")  # the facilitator's program is gone: its lock on the journal is released
                for _ in range(100):
                    document = await _first_document(http, url)
                    if document["present"] is False:
                        break
                    await asyncio.sleep(0.05)
                assert document["present"] is False

        asyncio.run(follow())
        # One process serves every browser: no child processes.
        children = subprocess.run(
            ["ps", "--ppid", str(proc.pid), "-o", "pid="], capture_output=True, text=True, check=False
        ).stdout.split()
        assert children == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_the_page_speaks_the_exercise_language(tmp_path):
    session = Session.create(ROOM, "rom-test.yaml", {}, journal_dir=tmp_path / "j", language="nn")
    session.reveal_next()
    session.pause(until="10:15")
    server = RoomServer()
    url = server.start()
    server.publish(build_snapshot(session.scenario, session.state))

    async def fetch() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                html = await response.text()
            document = await _first_document(http, url)
        assert 'lang="nn"' in html and "Biletet til rommet – Rommets testøvelse" in html
        assert document["lang"] == "nn" and document["pause"] == "Pause – vi held fram kl. 10.15"
        assert document["texts"]["gone"] == "Ventar på øvingsleiaren …"

    try:
        asyncio.run(fetch())
    finally:
        server.stop()
        session.close()


def test_a_name_given_with_host_is_served_under_that_name_only():
    server = RoomServer()
    url = server.start(host="localhost")
    try:
        port = url.rsplit(":", 1)[1].rstrip("/")
        assert _raw(url, headers={"Host": f"localhost:{port}"})[0] == 200
        assert _raw(url, headers={"Host": f"evil.localhost:{port}"})[0] == 403
    finally:
        server.stop()

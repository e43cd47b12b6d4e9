"""``ovelse serve``: who may bind where (checked without starting a server), and the served command."""

from __future__ import annotations

import shlex
import sys
from argparse import Namespace

import pytest
from room_scenarios import EXEMPT, ROOM

from ovelse.scenario.loader import load_scenario_text
from ovelse.session import Session
from ovelse.tui.room import launch as launch_module
from ovelse.tui.room import serve as serve_module
from ovelse.tui.room.launch import run_serve
from ovelse.tui.room.serve import check_binding, is_loopback, vis_command

OPEN = load_scenario_text(ROOM, "rom-test.yaml").scenario
SECRET = load_scenario_text(EXEMPT, "rom-unntatt.yaml").scenario


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "", "192.168.1.10", "10.0.0.5", "example.org", "localhost.evil.org"]
)
def test_other_addresses_are_not_loopback(host):
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
    assert any("Advarsel" in w and "0.0.0.0:8000" in w for w in check.warnings)


def test_exempt_scenario_on_the_network_needs_confirmation():
    check = check_binding("0.0.0.0", 8000, SECRET, allow_network=True, confirm_exempt=False)
    assert not check.allowed
    assert "unntatt offentlighet" in check.refusal and "--bekreft-unntatt" in check.hint
    # Confirming alone is not enough: the network flag is still needed.
    assert not check_binding("0.0.0.0", 8000, SECRET, allow_network=False, confirm_exempt=True).allowed
    check = check_binding("0.0.0.0", 8000, SECRET, allow_network=True, confirm_exempt=True)
    assert check.allowed and len(check.warnings) == 2


def test_vis_command_quotes_the_journal(tmp_path):
    path = tmp_path / "med mellomrom; rm -rf x.jsonl"
    parts = shlex.split(vis_command(path))
    assert parts == [sys.executable, "-m", "ovelse", "vis", str(path.resolve())]


@pytest.fixture
def journals(tmp_path):
    paths = {}
    for name, text in (("open", ROOM), ("exempt", EXEMPT)):
        s = Session.create(text, f"{name}.yaml", {}, journal_dir=tmp_path / name)
        paths[name] = s.path
        s.close()
    return paths


@pytest.fixture
def no_server(monkeypatch):
    """Fail if a server would be started; record the arguments instead when allowed."""
    started = []

    class FakeServer:
        def serve(self) -> None:
            started.append(True)

    def fake_make_server(journal, host, port, title):
        started.append((journal, host, port, title))
        return FakeServer()

    monkeypatch.setattr(serve_module, "make_server", fake_make_server)
    monkeypatch.setattr(launch_module, "_bind_problem", lambda host, port: None)
    return started


def _args(journal, **kw):
    base = {
        "journal": str(journal),
        "journal_dir": None,
        "host": "127.0.0.1",
        "port": 8000,
        "allow_network": False,
        "confirm_exempt": False,
    }
    base.update(kw)
    return Namespace(**base)


def test_run_serve_refusals_exit_1_without_starting(journals, no_server, capsys):
    assert run_serve(_args(journals["open"], host="0.0.0.0")) == 1
    assert "--tillat-nettverk" in capsys.readouterr().err
    assert run_serve(_args(journals["exempt"], host="0.0.0.0", allow_network=True)) == 1
    err = capsys.readouterr().err
    assert "unntatt offentlighet" in err and "--bekreft-unntatt" in err and "Traceback" not in err
    assert no_server == []


def test_run_serve_allowed_prints_warning_and_serves(journals, no_server, capsys):
    assert run_serve(_args(journals["exempt"], host="0.0.0.0", allow_network=True, confirm_exempt=True)) == 0
    err = capsys.readouterr().err
    assert "Advarsel" in err
    assert no_server[0][1:3] == ("0.0.0.0", 8000) and no_server[1] is True
    assert run_serve(_args(journals["open"])) == 0
    assert capsys.readouterr().err == ""


def test_run_serve_usage_errors_exit_2(tmp_path, journals, no_server, capsys):
    assert run_serve(_args(tmp_path / "borte.jsonl")) == 2
    assert "Finner ikke journalen" in capsys.readouterr().err
    assert run_serve(_args(journals["open"], port=70000)) == 2
    assert "Ugyldig port" in capsys.readouterr().err
    assert no_server == []


def test_index_page_is_norwegian_escaped_and_self_contained(journals):
    """The page template: no outside resources, and the title is HTML-escaped."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    server = serve_module.make_server(journals["open"], "127.0.0.1", 8000, "<script>alert(1)</script> & co")

    async def fetch() -> str:
        app = await server._make_app()
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/?fontsize=24")
            assert response.status == 200
            return await response.text()

    html = asyncio.run(fetch())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert 'lang="nb"' in html and "Visningen er lukket." in html
    assert "googleapis" not in html and "https://" not in html
    assert 'data-font-size="24"' in html
    assert "ws://127.0.0.1:" in html  # websocket URL from the address the browser used


def test_addresses_shown_to_the_facilitator():
    assert serve_module._address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert serve_module._address("::1", 8000) == "http://[::1]:8000/"
    assert "alle denne maskinens adresser" in serve_module._address("0.0.0.0", 8080)


def test_port_in_use_is_found_before_starting(journals, monkeypatch, capsys):
    import errno
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = launch_module._bind_problem("127.0.0.1", port)
        assert problem is not None and problem.errno == errno.EADDRINUSE
        monkeypatch.setattr(serve_module, "make_server", lambda *a: pytest.fail("server started"))
        assert run_serve(_args(journals["open"], port=port)) == 2
    err = capsys.readouterr().err
    assert f"Port {port} er allerede i bruk" in err and "Rommets bilde" not in err

"""A real browser: headless Chromium opens the page ``ovelse serve`` serves and shows the current innspill.

The terminal in the page is drawn by xterm.js on a canvas, so the DOM has no text to read. The test
captures the page's xterm ``Terminal`` object (a setter installed before the page's scripts run) and
reads its buffer over the Chrome DevTools Protocol. Skipped where Chromium is missing.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from room_helpers import ROOT
from room_scenarios import ROOM, SECRET_NOTE

from ovelse.session import Session

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium finnes ikke på denne maskinen (apt-get install -y chromium; .ci/run gjør det)",
)

DEADLINE = 45.0
"""Seconds the whole browser round may take before the test fails."""

CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) { window.__ovelseTerminal = value; }
  },
});
"""
READ_TERMINAL = """
(() => {
  const rows = document.querySelector('.xterm-rows');
  const t = window.__ovelseTerminal;
  if (!t) { return rows ? rows.innerText : ''; }
  const buffer = t.buffer.active, out = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (line) { out.push(line.translateToString(true)); }
  }
  return out.join('\\n');
})()
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen | None) -> None:
    """End a process group this test started (Chromium, or the server and the views it spawned)."""
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left in the group
    except ProcessLookupError:
        pass
    proc.wait(timeout=5)


class DevTools:
    """The smallest Chrome DevTools Protocol client: one page, calls answered in order."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.requests: list[str] = []

    async def call(self, method: str, **params):
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_json({"id": my_id, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.ws.receive_json(), timeout=15)
            if message.get("method") == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
            elif message.get("method") == "Network.webSocketCreated":
                self.requests.append(message["params"]["url"])
            if message.get("id") == my_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    async def terminal_text(self) -> str:
        result = await self.call("Runtime.evaluate", expression=READ_TERMINAL, returnByValue=True)
        return result["result"].get("value") or ""

    async def wait_for_text(self, wanted: str, deadline: float) -> str:
        text = ""
        while time.monotonic() < deadline:
            text = await self.terminal_text()
            if wanted in text:
                return text
            await asyncio.sleep(0.2)
        raise AssertionError(f"«{wanted}» did not appear in the browser; it showed:\n{text}")


def test_served_view_shows_the_current_innspill_in_chromium(tmp_path):
    import aiohttp

    session = Session.create(ROOM, "rom-test.yaml", {"facilitator": "Kari"}, journal_dir=tmp_path / "j")
    port = _free_port()
    server_log = tmp_path / "serve.log"
    server = chromium = None
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    try:
        with open(server_log, "wb") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "ovelse", "serve", str(session.path), "--port", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        deadline = time.monotonic() + DEADLINE
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None, server_log.read_text(errors="replace")
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

        profile = tmp_path / "chromium-profile"
        chromium = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--window-size=1280,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        port_file = profile / "DevToolsActivePort"
        while not (port_file.exists() and port_file.read_text().strip()):
            assert chromium.poll() is None, "Chromium stopped at once"
            assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
            time.sleep(0.1)
        devtools_port = int(port_file.read_text().split()[0])

        async def browse() -> None:
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                    targets = await response.json()
                page = next(t for t in targets if t["type"] == "page")
                async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    tools = DevTools(ws)
                    await tools.call("Page.enable")
                    await tools.call("Network.enable")
                    await tools.call("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINAL)
                    await tools.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
                    text = await tools.wait_for_text("Det starter i Testkommune", deadline)
                    assert "Øvelsestid" in text and SECRET_NOTE not in text

                    # Keys typed in the browser change nothing in the journal (the view is read-only).
                    size = session.path.stat().st_size
                    for key in ("n", "p", "1"):
                        for kind in ("keyDown", "keyUp"):
                            await tools.call("Input.dispatchKeyEvent", type=kind, key=key, text=key)
                    await asyncio.sleep(0.5)
                    assert session.path.stat().st_size == size

                    # The facilitator moves on: the browser follows.
                    session.choose(0)
                    await tools.wait_for_text("Kriseledelsen er satt", deadline)
                    session.pause()
                    await tools.wait_for_text("PAUSE", deadline)

                    shot = await tools.call("Page.captureScreenshot", format="png")
                    (tmp_path / "browser.png").write_bytes(base64.b64decode(shot["data"]))
                    outside = [
                        u
                        for u in tools.requests
                        if not u.startswith((f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/"))
                    ]
                    assert outside == [], f"the page fetched something from elsewhere: {outside}"

        asyncio.run(asyncio.wait_for(browse(), timeout=DEADLINE + 15))
    finally:
        _stop(chromium)
        _stop(server)
        session.close()

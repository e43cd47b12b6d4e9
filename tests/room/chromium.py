"""A real headless Chromium driven over the Chrome DevTools Protocol (a small aiohttp websocket client).

Used by the room page's tests and by ``bench/bench_room_page.py``. The browser runs with the system
Chromium (``/usr/bin/chromium``) and flags that keep it off the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


def _find_chromium() -> str | None:
    """``$OVELSE_CHROMIUM`` (the CI workflow sets it), else Chromium or Chrome on PATH."""
    explicit = os.environ.get("OVELSE_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


CHROMIUM = _find_chromium()
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-extensions",
    "--mute-audio",
)


class Browser:
    """One Chromium process (start with :meth:`launch`, end with :meth:`close`)."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, profile: Path) -> None:
        self.proc = proc
        self.port = port
        self.profile = profile

    @classmethod
    def launch(cls, timeout: float = 30.0) -> Browser:
        assert CHROMIUM is not None
        profile = Path(tempfile.mkdtemp(prefix="ovelse-chromium-"))
        proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                cls(proc, 0, profile).close()
                raise AssertionError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        return cls(proc, int(port_file.read_text().split()[0]), profile)

    def _stop(self, hard: bool) -> None:
        """The browser and its helper processes (its own process group on POSIX)."""
        if hasattr(os, "killpg"):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL if hard else signal.SIGTERM)
        else:  # Windows: no process groups to signal
            self.proc.kill() if hard else self.proc.terminate()

    def close(self) -> None:
        self._stop(hard=False)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._stop(hard=True)
            self.proc.wait(timeout=5)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """A browser tab: ``call`` sends a CDP command and waits for its answer; events are collected."""

    def __init__(self, http: Any, ws: Any, target_id: str, devtools_port: int) -> None:
        self.devtools_port = devtools_port
        self.http = http
        self.ws = ws
        self.target_id = target_id
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.requests: list[str] = []
        self.console: list[str] = []
        self.sending: set[asyncio.Future[None]] = set()
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, http: Any, browser: Browser, width: int, height: int) -> Page:
        async with http.put(f"http://127.0.0.1:{browser.port}/json/new?about:blank") as response:
            target = json.loads(await response.text())
        ws = await http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = cls(http, ws, target["id"], browser.port)
        await page.call("Page.enable")
        await page.call("Network.enable")
        await page.call("Runtime.enable")
        await page.resize(width, height)
        return page

    async def resize(self, width: int, height: int, mobile: bool = False) -> None:
        await self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self.pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Runtime.consoleAPICalled":
                self.console.append(" ".join(str(a.get("value")) for a in data["params"]["args"]))

    def send(self, method: str, **params: Any) -> asyncio.Future[dict[str, Any]]:
        """Send a command now; the returned future holds its answer."""
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        sending = asyncio.ensure_future(
            self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        )
        self.sending.add(sending)
        sending.add_done_callback(self.sending.discard)
        return future

    async def call(self, method: str, timeout: float = 15.0, **params: Any) -> dict[str, Any]:
        answer = await asyncio.wait_for(self.send(method, **params), timeout)
        if "error" in answer:
            raise AssertionError(f"{method}: {answer['error']}")
        return answer["result"]

    async def evaluate(self, expression: str, timeout: float = 15.0) -> Any:
        result = await self.call(
            "Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def goto(self, url: str) -> None:
        """Open ``url`` and wait until the page's script has run."""
        await self.call("Page.navigate", url=url)
        await self.wait_until("document.readyState === 'complete' && !!document.body")

    async def wait_until(self, expression: str, timeout: float = 10.0) -> Any:
        """Poll ``expression`` in the page until it is truthy (bounded)."""
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                value = await self.evaluate(expression)
                if value:
                    return value
            await asyncio.sleep(0.05)
        state = await self.evaluate("document.body ? document.body.innerText.slice(0, 400) : ''")
        raise AssertionError(f"not true within {timeout} s: {expression} (page: {state!r})")

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            async with self.http.get(f"http://127.0.0.1:{self.devtools_port}/json/close/{self.target_id}"):
                pass
        await self.ws.close()
        self.reader.cancel()


MEASURE = """
(() => {
  const content = document.getElementById('content');
  const sizes = [];
  for (const node of document.querySelectorAll('#stage *')) {
    if (!node.childNodes.length) continue;
    const own = [...node.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
    if (!own || node.offsetParent === null) continue;
    const name = node.closest('.block.title') ? 'title' : (node.className || node.tagName);
    sizes.push([name, parseFloat(getComputedStyle(node).fontSize)]);
  }
  const title = document.querySelector('.block.title .main, .block.title');
  return {
    scrollHeight: document.scrollingElement.scrollHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    contentFits: content.scrollHeight <= content.clientHeight + 1,
    // the lowest edge of anything shown, and where the content's bottom padding begins
    lowest: Math.max(0, ...[...content.querySelectorAll('*')].filter(e => e.offsetParent !== null)
      .map(e => e.getBoundingClientRect().bottom)),
    paddingTop: content.getBoundingClientRect().bottom - parseFloat(getComputedStyle(content).paddingBottom),
    fit: parseFloat(document.body.dataset.fit || '0'),
    title: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
    sizes,
    screen: document.body.dataset.screen,
    seq: +document.body.dataset.seq,
    text: document.body.innerText,
  };
})()
"""


def wait_for_seq(seq: int) -> str:
    """A page expression that resolves once the room document ``seq`` (or later) is drawn and painted."""
    return f"""
new Promise(resolve => {{
  const done = () => requestAnimationFrame(() => resolve(+document.body.dataset.seq));
  if (+document.body.dataset.seq >= {seq}) return done();
  const check = () => {{
    if (+document.body.dataset.seq >= {seq}) {{ document.removeEventListener('room-rendered', check); done(); }}
  }};
  document.addEventListener('room-rendered', check);
}})
"""

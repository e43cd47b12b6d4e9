"""Helpers for the room's view tests: a facilitator process writing a journal, and screen reading."""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
STEP = 0.05
"""Seconds per Pilot pause while waiting for the view to catch up."""


class Writer:
    """The facilitator's side in another process (``writer_child.py``); every call waits for the ack."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "writer_child.py"), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        ready = self._line(30)
        assert ready.startswith("READY "), ready + self.proc.stderr.read()
        self.path = Path(ready.split(" ", 1)[1])

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _line(self, timeout: float = 15) -> str:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("the writer process did not answer in time") from None
        assert line is not None, "the writer process died: " + (
            self.proc.stderr.read() if self.proc.stderr else ""
        )
        return line

    def send(self, command: str) -> int:
        """Run one command; returns the seq of the event, once it is durably written."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self._line()
        assert answer.startswith("OK "), answer
        return int(answer.split()[1])

    def die(self, command: str = "crash") -> None:
        """Kill the writer the hard way (``crash``: as if the laptop died; ``torn``: mid-write)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=15)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=15)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def wait_for(pilot, condition, timeout: float = 5.0) -> float:
    """Pause the Pilot in short steps until ``condition()`` holds; returns the seconds it took.

    Bounded: at most ``timeout / STEP`` pauses, then the test fails."""
    start = time.perf_counter()
    for _ in range(int(timeout / STEP) + 1):
        if condition():
            return time.perf_counter() - start
        await pilot.pause(STEP)
    raise AssertionError(f"not shown within {timeout} s")

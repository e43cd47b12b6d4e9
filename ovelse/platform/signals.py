"""The signals that mean «stop now»: the terminal window was closed, or the system is shutting down.

The app gets the same chance as with ``q`` or Ctrl+C to write its «closed» pause and close the
journal: the callback is run on the event loop (never inside a write that was interrupted).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType

Handler = Callable[[int, FrameType | None], object] | int | None


def close_signals() -> list[signal.Signals]:
    """SIGTERM and SIGHUP on POSIX; SIGTERM and SIGBREAK (Ctrl+Break) on Windows.

    Windows does not deliver a signal when a console window is closed; what was acknowledged is on
    disk anyway, and the next start records that the exercise was reopened."""
    names = ("SIGTERM", "SIGBREAK") if sys.platform == "win32" else ("SIGTERM", "SIGHUP")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


def on_close_signals(callback: Callable[[], object]) -> Callable[[], None]:
    """Run ``callback`` when a close signal arrives; returns a function that restores the old handlers.

    Call from the main thread. While an asyncio loop runs (the app), the callback is scheduled on it
    thread-safely, so it never runs in the middle of a journal write. Without a running loop the
    main thread gets ``SystemExit(128 + signal)``, so ``finally`` blocks still close the journal."""
    previous: dict[signal.Signals, Handler] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        import asyncio  # already loaded by whoever runs a loop

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(callback)

    for sig in close_signals():
        previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        previous.clear()

    return restore

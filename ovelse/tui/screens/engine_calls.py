"""Mixin for screens that call the session engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class EngineCalls:
    """``call(method, …)``: a refused or failed engine call is shown as a message; the view is re-rendered.

    The screen provides ``refresh_view()``; the app provides ``show_error(exc)``.
    """

    def call(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        from ovelse.session import SessionError

        try:
            return method(*args, **kwargs)
        except SessionError as exc:
            self.app.show_error(exc)  # type: ignore[attr-defined]
            return None
        finally:
            self.refresh_view()  # type: ignore[attr-defined]

"""Typed access to the app and its session from screens, and the engine-call wrapper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode

if TYPE_CHECKING:
    from ovelse.session import Session
    from ovelse.session.state import Entry
    from ovelse.tui.app import OvelseApp

R = TypeVar("R")


def ovelse_app(node: DOMNode) -> OvelseApp:
    """The running :class:`OvelseApp` (typed; screens of this package run only inside it)."""
    from ovelse.tui.app import OvelseApp

    app = node.app
    assert isinstance(app, OvelseApp)
    return app


def open_session(node: DOMNode) -> Session:
    """The app's open session (screens after set-up exist only while one is open)."""
    session = ovelse_app(node).session
    assert session is not None, "this screen needs an open exercise"
    return session


class EngineCalls(DOMNode):
    """``call(method, …)``: a refused or failed engine call is shown as a message; the view is re-rendered.

    The screen provides ``refresh_view()``.
    """

    @property
    def ovelse(self) -> OvelseApp:
        return ovelse_app(self)

    @property
    def session(self) -> Session:
        return open_session(self)

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        pass

    def call(self, method: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
        from ovelse.session import SessionError

        try:
            return method(*args, **kwargs)
        except SessionError as exc:
            self.ovelse.show_error(exc)
            return None
        finally:
            self.refresh_view()


E = TypeVar("E")


def current_as(entry: Entry, kind: type[E]) -> E:
    """The entry's current event (corrections applied) as the event class its kind stores."""
    event = entry.current
    assert isinstance(event, kind), (entry.type, kind)
    return event

"""The footer, rebuilt only when the keys it shows actually change.

Textual's Footer recomposes all its keys on every binding refresh. Moving to the next innspill refreshes
the bindings, and rebuilding ~16 keys cost more than drawing the new innspill, so this footer rebuilds
only when keys or descriptions change, and otherwise just dims or undims the keys whose action became
unavailable (or available).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _layout(screen: Screen) -> tuple:
    return tuple(
        (
            key,
            active.binding.action,
            active.binding.description,
            active.binding.show,
            active.binding.key_display,
        )
        for key, active in screen.active_bindings.items()
    )


class Bunntekst(Footer):
    """A Footer that skips rebuilding when the active keys are unchanged."""

    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            layout = _layout(screen)
            if layout == self._shown:
                self._bindings_ready = True
                self._update_enabled(screen)
                return
            self._shown = layout
        super().bindings_changed(screen)

    def _update_enabled(self, screen: Screen) -> None:
        enabled = {key: active.enabled for key, active in screen.active_bindings.items()}
        for footer_key in self.query(FooterKey):
            state = enabled.get(footer_key.key)
            if state is None or footer_key._disabled == (not state):
                continue
            footer_key._disabled = not state
            footer_key.set_class(not state, "-disabled")

"""Command palette: every key-bound action of the current screen, in Norwegian."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ovelse.i18n import _

PaletteCommand = tuple[str, str, Callable[[], Any]]
"""(name, help text, callback)."""


def screen_commands(screen: Any) -> list[PaletteCommand]:
    """The commands for a screen: its own extra commands, then every enabled binding with a description."""
    app = screen.app
    commands: list[PaletteCommand] = []
    seen: set[str] = set()
    extra = getattr(screen, "palette_commands", None)
    if callable(extra):
        for name, help_text, callback in extra():
            seen.add(name)
            commands.append((name, help_text, callback))
    skip = tuple(getattr(screen, "PALETTE_SKIP_ACTIONS", ()))
    for active in screen.active_bindings.values():
        binding = active.binding
        if skip and binding.action.startswith(skip):
            continue
        if not active.enabled or not binding.description or binding.system or binding.id is None:
            continue
        description = _(binding.description)
        if description in seen or binding.action == "command_palette":
            continue
        seen.add(description)
        key_name = app.get_key_display(binding)
        if binding.tooltip:
            help_text = _("{description} (tast: {key})").format(description=_(binding.tooltip), key=key_name)
        else:
            help_text = _("Tast: {key}").format(key=key_name)
        commands.append((description, help_text, partial(_run, active.node, binding.action)))
    return commands


async def _run(node: Any, action: str) -> None:
    await node.run_action(action)


class ActionsProvider(Provider):
    """Offers the current screen's actions (the same as its keys) in the command palette."""

    def _commands(self) -> Iterable[PaletteCommand]:
        return screen_commands(self.screen)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class Kommandopalett(CommandPalette):
    """The command palette with Norwegian texts."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", _("Søk etter kommandoer …"))
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:  # pragma: no cover - timing
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                from textual.command import CommandList

                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("Ingen treff"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)

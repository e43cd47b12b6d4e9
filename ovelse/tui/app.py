"""The meeting-room app: screens on top of one :class:`ovelse.session.Session`.

The app renders engine state and turns keys into engine calls; it keeps no exercise state of its own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from ovelse.tui.commands import ActionsProvider, Kommandopalett
from ovelse.tui.keys import HELP, QUIT_TOOLTIP

SAVED_NOTE = "Alt dere har bekreftet er allerede lagret i journalen."


class OvelseApp(App[int]):
    """``ovelse``: start screen → set-up → run → debrief, on one session at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "ovelse"
    COMMANDS = {ActionsProvider}
    ENABLE_COMMAND_PALETTE = True
    NOTIFICATION_TIMEOUT = 4

    BINDINGS = [
        Binding("f1", "help", "Hjelp", show=False, id="hjelp-app", key_display="F1"),
        Binding("question_mark", "help", "Hjelp", show=False, id="hjelp-sporsmalstegn", tooltip=HELP.tooltip),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palett",
            id="kommandoer",
            priority=True,
            show=False,
            tooltip="Kommandopaletten: søk blant alle handlingene på skjermen",
        ),
        Binding("ctrl+t", "toggle_theme", "Lyst eller mørkt tema", id="tema", show=False),
        Binding(
            "ctrl+q", "quit_app", "Avslutt", show=False, priority=True, id="avslutt", tooltip=QUIT_TOOLTIP
        ),
    ]

    def __init__(
        self,
        *,
        scenario_file: str | None = None,
        journal: str | Path | None = None,
        journal_dir: str | Path | None = None,
        clock: Any = None,
        scenario_files: list[Path] | None = None,
        theme: str | None = None,
        session: Any = None,
    ) -> None:
        """``session``: an exercise already opened (``ovelse resume`` opens it before the UI starts)."""
        super().__init__()
        self._scenario_file = scenario_file
        self._journal = Path(journal) if journal is not None else None
        self._journal_dir = Path(journal_dir) if journal_dir is not None else None
        self._scenario_files = scenario_files
        self.clock = clock
        self.session: Any = session
        """The open exercise (an ``ovelse.session.Session``), or None."""
        self.exit_code = 0
        self.last_observer = ""
        self.exit_message: str | None = None
        self.close_error: Exception | None = None
        """Why closing the journal failed (the CLI then exits non-zero)."""
        if theme:
            self.theme = theme

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        if self.session is not None:
            self.show_run()
        elif self._journal is not None:
            self.open_journal(self._journal, first=True)
        elif self._scenario_file is not None:
            self.reload_scenario(self._scenario_file, from_screen=None)
        else:
            from ovelse.tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    def scenario_files(self) -> list[Path]:
        if self._scenario_files is not None:
            return list(self._scenario_files)
        from ovelse.bundled import bundled_files

        return bundled_files()

    @property
    def journal_dir(self) -> Path:
        from ovelse.tui.journals import resolve_journal_dir

        return resolve_journal_dir(self._journal_dir)

    def unfinished_journals(self) -> list[Any]:
        from ovelse.tui.journals import unfinished_journals

        return unfinished_journals(self.journal_dir)

    # ------------------------------------------------------------------ navigation
    def reload_scenario(self, file: str, *, from_screen: Screen | None) -> None:
        from ovelse.bundled import resolve_scenario
        from ovelse.scenario.loader import load_scenario

        result = load_scenario(resolve_scenario(file), display_name=file)
        if from_screen is not None:
            self.pop_screen()
        self.open_scenario_result(result, file)

    def open_scenario_result(self, result: Any, file: str) -> None:
        """A scenario with errors shows its findings; a good one opens the set-up."""
        if result.scenario is None:
            from ovelse.tui.screens.findings import FindingsScreen

            self.exit_code = 1
            self.push_screen(FindingsScreen(file, result.findings))
            return
        self.exit_code = 0
        from ovelse.tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(result, file))

    def today(self) -> date:
        """Today's date in local time, from the injected clock when there is one."""
        if self.clock is not None:
            return self.clock.now().astimezone().date()
        return date.today()

    def leave_setup(self, screen: Screen) -> None:
        """Back from the facts form (no journal exists yet): to the start screen."""
        from ovelse.tui.screens.start import StartScreen

        self.exit_code = 0
        self._replace_all(StartScreen())

    def leave_findings(self, screen: Screen) -> None:
        if self._scenario_file is not None:
            self.exit(self.exit_code)
        else:
            self.pop_screen()

    def start_session(self, result: Any, file: str, facts: dict[str, Any]) -> bool:
        """Create the journal and show the participants step. Returns False (and says why) on failure."""
        from ovelse.session import Session, SessionError

        try:
            self.session = Session.create(
                result.text, Path(file).name, facts, journal_dir=self.journal_dir, clock=self.clock
            )
            # The exercise clock should not run while people are being registered.
            self.session.pause(reason="oppsett")
        except SessionError as exc:
            self.show_error(exc)
            return False
        from ovelse.tui.screens.participants import ParticipantsScreen

        self.switch_screen(ParticipantsScreen(setup=True))
        return True

    def open_journal(self, journal: Any, *, first: bool = False) -> None:
        from ovelse.session import Session, SessionError

        path = Path(getattr(journal, "path", journal))
        try:
            self.session = Session.open(path, clock=self.clock)
        except SessionError as exc:
            if first:
                self.exit_code = 2
                self.exit_message = f"ovelse: {exc}"
                self.show_error(exc)
                from ovelse.tui.screens.start import StartScreen

                self.push_screen(StartScreen())
                return
            self.show_error(exc)
            return
        self.show_run()

    def show_run(self) -> None:
        from ovelse.tui.screens.run import RunScreen

        if self.session is not None and self.session.state.is_ended:
            from ovelse.tui.screens.debrief import DebriefScreen

            self._replace_all(RunScreen())
            self.push_screen(DebriefScreen())
            return
        self._replace_all(RunScreen())

    def _replace_all(self, screen: Screen) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_error(self, exc: Any) -> None:
        message = getattr(exc, "message", str(exc))
        hint = getattr(exc, "hint", "")
        self.notify(f"{message}\n{hint}".strip(), title="Feil", severity="error", timeout=10, markup=False)

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from ovelse.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not Kommandopalett.is_open(self):
            self.push_screen(Kommandopalett(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help_quit(self) -> None:
        self.notify("Trykk Ctrl+Q for å avslutte.", title="Vil du avslutte?", markup=False)

    def mid_exercise(self) -> bool:
        return self.session is not None and not self.session.state.is_ended

    def action_quit_app(self) -> None:
        if not self.mid_exercise():
            self._close_and_exit()
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._close_and_exit()

        self.push_screen(
            ConfirmScreen(
                "Avslutte programmet midt i øvelsen?",
                f"{SAVED_NOTE} Dere kan fortsette senere med «ovelse resume {self.session_path_text()}».",
                yes="Avslutt",
                no="Fortsett øvelsen",
            ),
            answer,
        )

    def session_path_text(self) -> str:
        path = getattr(self.session, "path", None)
        return str(path) if path else "JOURNAL"

    def _close_and_exit(self) -> None:
        self.close_session()
        self.exit(self.exit_code)

    def close_session(self) -> None:
        """Close the journal (the engine pauses a running exercise first); safe to call twice."""
        if self.session is not None and not self.session.closed:
            try:
                self.session.close()
            except Exception as exc:
                self.close_error = exc
                self.exit_message = f"ovelse: journalen ble ikke lukket riktig: {exc}"

    def on_unmount(self) -> None:
        self.close_session()

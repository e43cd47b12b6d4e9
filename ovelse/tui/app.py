"""The meeting-room app: screens on top of one :class:`ovelse.session.Session`.

The app renders engine state and turns keys into engine calls; it keeps no exercise state of its own.
Screens ask for navigation with the messages in :mod:`ovelse.tui.messages`; opening and replaying a
journal runs in a worker thread, so the screen keeps painting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from ovelse.i18n import N_, _
from ovelse.tui import messages
from ovelse.tui.commands import ActionsProvider, Kommandopalett
from ovelse.tui.keys import HELP, QUIT_TOOLTIP
from ovelse.tui.widgets.footer import key_display

if TYPE_CHECKING:
    from ovelse.room.server import RoomServer
    from ovelse.scenario.loader import LoadResult
    from ovelse.scenario.rehearse import Rehearsal
    from ovelse.session import Session, SessionError
    from ovelse.session.clock import Clock
    from ovelse.session.listing import JournalSummary
    from ovelse.tui.screens.form import FormScreen

SAVED_NOTE = N_("Alt dere har bekreftet er allerede lagret i journalen.")
HEARTBEAT_SECONDS = 12.0
"""How often the app tells the journal it is alive (issue 11: ≤ 15 s of a running exercise unwritten)."""


class OvelseApp(App[int]):
    """``ovelse``: start screen → set-up → run → debrief, on one session at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "ovelse"
    COMMANDS = {ActionsProvider}
    ENABLE_COMMAND_PALETTE = True
    NOTIFICATION_TIMEOUT = 4

    BINDINGS = [
        Binding("f1", "help", N_("Hjelp"), show=False, id="hjelp-app", key_display="F1"),
        Binding(
            "question_mark", "help", N_("Hjelp"), show=False, id="hjelp-sporsmalstegn", tooltip=HELP.tooltip
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Palett"),
            id="kommandoer",
            priority=True,
            show=False,
            tooltip=N_("Kommandopaletten: søk blant alle handlingene på skjermen"),
        ),
        Binding("ctrl+t", "toggle_theme", N_("Lyst eller mørkt tema"), id="tema", show=False),
        Binding(
            "ctrl+q", "quit_app", N_("Avslutt"), show=False, priority=True, id="avslutt", tooltip=QUIT_TOOLTIP
        ),
    ]

    def __init__(
        self,
        *,
        scenario_file: str | None = None,
        journal: str | Path | None = None,
        journal_dir: str | Path | None = None,
        clock: Clock | None = None,
        scenario_files: list[Path] | None = None,
        theme: str | None = None,
        session: Session | None = None,
        language: str | None = None,
        room_page: bool = False,
        rehearsal: Rehearsal | None = None,
    ) -> None:
        """``session``: an exercise already opened (``ovelse resume`` opens it before the UI starts).
        ``language``: the user's explicit choice (``--sprak`` / ``OVELSE_SPRAK``); otherwise the
        exercise's own language (``meta.language``, or the journal's) is used. ``room_page``: open the
        room's web page for the projector as soon as the exercise runs (``--rom``). ``rehearsal``: rehearse
        this scenario (``ovelse prøv``) – the rehearsal screen only, no session and no journal."""
        super().__init__()
        self._scenario_file = scenario_file
        self._journal = Path(journal) if journal is not None else None
        self._journal_dir = Path(journal_dir) if journal_dir is not None else None
        self._scenario_files = scenario_files
        self._language = language
        self.clock = clock
        self.session: Session | None = session
        """The open exercise, or None."""
        self.exit_code = 0
        self.last_observer = ""
        self.exit_message: str | None = None
        self.room_server: RoomServer | None = None
        """The room's web page, when the facilitator opened it (``--rom`` or W)."""
        self._want_room_page = room_page
        self.rehearsal = rehearsal
        self.close_error: Exception | None = None
        """Why closing the journal failed (the CLI then exits non-zero)."""
        if theme:
            self.theme = theme

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        if self.rehearsal is not None:
            from ovelse.tui.screens.rehearse import RehearseScreen

            self.follow_language(self.rehearsal.result)
            self.push_screen(RehearseScreen(self.rehearsal, clock=self.clock))
        elif self.session is not None:
            self._journal_opened(self.session)
        elif self._journal is not None:
            self.open_journal(self._journal, first=True)
        elif self._scenario_file is not None:
            self.reload_scenario(self._scenario_file, from_screen=False)
        else:
            from ovelse.tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    def get_key_display(self, binding: Binding) -> str:
        """«Ctrl+N», «N», «Esc» – the same in the footer, the help and the palette."""
        return key_display(binding)

    def follow_language(self, source: Session | LoadResult) -> None:
        """Use the exercise's language for the UI unless the user chose one (``--sprak``)."""
        from ovelse.i18n import parse_language, set_language

        if self._language is not None:
            return
        from ovelse.scenario.loader import LoadResult

        code: str | None = None
        if isinstance(source, LoadResult):
            code = source.scenario.meta.language if source.scenario is not None else None
        else:  # the journal records the language the exercise is run in
            facts = source.state.facts
            code = facts.language if facts is not None else source.scenario.meta.language
        language = parse_language(code)
        if language is not None:
            set_language(language)

    def scenario_files(self) -> list[Path]:
        if self._scenario_files is not None:
            return list(self._scenario_files)
        from ovelse.bundled import bundled_files

        return bundled_files()

    @property
    def journal_dir(self) -> Path:
        from ovelse.tui.journals import resolve_journal_dir

        return resolve_journal_dir(self._journal_dir)

    def unfinished_journals(self) -> list[JournalSummary]:
        from ovelse.tui.journals import unfinished_journals

        return unfinished_journals(self.journal_dir)

    # ------------------------------------------------------------------ navigation (messages)
    def on_open_scenario(self, message: messages.OpenScenario) -> None:
        self.open_scenario_result(message.result, message.file)

    def on_reload_scenario(self, message: messages.ReloadScenario) -> None:
        self.reload_scenario(message.file, from_screen=True)

    def on_open_journal(self, message: messages.OpenJournal) -> None:
        self.open_journal(message.path)

    def on_start_session(self, message: messages.StartSession) -> None:
        self.start_session(message.result, message.file, message.facts)

    def on_show_run(self, message: messages.ShowRun) -> None:
        self.show_run()

    def on_leave_setup(self, message: messages.LeaveSetup) -> None:
        from ovelse.tui.screens.start import StartScreen

        self.exit_code = 0
        self._replace_all(StartScreen())

    def on_leave_findings(self, message: messages.LeaveFindings) -> None:
        if self._scenario_file is not None:
            self.exit(self.exit_code)
        else:
            self.pop_screen()

    def reload_scenario(self, file: str, *, from_screen: bool) -> None:
        from ovelse.bundled import resolve_scenario
        from ovelse.scenario.loader import load_scenario

        result = load_scenario(resolve_scenario(file), display_name=file)
        if from_screen:
            self.pop_screen()
        self.open_scenario_result(result, file)

    def open_scenario_result(self, result: LoadResult, file: str) -> None:
        """A scenario with errors shows its findings; a good one opens the set-up."""
        if result.scenario is None:
            from ovelse.tui.screens.findings import FindingsScreen

            self.exit_code = 1
            self.push_screen(FindingsScreen(file, result.findings))
            return
        self.exit_code = 0
        self.follow_language(result)
        from ovelse.tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(result, file))

    def today(self) -> date:
        """Today's date in local time, from the injected clock when there is one."""
        if self.clock is not None:
            return self.clock.now().astimezone().date()
        return date.today()

    def start_session(self, result: LoadResult, file: str, facts: dict[str, Any]) -> bool:
        """Create the journal and show the participants step. Returns False (and says why) on failure."""
        from ovelse.session import Session, SessionError

        assert result.text is not None
        from ovelse.i18n import current_language

        try:
            self.session = Session.create(
                result.text,
                Path(file).name,
                facts,
                journal_dir=self.journal_dir,
                clock=self.clock,
                language=current_language(),
                begin=False,  # set-up first: the exercise clock starts when the facilitator starts it
            )
        except SessionError as exc:
            self.show_error(exc)
            return False
        from ovelse.tui.screens.participants import ParticipantsScreen

        self.switch_screen(ParticipantsScreen(setup=True))
        return True

    def open_journal(self, journal: Path, *, first: bool = False) -> None:
        """Open and replay the journal in a worker thread (a long journal must not freeze the screen)."""
        self._open_journal_worker(Path(journal), first)

    @work(thread=True, exclusive=True, group="open-journal")
    def _open_journal_worker(self, path: Path, first: bool) -> None:
        from ovelse.session import Session, SessionError

        try:
            session = Session.open(path, clock=self.clock)
        except SessionError as exc:
            self.call_from_thread(self._journal_failed, exc, first)
            return
        self.call_from_thread(self._journal_opened, session)

    def _journal_opened(self, session: Session) -> None:
        self.session = session
        self.follow_language(session)
        if not session.state.begun:  # closed during set-up: carry on with the participants
            from ovelse.tui.screens.participants import ParticipantsScreen

            self._replace_all(ParticipantsScreen(setup=True))
            self.show_notices(session)
            return
        self.show_run(resumed=True)

    def _journal_failed(self, exc: SessionError, first: bool) -> None:
        self.show_error(exc)
        if first:
            self.exit_code = 2
            self.exit_message = f"ovelse: {exc}"
            from ovelse.tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    def show_run(self, *, resumed: bool = False) -> None:
        """The run screen, in the room-safe view: a mirrored projector must never show notes by surprise.

        On resume, what the journal moved aside or noticed is shown (``Session.notices``)."""
        from ovelse.tui.screens.run import RunScreen

        session = self.session
        if self._want_room_page and session is not None:
            self._want_room_page = False
            self.open_room_page()
        run = RunScreen(room_safe=self.room_server is None)
        if session is not None and session.state.is_ended:
            from ovelse.tui.screens.debrief import DebriefScreen

            self._replace_all(run)
            self.push_screen(DebriefScreen())
        else:
            self._replace_all(run)
        if resumed and session is not None:
            self.show_notices(session)

    # ------------------------------------------------------------------ the room's web page
    def open_room_page(self) -> str | None:
        """Serve the room's page on 127.0.0.1 (a free port) and open it in the default browser.

        Returns the page's address, or None (and says why in Norwegian) when it cannot be served."""
        from ovelse.room.errors import RoomError
        from ovelse.room.server import RoomServer

        if self.room_server is not None:
            return self.room_server.url
        server = RoomServer(clock=self.clock) if self.clock is not None else RoomServer()
        try:
            url = server.start()
        except RoomError as exc:
            self.show_error(exc)
            return None
        self.room_server = server
        self.publish_room()
        self.open_in_browser(url)
        self.notify(
            _("Rommets side: {url} – trykk F11 i nettleseren på prosjektoren.").format(url=url),
            markup=False,
            timeout=10,
        )
        return url

    def open_in_browser(self, url: str) -> None:
        """The default browser (tests replace this)."""
        import webbrowser

        webbrowser.open(url, new=1)

    def publish_room(self) -> None:
        """Send what the room may see now to the room's page (cheap; the server diffs nothing)."""
        server, session = self.room_server, self.session
        if server is None or session is None:
            return
        from ovelse.room.snapshot import build_snapshot

        server.publish(build_snapshot(session.scenario, session.state))

    def close_room_page(self) -> None:
        server, self.room_server = self.room_server, None
        if server is not None:
            server.set_present(False)
            server.stop()

    def show_notices(self, session: Session) -> None:
        """What opening the journal moved aside or noticed, until the user closes it."""
        notices = list(session.notices)
        if not notices:
            return
        from ovelse.tui.screens.notices import NoticesScreen

        self.push_screen(NoticesScreen(notices))

    def _replace_all(self, screen: Screen[Any]) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_error(self, exc: BaseException) -> None:
        from ovelse.errors import OvelseError

        message, hint = (exc.message, exc.hint) if isinstance(exc, OvelseError) else (str(exc), "")
        self.notify(f"{message}\n{hint}".strip(), title=_("Feil"), severity="error", timeout=10, markup=False)

    # ------------------------------------------------------------------ heartbeat
    def heartbeat(self) -> None:
        """Tell the journal the exercise is still running (so a crash loses at most one interval)."""
        session = self.session
        if session is None or session.closed or session.state.is_ended:
            return
        from ovelse.session import SessionError

        try:
            session.heartbeat()
        except SessionError as exc:
            self.show_error(exc)

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from ovelse.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not Kommandopalett.is_open(self):  # type: ignore[arg-type]  # App[int]
            self.push_screen(Kommandopalett(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help_quit(self) -> None:
        self.notify(_("Trykk Ctrl+Q for å avslutte."), title=_("Vil du avslutte?"), markup=False)

    def mid_exercise(self) -> bool:
        return self.session is not None and not self.session.state.is_ended

    def open_form(self) -> FormScreen[Any] | None:
        """A form on the screen stack with something typed in it and not saved yet."""
        from ovelse.tui.screens.form import FormScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, FormScreen) and screen.has_input():
                return screen
        return None

    def action_quit_app(self) -> None:
        form = self.open_form()
        if not self.mid_exercise() and form is None:
            self._close_and_exit()
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._close_and_exit()

        if form is not None:
            title = _("Avslutte med et skjema som ikke er lagret?")
            text = _(
                "Det du har skrevet i «{form}», er ikke lagret. Velg «Tilbake til skjemaet» og trykk Ctrl+S "
                "for å lagre det. Resten av det dere har bekreftet, er allerede lagret i journalen."
            ).format(form=_(form.TITLE_TEXT))
            no = _("Tilbake til skjemaet")
        else:
            title = _("Avslutte programmet midt i øvelsen?")
            text = _("{saved} Dere kan fortsette senere med «ovelse resume {path}».").format(
                saved=_(SAVED_NOTE), path=self.session_path_text()
            )
            no = _("Fortsett øvelsen")
        self.push_screen(ConfirmScreen(title, text, yes=_("Avslutt"), no=no), answer)

    def session_path_text(self) -> str:
        from ovelse.tui.safetext import one_line

        return one_line(self.session.path) if self.session is not None else "JOURNAL"

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
                self.exit_message = _("ovelse: journalen ble ikke lukket riktig: {error}").format(error=exc)

    def on_unmount(self) -> None:
        self.close_room_page()
        self.close_session()

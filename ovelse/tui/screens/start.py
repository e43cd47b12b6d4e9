"""Start screen: the bundled scenarios, and unfinished exercises to resume."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ovelse.i18n import N_, _
from ovelse.tui import messages
from ovelse.tui.keys import HELP, QUIT_TOOLTIP, keys
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import ovelse_app
from ovelse.tui.widgets.footer import Bunntekst


@dataclass
class ScenarioRow:
    path: Path
    result: Any  # LoadResult


def scenario_prompt(row: ScenarioRow) -> Content:
    scenario = row.result.scenario
    if scenario is None:
        errors = sum(1 for f in row.result.findings if f.severity == "error")
        return Content.assemble(
            (one_line(row.path.stem), "bold"),
            "\n",
            ("  " + _("har {errors} feil – velg for å se funnene").format(errors=errors), "$text-error"),
        )
    from ovelse.tui.names import theme_names

    meta = scenario.meta
    details = _("{municipality} · {minutes} min").format(
        municipality=one_line(meta.municipality), minutes=meta.duration_minutes
    )
    if meta.themes:
        details += f" · {theme_names(meta.themes)}"
    return Content.assemble((one_line(meta.title), "bold"), "\n", ("  " + details, "$text-muted"))


def journal_prompt(info: Any) -> Content:
    from ovelse.tui.journals import describe_journal

    title, details = describe_journal(info)
    return Content.assemble((title, "bold"), "\n", ("  " + details, "$text-muted"))


class StartScreen(Screen[None]):
    """Pick a scenario to start, or an unfinished exercise to continue."""

    HELP_TITLE = N_("startskjermen")
    BINDINGS = [
        HELP,
        # Priority, so the list's own (hidden) Enter does not hide «Åpne» from the footer.
        Binding("enter", "open_selected", N_("Åpne"), id="start-apne", priority=True),
        Binding("tab", "switch_list", N_("Bytt liste"), id="start-bytt"),
        Binding("f5", "refresh", N_("Oppdater"), id="start-oppdater"),
        Binding(keys("q"), "app.quit_app", N_("Avslutt"), tooltip=QUIT_TOOLTIP, id="start-avslutt"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._scenarios: list[ScenarioRow] = []
        self._journals: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(
                Content.assemble(
                    ("ovelse", "bold $text-accent"),
                    " – " + _("diskusjonsøvelser for kommunal beredskap · Norge øver 2026"),
                ),
                classes="screen-title",
            )
            yield Static(
                Content.styled(_("Velg et scenario for å starte en ny øvelse"), "bold"), classes="list-title"
            )
            yield OptionList(
                Option(Content.styled(_("Henter scenarioer …"), "$text-muted"), disabled=True),
                id="scenarioer",
                markup=False,
            )
            yield Static(
                Content.styled(_("Påbegynte øvelser – fortsett der dere slapp"), "bold"), classes="list-title"
            )
            yield OptionList(
                Option(Content.styled(_("Henter journaler …"), "$text-muted"), disabled=True),
                id="journaler",
                markup=False,
            )
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        self.query_one("#scenarioer", OptionList).focus()
        # After the first paint: loading pulls in the scenario model (pydantic), which would hold the GIL
        # while the screen is being drawn.
        self.call_after_refresh(self.load_lists)

    def action_refresh(self) -> None:
        self.load_lists()

    @work(thread=True, exclusive=True, group="start-lists")
    def load_lists(self) -> None:
        """Load scenario metadata and journals off the UI thread, so the screen paints at once."""
        from ovelse.scenario.loader import load_scenario

        app = ovelse_app(self)
        rows = [ScenarioRow(path, load_scenario(path)) for path in app.scenario_files()]
        journals = app.unfinished_journals()
        self.app.call_from_thread(self._fill, rows, journals)

    def _fill(self, rows: list[ScenarioRow], journals: list[Any]) -> None:
        self._scenarios = rows
        self._journals = journals
        scenario_list = self.query_one("#scenarioer", OptionList)
        scenario_list.clear_options()
        if rows:
            scenario_list.add_options([Option(scenario_prompt(r), id=f"s{i}") for i, r in enumerate(rows)])
            scenario_list.highlighted = 0
        else:
            scenario_list.add_option(
                Option(
                    Content.styled(
                        _("Fant ingen medfølgende scenarioer. Start med «ovelse run FIL»."), "$text-muted"
                    ),
                    disabled=True,
                )
            )
        journal_list = self.query_one("#journaler", OptionList)
        journal_list.clear_options()
        if journals:
            journal_list.add_options([Option(journal_prompt(j), id=f"j{i}") for i, j in enumerate(journals)])
            journal_list.highlighted = 0
        else:
            journal_list.add_option(
                Option(Content.styled(_("Ingen påbegynte øvelser."), "$text-muted"), disabled=True)
            )

    def action_switch_list(self) -> None:
        self.focus_next(OptionList)

    def action_open_selected(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._open(focused, focused.highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_list, event.option_index)

    def _open(self, option_list: OptionList, index: int) -> None:
        option = option_list.get_option_at_index(index)
        if option.disabled or option.id is None:
            return
        if option.id.startswith("s"):
            row = self._scenarios[int(option.id[1:])]
            self.post_message(messages.OpenScenario(row.result, str(row.path)))
        else:
            info = self._journals[int(option.id[1:])]
            self.post_message(messages.OpenJournal(Path(info.path)))

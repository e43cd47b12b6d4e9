"""Start screen: the bundled scenarios, and unfinished exercises to resume.

The lists are filled in two passes, so the screen is useful at once: first from the scenarios'
metadata (:func:`ovelse.bundled.read_listing`, no scenario model, no checks) and, when the journal
folder holds no journals, with «no unfinished exercises»; then, off the UI thread, every scenario is
validated and the journals are read, and the rows are completed (themes, number of errors). Opening a
scenario always validates it in full, so a broken one is refused whatever its row says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ovelse.bundled import ScenarioListing
from ovelse.i18n import N_, _
from ovelse.plaintext import path_text
from ovelse.tui import messages
from ovelse.tui.keys import HELP, QUIT_TOOLTIP, keys
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import ovelse_app
from ovelse.tui.widgets.footer import Bunntekst

if TYPE_CHECKING:
    from ovelse.scenario.loader import LoadResult
    from ovelse.session.listing import JournalSummary


@dataclass
class ScenarioRow:
    listing: ScenarioListing
    result: LoadResult | None = None
    """The full check, once it has run (the list is filled from metadata first)."""

    @property
    def path(self) -> Path:
        return self.listing.path


def listing_prompt(listing: ScenarioListing) -> Content:
    """A row from the metadata pass (before the scenario has been validated)."""
    if listing.title is None:
        return Content.assemble(
            (one_line(path_text(listing.path.stem)), "bold"),
            "\n",
            ("  velg for å sjekke scenarioet", "$text-muted"),
        )
    details = [one_line(listing.municipality)] if listing.municipality else []
    if listing.duration_minutes is not None:
        details.append(f"{listing.duration_minutes} min")
    return Content.assemble(
        (one_line(listing.title), "bold"), "\n", ("  " + " · ".join(details), "$text-muted")
    )


def scenario_prompt(row: ScenarioRow) -> Content:
    if row.result is None:
        return listing_prompt(row.listing)
    scenario = row.result.scenario
    if scenario is None:
        errors = sum(1 for f in row.result.findings if f.severity == "error")
        return Content.assemble(
            (one_line(path_text(row.path.stem)), "bold"),
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


def journal_prompt(info: JournalSummary) -> Content:
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
        self._journals: list[JournalSummary] = []

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
        self._fill_from_metadata()
        # After the first paint: the full pass pulls in the scenario model (pydantic), which would hold
        # the GIL while the screen is being drawn.
        self.call_after_refresh(self.load_lists)

    def action_refresh(self) -> None:
        self._fill_from_metadata()
        self.load_lists()

    def _fill_from_metadata(self) -> None:
        """The metadata pass, before the first paint: each file's ``meta:`` block (bounded by
        MAX_META_BYTES; cached by content hash, so usually not even parsed), and a look at the journal
        folder."""
        from ovelse.bundled import read_listings
        from ovelse.tui.journals import has_journals

        rows = [ScenarioRow(listing) for listing in read_listings(ovelse_app(self).scenario_files())]
        self._fill(rows, None if has_journals(ovelse_app(self).journal_dir) else [])

    @work(thread=True, exclusive=True, group="start-lists")
    def load_lists(self) -> None:
        """Complete the lists off the UI thread: the unfinished journals first (they are not in the
        metadata pass), then every scenario validated (themes, number of errors)."""
        listings = [row.listing for row in list(self._scenarios)]
        journals = ovelse_app(self).unfinished_journals()
        self.app.call_from_thread(self._fill, [ScenarioRow(listing) for listing in listings], journals)

        from ovelse.scenario.loader import load_scenario

        full = [ScenarioRow(listing, load_scenario(listing.path)) for listing in listings]
        self.app.call_from_thread(self._fill, full, journals)

    def _fill(self, rows: list[ScenarioRow], journals: list[JournalSummary] | None) -> None:
        """Show ``rows``, and ``journals`` unless they are still being read (None)."""
        self._scenarios = rows
        scenario_list = self.query_one("#scenarioer", OptionList)
        highlighted = scenario_list.highlighted
        scenario_list.clear_options()
        if rows:
            scenario_list.add_options([Option(scenario_prompt(r), id=f"s{i}") for i, r in enumerate(rows)])
            scenario_list.highlighted = (
                highlighted if highlighted is not None and highlighted < len(rows) else 0
            )
        else:
            scenario_list.add_option(
                Option(
                    Content.styled(
                        _("Fant ingen medfølgende scenarioer. Start med «ovelse run FIL»."), "$text-muted"
                    ),
                    disabled=True,
                )
            )
        if journals is None:
            return
        self._journals = journals
        journal_list = self.query_one("#journaler", OptionList)
        highlighted = journal_list.highlighted
        journal_list.clear_options()
        if journals:
            journal_list.add_options([Option(journal_prompt(j), id=f"j{i}") for i, j in enumerate(journals)])
            journal_list.highlighted = (
                highlighted if highlighted is not None and highlighted < len(journals) else 0
            )
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
            # Always the full load: the list may come from the metadata pass, or the file may have
            # changed since it was read.
            from ovelse.scenario.loader import load_scenario

            self.post_message(messages.OpenScenario(load_scenario(row.path), str(row.path)))
        else:
            info = self._journals[int(option.id[1:])]
            self.post_message(messages.OpenJournal(Path(info.path)))

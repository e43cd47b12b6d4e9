"""Set-up, step 2 (and any time during the exercise): participants and their roles."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ovelse.scenario.roles import CATALOGUE, GROUP_NAMES
from ovelse.tui.keys import HELP
from ovelse.tui.names import role_name, role_names
from ovelse.tui.safetext import literal_line, one_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.widgets.footer import Bunntekst


def role_catalogue_options(scenario: Any, held: set[str]) -> list[tuple[str, str]]:
    """All roles to pick from: the scenario's needed roles first (marked), then the catalogue by group."""
    options: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(role_id: str, suffix: str = "") -> None:
        if role_id not in seen:
            seen.add(role_id)
            options.append((role_id, role_name(scenario, role_id) + suffix))

    for role_id in scenario.roles.required:
        add(role_id, " – trengs" + (", har ingen" if role_id not in held else ""))
    for role_id in scenario.roles.optional:
        add(role_id, " – ønskes")
    for custom in scenario.roles.custom:
        add(custom.id, " – scenarioets rolle")
    for group, group_name in GROUP_NAMES.items():
        for role in CATALOGUE.values():
            if role.group == group:
                add(role.id, f" ({group_name.lower()})")
    return options


class ParticipantsScreen(EngineCalls, Screen[None]):
    """Who is in the room and which roles they hold; shows needed roles nobody holds."""

    HELP_TITLE = "Deltakere og roller"
    BINDINGS = [
        HELP,
        Binding("a", "add", "Legg til deltaker", id="deltaker-ny"),
        Binding("r", "assign", "Gi rolle", id="deltaker-gi-rolle"),
        Binding("x", "unassign", "Fjern rolle", id="deltaker-fjern-rolle"),
        Binding("ctrl+n,f5", "start", "Start øvelsen", id="deltaker-start"),
        Binding("escape", "back", "Tilbake til øvelsen", id="deltaker-tilbake"),
    ]

    def __init__(self, *, setup: bool) -> None:
        super().__init__()
        self.setup = setup

    @property
    def session(self) -> Any:
        return self.app.session

    def compose(self) -> ComposeResult:
        title = "Oppsett, steg 2 av 2: deltakere og roller" if self.setup else "Deltakere og roller"
        with Vertical(id="participants"):
            yield Static(
                Content.assemble(
                    (title, "bold"), " – ", (one_line(self.session.scenario.meta.title), "$text-primary")
                ),
                classes="screen-title",
            )
            table: DataTable = DataTable(id="participants-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static(id="roles-missing")
            hint = (
                "A legger til en deltaker. Alt lagres straks i journalen. Ctrl+N eller F5 starter øvelsen."
                if self.setup
                else "A legger til en deltaker. Alt lagres straks i journalen."
            )
            yield Static(Content.styled(hint, "$text-muted"))
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Navn", key="navn")
        table.add_column("Organisasjon", key="org")
        table.add_column("Roller", key="roller")
        self.refresh_view()
        table.focus()

    def refresh_view(self) -> None:
        scenario = self.session.scenario
        state = self.session.state
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for person in state.active_participants():
            table.add_row(
                literal_line(person.name),
                literal_line(person.organisation or ""),
                literal_line(role_names(scenario, person.roles) or "–"),
                key=person.id,
            )
        if state.active_participants():
            table.move_cursor(row=min(row, table.row_count - 1))
        missing = self.session.missing_roles()
        if missing:
            text = Content.assemble(
                ("Roller scenarioet trenger som ingen har ennå: ", "bold $text-warning"),
                role_names(scenario, missing),
            )
        elif scenario.roles.required:
            text = Content.styled("Alle rollene scenarioet trenger, har en deltaker.", "$text-success")
        else:
            text = Content.styled("Scenarioet krever ingen bestemte roller.", "$text-muted")
        self.query_one("#roles-missing", Static).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.setup
        if action == "back":
            return not self.setup
        if action in ("assign", "unassign"):
            return True if self.session.state.active_participants() else None
        return True

    def _selected(self) -> Any:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.session.state.participants.get(key)

    def action_add(self) -> None:
        from ovelse.tui.screens.participant import ParticipantForm

        options = role_catalogue_options(self.session.scenario, self.session.state.held_roles())

        def save(value: Any) -> Any:
            return self.session.add_participant(
                value.name, roles=value.roles, organisation=value.organisation
            )

        self.app.push_screen(ParticipantForm(options, save=save), self._added)

    def _added(self, value: Any) -> None:
        """The form has closed: the participant is already saved (None: cancelled, nothing written)."""
        if value is None:
            return
        self.refresh_view()
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
        self.app.notify(f"{value.name} er lagt til.", markup=False)

    def action_assign(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        person = self._selected()
        if person is None:
            return
        options = role_catalogue_options(self.session.scenario, self.session.state.held_roles())
        items = [PickItem(rid, name, disabled=rid in person.roles) for rid, name in options]
        self.app.push_screen(
            PickerScreen(f"Gi {one_line(person.name)} en rolle", items),
            lambda role: role and self.call(self.session.assign_role, person.id, role),
        )

    def action_unassign(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        person = self._selected()
        if person is None or not person.roles:
            return
        items = [PickItem(r, role_name(self.session.scenario, r)) for r in person.roles]
        self.app.push_screen(
            PickerScreen(f"Fjern en rolle fra {one_line(person.name)}", items),
            lambda role: role and self.call(self.session.unassign_role, person.id, role),
        )

    def action_start(self) -> None:
        from ovelse.session import SessionError

        if self.session.state.paused:
            try:
                self.session.resume()
            except SessionError as exc:
                self.app.show_error(exc)
                return
        self.app.show_run()

    def action_back(self) -> None:
        self.app.pop_screen()

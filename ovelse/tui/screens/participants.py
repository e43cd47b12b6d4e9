"""Set-up, step 2 (and any time during the exercise): participants and their roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ovelse.i18n import N_, _
from ovelse.scenario.roles import CATALOGUE, GROUP_NAMES, group_name
from ovelse.tui import messages
from ovelse.tui.keys import HELP, keys
from ovelse.tui.names import role_name, role_names
from ovelse.tui.safetext import literal_line, one_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.widgets.footer import Bunntekst

if TYPE_CHECKING:
    from rich.text import Text

    from ovelse.scenario.model import Scenario
    from ovelse.session.state import Participant
    from ovelse.tui.screens.participant import ParticipantInput


def role_catalogue_options(scenario: Scenario, held: set[str]) -> list[tuple[str, str]]:
    """All roles to pick from: the scenario's needed roles first (marked), then the catalogue by group."""
    options: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(role_id: str, suffix: str = "") -> None:
        if role_id not in seen:
            seen.add(role_id)
            options.append((role_id, role_name(scenario, role_id) + suffix))

    for role_id in scenario.roles.required:
        add(role_id, " – " + (_("trengs, har ingen") if role_id not in held else _("trengs")))
    for role_id in scenario.roles.optional:
        add(role_id, " – " + _("ønskes"))
    for custom in scenario.roles.custom:
        add(custom.id, " – " + _("rolle i dette scenarioet"))
    for group in GROUP_NAMES:
        for role in CATALOGUE.values():
            if role.group == group:
                add(role.id, f" ({group_name(group).lower()})")
    return options


class ParticipantsScreen(EngineCalls, Screen[None]):
    """Who is in the room and which roles they hold; shows needed roles nobody holds."""

    HELP_TITLE = N_("deltakere og roller")
    BINDINGS = [
        HELP,
        Binding(keys("a"), "add", N_("Legg til"), id="deltaker-ny", tooltip=N_("Legg til en deltaker")),
        Binding(
            keys("enter", "c"),
            "edit",
            N_("Endre"),
            id="deltaker-endre",
            tooltip=N_("Endre navn, organisasjon og roller for deltakeren"),
        ),
        Binding(keys("r"), "assign", N_("Gi rolle"), id="deltaker-gi-rolle"),
        Binding(keys("x"), "unassign", N_("Fjern rolle"), id="deltaker-fjern-rolle"),
        Binding(
            "delete," + keys("s"),
            "remove",
            N_("Fjern deltaker"),
            id="deltaker-fjern",
            tooltip=N_("Fjern deltakeren (blir stående i journalen, merket som fjernet)"),
        ),
        Binding("ctrl+n,f5", "start", N_("Start øvelsen"), id="deltaker-start"),
        Binding("escape", "back", N_("Tilbake til øvelsen"), id="deltaker-tilbake"),
    ]

    def __init__(self, *, setup: bool) -> None:
        super().__init__()
        self.setup = setup

    def compose(self) -> ComposeResult:
        title = _("Oppsett, steg 2 av 2: deltakere og roller") if self.setup else _("Deltakere og roller")
        with Vertical(id="participants"):
            yield Static(
                Content.assemble(
                    (title, "bold"), " – ", (one_line(self.session.scenario.meta.title), "$text-primary")
                ),
                classes="screen-title",
            )
            table: DataTable[Text] = DataTable(id="participants-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static(id="roles-missing")
            hint = _("A legger til en deltaker, Enter endrer, Delete fjerner. Alt lagres straks i journalen.")
            if self.setup:
                hint += " " + _("Ctrl+N eller F5 starter øvelsen.")
            yield Static(Content.styled(hint, "$text-muted"))
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Navn"), key="navn")
        table.add_column(_("Organisasjon"), key="org")
        table.add_column(_("Roller"), key="roller")
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
                (_("Roller scenarioet trenger som ingen har ennå: "), "bold $text-warning"),
                role_names(scenario, missing),
            )
        elif scenario.roles.required:
            text = Content.styled(_("Alle rollene scenarioet trenger, har en deltaker."), "$text-success")
        else:
            text = Content.styled(_("Scenarioet krever ingen bestemte roller."), "$text-muted")
        self.query_one("#roles-missing", Static).update(text)
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: the table takes Enter for itself (its own binding comes first), so the screen's
        «Enter endrer» is carried out here."""
        event.stop()
        if self.session.state.active_participants():
            self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.setup
        if action == "back":
            return not self.setup
        if action in ("assign", "unassign", "edit", "remove"):
            return True if self.session.state.active_participants() else None
        return True

    def _selected(self) -> Participant | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.session.state.participants.get(key) if key is not None else None

    def action_add(self) -> None:
        from ovelse.tui.screens.participant import ParticipantForm

        options = role_catalogue_options(self.session.scenario, self.session.state.held_roles())

        def save(value: ParticipantInput) -> object:
            return self.session.add_participant(
                value.name, roles=value.roles, organisation=value.organisation
            )

        self.app.push_screen(ParticipantForm(options, save=save), self._added)

    def _added(self, value: ParticipantInput | None) -> None:
        """The form has closed: the participant is already saved (None: cancelled, nothing written)."""
        if value is None:
            return
        self.refresh_view()
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
        self.app.notify(_("{name} er lagt til.").format(name=value.name), markup=False)

    def action_edit(self) -> None:
        """Name and organisation are corrected (append-only); roles given or taken by their own events."""
        from ovelse.tui.screens.participant import ParticipantForm, ParticipantInput

        person = self._selected()
        if person is None:
            return
        options = role_catalogue_options(self.session.scenario, self.session.state.held_roles())
        initial = ParticipantInput(person.name, person.organisation, list(person.roles))
        seq = person.seq

        def save(value: ParticipantInput) -> object:
            """One correction with exactly the fields that changed (nothing written when none did)."""
            changed: dict[str, Any] = {}
            if value.name != initial.name:
                changed["name"] = value.name
            if (value.organisation or None) != (initial.organisation or None):
                changed["organisation"] = value.organisation
            if value.roles != initial.roles:
                changed["roles"] = value.roles
            if changed:
                self.session.correct(seq, **changed)
            return value

        def done(value: ParticipantInput | None) -> None:
            if value is not None:
                self.refresh_view()
                self.app.notify(_("Endringen er lagret."), markup=False)

        self.app.push_screen(ParticipantForm(options, initial=initial, save=save), done)

    def action_remove(self) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        person = self._selected()
        if person is None:
            return
        pid = person.id

        def answer(yes: bool | None) -> None:
            if yes and self.call(self.session.remove_participant, pid) is not None:
                self.app.notify(_("{name} er fjernet.").format(name=one_line(person.name)), markup=False)

        self.app.push_screen(
            ConfirmScreen(
                _("Fjerne {name}?").format(name=one_line(person.name)),
                _("Deltakeren blir stående i journalen, merket som fjernet, og rollene blir ledige."),
                yes=_("Fjern"),
                no=_("Behold"),
            ),
            answer,
        )

    def action_assign(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        person = self._selected()
        if person is None:
            return
        options = role_catalogue_options(self.session.scenario, self.session.state.held_roles())
        items = [PickItem(rid, name, disabled=rid in person.roles) for rid, name in options]
        self.app.push_screen(
            PickerScreen(_("Gi {name} en rolle").format(name=one_line(person.name)), items),
            lambda role: role and self.call(self.session.assign_role, person.id, role),
        )

    def action_unassign(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        person = self._selected()
        if person is None or not person.roles:
            return
        items = [PickItem(r, role_name(self.session.scenario, r)) for r in person.roles]
        self.app.push_screen(
            PickerScreen(_("Fjern en rolle fra {name}").format(name=one_line(person.name)), items),
            lambda role: role and self.call(self.session.unassign_role, person.id, role),
        )

    def action_start(self) -> None:
        """End the set-up: the start node is entered and the exercise clock starts now."""
        if not self.session.state.begun and self.call(self.session.begin) is None:
            return
        self.post_message(messages.ShowRun())

    def action_back(self) -> None:
        self.app.pop_screen()

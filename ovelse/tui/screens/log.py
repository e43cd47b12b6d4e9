"""The whole log: every entry, with retraction and correction (both appended, never rewritten)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ovelse.tui.keys import HELP
from ovelse.tui.names import format_duration
from ovelse.tui.safetext import literal_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.widgets.footer import Bunntekst
from ovelse.tui.widgets.logpanel import KIND_NAMES, entry_content, entry_summary

_TEXT_FIELD = {
    "decision_logged": "text",
    "observation": "text",
    "note": "text",
    "lesson_added": "text",
    "action_added": "text",
    "participant_added": "name",
}


class LogScreen(EngineCalls, Screen[None]):
    """All entries, oldest first; pick one to see details, retract or correct it."""

    HELP_TITLE = "Loggen"
    BINDINGS = [
        HELP,
        Binding("k", "correct", "Rett", id="logg-rett"),
        Binding("x", "retract", "Trekk tilbake", id="logg-trekk"),
        Binding("escape,l", "back", "Tilbake", id="logg-tilbake"),
    ]

    @property
    def session(self) -> Any:
        return self.app.session

    def compose(self) -> ComposeResult:
        with Vertical(id="log"):
            yield Static(
                Content.assemble(
                    ("Loggen", "bold"),
                    " – alle oppføringer, eldste først. "
                    "Ingenting slettes: tilbaketrekking og retting legges til.",
                ),
                classes="screen-title",
            )
            yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="log-detail-box"):
                yield Static(id="log-detail")
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Nr.", key="nr")
        table.add_column("Tid", key="tid")
        table.add_column("Type", key="type")
        table.add_column("Tekst", key="tekst")
        self.refresh_view()
        table.move_cursor(row=max(0, table.row_count - 1))
        table.focus()

    def refresh_view(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        scenario = self.session.scenario
        for entry in self.session.state.log:
            kind = KIND_NAMES.get(entry.type, entry.type)
            if entry.retracted:
                kind += " (trukket)"
            elif entry.corrected:
                kind += " (rettet)"
            style = "strike" if entry.retracted else ""
            table.add_row(
                str(entry.seq),
                format_duration(entry.elapsed),
                kind,
                literal_line(entry_summary(entry, scenario)[:200], style),
                key=str(entry.seq),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_detail()
        self.refresh_bindings()

    def _entry(self) -> Any:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.session.state.entries.get(int(key))

    def _show_detail(self) -> None:
        entry = self._entry()
        detail = self.query_one("#log-detail", Static)
        if entry is None:
            detail.update(Content.styled("Loggen er tom.", "$text-muted"))
        else:
            detail.update(entry_content(entry, self.session.scenario))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("correct", "retract"):
            entry = self._entry() if self.is_mounted else None
            if self.session.state.is_ended or entry is None or entry.retracted:
                return None
            if action == "correct" and entry.type not in _TEXT_FIELD:
                return None
        return True

    def action_correct(self) -> None:
        from ovelse.tui.screens.correct import CorrectForm

        entry = self._entry()
        if entry is None or entry.type not in _TEXT_FIELD:
            return
        field = _TEXT_FIELD[entry.type]
        seq = entry.seq

        def save(value: Any) -> Any:
            return self.session.correct(seq, reason=value.reason, **{field: value.text})

        def done(value: Any) -> None:
            if value is not None:  # saved by the form (None: cancelled, nothing written)
                self.refresh_view()
                self.app.notify("Rettingen er lagret.", markup=False)

        self.app.push_screen(
            CorrectForm(KIND_NAMES.get(entry.type, entry.type), getattr(entry.current, field), save=save),
            done,
        )

    def action_retract(self) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        entry = self._entry()
        if entry is None:
            return
        seq = entry.seq

        def answer(yes: bool | None) -> None:
            if yes and self.call(self.session.retract, seq):
                self.app.notify("Oppføringen er trukket tilbake.", markup=False)

        self.app.push_screen(
            ConfirmScreen(
                "Trekke tilbake oppføringen?",
                f"«{entry_summary(entry, self.session.scenario)[:200]}» blir stående i journalen, "
                "merket som trukket tilbake.",
                yes="Trekk tilbake",
                no="Behold",
            ),
            answer,
        )

    def action_back(self) -> None:
        self.app.pop_screen()

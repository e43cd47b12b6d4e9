"""The register in the app: browse and filter tiltak across exercises, and append status changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Static

from ovelse.errors import OvelseError
from ovelse.i18n import _
from ovelse.register.queries import StatusEntry, TiltakRow, count_tiltak, history, list_tiltak, set_status
from ovelse.register.status import STATUSES, fmt_date, status_name
from ovelse.register.store import Register
from ovelse.register.uitext import TEXT
from ovelse.tui.safetext import literal, literal_line, one_line

FIRST_SCREEN = 200
"""Rows fetched at once: more than any screen shows, few enough to come back at once from 50,000."""


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class StatusChoice:
    status: str
    comment: str


@dataclass(frozen=True, slots=True)
class Loaded:
    rows: list[TiltakRow]
    total: int


class StatusScreen(ModalScreen[StatusChoice | None]):
    """Pick the new status (1–4) and write an optional comment; Enter saves, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", _(TEXT["avbryt"]), id="status-avbryt"),
        *(
            Binding(str(n), f"choose({n})", status_name(code), show=False)
            for n, code in enumerate(STATUSES, 1)
        ),
    ]

    def __init__(self, row: TiltakRow) -> None:
        super().__init__(classes="dialog-screen")
        self._row = row
        self._status = row.status

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="status-dialog"):
            yield Static(
                literal(_(TEXT["ny_status_for_tiltak"]).format(id=self._row.id), "bold"),
                classes="dialog-title",
            )
            yield Static(literal(one_line(self._row.text)), classes="dialog-text")
            yield Static(literal(_(TEXT["velg_med_14_skriv"])), classes="dialog-text")
            with Horizontal(id="status-choices"):
                for n, code in enumerate(STATUSES, 1):
                    yield Button(f"{n} {status_name(code)}", id=f"status-{code}", classes="status-choice")
            yield Input(placeholder=_(TEXT["kommentar_valgfri"]), id="status-comment", max_length=2000)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(TEXT["lagre_enter"]), id="lagre", variant="primary")
                yield Button(_(TEXT["avbryt_esc"]), id="avbryt")

    def on_mount(self) -> None:
        self._show_choice()
        self.query_one(f"#status-{self._status}", Button).focus()

    def _show_choice(self) -> None:
        for code in STATUSES:
            self.query_one(f"#status-{code}", Button).variant = (
                "success" if code == self._status else "default"
            )

    def action_choose(self, number: int) -> None:
        """1–4 pick a status (while the comment field has focus, digits are text)."""
        self._status = STATUSES[number - 1]
        self._show_choice()
        self.query_one("#status-comment", Input).focus()

    @on(Button.Pressed, ".status-choice")
    def _choice(self, event: Button.Pressed) -> None:
        event.stop()
        self._status = (event.button.id or "").removeprefix("status-")
        self._show_choice()

    @on(Button.Pressed, "#lagre")
    @on(Input.Submitted, "#status-comment")
    def _save(self) -> None:
        self.dismiss(StatusChoice(self._status, self.query_one("#status-comment", Input).value.strip()))

    @on(Button.Pressed, "#avbryt")
    def action_cancel(self) -> None:
        self.dismiss(None)


class RegisterScreen(Screen[None]):
    """Tiltak of every exercise in the register, by deadline; «/» searches, «f» shows only overdue ones."""

    BINDINGS = [
        Binding("slash", "search", _(TEXT["sk"]), id="register-sok"),
        Binding("f", "overdue", _(TEXT["forfalte"]), id="register-forfalt"),
        Binding("s", "status", _(TEXT["ny_status"]), id="register-status"),
        Binding("r", "reload", _(TEXT["oppdater"]), id="register-oppdater"),
        Binding("q", "app.quit", _(TEXT["avslutt"]), id="register-avslutt"),
    ]

    def __init__(self, register: Register, today: date) -> None:
        super().__init__()
        self.register = register
        self.today = today
        self.overdue_only = False
        self.rows: list[TiltakRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="register"):
            yield Static(
                literal_line(_(TEXT["velsesregisteret_tiltak_pa_tvers"]), "bold"), classes="screen-title"
            )
            yield Static(id="register-marking")
            yield Input(placeholder=_(TEXT["sk_i_tiltak_og"]), id="register-search")
            yield Static(id="register-summary")
            yield DataTable(id="register-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="register-detail-box"):
                yield Static(id="register-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            (_(TEXT["nr"]), "nr"),
            (_(TEXT["frist"]), "frist"),
            (_(TEXT["status"]), "status"),
            (_(TEXT["tiltak"]), "tiltak"),
            (_(TEXT["ansvarlig"]), "ansvarlig"),
            (_(TEXT["kommune"]), "kommune"),
        ):
            table.add_column(label, key=key)
        table.focus()
        self.reload()

    # -- loading (in a worker: the database may be on a server) ------------------------------------------

    def reload(self) -> None:
        search = self.query_one("#register-search", Input).value.strip() or None
        self._load(search, self.overdue_only)

    @work(thread=True, exclusive=True, group="register-load")
    def _load(self, search: str | None, overdue_only: bool) -> None:
        filters = {"search": search, "overdue_on": self.today if overdue_only else None}
        try:
            rows = list_tiltak(self.register, limit=FIRST_SCREEN, **filters)  # type: ignore[arg-type]
            total = count_tiltak(self.register, **filters) if len(rows) == FIRST_SCREEN else len(rows)
        except OvelseError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, Loaded(rows, total))

    def _failed(self, exc: OvelseError) -> None:
        self.notify(exc.hint or "", title=exc.message, severity="error", timeout=10)

    def _show(self, loaded: Loaded) -> None:
        self.rows = loaded.rows
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for r in loaded.rows:
            late = r.overdue(self.today)
            table.add_row(
                str(r.id),
                literal_line(fmt_date(r.deadline) + (" !" if late else ""), "bold" if late else ""),
                status_name(r.status),
                literal_line(_shorten(one_line(r.text), 44)),
                literal_line(_shorten(one_line(r.owner or "–"), 24)),
                literal_line(_shorten(one_line(r.municipality), 24)),
                key=str(r.id),
            )
        if loaded.rows:
            table.move_cursor(row=min(keep, len(loaded.rows) - 1))
        markings = list(dict.fromkeys(r.marking for r in loaded.rows if r.marking))
        self.query_one("#register-marking", Static).update(
            literal(" · ".join(markings), "bold reverse") if markings else ""
        )
        self.query_one("#register-marking", Static).display = bool(markings)
        shown = _(TEXT["n_tiltak"]).format(n=loaded.total)
        if len(loaded.rows) < loaded.total:
            shown += " " + _(TEXT["viser_de_n_frste"]).format(n=len(loaded.rows))
        scope = _(TEXT["bare_forfalte"]) if self.overdue_only else _(TEXT["alle"])
        self.query_one("#register-summary", Static).update(literal(f"{shown} · {scope}"))
        self._show_detail()

    def _current(self) -> TiltakRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self._current()
        detail = self.query_one("#register-detail", Static)
        if row is None:
            detail.update(literal(_(TEXT["ingen_tiltak_passer_med"])))
            return
        self._history(row)

    @work(thread=True, exclusive=True, group="register-history")
    def _history(self, row: TiltakRow) -> None:
        try:
            entries = history(self.register, row.id)
        except OvelseError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show_history, row, entries)

    def _show_history(self, row: TiltakRow, entries: list[StatusEntry]) -> None:
        lines = [
            row.text,
            _(TEXT["fra_title_date_ansvarlig"]).format(
                title=row.exercise_title,
                date=fmt_date(row.exercise_date),
                owner=row.owner or "–",
                deadline=fmt_date(row.deadline),
            ),
        ]
        if not entries:
            lines.append(_(TEXT["ingen_statusendringer_i_registeret"]).format(status=status_name(row.status)))
        for e in entries:
            lines.append(
                f"{fmt_date(e.on)}  {status_name(e.status)}  {e.by}"
                + (f" – {e.comment}" if e.comment else "")
            )
        self.query_one("#register-detail", Static).update(literal("\n".join(lines)))

    # -- actions ---------------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#register-search", Input).focus()

    @on(Input.Submitted, "#register-search")
    def _searched(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_status(self) -> None:
        row = self._current()
        if row is None:
            return

        def chosen(choice: StatusChoice | None) -> None:
            if choice is not None:
                self._save_status(row, choice)

        self.app.push_screen(StatusScreen(row), chosen)

    @work(thread=True, group="register-save")
    def _save_status(self, row: TiltakRow, choice: StatusChoice) -> None:
        try:
            set_status(self.register, row.id, choice.status, comment=choice.comment, on=self.today)
        except OvelseError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._saved, row, choice)

    def _saved(self, row: TiltakRow, choice: StatusChoice) -> None:
        self.notify(
            _(TEXT["tiltak_nr_id_status"]).format(id=row.id, status=status_name(choice.status)), timeout=4
        )
        self.reload()

"""The whole log: every entry, with retraction and correction of any field (both appended, never rewritten).

The list is virtual (:class:`~ovelse.tui.widgets.loglist.LogList`), so the screen opens at once however
long the journal is.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.session.events import CORRECTABLE, LessonAdded
from ovelse.tui.keys import HELP, keys
from ovelse.tui.names import role_name
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.correct import Field
from ovelse.tui.screens.engine_calls import EngineCalls, current_as
from ovelse.tui.widgets.footer import Bunntekst
from ovelse.tui.widgets.loglist import LogList
from ovelse.tui.widgets.logpanel import entry_content, entry_summary, kind_name

if TYPE_CHECKING:
    from ovelse.scenario.model import Scenario
    from ovelse.session import Session
    from ovelse.session.state import Entry
    from ovelse.tui.screens.correct import CorrectionInput


def role_options(scenario: Scenario, session: Session) -> list[tuple[str, str]]:
    ids = [*scenario.roles.required, *scenario.roles.optional, *(r.id for r in scenario.roles.custom)]
    ids.extend(r for p in session.state.active_participants() for r in p.roles)
    return [(r, role_name(scenario, r)) for r in dict.fromkeys(ids)]


def objective_options(scenario: Scenario) -> list[tuple[str, str]]:
    return [(o.id, f"{o.id}: {one_line(o.text)}") for o in scenario.objectives]


def correction_fields(entry: Entry, session: Session) -> list[Field]:
    """Every correctable field of ``entry`` with its current value (see ``CORRECTABLE``)."""
    scenario = session.scenario
    event = entry.current
    kind = entry.type

    def value(name: str) -> object:
        return getattr(event, name, None)

    def text(name: str, label: str) -> Field:
        return Field(name, label, "text", str(value(name) or ""))

    def optional(name: str, label: str) -> Field:
        current = value(name)
        return Field(name, label, "optional", str(current) if current else None)

    def ids(name: str, label: str, options: list[tuple[str, str]]) -> Field:
        current = value(name)
        return Field(name, label, "ids", list(current) if isinstance(current, list) else [], options)

    if kind == "decision_logged":
        return [
            text("text", _("Beslutning")),
            ids("roles", _("Ansvarlige roller (mellomrom krysser av)"), role_options(scenario, session)),
            optional("rationale", _("Begrunnelse")),
            optional("disagreement", _("Uenighet")),
            optional("open_question", _("Åpent spørsmål")),
        ]
    if kind == "observation":
        return [
            text("text", _("Observasjon")),
            optional("observer", _("Observatør")),
            ids("objectives", _("Øvingsmål (mellomrom krysser av)"), objective_options(scenario)),
        ]
    if kind == "note":
        return [text("text", _("Notat")), optional("author", _("Skrevet av"))]
    if kind == "participant_added":
        from ovelse.tui.screens.participants import role_catalogue_options

        return [
            text("name", _("Navn")),
            optional("organisation", _("Organisasjon")),
            ids(
                "roles",
                _("Roller (mellomrom krysser av)"),
                role_catalogue_options(scenario, session.state.held_roles()),
            ),
        ]
    if kind == "objective_rated":
        return [
            Field("rating", _("Vurdering (1–5)"), "rating", str(value("rating"))),
            optional("comment", _("Kommentar")),
        ]
    if kind == "lesson_added":
        return [
            text("text", _("Læringspunkt")),
            ids("objectives", _("Øvingsmål (mellomrom krysser av)"), objective_options(scenario)),
        ]
    if kind == "action_added":
        lessons = [
            (e.seq, one_line(current_as(e, LessonAdded).text))
            for e in session.state.lessons
            if not e.retracted
        ]
        deadline = value("deadline")
        lesson = value("lesson")
        return [
            text("text", _("Tiltak")),
            text("owner", _("Ansvarlig")),
            Field(
                "deadline", _("Frist (DD.MM.ÅÅÅÅ)"), "date", deadline if isinstance(deadline, date) else None
            ),
            Field(
                "lesson",
                _("Følger opp læringspunkt"),
                "choice",
                lesson if isinstance(lesson, int) else None,
                lessons,
            ),
        ]
    return []


def facts_fields(session: Session) -> list[Field]:
    """The exercise facts (øvingsdirektiv), editable at any time."""
    facts = session.state.facts
    assert facts is not None
    return [
        Field("title", _("Navn på øvelsen"), "text", facts.title),
        Field("municipality", _("Kommune"), "text", facts.municipality),
        Field("date", _("Dato (DD.MM.ÅÅÅÅ)"), "date", facts.date),
        Field("place", _("Sted"), "optional", facts.place or None),
        Field("facilitator", _("Øvingsleder"), "optional", facts.facilitator or None),
        Field("purpose", _("Formål med øvelsen"), "optional", facts.purpose or None),
    ]


class LogScreen(EngineCalls, Screen[None]):
    """All entries, oldest first; pick one to see details, retract or correct it."""

    HELP_TITLE = N_("loggen")
    BINDINGS = [
        HELP,
        Binding(
            keys("k", "enter"),
            "correct",
            N_("Rett"),
            id="logg-rett",
            tooltip=N_("Rett hvilket som helst felt i oppføringen"),
        ),
        Binding(keys("x"), "retract", N_("Trekk tilbake"), id="logg-trekk"),
        Binding("escape," + keys("l"), "back", N_("Tilbake"), id="logg-tilbake"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="log"):
            yield Static(
                Content.assemble(
                    (_("Loggen"), "bold"),
                    " – ",
                    _(
                        "alle oppføringer, eldste først. Ingenting slettes: tilbaketrekking og retting legges til."
                    ),
                ),
                classes="screen-title",
            )
            yield Static(
                Content.styled(f"{_('Nr.'):>7}  {_('Tid'):>8}  {_('Type'):<22}  {_('Tekst')}", "bold"),
                id="log-header",
            )
            yield LogList(self.row_text, id="log-table")
            with VerticalScroll(id="log-detail-box"):
                yield Static(id="log-detail")
        yield Bunntekst()

    def row_text(self, entry: Entry) -> tuple[str, str]:
        kind = kind_name(entry.type)
        if entry.retracted:
            kind += " " + _("(trukket)")
        elif entry.corrected:
            kind += " " + _("(rettet)")
        return kind, entry_summary(entry, self.session.scenario)[:300]

    def on_mount(self) -> None:
        table = self.query_one(LogList)
        table.set_entries(self.session.state.log)
        table.move_to(len(self.session.state.log) - 1)
        table.focus()
        self._show_detail()

    def refresh_view(self) -> None:
        table = self.query_one(LogList)
        table.set_entries(self.session.state.log)
        self._show_detail()
        self.refresh_bindings()

    def _entry(self) -> Entry | None:
        return self.query_one(LogList).current()

    def _show_detail(self) -> None:
        entry = self._entry()
        detail = self.query_one("#log-detail", Static)
        if entry is None:
            detail.update(Content.styled(_("Loggen er tom."), "$text-muted"))
        else:
            detail.update(entry_content(entry, self.session.scenario))

    def on_log_list_highlighted(self, event: LogList.Highlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("correct", "retract"):
            entry = self._entry() if self.is_mounted else None
            if self.session.state.is_ended or entry is None or entry.retracted:
                return None
            if action == "correct" and entry.type not in CORRECTABLE:
                return None
        return True

    def action_correct(self) -> None:
        from ovelse.tui.screens.correct import CorrectForm

        entry = self._entry()
        if entry is None or entry.type not in CORRECTABLE:
            return
        fields = correction_fields(entry, self.session)
        if not fields:
            return
        seq = entry.seq

        def save(value: CorrectionInput) -> object:
            return self.session.correct(seq, reason=value.reason, **value.fields)

        def done(value: CorrectionInput | None) -> None:
            if value is not None:  # saved by the form (None: cancelled, nothing written)
                self.refresh_view()
                self.app.notify(_("Rettingen er lagret."), markup=False)

        self.app.push_screen(
            CorrectForm(kind_name(entry.type), fields, today=self.session.today(), save=save), done
        )

    def action_retract(self) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        entry = self._entry()
        if entry is None:
            return
        seq = entry.seq

        def answer(yes: bool | None) -> None:
            if yes and self.call(self.session.retract, seq):
                self.app.notify(_("Oppføringen er trukket tilbake."), markup=False)

        self.app.push_screen(
            ConfirmScreen(
                _("Trekke tilbake oppføringen?"),
                _("«{summary}» blir stående i journalen, merket som trukket tilbake.").format(
                    summary=entry_summary(entry, self.session.scenario)[:200]
                ),
                yes=_("Trekk tilbake"),
                no=_("Behold"),
            ),
            answer,
        )

    def action_back(self) -> None:
        self.app.pop_screen()

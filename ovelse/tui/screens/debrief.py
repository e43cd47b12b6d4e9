"""Debrief (evaluering): rate each objective, record læringspunkter and tiltak, end the exercise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date
from ovelse.session.events import (
    ActionAdded,
    LessonAdded,
    ObjectiveRated,
    action_status_name,
    rating_name,
)
from ovelse.tui.keys import HELP, QUIT_TOOLTIP, keys
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import EngineCalls, current_as
from ovelse.tui.widgets.footer import Bunntekst

if TYPE_CHECKING:
    from ovelse.tui.screens.action import ActionInput
    from ovelse.tui.screens.lesson import LessonInput
    from ovelse.tui.screens.rating import RatingInput
    from ovelse.tui.screens.status import StatusInput

EXPORT_FORMATS = [
    ("docx", "Word (.docx)", N_("oppsummeringsnotat til redigering")),
    ("html", "HTML (.html)", N_("én fil, kan skrives ut")),
    ("md", "Markdown (.md)", N_("ren tekst")),
    ("json", "JSON (.json)", N_("data for andre verktøy")),
    ("csv", "CSV (.csv)", N_("loggen for regneark")),
]
_RATE = N_("Vurder det valgte øvingsmålet: 1 ikke oppnådd … 5 fullt oppnådd")

AFTER_END = frozenset({"export", "copy_path", "help", "quit_app"})
"""What still works once the exercise has ended (the footer shows only these)."""


class DebriefScreen(EngineCalls, Screen[None]):
    """Evaluation right after the exercise (hot wash)."""

    HELP_TITLE = N_("evaluering")
    BINDINGS = [
        HELP,
        Binding("1", "rate(1)", N_("Vurder"), id="vurder-1", key_display="1–5", tooltip=_RATE),
        *[
            Binding(str(n), f"rate({n})", N_("Vurder"), id=f"vurder-{n}", show=False, tooltip=_RATE)
            for n in range(2, 6)
        ],
        Binding(
            "enter",
            "rate_form",
            N_("Kommentar"),
            id="vurder-skjema",
            priority=True,
            tooltip=N_("Vurder det valgte øvingsmålet med kommentar"),
        ),
        Binding(
            keys("l"), "lesson", N_("Læringspunkt"), id="laeringspunkt", tooltip=N_("Skriv et læringspunkt")
        ),
        Binding(
            keys("t"),
            "action",
            N_("Tiltak"),
            id="tiltak",
            tooltip=N_("Nytt tiltak i tiltaksplanen (ansvarlig, frist)"),
        ),
        Binding(
            keys("s"),
            "status",
            N_("Status"),
            id="tiltak-status",
            tooltip=N_("Ny status for et tiltak: ikke startet, pågår, utført eller avlyst"),
        ),
        Binding(
            keys("a"),
            "end",
            N_("Avslutt øvelsen"),
            id="avslutt-ovelsen",
            tooltip=N_("Avslutt øvelsen (spør først); etterpå kan ingenting legges til"),
        ),
        Binding(
            keys("x"),
            "export",
            N_("Eksporter"),
            id="eksporter",
            tooltip=N_("Eksporter rapporten (oppsummeringsnotat)"),
        ),
        Binding(
            keys("c"),
            "copy_path",
            N_("Kopier stien"),
            id="kopier-sti",
            tooltip=N_("Kopier stien til rapporten (eller journalen) til utklippstavlen"),
        ),
        Binding("escape", "back", N_("Tilbake til øvelsen"), id="evaluering-tilbake"),
        Binding(keys("q"), "app.quit_app", N_("Avslutt"), tooltip=QUIT_TOOLTIP, id="evaluering-avslutt"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report_path: Path | None = None
        """The last report written from this screen (stays on screen, C copies it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="debrief"):
            yield Static(
                Content.assemble(
                    (_("Evaluering"), "bold"),
                    " – ",
                    (one_line(self.session.scenario.meta.title), "$text-primary"),
                ),
                classes="screen-title",
            )
            yield Static(
                Content.styled(_("Øvingsmål – velg et mål og trykk 1–5 (Enter for kommentar)"), "bold"),
                classes="list-title",
            )
            yield OptionList(id="debrief-mal", markup=False)
            with VerticalScroll(id="debrief-lists"):
                yield Static(id="debrief-summary")
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        state = self.session.state
        objectives = self.query_one(OptionList)
        highlighted = objectives.highlighted
        objectives.clear_options()
        for objective in self.session.scenario.objectives:
            rated = state.rating(objective.id)
            if rated is not None:
                rating = current_as(rated, ObjectiveRated)
                value = rating.rating
                line = Content.styled(f"  {value} – {rating_name(value)}", "bold $text-success")
                if rating.comment:
                    line = Content.assemble(line, ("  " + one_line(rating.comment), "$text-muted"))
            else:
                line = Content.styled("  " + _("ikke vurdert"), "$text-muted")
            prompt = Content.assemble(
                (f"{one_line(objective.id)}: ", "bold"), one_line(objective.text), "\n", line
            )
            objectives.add_option(Option(prompt, id=objective.id))
        if objectives.option_count:
            objectives.highlighted = min(highlighted or 0, objectives.option_count - 1)
        self.query_one("#debrief-summary", Static).update(self.summary())
        self.refresh_bindings()

    def summary(self) -> Content:
        state = self.session.state
        lines: list[Content] = [Content.styled(_("Læringspunkter (L legger til)"), "bold $text-accent")]
        lessons = [e for e in state.lessons if not e.retracted]
        if lessons:
            lines.extend(
                Content.assemble(("• ", "$text-accent"), one_line(current_as(e, LessonAdded).text))
                for e in lessons
            )
        else:
            lines.append(Content.styled(_("Ingen ennå."), "$text-muted"))
        lines.append(Content(""))
        lines.append(Content.styled(_("Tiltaksplan (T legger til, S endrer status)"), "bold $text-accent"))
        actions = [e for e in state.actions if not e.retracted]
        if actions:
            for entry in actions:
                action = current_as(entry, ActionAdded)
                details = []
                if action.owner:
                    details.append(_("ansvarlig: {owner}").format(owner=one_line(action.owner)))
                if action.deadline:
                    details.append(_("frist: {date}").format(date=short_date(action.deadline)))
                details.append(action_status_name(action.status))
                lines.append(
                    Content.assemble(
                        ("• ", "$text-accent"),
                        one_line(action.text),
                        ("  " + " · ".join(details), "$text-muted"),
                    )
                )
        else:
            lines.append(Content.styled(_("Ingen ennå."), "$text-muted"))
        lines.append(Content(""))
        if state.is_ended:
            lines.append(
                Content.styled(_("Øvelsen er avsluttet. Journalen er lagret:"), "bold $text-warning")
            )
            lines.append(Content(one_line(str(self.session.path))))
        else:
            lines.append(
                Content.styled(
                    _("A avslutter øvelsen når evalueringen er ferdig. Alt lagres fortløpende i journalen."),
                    "$text-muted",
                )
            )
        if self.report_path is not None:
            lines.append(Content(""))
            lines.append(Content.styled(_("Rapporten er skrevet (C kopierer stien):"), "bold $text-success"))
            lines.append(Content(one_line(str(self.report_path))))
        return Content("\n").join(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.session.state.is_ended:
            self.action_rate_form()

    def _objective_id(self) -> str | None:
        objectives = self.query_one(OptionList)
        if objectives.highlighted is None:
            return None
        return objectives.get_option_at_index(objectives.highlighted).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.ovelse.session is None:
            return True
        if self.session.state.is_ended:
            return action in AFTER_END  # after the end the footer shows only what still works
        if action in ("rate", "rate_form"):
            return True if self.session.scenario.objectives else None
        if action == "status":
            return True if any(not e.retracted for e in self.session.state.actions) else None
        return True

    def action_rate(self, rating: int) -> None:
        objective_id = self._objective_id()
        if (
            objective_id is not None
            and self.call(self.session.rate_objective, objective_id, rating) is not None
        ):
            self.app.notify(f"{objective_id}: {rating} – {rating_name(rating)}", markup=False)

    def action_rate_form(self) -> None:
        from ovelse.tui.screens.rating import RatingForm

        objective_id = self._objective_id()
        if objective_id is None:
            return
        objective = next(o for o in self.session.scenario.objectives if o.id == objective_id)
        entry = self.session.state.rating(objective_id)
        rated = current_as(entry, ObjectiveRated) if entry is not None else None

        def save(value: RatingInput) -> object:
            return self.session.rate_objective(value.objective_id, value.rating, comment=value.comment)

        self.app.push_screen(
            RatingForm(
                objective_id,
                objective.text,
                rated.rating if rated else None,
                (rated.comment or "") if rated else "",
                save=save,
            ),
            self._saved(None),
        )

    def _saved(self, message: str | None) -> Callable[[Any], None]:
        """Result callback for a form that saves through the engine itself (None: cancelled, nothing written)."""

        def done(value: Any) -> None:
            if value is None:
                return
            self.refresh_view()
            if message:
                self.app.notify(message, markup=False)

        return done

    def action_lesson(self) -> None:
        from ovelse.tui.screens.lesson import LessonForm

        objectives = [(o.id, f"{o.id}: {one_line(o.text)}") for o in self.session.scenario.objectives]

        def save(value: LessonInput) -> object:
            return self.session.add_lesson(value.text, objectives=value.objectives)

        self.app.push_screen(LessonForm(objectives, save=save), self._saved(_("Læringspunktet er lagret.")))

    def action_action(self) -> None:
        from ovelse.tui.screens.action import ActionForm

        lessons = [
            (e.seq, current_as(e, LessonAdded).text) for e in self.session.state.lessons if not e.retracted
        ]

        def save(value: ActionInput) -> object:
            return self.session.add_action(
                value.text, owner=value.owner, deadline=value.deadline, lesson=value.lesson
            )

        self.app.push_screen(
            ActionForm(lessons, today=self.session.today(), save=save), self._saved(_("Tiltaket er lagret."))
        )

    def action_status(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        actions = [current_as(e, ActionAdded) for e in self.session.state.actions if not e.retracted]
        items = [PickItem(str(a.seq), a.text, action_status_name(a.status)) for a in actions]
        self.app.push_screen(PickerScreen(_("Hvilket tiltak?"), items), self._status_for)

    def _status_for(self, seq_text: str | None) -> None:
        from ovelse.tui.screens.status import StatusForm

        if seq_text is None:
            return
        action = current_as(self.session.state.entries[int(seq_text)], ActionAdded)
        seq = int(seq_text)

        def save(value: StatusInput) -> object:
            return self.session.set_action_status(
                seq, value.status, on=value.on, by=value.by, comment=value.comment
            )

        self.app.push_screen(
            StatusForm(one_line(action.text), action.status, self.session.today(), save=save),
            self._saved(_("Statusen er lagret.")),
        )

    def action_end(self) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        state = self.session.state
        unrated = [o.id for o in self.session.scenario.objectives if state.rating(o.id) is None]
        message = _(
            "Etterpå kan ingenting mer legges til i journalen. Alt dere har registrert er allerede lagret."
        )
        if unrated:
            message = (
                _("Ikke vurdert ennå: {objectives}.").format(objectives=", ".join(unrated)) + " " + message
            )

        def answer(yes: bool | None) -> None:
            if yes and self.call(self.session.end) is not None:
                self.app.notify(_("Øvelsen er avsluttet."), markup=False)

        self.app.push_screen(
            ConfirmScreen(
                _("Avslutte øvelsen?"), message, yes=_("Avslutt øvelsen"), no=_("Fortsett evalueringen")
            ),
            answer,
        )

    def action_export(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        items = [PickItem(fmt, name, _(detail)) for fmt, name, detail in EXPORT_FORMATS]
        self.app.push_screen(
            PickerScreen(
                _("Eksporter rapporten"),
                items,
                hint=_("Filen legges ved siden av journalen · Enter velger · Esc avbryter"),
            ),
            self._export,
        )

    def _export(self, fmt: str | None) -> None:
        if fmt is not None:
            self.app.notify(_("Lager rapporten …"), timeout=3, markup=False)
            self._export_worker(self.session.path, fmt)

    @work(thread=True, exclusive=True, group="export")
    def _export_worker(self, journal: Path, fmt: str) -> None:
        """Replaying and rendering a long journal takes time: off the event loop."""
        from ovelse.report.command import export_journal
        from ovelse.report.errors import ExportError

        try:
            written = export_journal(journal, fmt)
        except (ExportError, OSError) as exc:
            self.app.call_from_thread(self._export_failed, exc)
            return
        self.app.call_from_thread(self._exported, written)

    def _export_failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None) or str(exc)
        hint = getattr(exc, "hint", "")
        self.app.notify(
            f"{message}\n{hint}".strip(),
            title=_("Eksporten ble ikke laget"),
            severity="error",
            timeout=10,
            markup=False,
        )

    def _exported(self, written: Path) -> None:
        self.report_path = written
        self.refresh_view()
        self.app.notify(
            _("Rapporten er skrevet: {path}").format(path=one_line(written)), timeout=10, markup=False
        )

    def action_copy_path(self) -> None:
        path = self.report_path or self.session.path
        self.app.copy_to_clipboard(str(path))
        self.app.notify(_("Kopiert: {path}").format(path=one_line(path)), markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()

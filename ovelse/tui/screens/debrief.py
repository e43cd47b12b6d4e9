"""Debrief (evaluering): rate each objective, record læringspunkter and tiltak, end the exercise."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ovelse.tui.keys import HELP, QUIT_TOOLTIP
from ovelse.tui.names import format_date
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.engine_calls import EngineCalls
from ovelse.tui.screens.rating import RATING_SCALE
from ovelse.tui.widgets.footer import Bunntekst

EXPORT_FORMATS = [
    ("docx", "Word (.docx)", "oppsummeringsnotat til redigering"),
    ("html", "HTML (.html)", "én fil, kan skrives ut"),
    ("md", "Markdown (.md)", "ren tekst"),
    ("json", "JSON (.json)", "data for andre verktøy"),
    ("csv", "CSV (.csv)", "loggen for regneark"),
]
_RATE = "Vurder det valgte øvingsmålet: 1 ikke oppnådd … 5 fullt oppnådd"


class DebriefScreen(EngineCalls, Screen[None]):
    """Evaluation right after the exercise (hot wash)."""

    HELP_TITLE = "Evaluering"
    BINDINGS = [
        HELP,
        Binding("1", "rate(1)", "Vurder", id="vurder-1", key_display="1–5", tooltip=_RATE),
        *[
            Binding(str(n), f"rate({n})", "Vurder", id=f"vurder-{n}", show=False, tooltip=_RATE)
            for n in range(2, 6)
        ],
        Binding(
            "enter",
            "rate_form",
            "Kommentar",
            id="vurder-skjema",
            priority=True,
            tooltip="Vurder det valgte øvingsmålet med kommentar",
        ),
        Binding("l", "lesson", "Læringspunkt", id="laeringspunkt", tooltip="Skriv et læringspunkt"),
        Binding(
            "t", "action", "Tiltak", id="tiltak", tooltip="Nytt tiltak i tiltaksplanen (ansvarlig, frist)"
        ),
        Binding(
            "a",
            "end",
            "Avslutt øvelsen",
            id="avslutt-ovelsen",
            tooltip="Avslutt øvelsen (spør først); etterpå kan ingenting legges til",
        ),
        Binding(
            "x", "export", "Eksporter", id="eksporter", tooltip="Eksporter rapporten (oppsummeringsnotat)"
        ),
        Binding("escape", "back", "Tilbake til øvelsen", id="evaluering-tilbake"),
        Binding("q", "app.quit_app", "Avslutt", tooltip=QUIT_TOOLTIP, id="evaluering-avslutt"),
    ]

    @property
    def session(self) -> Any:
        return self.app.session

    def compose(self) -> ComposeResult:
        with Vertical(id="debrief"):
            yield Static(
                Content.assemble(
                    ("Evaluering", "bold"),
                    " – ",
                    (one_line(self.session.scenario.meta.title), "$text-primary"),
                ),
                classes="screen-title",
            )
            yield Static(
                Content.styled("Øvingsmål – velg et mål og trykk 1–5 (Enter for kommentar)", "bold"),
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
                value = rated.current.rating
                line = Content.styled(f"  {value} – {RATING_SCALE.get(value, '')}", "bold $text-success")
                if rated.current.comment:
                    line = Content.assemble(line, ("  " + one_line(rated.current.comment), "$text-muted"))
            else:
                line = Content.styled("  ikke vurdert", "$text-muted")
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
        lines: list[Content] = [Content.styled("Læringspunkter (L legger til)", "bold $text-accent")]
        lessons = [e for e in state.lessons if not e.retracted]
        if lessons:
            lines.extend(Content.assemble(("• ", "$text-accent"), one_line(e.current.text)) for e in lessons)
        else:
            lines.append(Content.styled("Ingen ennå.", "$text-muted"))
        lines.append(Content(""))
        lines.append(Content.styled("Tiltaksplan (T legger til)", "bold $text-accent"))
        actions = [e for e in state.actions if not e.retracted]
        if actions:
            for entry in actions:
                action = entry.current
                details = []
                if action.owner:
                    details.append(f"ansvarlig: {one_line(action.owner)}")
                if action.deadline:
                    details.append(f"frist: {format_date(action.deadline)}")
                lines.append(
                    Content.assemble(
                        ("• ", "$text-accent"),
                        one_line(action.text),
                        ("  " + " · ".join(details), "$text-muted"),
                    )
                )
        else:
            lines.append(Content.styled("Ingen ennå.", "$text-muted"))
        lines.append(Content(""))
        if state.is_ended:
            lines.append(Content.styled("Øvelsen er avsluttet. Journalen er lagret:", "bold $text-warning"))
            lines.append(Content(one_line(str(self.session.path))))
        else:
            lines.append(
                Content.styled(
                    "A avslutter øvelsen når evalueringen er ferdig. Alt lagres fortløpende i journalen.",
                    "$text-muted",
                )
            )
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
        if self.session is None:
            return True
        ended = self.session.state.is_ended
        if action in ("rate", "rate_form"):
            return None if ended or not self.session.scenario.objectives else True
        if action in ("lesson", "action", "end"):
            return None if ended else True
        if action == "export":
            return True if _exporter() is not None else None
        if action == "back":
            return None if ended else True
        return True

    def action_rate(self, rating: int) -> None:
        objective_id = self._objective_id()
        if objective_id is not None and self.call(self.session.rate_objective, objective_id, rating):
            self.app.notify(f"{objective_id}: {rating} – {RATING_SCALE[rating]}", markup=False)

    def action_rate_form(self) -> None:
        from ovelse.tui.screens.rating import RatingForm

        objective_id = self._objective_id()
        if objective_id is None:
            return
        objective = next(o for o in self.session.scenario.objectives if o.id == objective_id)
        rated = self.session.state.rating(objective_id)

        def save(value: Any) -> Any:
            return self.session.rate_objective(value.objective_id, value.rating, comment=value.comment)

        self.app.push_screen(
            RatingForm(
                objective_id,
                objective.text,
                rated.current.rating if rated else None,
                (rated.current.comment or "") if rated else "",
                save=save,
            ),
            self._saved(None),
        )

    def _saved(self, message: str | None) -> Any:
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
        self.app.push_screen(
            LessonForm(objectives, save=lambda v: self.session.add_lesson(v.text, objectives=v.objectives)),
            self._saved("Læringspunktet er lagret."),
        )

    def action_action(self) -> None:
        from ovelse.tui.screens.action import ActionForm

        lessons = [(e.seq, e.current.text) for e in self.session.state.lessons if not e.retracted]

        def save(value: Any) -> Any:
            return self.session.add_action(
                value.text, owner=value.owner, deadline=value.deadline, lesson=value.lesson
            )

        self.app.push_screen(ActionForm(lessons, save=save), self._saved("Tiltaket er lagret."))

    def action_end(self) -> None:
        from ovelse.tui.screens.confirm import ConfirmScreen

        state = self.session.state
        unrated = [o.id for o in self.session.scenario.objectives if state.rating(o.id) is None]
        message = (
            "Etterpå kan ingenting mer legges til i journalen. Alt dere har registrert er allerede lagret."
        )
        if unrated:
            message = f"Ikke vurdert ennå: {', '.join(unrated)}. " + message

        def answer(yes: bool | None) -> None:
            if yes and self.call(self.session.end) is not None:
                self.app.notify("Øvelsen er avsluttet.", markup=False)

        self.app.push_screen(
            ConfirmScreen("Avslutte øvelsen?", message, yes="Avslutt øvelsen", no="Fortsett evalueringen"),
            answer,
        )

    def action_export(self) -> None:
        from ovelse.tui.screens.picker import PickerScreen, PickItem

        exporter = _exporter()
        if exporter is None:
            self.app.notify("Eksport er ikke tilgjengelig i denne versjonen.", markup=False)
            return
        items = [PickItem(fmt, name, detail) for fmt, name, detail in EXPORT_FORMATS]
        self.app.push_screen(
            PickerScreen(
                "Eksporter rapporten",
                items,
                hint="Filen legges ved siden av journalen · Enter velger · Esc avbryter",
            ),
            self._export,
        )

    def _export(self, fmt: str | None) -> None:
        if fmt is None:
            return
        try:
            written = _exporter()(self.session.path, fmt)
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc)
            hint = getattr(exc, "hint", "")
            self.app.notify(
                f"{message}\n{hint}".strip(),
                title="Eksporten ble ikke laget",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.app.notify(f"Rapporten er skrevet: {written}", timeout=10, markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()


@lru_cache(maxsize=1)
def _exporter() -> Any:
    """The report exporter (``ovelse.report.export_journal``), or None in a build without it."""
    try:
        from ovelse.report import export_journal  # type: ignore[attr-defined]
    except ImportError:
        return None
    return export_journal

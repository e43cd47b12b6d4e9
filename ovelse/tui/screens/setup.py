"""Set-up, step 1: the exercise facts (øvingsdirektiv). Creating the journal happens here."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date
from ovelse.session.facts import FIRST_YEAR, LAST_YEAR
from ovelse.tui import messages
from ovelse.tui.keys import HELP
from ovelse.tui.names import role_names
from ovelse.tui.safetext import clean, one_line
from ovelse.tui.screens.engine_calls import ovelse_app
from ovelse.tui.widgets.footer import Bunntekst

if TYPE_CHECKING:
    from ovelse.scenario.loader import LoadResult

_DATE_NO = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str, example: date | None = None) -> date:
    """«15.09.2026» or «2026-09-15» → date in the years FIRST_YEAR–LAST_YEAR; ValueError with a Norwegian
    message otherwise (``example``: the date the message shows as an example, e.g. today)."""
    if match := _DATE_NO.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        shown = short_date(example or date.today())
        raise ValueError(_("skriv datoen som DD.MM.ÅÅÅÅ, f.eks. {example}").format(example=shown))
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(_("{text} er ikke en gyldig dato").format(text=text.strip())) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            _("{text} kan ikke brukes: året må være mellom {first} og {last}").format(
                text=text.strip(), first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return value


FIELDS: list[tuple[str, str, str]] = [
    ("municipality", N_("Kommune"), N_("f.eks. Nesseby kommune")),
    ("date", N_("Dato"), N_("DD.MM.ÅÅÅÅ")),
    ("place", N_("Sted"), N_("f.eks. kommunestyresalen")),
    ("facilitator", N_("Øvingsleder"), N_("navn på den som leder øvelsen")),
    ("purpose", N_("Formål med øvelsen"), N_("hva skal øvelsen gi kommunen?")),
]
WARN_BLANK = ("place", "facilitator", "purpose")
"""Facts the report needs: a blank one is asked about (the report would say «Ikke oppgitt»)."""


class SetupScreen(Screen[None]):
    """Collects the facts; «Neste» creates the journal (from then on everything is saved)."""

    HELP_TITLE = N_("oppsett: fakta om øvelsen")
    BINDINGS = [
        HELP,
        Binding("ctrl+n,f5", "next", N_("Neste: deltakere"), id="oppsett-neste"),
        Binding("escape", "back", N_("Tilbake"), id="oppsett-tilbake"),
    ]

    def __init__(self, result: LoadResult, file: str) -> None:
        super().__init__()
        self.result = result
        self.file = file

    def compose(self) -> ComposeResult:
        scenario = self.result.scenario
        assert scenario is not None
        meta = scenario.meta
        today = ovelse_app(self).today()
        defaults = {"municipality": one_line(meta.municipality), "date": short_date(today)}
        with Vertical(id="setup"):
            yield Static(
                Content.assemble(
                    (_("Oppsett, steg 1 av 2: "), "bold"),
                    _("fakta om øvelsen – "),
                    (one_line(meta.title), "bold $text-primary"),
                ),
                classes="screen-title",
            )
            with VerticalScroll(id="setup-form", classes="form"):
                yield Static(Content.styled(clean(meta.summary).strip(), "$text-muted"), id="setup-summary")
                for key, label, placeholder in FIELDS:
                    yield Static(Content(_(label)), classes="field-label")
                    yield Input(
                        compact=True,
                        value=defaults.get(key, ""),
                        placeholder=_(placeholder),
                        id=f"fakta-{key}",
                    )
                if scenario.roles.required:
                    yield Static(Content(""))
                    yield Static(
                        Content.assemble(
                            (_("Roller scenarioet trenger: "), "bold"),
                            role_names(scenario, scenario.roles.required),
                        )
                    )
                yield Static(Content(""), id="setup-error", classes="form-error")
                yield Static(
                    Content.styled(
                        _(
                            "Ctrl+N eller F5 oppretter journalen og går videre til deltakere og roller. "
                            "Fra da av lagres alt fortløpende."
                        ),
                        "$text-muted",
                    )
                )
        yield Bunntekst(compact=True)

    def on_mount(self) -> None:
        self.query_one("#fakta-place", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def facts(self) -> dict[str, Any]:
        """The form as engine facts; raises ValueError with a Norwegian message."""
        values = {key: clean(self.query_one(f"#fakta-{key}", Input).value).strip() for key, *_rest in FIELDS}
        if not values["municipality"]:
            raise ValueError(_("skriv inn kommunen"))
        facts: dict[str, Any] = dict(values)
        facts["date"] = parse_date(values["date"], ovelse_app(self).today())
        assert self.result.scenario is not None
        facts["title"] = one_line(self.result.scenario.meta.title)
        return facts

    def blank_fields(self) -> list[str]:
        """The ids of the facts the report needs that are still blank."""
        return [key for key in WARN_BLANK if not self.query_one(f"#fakta-{key}", Input).value.strip()]

    def action_next(self) -> None:
        try:
            facts = self.facts()
        except ValueError as exc:
            self.query_one("#setup-error", Static).update(
                Content(_("Kan ikke gå videre: {reason}.").format(reason=exc))
            )
            return
        blank = self.blank_fields()
        if not blank:
            self.post_message(messages.StartSession(self.result, self.file, facts))
            return
        from ovelse.tui.screens.confirm import ConfirmScreen

        labels = {key: _(label) for key, label, _p in FIELDS}

        def answer(go_on: bool | None) -> None:
            if go_on:
                self.post_message(messages.StartSession(self.result, self.file, facts))
            else:
                self.query_one(f"#fakta-{blank[0]}", Input).focus()

        self.app.push_screen(
            ConfirmScreen(
                _("Noen felt er tomme: {fields}").format(fields=", ".join(labels[k] for k in blank)),
                _(
                    "Rapporten vil si «Ikke oppgitt» der. Dere kan fylle dem ut nå, eller rette faktaene "
                    "senere under øvelsen."
                ),
                yes=_("Gå videre likevel"),
                no=_("Fyll ut"),
            ),
            answer,
        )

    def action_back(self) -> None:
        self.post_message(messages.LeaveSetup())

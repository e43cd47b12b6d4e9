"""Set-up, step 1: the exercise facts (øvingsdirektiv). Creating the journal happens here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from ovelse.session.facts import FIRST_YEAR, LAST_YEAR
from ovelse.tui.keys import HELP
from ovelse.tui.names import format_date, role_names
from ovelse.tui.safetext import clean, one_line
from ovelse.tui.widgets.footer import Bunntekst

_DATE_NO = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date:
    """«15.09.2026» or «2026-09-15» → date in the years FIRST_YEAR–LAST_YEAR; ValueError with a Norwegian
    message otherwise."""
    if match := _DATE_NO.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError("skriv datoen som DD.MM.ÅÅÅÅ, f.eks. 15.09.2026")
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} er ikke en gyldig dato") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"{text.strip()} kan ikke brukes: året må være mellom {FIRST_YEAR} og {LAST_YEAR}")
    return value


FIELDS: list[tuple[str, str, str]] = [
    ("municipality", "Kommune", "f.eks. Nesseby kommune"),
    ("date", "Dato", "DD.MM.ÅÅÅÅ"),
    ("place", "Sted", "f.eks. kommunestyresalen"),
    ("facilitator", "Øvingsleder", "navn på den som leder øvelsen"),
    ("purpose", "Formål med øvelsen", "hva skal øvelsen gi kommunen?"),
]


class SetupScreen(Screen[None]):
    """Collects the facts; «Neste» creates the journal (from then on everything is saved)."""

    HELP_TITLE = "Oppsett: fakta om øvelsen"
    BINDINGS = [
        HELP,
        Binding("ctrl+n,f5", "next", "Neste: deltakere", id="oppsett-neste"),
        Binding("escape", "back", "Tilbake", id="oppsett-tilbake"),
    ]

    def __init__(self, result: Any, file: str) -> None:
        super().__init__()
        self.result = result
        self.file = file

    def compose(self) -> ComposeResult:
        scenario = self.result.scenario
        meta = scenario.meta
        today = self.app.today()
        defaults = {"municipality": one_line(meta.municipality), "date": format_date(today)}
        with Vertical(id="setup"):
            yield Static(
                Content.assemble(
                    ("Oppsett, steg 1 av 2: ", "bold"),
                    "fakta om øvelsen – ",
                    (one_line(meta.title), "bold $text-primary"),
                ),
                classes="screen-title",
            )
            with VerticalScroll(id="setup-form", classes="form"):
                yield Static(Content.styled(clean(meta.summary).strip(), "$text-muted"), id="setup-summary")
                for key, label, placeholder in FIELDS:
                    yield Static(Content(label), classes="field-label")
                    yield Input(
                        compact=True, value=defaults.get(key, ""), placeholder=placeholder, id=f"fakta-{key}"
                    )
                if scenario.roles.required:
                    yield Static(Content(""))
                    yield Static(
                        Content.assemble(
                            ("Roller scenarioet trenger: ", "bold"),
                            role_names(scenario, scenario.roles.required),
                        )
                    )
                yield Static(Content(""), id="setup-error", classes="form-error")
                yield Static(
                    Content.styled(
                        "Ctrl+N eller F5 oppretter journalen og går videre til deltakere og roller. "
                        "Fra da av lagres alt fortløpende.",
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
        values = {key: clean(self.query_one(f"#fakta-{key}", Input).value).strip() for key, _, _ in FIELDS}
        if not values["municipality"]:
            raise ValueError("skriv inn kommunen")
        facts: dict[str, Any] = dict(values)
        facts["date"] = parse_date(values["date"])
        facts["title"] = one_line(self.result.scenario.meta.title)
        return facts

    def action_next(self) -> None:
        try:
            facts = self.facts()
        except ValueError as exc:
            self.query_one("#setup-error", Static).update(Content(f"Kan ikke gå videre: {exc}."))
            return
        self.app.start_session(self.result, self.file, facts)

    def action_back(self) -> None:
        self.app.leave_setup(self)

"""A scenario with errors opens nothing: the validator's findings are shown instead."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ovelse.tui.keys import HELP
from ovelse.tui.safetext import one_line
from ovelse.tui.widgets.footer import Bunntekst

_SEVERITY = {
    "error": ("feil", "bold $text-error"),
    "warning": ("advarsel", "bold $text-warning"),
    "info": ("info", "$text-muted"),
}


def findings_content(findings: list) -> Content:
    lines: list[Content] = []
    for finding in findings:
        label, style = _SEVERITY.get(finding.severity, (finding.severity, "bold"))
        where = ""
        if finding.line is not None:
            where = f"linje {finding.line}, kolonne {finding.column or 1}: "
        lines.append(
            Content.assemble((f"{label} {finding.code}", style), "  ", where, one_line(finding.message))
        )
        if finding.hint:
            lines.append(Content.assemble(("    tips: ", "$text-muted"), one_line(finding.hint)))
    return Content("\n").join(lines)


class FindingsScreen(Screen[None]):
    """Shows why a scenario cannot be opened; nothing is started and no journal is written."""

    HELP_TITLE = "Scenarioet har feil"
    BINDINGS = [
        HELP,
        Binding("r", "reload", "Last inn på nytt", id="funn-last-inn"),
        Binding("escape,q", "leave", "Tilbake", id="funn-tilbake"),
    ]

    def __init__(self, file: str, findings: list) -> None:
        super().__init__()
        self._file = file
        self._findings = findings

    def compose(self) -> ComposeResult:
        errors = sum(1 for f in self._findings if f.severity == "error")
        with Vertical(id="findings"):
            yield Static(
                Content.styled("Scenarioet har feil og kan ikke åpnes", "bold $text-error"),
                classes="screen-title",
            )
            yield Static(
                Content.assemble(
                    "Fil: ",
                    (one_line(self._file), "bold"),
                    f" · {errors} feil, {len(self._findings) - errors} andre funn. ",
                    "Ingen øvelse er startet og ingenting er lagret. Rett filen og trykk R, eller sjekk den med ",
                    ("ovelse validate", "bold"),
                    ".",
                ),
                id="findings-intro",
            )
            with VerticalScroll(id="findings-list"):
                yield Static(findings_content(self._findings), id="findings-body")
        yield Bunntekst(compact=True)

    def action_reload(self) -> None:
        self.app.reload_scenario(self._file, from_screen=self)

    def action_leave(self) -> None:
        self.app.leave_findings(self)

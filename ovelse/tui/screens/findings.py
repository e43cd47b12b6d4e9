"""A scenario with errors opens nothing: the validator's findings are shown instead."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.scenario.diagnostics import Finding
from ovelse.tui import messages
from ovelse.tui.keys import HELP, keys
from ovelse.tui.safetext import one_line
from ovelse.tui.widgets.footer import Bunntekst

_SEVERITY = {
    "error": (N_("feil"), "bold $text-error"),
    "warning": (N_("advarsel"), "bold $text-warning"),
    "info": (N_("info"), "$text-muted"),
}


def findings_content(findings: list[Finding]) -> Content:
    lines: list[Content] = []
    for finding in findings:
        label, style = _SEVERITY.get(finding.severity, (finding.severity, "bold"))
        label = _(label)
        where = ""
        if finding.line is not None:
            where = _("linje {line}, kolonne {column}: ").format(
                line=finding.line, column=finding.column or 1
            )
        lines.append(
            Content.assemble((f"{label} {finding.code}", style), "  ", where, one_line(finding.message))
        )
        if finding.hint:
            lines.append(Content.assemble(("    " + _("tips: "), "$text-muted"), one_line(finding.hint)))
    return Content("\n").join(lines)


class FindingsScreen(Screen[None]):
    """Shows why a scenario cannot be opened; nothing is started and no journal is written."""

    HELP_TITLE = N_("scenarioet har feil")
    BINDINGS = [
        HELP,
        Binding(keys("r"), "reload", N_("Last inn på nytt"), id="funn-last-inn"),
        Binding("escape," + keys("q"), "leave", N_("Tilbake"), id="funn-tilbake"),
    ]

    def __init__(self, file: str, findings: list[Finding]) -> None:
        super().__init__()
        self._file = file
        self._findings = findings

    def compose(self) -> ComposeResult:
        errors = sum(1 for f in self._findings if f.severity == "error")
        with Vertical(id="findings"):
            yield Static(
                Content.styled(_("Scenarioet har feil og kan ikke åpnes"), "bold $text-error"),
                classes="screen-title",
            )
            yield Static(
                Content.assemble(
                    _("Fil: "),
                    (one_line(self._file), "bold"),
                    " · ",
                    _("{errors} feil, {others} andre funn.").format(
                        errors=errors, others=len(self._findings) - errors
                    ),
                    " ",
                    _(
                        "Ingen øvelse er startet og ingenting er lagret. Rett filen og trykk R, "
                        "eller sjekk den med «ovelse validate»."
                    ),
                ),
                id="findings-intro",
            )
            with VerticalScroll(id="findings-list"):
                yield Static(findings_content(self._findings), id="findings-body")
        yield Bunntekst(compact=True)

    def action_reload(self) -> None:
        self.post_message(messages.ReloadScenario(self._file))

    def action_leave(self) -> None:
        self.post_message(messages.LeaveFindings())

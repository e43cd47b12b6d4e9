"""The latest log entries (decisions, observations, notes, injects, debrief items)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from ovelse.tui.names import format_date, format_duration, objective_text, role_names
from ovelse.tui.safetext import one_line

KIND_NAMES: dict[str, str] = {
    "decision_logged": "Beslutning",
    "observation": "Observasjon",
    "note": "Notat",
    "inject_fired": "Ekstra innspill",
    "participant_added": "Deltaker",
    "objective_rated": "Vurdering",
    "lesson_added": "Læringspunkt",
    "action_added": "Tiltak",
}
KIND_STYLES: dict[str, str] = {
    "decision_logged": "bold $text-success",
    "observation": "bold $text-accent",
    "note": "bold",
    "inject_fired": "bold $text-warning",
}


def entry_summary(entry: Any, scenario: Any = None) -> str:
    """The main text of an entry on one line."""
    event = entry.current
    kind = entry.type
    if kind == "inject_fired":
        inject = scenario.inject_map.get(event.inject_id) if scenario is not None else None
        return one_line(inject.title if inject else (event.title or event.inject_id))
    if kind == "participant_added":
        text = one_line(event.name)
        if event.organisation:
            text += f" ({one_line(event.organisation)})"
        return text
    if kind == "objective_rated":
        return (
            f"{one_line(event.objective_id)}: {event.rating} – {objective_text(scenario, event.objective_id)}"
        )
    if kind == "action_added":
        text = one_line(event.text)
        if event.owner:
            text += f" · ansvarlig: {one_line(event.owner)}"
        if event.deadline:
            text += f" · frist: {format_date(event.deadline)}"
        return text
    return one_line(getattr(event, "text", ""))


def entry_details(entry: Any, scenario: Any = None) -> list[str]:
    """Secondary lines: roles, rationale, disagreement, open question, observer, objectives."""
    event = entry.current
    out: list[str] = []
    roles = getattr(event, "roles", None)
    if roles and entry.type == "decision_logged":
        out.append(f"ansvarlig: {role_names(scenario, roles)}")
    for attr, label in (
        ("rationale", "begrunnelse"),
        ("disagreement", "uenighet"),
        ("open_question", "åpent spørsmål"),
        ("observer", "observatør"),
        ("comment", "kommentar"),
    ):
        value = getattr(event, attr, None)
        if value:
            out.append(f"{label}: {one_line(value)}")
    objectives = getattr(event, "objectives", None)
    if objectives:
        out.append("øvingsmål: " + ", ".join(one_line(o) for o in objectives))
    return out


def entry_content(entry: Any, scenario: Any = None, *, details: bool = True) -> Content:
    kind = KIND_NAMES.get(entry.type, entry.type)
    head = Content.assemble(
        (format_duration(entry.elapsed), "$text-muted"), " ", (kind, KIND_STYLES.get(entry.type, "bold"))
    )
    if entry.retracted:
        head = Content.assemble(head, (" (trukket tilbake)", "$text-error"))
    elif entry.corrected:
        head = Content.assemble(head, (" (rettet)", "$text-muted"))
    body = Content(entry_summary(entry, scenario))
    if entry.retracted:
        body = body.stylize("strike $text-muted")
    lines = [head, Content.assemble("  ", body)]
    if details:
        for line in entry_details(entry, scenario):
            lines.append(Content.styled("  " + line, "$text-muted"))
    return Content("\n").join(lines)


LOG_KINDS = frozenset({"decision_logged", "observation", "note", "inject_fired"})


class LogPanel(Static):
    """The newest few entries of the exercise log, newest first."""

    def show(self, entries: list[Any], scenario: Any = None, *, limit: int = 6) -> None:
        picked: list[Any] = []
        for entry in reversed(entries):
            if entry.type in LOG_KINDS:
                picked.append(entry)
                if len(picked) >= limit:
                    break
        if not picked:
            self.update(
                Content.styled(
                    "Ingenting logget ennå. D: beslutning · O: observasjon · M: notat", "$text-muted"
                )
            )
            return
        self.update(Content("\n").join(entry_content(e, scenario) for e in picked))

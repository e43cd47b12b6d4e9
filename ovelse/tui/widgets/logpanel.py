"""The latest log entries (decisions, observations, notes, injects, debrief items)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date, timer
from ovelse.session.events import action_status_name
from ovelse.tui.names import objective_text, role_names
from ovelse.tui.safetext import one_line

if TYPE_CHECKING:
    from ovelse.scenario.model import Scenario
    from ovelse.session.state import Entry

KIND_NAMES: dict[str, str] = {
    "decision_logged": N_("Beslutning"),
    "observation": N_("Observasjon"),
    "note": N_("Notat"),
    "inject_fired": N_("Ekstra innspill"),
    "participant_added": N_("Deltaker"),
    "objective_rated": N_("Vurdering"),
    "lesson_added": N_("Læringspunkt"),
    "action_added": N_("Tiltak"),
}
KIND_STYLES: dict[str, str] = {
    "decision_logged": "bold $text-success",
    "observation": "bold $text-accent",
    "note": "bold",
    "inject_fired": "bold $text-warning",
}


def kind_name(kind: str) -> str:
    """The entry kind as the user reads it."""
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def entry_summary(entry: Entry, scenario: Scenario | None = None) -> str:
    """The main text of an entry on one line."""
    event = entry.current
    kind = entry.type
    if kind == "inject_fired":
        inject_id = str(getattr(event, "inject_id", ""))
        inject = scenario.inject_map.get(inject_id) if scenario is not None else None
        return one_line(inject.title if inject else (getattr(event, "title", None) or inject_id))
    if kind == "participant_added":
        text = one_line(getattr(event, "name", ""))
        organisation = getattr(event, "organisation", None)
        if organisation:
            text += f" ({one_line(organisation)})"
        return text
    if kind == "objective_rated":
        objective_id = str(getattr(event, "objective_id", ""))
        return f"{one_line(objective_id)}: {getattr(event, 'rating', '')} – {objective_text(scenario, objective_id)}"
    if kind == "action_added":
        text = one_line(getattr(event, "text", ""))
        owner = getattr(event, "owner", None)
        if owner:
            text += " · " + _("ansvarlig: {owner}").format(owner=one_line(owner))
        deadline = getattr(event, "deadline", None)
        if deadline:
            text += " · " + _("frist: {date}").format(date=short_date(deadline))
        return text
    return one_line(getattr(event, "text", ""))


_DETAIL_LABELS = (
    ("rationale", N_("begrunnelse")),
    ("disagreement", N_("uenighet")),
    ("open_question", N_("åpent spørsmål")),
    ("observer", N_("observatør")),
    ("author", N_("skrevet av")),
    ("comment", N_("kommentar")),
)


def entry_details(entry: Entry, scenario: Scenario | None = None) -> list[str]:
    """Secondary lines: roles, rationale, disagreement, open question, observer, objectives, status."""
    event = entry.current
    out: list[str] = []
    roles = getattr(event, "roles", None)
    if roles and entry.type in ("decision_logged", "participant_added"):
        label = _("ansvarlig: {roles}") if entry.type == "decision_logged" else _("roller: {roles}")
        out.append(label.format(roles=role_names(scenario, roles)))
    for attr, label in _DETAIL_LABELS:
        value = getattr(event, attr, None)
        if value:
            out.append(f"{_(label)}: {one_line(value)}")
    objectives = getattr(event, "objectives", None)
    if objectives:
        out.append(_("øvingsmål: {ids}").format(ids=", ".join(one_line(o) for o in objectives)))
    for change in entry.status_changes:
        out.append(
            _("status {date}: {status}").format(
                date=short_date(change.on), status=action_status_name(change.status)
            )
            + (f" – {one_line(change.comment)}" if change.comment else "")
        )
    return out


def entry_content(entry: Entry, scenario: Scenario | None = None, *, details: bool = True) -> Content:
    head = Content.assemble(
        (timer(entry.elapsed), "$text-muted"),
        " ",
        (kind_name(entry.type), KIND_STYLES.get(entry.type, "bold")),
    )
    if entry.retracted:
        head = Content.assemble(head, (" " + _("(trukket tilbake)"), "$text-error"))
    elif entry.corrected:
        head = Content.assemble(head, (" " + _("(rettet)"), "$text-muted"))
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

    def show(self, entries: list[Entry], scenario: Scenario | None = None, *, limit: int = 6) -> None:
        picked: list[Entry] = []
        for entry in reversed(entries):
            if entry.type in LOG_KINDS:
                picked.append(entry)
                if len(picked) >= limit:
                    break
        if not picked:
            self.update(
                Content.styled(
                    _("Ingenting logget ennå. D: beslutning · O: observasjon · M: notat"), "$text-muted"
                )
            )
            return
        self.update(Content("\n").join(entry_content(e, scenario) for e in picked))

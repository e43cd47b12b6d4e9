"""The one table of log-entry kinds: what each kind is called, which fields it has and how they are labelled.

Every format reads this table (documents, CSV, JSON), so a new kind of entry is one new row here.
Labels are bokmål msgids (``N_``) and are translated when a report is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ovelse.i18n import N_
from ovelse.session.events import (
    ActionAdded,
    DecisionLogged,
    EventBase,
    InjectFired,
    LessonAdded,
    Note,
    ObjectiveRated,
    Observation,
    ParticipantAdded,
)

Shape = Literal["text", "roles", "objectives", "objective", "list", "date", "status", "rating", "lesson"]
"""How a field's value is shown: plain text, role names, objective ids, a list, a date, an action status,
a rating on the 1–5 scale, or the number of the læringspunkt an action follows up."""

Place = Literal["people", "run", "debrief"]
"""Where an entry belongs: the participants list, the course of the exercise, or the evaluation."""

Column = Literal[
    "Tekst",
    "Roller",
    "Begrunnelse",
    "Uenighet",
    "Åpent spørsmål",
    "Stikkord",
    "Person",
    "Organisasjon",
    "Øvingsmål",
    "Vurdering",
    "Ansvarlig",
    "Frist",
    "Tiltaksstatus",
    "Læringspunkt",
]
"""CSV columns that entry fields go to (the header text is translated; see csvlog.COLUMNS)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str  # the event field
    label: str  # N_ label, shown before the value in documents
    shape: Shape = "text"
    column: Column | None = None  # the CSV column, None: not in the CSV


@dataclass(frozen=True, slots=True)
class EntryKind:
    code: str  # stable code in the JSON export
    event: type[EventBase]
    name: str  # N_ display name
    main: str  # the field that is the entry's text (CSV «Tekst»)
    details: tuple[FieldSpec, ...]  # shown under the text, in this order, when given
    place: Place

    @property
    def event_type(self) -> str:
        return str(self.event.model_fields["type"].default)


KINDS: tuple[EntryKind, ...] = (
    EntryKind(
        "participant",
        ParticipantAdded,
        N_("Deltaker"),
        "name",
        (
            FieldSpec("organisation", N_("Organisasjon"), column="Organisasjon"),
            FieldSpec("roles", N_("Roller"), "roles", "Roller"),
        ),
        "people",
    ),
    EntryKind(
        "decision",
        DecisionLogged,
        N_("Beslutning"),
        "text",
        (
            FieldSpec("roles", N_("Ansvarlig"), "roles", "Roller"),
            FieldSpec("rationale", N_("Begrunnelse"), column="Begrunnelse"),
            FieldSpec("disagreement", N_("Uenighet"), column="Uenighet"),
            FieldSpec("open_question", N_("Åpent spørsmål"), column="Åpent spørsmål"),
            FieldSpec("tags", N_("Stikkord"), "list", "Stikkord"),
        ),
        "run",
    ),
    EntryKind(
        "observation",
        Observation,
        N_("Observasjon"),
        "text",
        (
            FieldSpec("observer", N_("Observatør"), column="Person"),
            FieldSpec("objectives", N_("Øvingsmål"), "objectives", "Øvingsmål"),
        ),
        "run",
    ),
    EntryKind(
        "note",
        Note,
        N_("Notat"),
        "text",
        (FieldSpec("author", N_("Skrevet av"), column="Person"),),
        "run",
    ),
    EntryKind(
        "inject",
        InjectFired,
        N_("Ekstra innspill"),
        "title",
        (),
        "run",
    ),
    EntryKind(
        "rating",
        ObjectiveRated,
        N_("Vurdering"),
        "comment",
        (
            FieldSpec("objective_id", N_("Øvingsmål"), "objective", "Øvingsmål"),
            FieldSpec("rating", N_("Vurdering"), "rating", "Vurdering"),
        ),
        "debrief",
    ),
    EntryKind(
        "lesson",
        LessonAdded,
        N_("Læringspunkt"),
        "text",
        (FieldSpec("objectives", N_("Øvingsmål"), "objectives", "Øvingsmål"),),
        "debrief",
    ),
    EntryKind(
        "action",
        ActionAdded,
        N_("Tiltak"),
        "text",
        (
            FieldSpec("owner", N_("Ansvarlig"), column="Ansvarlig"),
            FieldSpec("deadline", N_("Frist"), "date", "Frist"),
            FieldSpec("status", N_("Status"), "status", "Tiltaksstatus"),
            FieldSpec("lesson", N_("Følger opp"), "lesson", "Læringspunkt"),
        ),
        "debrief",
    ),
)

KIND_OF_TYPE: dict[str, EntryKind] = {kind.event_type: kind for kind in KINDS}
KIND_BY_CODE: dict[str, EntryKind] = {kind.code: kind for kind in KINDS}

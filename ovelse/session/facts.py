"""Exercise facts (from the øvingsdirektiv) given when an exercise is started."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, TypeAdapter, ValidationError

from ovelse.session.errors import InvalidAction

_Line = Annotated[str, StringConstraints(max_length=300)]
_Text = Annotated[str, StringConstraints(max_length=20_000)]

FIELD_NAMES: dict[str, str] = {
    "title": "navn på øvelsen",
    "municipality": "kommune",
    "date": "dato",
    "place": "sted",
    "facilitator": "øvingsleder",
    "purpose": "formål",
    "text": "tekst",
    "name": "navn",
    "organisation": "organisasjon",
    "roles": "roller",
    "rationale": "begrunnelse",
    "disagreement": "uenighet",
    "open_question": "åpent spørsmål",
    "tags": "stikkord",
    "observer": "observatør",
    "objectives": "øvingsmål",
    "author": "forfatter",
    "reason": "begrunnelse",
    "rating": "vurdering",
    "comment": "kommentar",
    "owner": "ansvarlig",
    "deadline": "frist",
    "status": "status",
    "lesson": "læringspunkt",
    "note": "merknad",
    "objective_id": "øvingsmål",
    "on": "dato",
    "by": "av",
    "until": "fortsetter kl.",
}


class ExerciseFacts(BaseModel):
    """What, where and who: empty title and municipality default to the scenario's."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    title: _Line | None = None
    municipality: _Line | None = None
    date: Date | None = None
    place: _Line = ""
    facilitator: _Line = ""
    purpose: _Text = ""


def invalid_input(exc: ValidationError) -> InvalidAction:
    """A Norwegian InvalidAction for the first problem in a pydantic ValidationError."""
    err = exc.errors(include_url=False)[0]
    loc = [p for p in err["loc"] if isinstance(p, str)]
    name = FIELD_NAMES.get(loc[-1], loc[-1]) if loc else "verdien"
    etype, ctx = err["type"], err.get("ctx", {})
    if etype == "string_too_long":
        return InvalidAction(
            f"«{name}» er for lang (høyst {ctx.get('max_length')} tegn).", "Kort ned teksten."
        )
    if etype == "string_too_short":
        return InvalidAction(f"«{name}» kan ikke være tom.", "Skriv inn en tekst.")
    if etype.startswith("date") or etype == "date_from_datetime_parsing":
        return InvalidAction(f"«{name}» må være en dato.", "Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-10-15.")
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return InvalidAction(f"«{name}» er utenfor tillatt område.", "Vurderingen går fra 1 til 5.")
    if etype == "literal_error":
        return InvalidAction(f"Ugyldig verdi for «{name}».", f"Tillatte verdier: {ctx.get('expected', '')}.")
    if etype == "extra_forbidden":
        return InvalidAction(f"Ukjent felt «{loc[-1] if loc else ''}».", "Sjekk stavingen.")
    if etype in ("int_parsing", "int_type", "int_from_float"):
        return InvalidAction(f"«{name}» må være et heltall.", "")
    return InvalidAction(f"Ugyldig verdi for «{name}».", "Sjekk det du skrev inn.")


def parse_facts(facts: ExerciseFacts | dict | None) -> ExerciseFacts:
    """Validate facts given as a model or a mapping."""
    if isinstance(facts, ExerciseFacts):
        return facts
    try:
        return ExerciseFacts.model_validate(dict(facts or {}))
    except ValidationError as exc:
        raise invalid_input(exc) from None


FIRST_YEAR, LAST_YEAR = 2000, 2100
"""A tiltak's frist must fall in these years (both included): anything else is a typing error."""

_DATE = TypeAdapter(Date)


def check_deadline(value: object, field: str = "deadline") -> None:
    """InvalidAction if ``value`` is a date (or reads as one) outside FIRST_YEAR–LAST_YEAR; a value that is
    not a date at all is left for the event model to reject. ``field`` names it in the message."""
    if value is None or value == "":
        return
    try:
        parsed = _DATE.validate_python(value)
    except ValidationError:
        return
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise InvalidAction(
            f"«{FIELD_NAMES.get(field, field)}» må være mellom år {FIRST_YEAR} og {LAST_YEAR}.",
            "Skriv datoen som DD.MM.ÅÅÅÅ, f.eks. 01.12.2026.",
        )


def is_past_deadline(deadline: Date | str | None, today: Date) -> bool:
    """True when ``deadline`` (a date or ISO text) lies before ``today``: the engine accepts it, but the UI
    should ask the user to confirm. A missing or unreadable deadline is not «past»."""
    if deadline is None or deadline == "":
        return False
    try:
        parsed = _DATE.validate_python(deadline)
    except ValidationError:
        return False
    return parsed < today

"""Exercise facts (from the øvingsdirektiv) given when an exercise is started."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as Date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, TypeAdapter, ValidationError

from ovelse.i18n import N_
from ovelse.plaintext import clean
from ovelse.session.errors import InvalidAction, Phrase

_Line = Annotated[str, StringConstraints(max_length=300)]
_Text = Annotated[str, StringConstraints(max_length=20_000)]

FIELD_NAMES: dict[str, str] = {
    "title": N_("navn på øvelsen"),
    "municipality": N_("kommune"),
    "date": N_("dato"),
    "place": N_("sted"),
    "facilitator": N_("øvingsleder"),
    "purpose": N_("formål"),
    "text": N_("tekst"),
    "name": N_("navn"),
    "organisation": N_("organisasjon"),
    "roles": N_("roller"),
    "rationale": N_("begrunnelse"),
    "disagreement": N_("uenighet"),
    "open_question": N_("åpent spørsmål"),
    "tags": N_("stikkord"),
    "observer": N_("observatør"),
    "objectives": N_("øvingsmål"),
    "author": N_("forfatter"),
    "reason": N_("begrunnelse"),
    "rating": N_("vurdering"),
    "comment": N_("kommentar"),
    "owner": N_("ansvarlig"),
    "deadline": N_("frist"),
    "status": N_("status"),
    "lesson": N_("læringspunkt"),
    "note": N_("merknad"),
    "objective_id": N_("øvingsmål"),
    "on": N_("dato"),
    "by": N_("av"),
    "until": N_("fortsetter kl."),
}
"""The user's names of the fields (bokmål msgids; see :func:`field_name`)."""


def field_name(key: str) -> Phrase | str:
    """The user's name for a field (translated when shown); the key itself when there is none."""
    name = FIELD_NAMES.get(key)
    return Phrase(name) if name is not None else clean(key)


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
    """A coded InvalidAction for the first problem in a pydantic ValidationError."""
    err = exc.errors(include_url=False)[0]
    loc = [p for p in err["loc"] if isinstance(p, str)]
    key = loc[-1] if loc else ""
    name = field_name(key) if key else Phrase(N_("verdien"))
    etype, ctx = err["type"], err.get("ctx", {})
    if etype == "string_too_long":
        return InvalidAction("input.too_long", name=name, max=ctx.get("max_length"))
    if etype == "string_too_short":
        return InvalidAction("input.empty", name=name)
    if etype.startswith("date") or etype == "date_from_datetime_parsing":
        return InvalidAction("input.not_date", name=name)
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return InvalidAction("rating.range" if key == "rating" else "input.out_of_range", name=name)
    if etype == "literal_error":
        return InvalidAction("input.not_allowed", name=name, expected=str(ctx.get("expected", "")))
    if etype == "extra_forbidden":
        return InvalidAction("input.unknown_field", field=clean(key))
    if etype in ("int_parsing", "int_type", "int_from_float"):
        return InvalidAction("input.not_int", name=name)
    if etype == "string_pattern_mismatch" and key == "until":
        return InvalidAction("clock.bad_time", value="")
    return InvalidAction("input.invalid", name=name)


def parse_facts(facts: ExerciseFacts | Mapping[str, Any] | None) -> ExerciseFacts:
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
        raise InvalidAction("input.year_range", name=field_name(field), first=FIRST_YEAR, last=LAST_YEAR)


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

"""Correct any field of an earlier entry, or the exercise facts (a new «rettet» event; history is kept).

One form for every entry kind: the caller describes the fields (:class:`Field`), the form shows each with
its current value and returns only the fields that changed, plus the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from ovelse.i18n import N_, _
from ovelse.i18n.dates import short_date
from ovelse.tui.safetext import one_line
from ovelse.tui.screens.form import FormScreen, tick_list
from ovelse.tui.screens.setup import parse_date

FieldKind = Literal["text", "optional", "ids", "date", "rating", "choice"]
FieldValue = str | int | date | list[str] | None


@dataclass(frozen=True)
class Field:
    """One correctable field: engine name, label, kind, current value, options for ids/choice."""

    name: str
    label: str
    kind: FieldKind
    value: FieldValue
    options: Sequence[tuple[str, str]] | Sequence[tuple[int, str]] = ()


@dataclass(frozen=True)
class CorrectionInput:
    fields: dict[str, FieldValue]
    reason: str = ""
    unchanged: list[str] = field(default_factory=list)


class CorrectForm(FormScreen[CorrectionInput]):
    TITLE_TEXT = N_("Rett en oppføring")

    def __init__(
        self,
        kind: str,
        fields: Sequence[Field],
        *,
        today: date | None = None,
        save: Callable[[CorrectionInput], object] | None = None,
    ) -> None:
        super().__init__(save=save)
        self._kind = kind
        self._fields = list(fields)
        self._today = today

    def fields(self) -> ComposeResult:
        yield Static(Content.assemble((_("Retter: "), "bold"), self._kind))
        for spec in self._fields:
            yield self.label(spec.label)
            widget_id = f"rett-{spec.name}"
            if spec.kind == "ids":
                ticked = [str(v) for v in spec.value] if isinstance(spec.value, list) else []
                options = [(str(k), str(v)) for k, v in spec.options]
                yield tick_list(options, id=widget_id, ticked=ticked)
            elif spec.kind == "choice":
                select: Select[str | int] = Select(
                    [(Content(one_line(text)[:70]), key) for key, text in spec.options],
                    id=widget_id,
                    prompt=_("Ingen"),
                    allow_blank=True,
                    compact=True,
                )
                if isinstance(spec.value, int | str):
                    select.value = spec.value
                yield select
            else:
                yield Input(self._shown(spec), compact=True, id=widget_id, classes="prefilled")
        yield self.label(_("Hvorfor rettes det? (valgfritt)"))
        yield Input(compact=True, id="rett-grunn", placeholder=_("f.eks. skrivefeil"))

    @staticmethod
    def _shown(spec: Field) -> str:
        if isinstance(spec.value, date):
            return short_date(spec.value)
        if spec.value is None:
            return ""
        return one_line(spec.value)

    def on_mount(self) -> None:
        first = self._fields[0] if self._fields else None
        if first is not None:
            self.query_one(f"#rett-{first.name}").focus()

    def _read(self, spec: Field) -> FieldValue:
        widget_id = f"#rett-{spec.name}"
        if spec.kind == "ids":
            return self.selected(widget_id)
        if spec.kind == "choice":
            value = self.query_one(widget_id, Select).value
            return value if isinstance(value, int | str) else None
        text = self.text_of(widget_id)
        if spec.kind == "text":
            if not text:
                raise ValueError(_("«{field}» kan ikke være tomt").format(field=spec.label))
            return text
        if spec.kind == "date":
            return parse_date(text, self._today) if text else None
        if spec.kind == "rating":
            if text not in {"1", "2", "3", "4", "5"}:
                raise ValueError(_("vurderingen må være et tall fra 1 til 5"))
            return int(text)
        return text or None

    def build(self) -> CorrectionInput:
        changed: dict[str, FieldValue] = {}
        for spec in self._fields:
            value = self._read(spec)
            before = spec.value
            if spec.kind == "optional":
                before = before or None
            if spec.kind == "text" and isinstance(before, str):
                before = one_line(before)
            if value != before:
                changed[spec.name] = value
        if not changed:
            raise ValueError(_("ingenting er endret"))
        return CorrectionInput(changed, self.text_of("#rett-grunn"))

    def warning(self, value: CorrectionInput) -> tuple[str, str] | None:
        """A tiltak's deadline moved into the past is asked about first, as in the tiltak form (the exercise's
        own date is in the past as a rule, and is not asked about)."""
        deadline = value.fields.get("deadline")
        today = self._today
        if isinstance(deadline, date) and today is not None and deadline < today:
            return (
                _("Fristen {date} er allerede passert").format(date=short_date(deadline)),
                _("I dag er {today}. Lagre rettingen med en frist som er passert?").format(
                    today=short_date(today)
                ),
            )
        return None

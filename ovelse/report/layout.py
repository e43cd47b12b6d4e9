"""The oppsummeringsnotat as a small document tree: headings, paragraphs, lists and tables of styled runs.

The report's structure and wording are written once, here, in the catalogue's bokmål (translated when
rendered); :mod:`markdown`, :mod:`html`, :mod:`word` and :mod:`pdf` only turn blocks into their syntax
and do their own escaping. The order is the same in every format:

1. Sammendrag: what was exercised, by whom, the objective ratings, the main læringspunkter and the
   tiltaksplan;
2. Evaluering per øvingsmål with its observations, then læringspunkter and changes to the tiltaksplan;
3. Gjennomføring: the facts, participants, the way through the scenario, decisions, figures;
4. Vedlegg: the full log, innspill by innspill;
5. Om grunnlaget: the technical trace (journal, checksums, program version).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ovelse.i18n import N_, _, ngettext, pgettext
from ovelse.i18n import dates as fmt
from ovelse.report.kinds import FieldSpec
from ovelse.report.model import (
    Correction,
    LogEntry,
    ObjectiveInfo,
    PauseInfo,
    ReopenInfo,
    ReportData,
    RoomReveal,
    Step,
    TimelineItem,
)
from ovelse.scenario.model import nato_baseline_name, theme_name
from ovelse.session.events import RATING_SCALE, action_status_name, rating_name, via_name
from ovelse.session.facts import FIELD_NAMES

# -- blocks -----------------------------------------------------------------------------------

Style = Literal["", "b", "i", "s", "m"]
Run = tuple[str, Style]
"""A piece of inline text and its style: b(old), i(talic), s(truck through), m(uted), or plain."""

ParaKind = Literal["", "meta", "quote", "quote-se", "warning", "small", "marking"]


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    new_page: bool = False  # the appendix starts on a new page


@dataclass(slots=True)
class Para:
    runs: list[Run]
    kind: ParaKind = ""


@dataclass(slots=True)
class Item:
    runs: list[Run]
    sub: list[list[Run]] = field(default_factory=list)


@dataclass(slots=True)
class ItemList:
    items: list[Item]
    ordered: bool = False


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[list[Run]]]
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    key_value: bool = False  # a two-column fact table: the first column is a label


Block = Heading | Para | ItemList | Table


@dataclass(slots=True)
class Document:
    title: str
    subtitle: str
    marking: str | None
    running_header: str
    language: str  # nb / nn
    author: str
    subject: str
    keywords: list[str]
    blocks: list[Block]


def runs(*parts: str | Run) -> list[Run]:
    """Runs from strings (plain) and (text, style) pairs; empty texts are left out."""
    out: list[Run] = []
    for part in parts:
        run: Run = (part, "") if isinstance(part, str) else part
        if run[0]:
            out.append(run)
    return out


def quoted(text: str) -> str:
    """«text», unless the text is already in guillemets (no «««…»»»)."""
    text = text.strip()
    return text if text.startswith("«") and text.endswith("»") else f"«{text}»"


def plain_text(block_runs: Iterable[Run]) -> str:
    return "".join(text for text, _ in block_runs)


# -- wording ----------------------------------------------------------------------------------

_EMPTY = N_("(tom)")
_PAUSE_NAMES = {"break": N_("Pause"), "closed": N_("Programmet lukket"), "setup": N_("Oppsett")}
_NOT_GIVEN = N_("Ikke oppgitt")


def rating_text(value: object) -> str:
    """«4 – I stor grad oppnådd»."""
    if isinstance(value, int) and value in RATING_SCALE:
        return f"{value} – {rating_name(value)}"
    return str(value)


def status_text(value: object) -> str:
    return action_status_name(value) if isinstance(value, str) else str(value)


def via_text(step: Step) -> str:
    """How the exercise came to this innspill: «valg «Vent på ny prognose»», «neste» …"""
    name = via_name(step.via)
    if step.via == "choice" and step.choice_label:
        return f"{name} {quoted(step.choice_label)}"
    return name


def reveal_text(v: RoomReveal) -> str:
    """What the room was shown of the innspill from this moment: «viser 2 meldinger, spørsmålene»."""
    if v.blank:
        return _("skjermen er blank")
    parts = [
        ngettext("{n} melding", "{n} meldinger", v.messages_shown).format(n=v.messages_shown)
        if v.messages_shown
        else _("ingen meldinger")
    ]
    if v.questions_shown:
        parts.append(_("spørsmålene"))
    if v.choices_shown:
        parts.append(_("valgene"))
    return _("viser {what}").format(what=", ".join(parts))


def field_name(name: str) -> str:
    return _(FIELD_NAMES[name]) if name in FIELD_NAMES else name


class _Writer:
    """Builds the blocks of one report (in the current language)."""

    def __init__(self, report: ReportData) -> None:
        self.r = report
        self.blocks: list[Block] = []
        self.lesson_numbers = {e.seq: i for i, e in enumerate(report.lessons, 1)}
        self.action_numbers = {e.seq: i for i, e in enumerate(report.actions, 1)}
        self.kind_names = {e.kind.code: _(e.kind.name) for e in report.entries}
        self.labels: dict[str, str] = {}

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    # -- values --

    def role_names(self, ids: Iterable[str]) -> str:
        return ", ".join(self.r.role(i).name for i in ids)

    def value_text(self, shape: str, value: Any) -> str:
        """A field value as the reader should see it ("" for no value)."""
        if value is None or value == "" or value == []:
            return ""
        if shape == "roles":
            return self.role_names(value)
        if shape == "date":
            return fmt.short_date(value)
        if shape == "status":
            return status_text(value)
        if shape == "rating":
            return rating_text(value)
        if shape == "lesson":
            number = self.lesson_numbers.get(value)
            return _("læringspunkt {number}").format(number=number) if number else str(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def label(self, spec: FieldSpec) -> str:
        text = self.labels.get(spec.label)
        if text is None:
            text = self.labels[spec.label] = _("{label}: ").format(label=_(spec.label))
        return text

    def change_value(self, name: str, value: Any) -> str:
        shapes = {
            "roles": "roles",
            "deadline": "date",
            "date": "date",  # the exercise facts' date
            "status": "status",
            "rating": "rating",
            "lesson": "lesson",
        }
        return self.value_text(shapes.get(name, "text"), value) or _(_EMPTY)

    # -- entries --

    def correction_line(self, c: Correction) -> list[Run]:
        """«Rettet kl. 10:49 (nr. 28): tekst var «…», er nå «…». Begrunnelse: …»"""
        line: list[Run] = [
            (_("Rettet"), "b"),
            (" " + _("kl. {clock} (nr. {seq})").format(clock=fmt.clock(c.at), seq=c.seq) + ": ", ""),
        ]
        if not c.changes:
            line.append((_("ingen endring i innholdet."), ""))
        for i, ch in enumerate(c.changes):
            if i:
                line.append(("; ", ""))
            line.append((_("{field} var ").format(field=field_name(ch.field)), ""))
            line.append((quoted(self.change_value(ch.field, ch.before)), "s"))
            line.append((_(", er nå ") + quoted(self.change_value(ch.field, ch.after)), ""))
        if c.changes:
            line.append((".", ""))
        if c.reason:
            line.append((" " + _("Begrunnelse: {reason}").format(reason=c.reason), ""))
        return line

    def history(self, e: LogEntry) -> list[list[Run]]:
        """Sub-lines that show corrections and a retraction."""
        lines: list[list[Run]] = [self.correction_line(c) for c in e.corrections]
        for change in e.status_changes:
            line: list[Run] = [
                (_("Status"), "b"),
                (
                    " "
                    + _("kl. {clock} (nr. {seq})").format(clock=fmt.clock(change.at), seq=change.seq)
                    + ": ",
                    "",
                ),
                (
                    _("{status} fra {date}").format(
                        status=status_text(change.status), date=fmt.short_date(change.on)
                    ),
                    "",
                ),
            ]
            if change.by:
                line.append((", " + _("av {name}").format(name=change.by), ""))
            line.append((f". {change.comment}" if change.comment else ".", ""))
            lines.append(line)
        if e.retraction:
            t = e.retraction
            when = _("kl. {clock} (nr. {seq})").format(clock=fmt.clock(t.at), seq=t.seq)
            reason = ". " + _("Begrunnelse: {reason}").format(reason=t.reason) if t.reason else "."
            lines.append([(_("Trukket tilbake"), "b"), (f" {when}{reason}", "")])
        return lines

    def entry_item(
        self, e: LogEntry, *, label: str | None = None, with_step: bool = False, compact: bool = False
    ) -> Item:
        """One log entry: kind, time and number, the text, its details, then its history.

        ``compact`` leaves out the objectives (the entry is listed under its objective)."""
        name = label or self.kind_names[e.kind.code]
        if e.retracted:
            name += " " + _("(trukket tilbake)")
        elif e.corrected:
            name += " " + _("(rettet)")
        meta = " " + _("kl. {clock} · nr. {seq}").format(clock=fmt.clock(e.at), seq=e.seq)
        if with_step and e.step:
            meta += f" · {e.step}. {self.r.steps[e.step - 1].title}"
        strike: Style = "s" if e.retracted else ""
        text = e.main_text
        if e.kind.code == "rating":
            text = f"{e.value('objective_id')}: {rating_text(e.value('rating'))}" + (
                f". {text}" if text else ""
            )
        head = runs((name, "b"), (meta, "m"), (": ", "") if text else "", (text, strike))
        sub: list[list[Run]] = []
        for spec in e.kind.details:
            if (compact and spec.shape == "objectives") or (e.kind.code == "rating" and spec.shape != "text"):
                continue
            value = self.value_text(spec.shape, e.value(spec.name))
            if value:
                sub.append([(self.label(spec), "i"), (value, strike)])
        sub += self.history(e)
        return Item(head, sub)

    def pause_item(self, p: PauseInfo) -> Item:
        if p.resumed_at is None:
            span = _("fra kl. {start}, ikke avsluttet").format(start=fmt.clock(p.at))
        else:
            span = _("kl. {start}–{stop} ({duration})").format(
                start=fmt.clock(p.at), stop=fmt.clock(p.resumed_at), duration=fmt.duration(p.wall_seconds)
            )
        tail = f". {p.reason}" if p.reason else ""
        name = _(_PAUSE_NAMES.get(p.cause, _PAUSE_NAMES["break"]))
        return Item(runs((name, "b"), (" " + _("nr. {seq}").format(seq=p.seq), "m"), f": {span}{tail}"))

    def reveal_item(self, v: RoomReveal) -> Item:
        meta = " " + _("kl. {clock} · nr. {seq}").format(clock=fmt.clock(v.at), seq=v.seq)
        return Item(runs((_("Rommet"), "b"), (meta, "m"), f": {reveal_text(v)}."))

    def reopen_item(self, r: ReopenInfo) -> Item:
        text = _("programmet var lukket i {duration} (ikke regnet med i øvingstida).").format(
            duration=fmt.duration(r.gap_seconds)
        )
        meta = " " + _("kl. {clock} · nr. {seq}").format(clock=fmt.clock(r.at), seq=r.seq)
        return Item(runs((_("Åpnet igjen"), "b"), (meta, "m"), f": {text}"))

    def timeline(self, items: list[TimelineItem]) -> ItemList:
        out = []
        for item in items:
            if isinstance(item, LogEntry):
                out.append(self.entry_item(item))
            elif isinstance(item, PauseInfo):
                out.append(self.pause_item(item))
            elif isinstance(item, RoomReveal):
                out.append(self.reveal_item(item))
            else:
                out.append(self.reopen_item(item))
        return ItemList(out)

    def facts_table(self, facts: list[tuple[str, str]]) -> Table:
        return Table([_("Felt"), _("Verdi")], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True)

    # -- 1. summary --

    def front(self) -> None:
        r, x = self.r, self.r.exercise
        if r.marking:  # the first thing a reader sees
            self.add(Para(runs(r.marking), "marking"))
        self.add(Heading(1, x.title))
        subtitle = " · ".join([_("Oppsummeringsnotat"), x.municipality, fmt.long_date(x.date)])
        self.add(Para(runs(subtitle), "meta"))
        for w in r.warnings:
            self.add(Para(runs((_("Advarsel: "), "b"), w.message, f" {w.hint}" if w.hint else ""), "warning"))

    def summary(self) -> None:
        r, x, s, f = self.r, self.r.exercise, self.r.scenario, self.r.figures
        self.add(Heading(2, _("Sammendrag")))
        people = [p for p in r.participants if not p.entry.retracted]
        organisations = sorted({p.organisation for p in people if p.organisation})
        who = ngettext("{n} deltaker", "{n} deltakere", len(people)).format(n=len(people))
        if organisations:
            who += " " + _("(blant dem fra {names})").format(names=", ".join(organisations))
        where = _(" i {place}").format(place=x.place) if x.place else ""
        lead = _("{municipality} øvde {date}{where} med {who}.").format(
            municipality=x.municipality, date=fmt.long_date(x.date), where=where, who=who
        )
        if x.facilitator:
            lead += " " + _("Øvingsleder var {name}.").format(name=x.facilitator)
        scenario = _(
            "Scenarioet var {title} (versjon {version}); øvingstida var {actual} (planlagt {planned})."
        ).format(
            title=quoted(s.title),
            version=s.version,
            actual=fmt.duration(f.exercise_seconds),
            planned=fmt.duration(f.planned_minutes * 60),
        )
        if not r.ended:
            scenario += " " + _("Øvelsen er ikke avsluttet i journalen.")
        self.add(Para(runs(lead, " ", scenario)))
        if x.purpose:
            self.add(Para(runs((_("Formål: "), "b"), x.purpose)))

        self.add(Heading(3, _("Vurdering av øvingsmålene")))
        if r.objectives:
            rows = []
            for o in r.objectives:
                rating = rating_text(o.rating.value("rating")) if o.rating else _("ikke vurdert")
                rows.append([runs((o.id, "b"), f" {o.text}"), runs(rating)])
            self.add(Table([_("Øvingsmål"), _("Vurdering")], rows))
        else:
            self.add(Para(runs(_("Scenarioet har ingen øvingsmål."))))

        self.add(Heading(3, _("Viktigste læringspunkter")))
        active = [e for e in r.lessons if not e.retracted]
        number = _("Nr. {n}: ")
        if active:
            self.add(
                ItemList(
                    [
                        Item(runs((number.format(n=self.lesson_numbers[e.seq]), "b"), e.main_text))
                        for e in active
                    ]
                )
            )
        else:
            self.add(Para(runs(_("Ingen læringspunkter er registrert."))))

        self.add(Heading(3, _("Tiltaksplan")))
        actions = [e for e in r.actions if not e.retracted]
        if actions:
            rows = []
            for e in actions:
                lesson = self.lesson_numbers.get(e.value("lesson"))
                rows.append(
                    [
                        runs(str(self.action_numbers[e.seq])),
                        runs(e.main_text),
                        runs(e.value("owner")),
                        runs(fmt.short_date(e.value("deadline"))),
                        runs(status_text(e.value("status"))),
                        runs(str(lesson) if lesson else ""),
                    ]
                )
            self.add(
                Table(
                    [_("Nr."), _("Tiltak"), _("Ansvarlig"), _("Frist"), _("Status"), _("Læringspunkt")],
                    rows,
                    numeric=frozenset({0, 5}),
                )
            )
        else:
            self.add(Para(runs(_("Ingen tiltak er registrert."))))

    # -- 2. evaluation --

    def evaluation(self) -> None:
        r = self.r
        self.add(Heading(2, _("Evaluering")))
        if not r.objectives:
            self.add(Para(runs(_("Scenarioet har ingen øvingsmål."))))
        for o in r.objectives:
            self.objective(o)
        if r.unlinked_observations:
            self.add(Heading(3, _("Observasjoner uten øvingsmål")))
            self.add(ItemList([self.entry_item(e, with_step=True) for e in r.unlinked_observations]))
        self.add(Heading(3, _("Læringspunkter")))
        if r.lessons:
            label = _("Læringspunkt {number}")
            self.add(
                ItemList(
                    [
                        self.entry_item(e, label=label.format(number=self.lesson_numbers[e.seq]))
                        for e in r.lessons
                    ]
                )
            )
        else:
            self.add(Para(runs(_("Ingen læringspunkter er registrert."))))
        changed = [e for e in r.actions if e.corrected or e.retracted or e.status_changes]
        if changed:
            self.add(Heading(3, _("Endringer i tiltaksplanen")))
            label = _("Tiltak {number}")
            self.add(
                ItemList(
                    [
                        self.entry_item(e, label=label.format(number=self.action_numbers[e.seq]))
                        for e in changed
                    ]
                )
            )

    def objective(self, o: ObjectiveInfo) -> None:
        self.add(Heading(3, f"{o.id}: {o.text}"))
        if o.rating is None:
            self.add(Para(runs((_("Vurdering: "), "b"), _("ikke vurdert."))))
        else:
            comment = o.rating.value("comment")
            self.add(
                Para(
                    runs(
                        (_("Vurdering: "), "b"),
                        (rating_text(o.rating.value("rating")), "b"),
                        f". {comment}" if comment else "",
                        (" " + _("(rettet)"), "m") if o.rating.corrected else "",
                    )
                )
            )
        earlier = [e for e in o.ratings if e is not o.rating]
        if earlier or (o.rating and o.rating.corrected):
            self.add(Para(runs((_("Alle vurderinger av målet:"), "i"))))
            replaced = _("Vurdering (erstattet)")
            self.add(
                ItemList(
                    [
                        self.entry_item(e, label=None if e is o.rating or e.retracted else replaced)
                        for e in o.ratings
                    ]
                )
            )
        if o.observations:
            self.add(Para(runs((_("Observasjoner:"), "i"))))
            self.add(ItemList([self.entry_item(e, with_step=True, compact=True) for e in o.observations]))
        else:
            self.add(Para(runs((_("Ingen observasjoner er knyttet til målet."), "m"))))
        if o.lessons:
            numbers = ", ".join(str(self.lesson_numbers[e.seq]) for e in o.lessons)
            self.add(Para(runs((_("Læringspunkter: "), "i"), _("nr. {numbers}.").format(numbers=numbers))))

    # -- 3. the course of the exercise --

    def course(self) -> None:
        r, x, s = self.r, self.r.exercise, self.r.scenario
        self.add(Heading(2, _("Gjennomføring")))
        self.add(Heading(3, _("Om øvelsen")))
        when = _("kl. {start}–{stop}").format(
            start=fmt.clock(x.started_at), stop=fmt.clock(x.ended_at or x.last_at)
        )
        if not r.ended:
            when += ", " + _("ikke avsluttet")
        facts = [
            (_("Kommune"), x.municipality),
            (_("Dato"), fmt.long_date(x.date)),
            (_("Sted"), x.place or _(_NOT_GIVEN)),
            (_("Øvingsleder"), x.facilitator or _(_NOT_GIVEN)),
            (_("Gjennomført"), when),
            (
                _("Scenario"),
                _("{title}, versjon {version} ({municipality})").format(
                    title=quoted(s.title), version=s.version, municipality=s.municipality
                ),
            ),
            (_("Planlagt varighet"), fmt.duration(s.planned_minutes * 60)),
        ]
        if s.themes:
            facts.append((_("Norge øver-temaer"), ", ".join(theme_name(t) for t in s.themes)))
        if s.nato_baseline:
            facts.append(
                (_("NATOs grunnkrav"), "; ".join(f"{n} {nato_baseline_name(n)}" for n in s.nato_baseline))
            )
        if len(s.room_languages) > 1:
            facts.append((_("Språk i rommet"), ", ".join(language_name(code) for code in s.room_languages)))
        self.add(self.facts_table(facts))
        if x.corrections:
            self.add(Para(runs((_("Faktaene om øvelsen er rettet etter starten:"), "b"))))
            self.add(ItemList([Item(self.correction_line(c)) for c in x.corrections]))
        if s.summary:
            self.add(Para(runs((_("Scenarioet: "), "b"), s.summary)))

        self.add(Heading(3, _("Deltakere")))
        if r.participants:
            rows = []
            for p in r.participants:
                e = p.entry
                strike: Style = "s" if e.retracted else ""
                note = _("trukket tilbake") if e.retracted else _("rettet") if e.corrected else ""
                rows.append(
                    [
                        runs((p.name, strike)),
                        runs((p.organisation or "", strike)),
                        runs((", ".join(role.name for role in p.roles), strike)),
                        runs(note),
                    ]
                )
            self.add(Table([_("Navn"), _("Organisasjon"), _("Roller"), _("Merknad")], rows))
            changed = [p.entry for p in r.participants if p.entry.corrected or p.entry.retracted]
            if changed:
                self.add(ItemList([self.entry_item(e) for e in changed]))
        else:
            self.add(Para(runs(_("Ingen deltakere er registrert."))))
        if r.missing_roles:
            names = ", ".join(role.name for role in r.missing_roles)
            self.add(Para(runs((_("Påkrevde roller uten deltaker: "), "b"), names + ".")))
        else:
            self.add(Para(runs(_("Alle roller scenarioet krever, var besatt."))))

        self.add(Heading(3, _("Veien gjennom scenarioet")))
        visits, distinct = len(r.steps), len({st.node_id for st in r.steps})
        intro = ngettext(
            "Øvelsen gikk gjennom {n} innspill", "Øvelsen gikk gjennom {n} innspill", visits
        ).format(n=visits)
        if distinct != visits:
            intro += " " + _("({n} ulike)").format(n=distinct)
        self.add(Para(runs(intro + ". " + _("Øvingstid er tida uten pauser."))))
        if r.steps:
            self.add(
                Table(
                    [_("Nr."), _("Innspill"), _("Scenariotid"), _("Klokka"), _("Øvingstid"), _("Kom hit")],
                    [
                        [
                            runs(str(st.number)),
                            runs(st.title),
                            runs(st.scenario_time or ""),
                            runs(fmt.clock(st.at)),
                            runs(fmt.duration(st.seconds)),
                            runs(via_text(st)),
                        ]
                        for st in r.steps
                    ],
                    numeric=frozenset({0}),
                )
            )
        decisions = [e for e in r.entries if e.kind.code == "decision" and not e.retracted]
        self.add(Heading(3, _("Beslutninger")))
        if decisions:
            self.add(ItemList([self.entry_item(e, with_step=True) for e in decisions]))
        else:
            self.add(Para(runs(_("Ingen beslutninger er logget."))))
        if r.pauses:
            self.add(Heading(3, _("Pauser")))
            self.add(ItemList([self.pause_item(p) for p in r.pauses]))
        self.unexplored()
        self.figures()

    def unexplored(self) -> None:
        r = self.r
        self.add(Heading(3, _("Det som ikke ble utforsket")))
        if r.unexplored_choices:
            items = []
            for b in r.unexplored_choices:
                text = _("I {node}: valget {label} mot {target} ble ikke tatt").format(
                    node=quoted(b.node_title), label=quoted(b.label), target=quoted(b.target_title)
                )
                if b.target_visited:
                    text += " " + _("(innspillet ble likevel nådd på en annen vei)")
                items.append(Item(runs(text + ".")))
            self.add(ItemList(items))
        else:
            self.add(Para(runs(_("Alle valg i innspillene som ble brukt, ble tatt."))))
        if r.unvisited_nodes:
            names = ", ".join(quoted(n.title) for n in r.unvisited_nodes)
            self.add(Para(runs((_("Innspill som ikke ble brukt: "), "b"), names + ".")))
        if r.unused_injects:
            names = ", ".join(quoted(n.title) for n in r.unused_injects)
            self.add(Para(runs((_("Ekstra innspill som ikke ble gitt: "), "b"), names + ".")))

    def figures(self) -> None:
        r, f = self.r, self.r.figures
        self.add(Heading(3, _("Nøkkeltall")))
        c = f.counts
        facts = [
            (
                _("Øvingstid"),
                _("{actual} (planlagt {planned})").format(
                    actual=fmt.duration(f.exercise_seconds), planned=fmt.duration(f.planned_minutes * 60)
                ),
            ),
            (_("Fra start til slutt"), fmt.duration(f.wall_seconds)),
            (
                _("Pauser"),
                ngettext("{duration} ({n} pause)", "{duration} ({n} pauser)", len(r.pauses)).format(
                    duration=fmt.duration(f.paused_seconds), n=len(r.pauses)
                ),
            ),
        ]
        if f.away_seconds:
            facts.append((_("Programmet lukket"), fmt.duration(f.away_seconds)))
        facts += [
            (
                _("Innspill"),
                _("{visits} besøk, {distinct} ulike").format(
                    visits=c["steps"], distinct=len(f.time_per_node)
                ),
            ),
            (_("Beslutninger"), str(c["decision"])),
            (_("Observasjoner"), str(c["observation"])),
            (_("Notater"), str(c["note"])),
            (_("Ekstra innspill gitt"), str(c["inject"])),
            (_("Læringspunkter"), str(c["lesson"])),
            (_("Tiltak"), str(c["action"])),
            (_("Rettede oppføringer"), str(c["corrected"])),
            (_("Oppføringer trukket tilbake"), str(c["retracted"])),
        ]
        self.add(self.facts_table(facts))
        self.add(Para(runs((_("Tid per innspill"), "b"))))
        self.add(
            Table(
                [_("Innspill"), _("Besøk"), _("Tid"), _("Planlagt")],
                [
                    [
                        runs(n.title),
                        runs(str(n.visits)),
                        runs(fmt.duration(n.seconds)),
                        runs(fmt.duration(n.planned_minutes * 60) if n.planned_minutes else ""),
                    ]
                    for n in f.time_per_node
                ],
                numeric=frozenset({1, 2, 3}),
            )
        )
        self.add(Para(runs((_("Beslutninger per rolle"), "b"))))
        if f.decisions_per_role:
            self.add(
                Table(
                    [_("Rolle"), _("Beslutninger")],
                    [
                        [runs(rc.role.name if rc.role else _("Ingen rolle oppgitt")), runs(str(rc.count))]
                        for rc in f.decisions_per_role
                    ],
                    numeric=frozenset({1}),
                )
            )
            note = _(
                "En beslutning med flere ansvarlige roller telles hos hver av dem; beslutninger som er "
                "trukket tilbake, er ikke med."
            )
            self.add(Para(runs((note, "m")), "small"))
        else:
            self.add(Para(runs(_("Ingen beslutninger er logget."))))

    # -- 4. appendix: the full log --

    def appendix(self) -> None:
        r = self.r
        # No forced page break: it leaves a near-empty page whenever the part before ends just after one;
        # headings are kept with what follows instead.
        self.add(Heading(2, _("Vedlegg: Fullstendig logg")))
        self.add(
            Para(
                runs(
                    _(
                        "Alt som ble logget, innspill for innspill, i den rekkefølgen det skjedde. Rettede og "
                        "tilbaketrukne oppføringer står med historikken; ingenting er utelatt."
                    )
                )
            )
        )
        if r.preamble:
            self.add(Heading(3, _("Før første innspill")))
            self.add(self.timeline(r.preamble))
        for step in r.steps:
            self.step(step)

    def step(self, s: Step) -> None:
        self.add(Heading(3, f"{s.number}. {s.title}"))
        line = []
        if s.scenario_time:
            line.append(_("Scenariotid {time}").format(time=s.scenario_time))
        line.append(
            _("øvingstid {start}–{stop} ({duration})").format(
                start=fmt.exercise_clock(s.elapsed),
                stop=fmt.exercise_clock(s.elapsed + s.seconds),
                duration=fmt.duration(s.seconds),
            )
        )
        line.append(_("kl. {clock}").format(clock=fmt.clock(s.at)))
        line.append(_("kom hit: {via}").format(via=via_text(s)))
        if s.phase:
            line.append(_("fase {phase}").format(phase=s.phase))
        self.add(Para([(" · ".join(line), "i")], "meta"))
        if s.text:
            self.add(Para([(s.text, "")], "quote"))
        if "se" in self.r.scenario.room_languages:
            if s.title_se or s.text_se:
                text = "\n".join(t for t in (s.title_se, s.text_se) if t)
                self.add(Para([(language_name("se") + ": ", "i"), (text, "")], "quote-se"))
            else:
                self.add(Para([(_("Samisk tekst mangler."), "m")], "quote-se"))
        if s.timeline:
            self.add(self.timeline(s.timeline))
        else:
            self.add(Para([(_("Ingenting logget i dette innspillet."), "m")]))

    # -- 5. the trace --

    def about(self) -> None:
        r, s = self.r, self.r.scenario
        self.add(Heading(2, _("Om grunnlaget")))
        facts = [
            (_("Journal"), r.journal_file),
            (_("Journal-id"), r.journal_id),
            (
                _("Journalen opprettet"),
                f"{fmt.short_date(fmt.local(r.journal_created).date())} {fmt.clock(r.journal_created)}",
            ),
            (_("Hendelser"), str(r.event_count)),
            (_("Journalens kontrollverdi"), r.chain_head),
            (
                _("Journalformat"),
                _("{format} (opprettet med ovelse {version})").format(
                    format=r.journal_format, version=r.journal_ovelse_version
                ),
            ),
            (_("Scenariofil"), s.file),
            (_("Scenarioets kontrollsum"), f"SHA-256 {s.hash}"),
            (_("Merking"), r.marking or _("Offentlig (ikke unntatt offentlighet)")),
            (_("Laget med"), r.generator),
        ]
        self.add(self.facts_table(facts))
        self.add(
            Para(
                runs(
                    (
                        _(
                            "Rapporten er laget fra journalen alene. Rettede og tilbaketrukne oppføringer er "
                            "vist med historikken; ingenting er utelatt."
                        ),
                        "m",
                    )
                ),
                "small",
            )
        )
        self.add(
            Para(
                runs(
                    (
                        _(
                            "Kontrollverdien er kontrollkjedens verdi etter den siste hendelsen rapporten bygger "
                            "på. Sjekk at journalen stemmer med rapporten: ovelse verify {file} --rapport {value}"
                        ).format(file=r.journal_file, value=r.chain_head),
                        "m",
                    )
                ),
                "small",
            )
        )


_LANGUAGE_NAMES = {"nb": N_("bokmål"), "nn": N_("nynorsk"), "se": N_("nordsamisk")}


def language_name(code: str) -> str:
    return _(_LANGUAGE_NAMES[code]) if code in _LANGUAGE_NAMES else code


def build_document(report: ReportData) -> Document:
    """The oppsummeringsnotat for ``report``, in the current language (see :func:`render`)."""
    w = _Writer(report)
    w.front()
    w.summary()
    w.evaluation()
    w.course()
    w.appendix()
    w.about()
    x = report.exercise
    header = " – ".join([_("Oppsummeringsnotat"), x.title, x.municipality])
    if report.marking:
        header = f"{report.marking} · {header}"
    return Document(
        title=x.title,
        subtitle=_("Oppsummeringsnotat"),
        marking=report.marking,
        running_header=header,
        language=report.language,
        author=x.facilitator or x.municipality,
        subject=pgettext(
            "document subject", "Oppsummeringsnotat etter diskusjonsøvelse, {municipality}"
        ).format(municipality=x.municipality),
        keywords=[_("diskusjonsøvelse"), _("beredskap"), x.municipality, report.scenario.title],
        blocks=w.blocks,
    )

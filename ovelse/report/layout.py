"""The oppsummeringsnotat as a small document tree: headings, paragraphs, lists and tables of styled runs.

The report's structure and wording are written once, here; :mod:`markdown`, :mod:`html` and :mod:`word`
only turn blocks into their syntax (and do the escaping). All text is Norwegian bokmål.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ovelse.report import fmt
from ovelse.report.model import (
    KIND_NAMES,
    LogEntry,
    ObjectiveInfo,
    PauseInfo,
    ReopenInfo,
    ReportData,
    Step,
    TimelineItem,
)
from ovelse.scenario.model import NATO_BASELINE_NAMES, THEME_NAMES
from ovelse.session.events import ACTION_STATUS_NAMES, RATING_SCALE
from ovelse.session.facts import FIELD_NAMES

# -- blocks -----------------------------------------------------------------------------------


Run = tuple[str, str]
"""A piece of inline text and its style: any of b(old), i(talic), s(trike), m(uted), or ""."""


@dataclass(slots=True)
class Heading:
    level: int
    text: str


@dataclass(slots=True)
class Para:
    runs: list[Run]
    kind: str = ""  # "", "quote", "warning", "small"


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
    bars: list[float] | None = None  # an extra column of bars, 0..1 per row
    key_value: bool = False  # a two-column fact table: first column is a label


@dataclass(slots=True)
class PageBreak:
    pass


Block = Heading | Para | ItemList | Table | PageBreak


@dataclass(slots=True)
class Document:
    title: str
    marking: str | None
    running_header: str
    footer: str
    blocks: list[Block]


def runs(*parts: str | Run) -> list[Run]:
    """Runs from strings (plain) and (text, style) pairs; empty texts are left out."""
    return [(part, "") if isinstance(part, str) else part for part in parts if part and part[0]]


# -- wording helpers --------------------------------------------------------------------------

VIA_TEXT = {
    "start": "første innspill",
    "next": "neste innspill",
    "jump": "øvingsleder hoppet hit",
    "back": "gikk tilbake hit",
}


# The details shown under an entry, per kind: (content key, label).
_DETAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "participant": (("organisation", "Organisasjon: "),),
    "decision": (("roles", "Ansvarlig: "), ("rationale", "Begrunnelse: "), ("disagreement", "Uenighet: "),
                 ("open_question", "Åpent spørsmål: "), ("tags", "Stikkord: ")),
    "observation": (("observer", "Observatør: "), ("objectives", "Øvingsmål: ")),
    "note": (("author", "Skrevet av: "),),
    "rating": (("comment", "Kommentar: "),),
    "lesson": (("objectives", "Øvingsmål: "),),
}


def _when(seconds: float, at) -> str:
    return f"{fmt.exercise_clock(seconds)}, kl. {fmt.clock(at)}"


def _rating_text(value: Any) -> str:
    return f"{value} – {RATING_SCALE.get(value, '')}" if isinstance(value, int) else str(value)


class _Writer:
    """Builds the blocks of one report."""

    def __init__(self, report: ReportData) -> None:
        self.r = report
        self.blocks: list[Block] = []
        self.lesson_numbers = {e.seq: i for i, e in enumerate(report.lessons, 1)}
        self.action_numbers = {e.seq: i for i, e in enumerate(report.actions, 1)}

    # -- small pieces --

    def role_names(self, ids: list[str] | None) -> str:
        return ", ".join(self.r.role(i).name for i in ids or [])

    def value(self, field_name: str, value: Any) -> str:
        """A field value as the reader should see it."""
        if value is None or value == "" or value == []:
            return "(tom)"
        if field_name == "roles":
            return self.role_names(value)
        if field_name == "deadline":
            return fmt.short_date(value)
        if field_name == "status":
            return ACTION_STATUS_NAMES.get(value, str(value))
        if field_name == "rating":
            return _rating_text(value)
        if field_name == "lesson":
            return f"læringspunkt {self.lesson_numbers.get(value, value)}"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def history(self, e: LogEntry) -> list[list[Run]]:
        """Sub-lines that show corrections and a retraction."""
        lines = []
        for c in e.corrections:
            parts: list[Any] = [("Rettet", "b"), f" kl. {fmt.clock(c.at)} (nr. {c.seq}): "]
            if not c.changes:
                parts.append("ingen endring i innholdet.")
            for i, ch in enumerate(c.changes):
                name = FIELD_NAMES.get(ch.field, ch.field)
                sep = "; " if i else ""
                parts += [f"{sep}{name} var «", (self.value(ch.field, ch.before), "s"),
                          f"», er nå «{self.value(ch.field, ch.after)}»"]
            if c.changes:
                parts.append(".")
            if c.reason:
                parts.append(f" Begrunnelse: {c.reason}")
            lines.append(runs(*parts))
        if e.retraction:
            t = e.retraction
            lines.append(runs(("Trukket tilbake", "b"), f" kl. {fmt.clock(t.at)} (nr. {t.seq})",
                              f". Begrunnelse: {t.reason}" if t.reason else "."))
        return lines

    def entry_item(self, e: LogEntry, *, label: str | None = None, with_step: bool = False,
                   compact: bool = False) -> Item:
        """One log entry: kind, number and times, the text, its details, then its history.

        ``compact`` leaves out the objectives (the entry is listed under its objective)."""
        c = e.content
        kind = e.kind
        strike = "s" if e.retraction else ""
        status = " (trukket tilbake)" if e.retraction else " (rettet)" if e.corrections else ""
        meta = f" nr. {e.seq} · {fmt.exercise_clock(e.elapsed)}, kl. {fmt.clock(e.at)}"
        if with_step and e.step:
            meta += f" – «{self.r.steps[e.step - 1].title}»"
        if kind == "inject":
            main = c.get("title") or c.get("inject_id") or ""
        elif kind == "rating":
            main = f"{c.get('objective_id')}: {_rating_text(c.get('rating'))}"
        elif kind == "participant":
            main = c.get("name") or ""
        else:
            main = c.get("text") or ""
        head = [((label or KIND_NAMES[kind]) + status, "b"), (meta, "m"), (": ", ""), (main, strike)]
        sub: list[list[Run]] = []
        for key, name in _DETAILS.get(kind, ()):
            value = c.get(key)
            if not value or (compact and key == "objectives"):
                continue
            if key == "roles":
                value = self.role_names(value)
            elif isinstance(value, list):
                value = ", ".join(value)
            sub.append([(name, "i"), (value, strike)])
        if e.corrections or e.retraction:
            sub += self.history(e)
        return Item(head, sub)

    def pause_item(self, p: PauseInfo) -> Item:
        if p.resumed_at is None:
            span = f"fra kl. {fmt.clock(p.at)}, ikke avsluttet"
        else:
            span = f"kl. {fmt.clock(p.at)}–{fmt.clock(p.resumed_at)} ({fmt.duration(p.wall_seconds)})"
        head = runs(("Pause", "b"), (f" nr. {p.seq} · øvelsestid {fmt.exercise_clock(p.elapsed)}", "m"),
                    f": {span}", f". {p.reason}" if p.reason else "")
        return Item(head)

    def reopen_item(self, r: ReopenInfo) -> Item:
        return Item(runs(("Åpnet igjen", "b"), (f" nr. {r.seq} · {_when(r.elapsed, r.at)}", "m"),
                         f": programmet var lukket i {fmt.duration(r.gap_seconds)} "
                         "(ikke regnet med i øvelsestiden)."))

    def timeline(self, items: list[TimelineItem]) -> ItemList:
        out = []
        for item in items:
            if isinstance(item, LogEntry):
                out.append(self.entry_item(item))
            elif isinstance(item, PauseInfo):
                out.append(self.pause_item(item))
            else:
                out.append(self.reopen_item(item))
        return ItemList(out)

    # -- sections --

    def front(self) -> None:
        r, x, s, f = self.r, self.r.exercise, self.r.scenario, self.r.figures
        self.blocks.append(Heading(1, f"Oppsummeringsnotat: {x.title}"))
        for w in r.warnings:
            self.blocks.append(Para(runs(("Advarsel: ", "b"), w.message, f" {w.hint}" if w.hint else ""), "warning"))
        when = f"kl. {fmt.clock(x.started_at)}–{fmt.clock(x.ended_at or x.last_at)}"
        when += f" (øvelsestid {fmt.duration(f.exercise_seconds)}"
        when += f", pauser {fmt.duration(f.paused_seconds)})" if r.pauses else ")"
        if not r.ended:
            when += ", ikke avsluttet"
        facts = [
            ("Kommune", x.municipality),
            ("Dato", fmt.long_date(x.date)),
            ("Sted", x.place or "Ikke oppgitt"),
            ("Øvingsleder", x.facilitator or "Ikke oppgitt"),
            ("Gjennomført", when),
            ("Scenario", f"«{s.title}», versjon {s.version} ({s.municipality})"),
            ("Scenarioets kontrollsum", f"SHA-256 {s.hash}"),
            ("Merking", r.marking or "Offentlig (ikke unntatt offentlighet)"),
            ("Grunnlag", f"Journalen «{r.journal_file}» med {fmt.count(r.event_count, 'hendelse', 'hendelser')}"),
        ]
        self.blocks.append(Table(["Felt", "Verdi"], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True))

        self.blocks.append(Heading(2, "Om øvelsen"))
        self.blocks.append(Heading(3, "Formål"))
        self.blocks.append(Para(runs(x.purpose or "Ikke oppgitt.")))
        self.blocks.append(Heading(3, "Scenario"))
        self.blocks.append(Para(runs(s.summary)))
        extra = []
        if s.themes:
            extra.append(Item(runs(("Norge øver-temaer: ", "i"), ", ".join(THEME_NAMES[t] for t in s.themes))))
        if s.nato_baseline:
            extra.append(Item(runs(("NATOs grunnkrav: ", "i"),
                                   "; ".join(f"{n} {NATO_BASELINE_NAMES[n]}" for n in s.nato_baseline))))
        extra.append(Item(runs(("Planlagt varighet: ", "i"), fmt.duration(s.planned_minutes * 60))))
        self.blocks.append(ItemList(extra))
        self.blocks.append(Heading(3, "Øvingsmål"))
        if r.objectives:
            self.blocks.append(ItemList([Item(runs((o.id, "b"), f": {o.text}")) for o in r.objectives]))
        else:
            self.blocks.append(Para(runs("Scenarioet har ingen øvingsmål.")))
        self.blocks.append(Heading(3, "Deltakere"))
        if r.participants:
            rows = []
            for p in r.participants:
                e = p.entry
                strike = "s" if e.retracted else ""
                note = "trukket tilbake" if e.retracted else "rettet" if e.corrected else ""
                rows.append([runs((p.name, strike)), runs((p.organisation or "", strike)),
                             runs((", ".join(role.name for role in p.roles), strike)), runs(note)])
            self.blocks.append(Table(["Navn", "Organisasjon", "Roller", "Merknad"], rows))
            changed = [p.entry for p in r.participants if p.entry.corrected or p.entry.retracted]
            if changed:
                self.blocks.append(ItemList([self.entry_item(e) for e in changed]))
        else:
            self.blocks.append(Para(runs("Ingen deltakere er registrert.")))
        if r.missing_roles:
            self.blocks.append(Para(runs(("Påkrevde roller uten deltaker: ", "b"),
                                         ", ".join(role.name for role in r.missing_roles) + ".")))
        else:
            self.blocks.append(Para(runs("Alle roller scenarioet krever, var besatt.")))

    def run(self) -> None:
        r = self.r
        self.blocks.append(Heading(2, "Gjennomføring"))
        visits = len(r.steps)
        distinct = len({s.node_id for s in r.steps})
        self.blocks.append(Para(runs(
            f"Øvelsen gikk gjennom {fmt.count(visits, 'innspill', 'innspill')}"
            + (f" ({distinct} ulike)" if distinct != visits else "")
            + ". Tidene er øvelsestid (pauser ikke medregnet) og klokkeslett. Beslutninger, observasjoner "
            "og notater står under innspillet de ble logget i.")))
        if r.preamble:
            self.blocks.append(Heading(3, "Før første innspill"))
            self.blocks.append(self.timeline(r.preamble))
        for step in r.steps:
            self.step(step)
        self.blocks.append(Heading(3, "Det som ikke ble utforsket"))
        if r.unexplored_choices:
            items = []
            for b in r.unexplored_choices:
                tail = " (innspillet ble likevel nådd på en annen vei)" if b.target_visited else ""
                items.append(Item(runs(f"I «{b.node_title}»: valget «", (b.label, "b"),
                                       f"» mot «{b.target_title}» ble ikke tatt{tail}.")))
            self.blocks.append(ItemList(items))
        else:
            self.blocks.append(Para(runs("Alle valg i innspillene som ble brukt, ble tatt.")))
        if r.unvisited_nodes:
            self.blocks.append(Para(runs(("Innspill som ikke ble brukt: ", "b"),
                                         ", ".join(f"«{n.title}»" for n in r.unvisited_nodes) + ".")))
        if r.unused_injects:
            self.blocks.append(Para(runs(("Ekstra innspill som ikke ble gitt: ", "b"),
                                         ", ".join(f"«{n.title}»" for n in r.unused_injects) + ".")))

    def step(self, s: Step) -> None:
        self.blocks.append(Heading(3, f"{s.number}. {s.title}"))
        via = f"valg «{s.choice_label}»" if s.via == "choice" else VIA_TEXT.get(s.via, s.via)
        line = []
        if s.scenario_time:
            line.append(f"Scenariotid {s.scenario_time}")
        line.append(f"øvelsestid {fmt.exercise_clock(s.elapsed)}–{fmt.exercise_clock(s.elapsed + s.seconds)} "
                    f"({fmt.duration(s.seconds)})")
        line.append(f"kl. {fmt.clock(s.at)}")
        line.append(via)
        if s.phase:
            line.append(f"fase: {s.phase}")
        self.blocks.append(Para(runs((" · ".join(line), "i"))))
        if s.text:
            self.blocks.append(Para(runs(s.text), "quote"))
        if s.timeline:
            self.blocks.append(self.timeline(s.timeline))
        else:
            self.blocks.append(Para(runs(("Ingenting logget i dette innspillet.", "m"))))

    def evaluation(self) -> None:
        r = self.r
        self.blocks.append(PageBreak())
        self.blocks.append(Heading(2, "Evaluering"))
        self.blocks.append(Heading(3, "Øvingsmål"))
        if not r.objectives:
            self.blocks.append(Para(runs("Scenarioet har ingen øvingsmål.")))
        for o in r.objectives:
            self.objective(o)
        if r.unlinked_observations:
            self.blocks.append(Heading(4, "Observasjoner uten øvingsmål"))
            self.blocks.append(ItemList([self.entry_item(e, with_step=True) for e in r.unlinked_observations]))
        self.blocks.append(Heading(3, "Læringspunkter"))
        if r.lessons:
            items = []
            for e in r.lessons:
                item = self.entry_item(e, label=f"Læringspunkt {self.lesson_numbers[e.seq]}")
                items.append(item)
            self.blocks.append(ItemList(items))
        else:
            self.blocks.append(Para(runs("Ingen læringspunkter er registrert.")))
        self.action_plan()

    def objective(self, o: ObjectiveInfo) -> None:
        self.blocks.append(Heading(4, f"{o.id}: {o.text}"))
        if o.rating is None:
            self.blocks.append(Para(runs(("Vurdering: ", "b"), "ikke vurdert.")))
        else:
            c = o.rating.content
            self.blocks.append(Para(runs(("Vurdering: ", "b"), (_rating_text(c.get("rating")), "b"),
                                         f". {c['comment']}" if c.get("comment") else "",
                                         (" (rettet)", "m") if o.rating.corrected else "")))
        earlier = [e for e in o.ratings if e is not o.rating]
        if earlier or (o.rating and o.rating.corrected):
            self.blocks.append(Para(runs(("Alle vurderinger av målet:", "i"))))
            self.blocks.append(ItemList([
                self.entry_item(e, label=None if e is o.rating or e.retracted else "Vurdering (erstattet)")
                for e in o.ratings]))
        if o.observations:
            self.blocks.append(Para(runs(("Observasjoner:", "i"))))
            self.blocks.append(ItemList([self.entry_item(e, with_step=True, compact=True) for e in o.observations]))
        else:
            self.blocks.append(Para(runs(("Ingen observasjoner er knyttet til målet.", "m"))))
        if o.lessons:
            numbers = ", ".join(str(self.lesson_numbers[e.seq]) for e in o.lessons)
            self.blocks.append(Para(runs(("Læringspunkter: ", "i"), f"nr. {numbers}.")))

    def action_plan(self) -> None:
        r = self.r
        self.blocks.append(Heading(3, "Tiltaksplan"))
        active = [e for e in r.actions if not e.retracted]
        if not r.actions:
            self.blocks.append(Para(runs("Ingen tiltak er registrert.")))
            return
        rows = []
        for e in active:
            c = e.content
            lesson = c.get("lesson")
            rows.append([runs(str(self.action_numbers[e.seq])), runs(c.get("text") or ""), runs(c.get("owner") or ""),
                         runs(fmt.short_date(c.get("deadline"))),
                         runs(ACTION_STATUS_NAMES.get(c.get("status"), c.get("status") or "")),
                         runs(str(self.lesson_numbers.get(lesson, "")) if lesson else "")])
        if rows:
            self.blocks.append(Table(["Nr.", "Tiltak", "Ansvarlig", "Frist", "Status", "Læringspunkt"], rows,
                                     numeric=frozenset({0})))
        changed = [e for e in r.actions if e.corrected or e.retracted]
        if changed:
            self.blocks.append(Para(runs(("Endringer i tiltaksplanen:", "i"))))
            self.blocks.append(ItemList([self.entry_item(e, label=f"Tiltak {self.action_numbers[e.seq]}")
                                         for e in changed]))

    def figures(self) -> None:
        r, f = self.r, self.r.figures
        self.blocks.append(Heading(2, "Nøkkeltall"))
        facts = [
            ("Øvelsestid", f"{fmt.duration(f.exercise_seconds)} (planlagt {fmt.duration(f.planned_minutes * 60)})"),
            ("Fra start til slutt", fmt.duration(f.wall_seconds)),
            ("Pauser", f"{fmt.duration(f.paused_seconds)} ({fmt.count(len(r.pauses), 'pause', 'pauser')})"),
        ]
        if f.away_seconds:
            facts.append(("Programmet lukket", fmt.duration(f.away_seconds)))
        c = f.counts
        facts += [
            ("Innspill", f"{c['steps']} besøk, {len(f.time_per_node)} ulike"),
            ("Beslutninger", str(c["decision"])),
            ("Observasjoner", str(c["observation"])),
            ("Notater", str(c["note"])),
            ("Ekstra innspill gitt", str(c["inject"])),
            ("Læringspunkter", str(c["lesson"])),
            ("Tiltak", str(c["action"])),
            ("Rettede oppføringer", str(c["corrected"])),
            ("Oppføringer trukket tilbake", str(c["retracted"])),
        ]
        self.blocks.append(Table(["Felt", "Verdi"], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True))
        self.blocks.append(Heading(3, "Tid per innspill"))
        top = max((n.seconds for n in f.time_per_node), default=0.0) or 1.0
        self.blocks.append(Table(
            ["Innspill", "Besøk", "Tid", "Planlagt"],
            [[runs(n.title), runs(str(n.visits)), runs(fmt.duration(n.seconds)),
              runs(fmt.duration(n.planned_minutes * 60) if n.planned_minutes else "")] for n in f.time_per_node],
            numeric=frozenset({1, 2, 3}), bars=[n.seconds / top for n in f.time_per_node]))
        self.blocks.append(Heading(3, "Beslutninger per rolle"))
        if f.decisions_per_role:
            top_count = max(rc.count for rc in f.decisions_per_role)
            self.blocks.append(Table(
                ["Rolle", "Beslutninger"],
                [[runs(rc.role.name if rc.role else "Ingen rolle oppgitt"), runs(str(rc.count))]
                 for rc in f.decisions_per_role],
                numeric=frozenset({1}), bars=[rc.count / top_count for rc in f.decisions_per_role]))
            note = ("En beslutning med flere ansvarlige roller telles hos hver av dem; beslutninger som er "
                    "trukket tilbake, er ikke med.")
            self.blocks.append(Para(runs((note, "m")), "small"))
        else:
            self.blocks.append(Para(runs("Ingen beslutninger er logget.")))


def build_document(report: ReportData) -> Document:
    """The oppsummeringsnotat for ``report``."""
    w = _Writer(report)
    w.front()
    w.run()
    w.evaluation()
    w.figures()
    x = report.exercise
    header = f"Oppsummeringsnotat – {x.title} – {x.municipality}"
    if report.marking:
        header = f"{report.marking} · {header}"
    footer = (f"Laget med {report.generator} fra journalen «{report.journal_file}» (journal-id {report.journal_id}). "
              "Rettede og tilbaketrukne oppføringer er vist med historikken; ingenting er utelatt.")
    return Document(f"Oppsummeringsnotat: {x.title}", report.marking, header, footer, w.blocks)

"""The oppsummeringsnotat as a small document tree: headings, paragraphs, lists and tables of styled runs.

The report's structure and wording are written once, here; :mod:`markdown`, :mod:`html` and :mod:`word`
only turn blocks into their syntax (and do the escaping). All text is Norwegian bokmål.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter
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


class ItemShape:
    """What list items of one kind have in common: their runs, with ``None`` for the text of each run
    («hole») that every item fills in with its own text. Renderers turn a shape into a template once and
    fill it in for each item, which is several times quicker than rendering thousands of items run by run."""

    __slots__ = ("head", "holes", "sub")

    def __init__(
        self, head: tuple[tuple[str | None, str], ...], sub: tuple[tuple[tuple[str | None, str], ...], ...]
    ) -> None:
        self.head = head
        self.sub = sub
        self.holes = sum(text is None for line in (head, *sub) for text, _ in line)


def _fill(line: tuple[tuple[str | None, str], ...], values: list[str], start: int) -> list[Run]:
    out: list[Run] = []
    for text, style in line:
        if text is None:
            out.append((values[start], style))
            start += 1
        else:
            out.append((text, style))
    return out


class FilledItem(tuple[ItemShape, list[str]]):
    """A list item made from a shared :class:`ItemShape` and its own texts (one per hole, in order);
    ``runs`` and ``sub`` give it as an :class:`Item` would have it. A pair ``(shape, values)``: there
    are thousands, and a tuple is made quickest."""

    __slots__ = ()

    shape = property(itemgetter(0))
    values = property(itemgetter(1))

    @property
    def runs(self) -> list[Run]:
        return _fill(self.shape.head, self.values, 0)

    @property
    def sub(self) -> list[list[Run]]:
        shape, values = self
        start = sum(text is None for text, _ in shape.head)
        lines = []
        for line in shape.sub:
            lines.append(_fill(line, values, start))
            start += sum(text is None for text, _ in line)
        return lines


def probe(shape: ItemShape) -> FilledItem:
    """An item of ``shape`` whose texts are private-use characters that no renderer changes, so that its
    rendering shows where each hole's (escaped) text goes: see :func:`template`."""
    return FilledItem((shape, [hole(i) for i in range(shape.holes)]))


def hole(i: int = 0) -> str:
    """The text that stands for the ``i``-th hole in a probe (see :func:`probe`)."""
    return chr(_PROBE + i)


_PROBE = 0xF0000  # Supplementary Private Use Area-A
_PROBE_SPLIT = re.compile("([\U000f0000-\U000ffffd])")


def template(rendered: str, holes: int) -> str | None:
    """A probe's rendering (:func:`probe`) as a %-format with one ``%s`` per hole, in order; None when
    the holes do not come out once each and in order (then render such items one by one)."""
    pieces = _PROBE_SPLIT.split(rendered)
    if pieces[1::2] != [chr(_PROBE + i) for i in range(holes)]:
        return None
    return "%s".join(piece.replace("%", "%%") for piece in pieces[0::2])


AnyItem = Item | FilledItem


@dataclass(slots=True)
class ItemList:
    items: list[AnyItem]
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


_OBJECTIVES_TITLE = "Øvingsmål: "
# The details shown under an entry, per kind: (content key, label).
_DETAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "participant": (("organisation", "Organisasjon: "),),
    "decision": (
        ("roles", "Ansvarlig: "),
        ("rationale", "Begrunnelse: "),
        ("disagreement", "Uenighet: "),
        ("open_question", "Åpent spørsmål: "),
        ("tags", "Stikkord: "),
    ),
    "observation": (("observer", "Observatør: "), ("objectives", _OBJECTIVES_TITLE)),
    "note": (("author", "Skrevet av: "),),
    "rating": (("comment", "Kommentar: "),),
    "lesson": (("objectives", _OBJECTIVES_TITLE),),
}
# The same with a bit for each detail, to tell at once which of them an entry has.
_DETAIL_BITS = {
    kind: tuple((key, title, 1 << i) for i, (key, title) in enumerate(details))
    for kind, details in _DETAILS.items()
}


def _when(seconds: float, at) -> str:
    return f"{fmt.exercise_clock(seconds)}, kl. {fmt.clock(at)}"


def _rating_text(value: Any) -> str:
    return f"{value} – {RATING_SCALE.get(value, '')}" if isinstance(value, int) else str(value)


_Texts = tuple[str, str, tuple[str, ...], list[str]]  # meta, main text, detail labels and texts


class _Writer:
    """Builds the blocks of one report."""

    def __init__(self, report: ReportData) -> None:
        self.r = report
        self.blocks: list[Block] = []
        self.lesson_numbers = {e.seq: i for i, e in enumerate(report.lessons, 1)}
        self.action_numbers = {e.seq: i for i, e in enumerate(report.actions, 1)}
        self.shapes: dict[tuple[str, tuple[str, ...]], ItemShape] = {}
        self.history_shapes: dict[
            tuple[str, str, tuple[str, ...], tuple[tuple[Run, tuple[str, ...]], ...]], ItemShape
        ] = {}
        self.pause_shapes: dict[int, ItemShape] = {}
        self.role_texts: dict[tuple[str, ...], str] = {}
        self.step_suffixes = [""] + [f" – «{s.title}»" for s in report.steps]  # by step number
        self.texts: dict[int, _Texts] = {}
        self.compact_texts: dict[int, _Texts] = {}
        # Entry items without a label, by (with_step, compact) and seq.
        self.item_cache: dict[tuple[bool, bool], dict[int, AnyItem]] = {
            (False, False): {},
            (False, True): {},
            (True, False): {},
            (True, True): {},
        }
        self._entry_texts(report.entries)

    # -- small pieces --

    def role_names(self, ids: list[str] | None) -> str:
        key = tuple(ids or ())
        text = self.role_texts.get(key)
        if text is None:
            text = self.role_texts[key] = ", ".join(self.r.role(i).name for i in key)
        return text

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
            line: list[Run] = [("Rettet", "b"), (f" kl. {fmt.clock(c.at)} (nr. {c.seq}): ", "")]
            if not c.changes:
                line.append(("ingen endring i innholdet.", ""))
            for i, ch in enumerate(c.changes):
                name = FIELD_NAMES.get(ch.field, ch.field)
                line.append((f"; {name} var «" if i else f"{name} var «", ""))
                before = self.value(ch.field, ch.before)
                if before:
                    line.append((before, "s"))
                line.append((f"», er nå «{self.value(ch.field, ch.after)}»", ""))
            if c.changes:
                line.append((".", ""))
            if c.reason:
                line.append((f" Begrunnelse: {c.reason}", ""))
            lines.append(line)
        if e.retraction:
            t = e.retraction
            lines.append(
                [
                    ("Trukket tilbake", "b"),
                    (f" kl. {fmt.clock(t.at)} (nr. {t.seq})", ""),
                    (f". Begrunnelse: {t.reason}" if t.reason else ".", ""),
                ]
            )
        return lines

    def _entry_texts(self, entries: list[LogEntry]) -> None:
        """Each entry's meta line (number and times), main text, and its details' labels and texts (also
        without the objectives, for lists under an objective), and its item as listed in the timeline
        unless it has a history; worked out in one pass, as an entry may be listed in several places."""
        texts, compact_texts, items = self.texts, self.compact_texts, self.item_cache[False, False]
        objective_items, step_suffixes = self.item_cache[True, True], self.step_suffixes
        role_names, shapes, details_of = self.role_names, self.shapes, _DETAIL_BITS.get
        kinds: dict[tuple[str, int], tuple[tuple[str, ...], ItemShape]] = {}  # by kind and details given
        for e, clock, exercise_clock in zip(
            entries,
            fmt.clocks([e.at for e in entries]),
            fmt.exercise_clocks([e.elapsed for e in entries]),
            strict=True,
        ):
            c = e.content
            kind = e.kind
            if kind == "inject":
                main = c.get("title") or c.get("inject_id") or ""
            elif kind == "rating":
                main = f"{c.get('objective_id')}: {_rating_text(c.get('rating'))}"
            elif kind == "participant":
                main = c.get("name") or ""
            else:
                main = c.get("text") or ""
            values = []
            given = 0
            for key, _, bit in details_of(kind, ()):
                value = c.get(key)
                if not value:
                    continue
                if key == "roles":
                    value = role_names(value)
                elif isinstance(value, list):
                    value = ", ".join(value)
                given |= bit
                values.append(value)
            known = kinds.get((kind, given))
            if known is None:
                titles = tuple(title for _, title, bit in details_of(kind, ()) if given & bit)
                known = kinds[(kind, given)] = (titles, self.shape_of(KIND_NAMES[kind], titles))
            titles = known[0]
            seq = e.seq
            meta = f" nr. {seq} · {exercise_clock}, kl. {clock}"
            plain = not e.corrections and e.retraction is None
            if plain:  # the texts are kept in the item (see entry_texts)
                items[seq] = FilledItem((known[1], [meta, main, *values]))
            else:
                texts[seq] = (meta, main, titles, values)
            if given and _OBJECTIVES_TITLE in titles:  # listed under its objectives too, with the step
                i = titles.index(_OBJECTIVES_TITLE)
                compact = compact_texts[seq] = (
                    meta,
                    main,
                    titles[:i] + titles[i + 1 :],
                    values[:i] + values[i + 1 :],
                )
                if plain and e.step:
                    name = KIND_NAMES[kind]
                    shape = shapes.get((name, compact[2])) or self.shape_of(name, compact[2])
                    objective_items[seq] = FilledItem(
                        (shape, [meta + step_suffixes[e.step], main, *compact[3]])
                    )

    def shape_of(self, name: str, titles: tuple[str, ...]) -> ItemShape:
        """The shape of an entry item without history: name, meta and text, then a line per detail."""
        shape = self.shapes.get((name, titles))
        if shape is None:
            shape = self.shapes[(name, titles)] = ItemShape(
                ((name, "b"), (None, "m"), (": ", ""), (None, "")),
                tuple(((t, "i"), (None, "")) for t in titles),
            )
        return shape

    def entry_item(
        self, e: LogEntry, *, label: str | None = None, with_step: bool = False, compact: bool = False
    ) -> AnyItem:
        """One log entry: kind, number and times, the text, its details, then its history.

        ``compact`` leaves out the objectives (the entry is listed under its objective)."""
        if label is None:  # the same item wherever the entry is listed: made once
            cache = self.item_cache[with_step, compact]
            item = cache.get(e.seq)
            if item is None:
                item = cache[e.seq] = self._entry_item(e, KIND_NAMES[e.kind], with_step, compact)
            return item
        return self._entry_item(e, label, with_step, compact)

    def entry_texts(self, e: LogEntry, compact: bool = False) -> _Texts:
        """The entry's texts (:meth:`_entry_texts`); ``compact`` leaves out the objectives."""
        texts = (compact and self.compact_texts.get(e.seq)) or self.texts.get(e.seq)
        if texts is None:  # an entry without history: the texts of its plain item
            shape, values = self.item_cache[False, False][e.seq]
            texts = (values[0], values[1], tuple(line[0][0] for line in shape.sub), values[2:])
        return texts

    def _entry_item(self, e: LogEntry, name: str, with_step: bool, compact: bool) -> AnyItem:
        meta, main, titles, values = self.entry_texts(e, compact)
        if with_step and e.step:
            meta += self.step_suffixes[e.step]
        if e.corrections or e.retraction:
            # The history lines start with a label; their other runs are holes, like those of the entry.
            strike = "s" if e.retraction else ""
            history = self.history(e)
            key = (
                name + (" (trukket tilbake)" if e.retraction else " (rettet)"),
                strike,
                titles,
                tuple([(line[0], tuple([style for _, style in line[1:]])) for line in history]),
            )
            shape = self.history_shapes.get(key)
            if shape is None:
                shape = self.history_shapes[key] = ItemShape(
                    ((key[0], "b"), (None, "m"), (": ", ""), (None, strike)),
                    (
                        *(((t, "i"), (None, strike)) for t in titles),
                        *((first, *((None, style) for style in styles)) for first, styles in key[3]),
                    ),
                )
            return FilledItem(
                (shape, [meta, main, *values, *[text for line in history for text, _ in line[1:]]])
            )
        return FilledItem((self.shape_of(name, titles), [meta, main, *values]))

    def pause_item(self, p: PauseInfo) -> AnyItem:
        if p.resumed_at is None:
            span = f"fra kl. {fmt.clock(p.at)}, ikke avsluttet"
        else:
            span = f"kl. {fmt.clock(p.at)}–{fmt.clock(p.resumed_at)} ({fmt.duration(p.wall_seconds)})"
        values = [f" nr. {p.seq} · øvelsestid {fmt.exercise_clock(p.elapsed)}", f": {span}"]
        if p.reason:
            values.append(f". {p.reason}")
        shape = self.pause_shapes.get(len(values))
        if shape is None:
            shape = self.pause_shapes[len(values)] = ItemShape(
                (("Pause", "b"), (None, "m"), *((None, "") for _ in values[1:])), ()
            )
        return FilledItem((shape, values))

    def reopen_item(self, r: ReopenInfo) -> Item:
        return Item(
            runs(
                ("Åpnet igjen", "b"),
                (f" nr. {r.seq} · {_when(r.elapsed, r.at)}", "m"),
                f": programmet var lukket i {fmt.duration(r.gap_seconds)} (ikke regnet med i øvelsestiden).",
            )
        )

    def timeline(self, items: list[TimelineItem]) -> ItemList:
        out: list[AnyItem] = []
        plain = self.item_cache[False, False]
        for item in items:
            if isinstance(item, LogEntry):
                out.append(plain.get(item.seq) or self.entry_item(item))
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
            self.blocks.append(
                Para(runs(("Advarsel: ", "b"), w.message, f" {w.hint}" if w.hint else ""), "warning")
            )
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
            (
                "Grunnlag",
                f"Journalen «{r.journal_file}» med {fmt.count(r.event_count, 'hendelse', 'hendelser')}",
            ),
        ]
        self.blocks.append(
            Table(["Felt", "Verdi"], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True)
        )

        self.blocks.append(Heading(2, "Om øvelsen"))
        self.blocks.append(Heading(3, "Formål"))
        self.blocks.append(Para(runs(x.purpose or "Ikke oppgitt.")))
        self.blocks.append(Heading(3, "Scenario"))
        self.blocks.append(Para(runs(s.summary)))
        extra = []
        if s.themes:
            extra.append(
                Item(runs(("Norge øver-temaer: ", "i"), ", ".join(THEME_NAMES[t] for t in s.themes)))
            )
        if s.nato_baseline:
            extra.append(
                Item(
                    runs(
                        ("NATOs grunnkrav: ", "i"),
                        "; ".join(f"{n} {NATO_BASELINE_NAMES[n]}" for n in s.nato_baseline),
                    )
                )
            )
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
                rows.append(
                    [
                        runs((p.name, strike)),
                        runs((p.organisation or "", strike)),
                        runs((", ".join(role.name for role in p.roles), strike)),
                        runs(note),
                    ]
                )
            self.blocks.append(Table(["Navn", "Organisasjon", "Roller", "Merknad"], rows))
            changed = [p.entry for p in r.participants if p.entry.corrected or p.entry.retracted]
            if changed:
                self.blocks.append(ItemList([self.entry_item(e) for e in changed]))
        else:
            self.blocks.append(Para(runs("Ingen deltakere er registrert.")))
        if r.missing_roles:
            self.blocks.append(
                Para(
                    runs(
                        ("Påkrevde roller uten deltaker: ", "b"),
                        ", ".join(role.name for role in r.missing_roles) + ".",
                    )
                )
            )
        else:
            self.blocks.append(Para(runs("Alle roller scenarioet krever, var besatt.")))

    def run(self) -> None:
        r = self.r
        self.blocks.append(Heading(2, "Gjennomføring"))
        visits = len(r.steps)
        distinct = len({s.node_id for s in r.steps})
        self.blocks.append(
            Para(
                runs(
                    f"Øvelsen gikk gjennom {fmt.count(visits, 'innspill', 'innspill')}"
                    + (f" ({distinct} ulike)" if distinct != visits else "")
                    + ". Tidene er øvelsestid (pauser ikke medregnet) og klokkeslett. Beslutninger, observasjoner "
                    "og notater står under innspillet de ble logget i."
                )
            )
        )
        if r.preamble:
            self.blocks.append(Heading(3, "Før første innspill"))
            self.blocks.append(self.timeline(r.preamble))
        steps = r.steps
        for step, clock, start, stop in zip(
            steps,
            fmt.clocks([s.at for s in steps]),
            fmt.exercise_clocks([s.elapsed for s in steps]),
            fmt.exercise_clocks([s.elapsed + s.seconds for s in steps]),
            strict=True,
        ):
            self.step(step, clock, start, stop)
        self.blocks.append(Heading(3, "Det som ikke ble utforsket"))
        if r.unexplored_choices:
            items = []
            for b in r.unexplored_choices:
                tail = " (innspillet ble likevel nådd på en annen vei)" if b.target_visited else ""
                items.append(
                    Item(
                        runs(
                            f"I «{b.node_title}»: valget «",
                            (b.label, "b"),
                            f"» mot «{b.target_title}» ble ikke tatt{tail}.",
                        )
                    )
                )
            self.blocks.append(ItemList(items))
        else:
            self.blocks.append(Para(runs("Alle valg i innspillene som ble brukt, ble tatt.")))
        if r.unvisited_nodes:
            self.blocks.append(
                Para(
                    runs(
                        ("Innspill som ikke ble brukt: ", "b"),
                        ", ".join(f"«{n.title}»" for n in r.unvisited_nodes) + ".",
                    )
                )
            )
        if r.unused_injects:
            self.blocks.append(
                Para(
                    runs(
                        ("Ekstra innspill som ikke ble gitt: ", "b"),
                        ", ".join(f"«{n.title}»" for n in r.unused_injects) + ".",
                    )
                )
            )

    def step(self, s: Step, clock: str, start: str, stop: str) -> None:
        """One visit to an innspill; ``clock``, ``start`` and ``stop`` are its times as text."""
        blocks = self.blocks
        blocks.append(Heading(3, f"{s.number}. {s.title}"))
        via = f"valg «{s.choice_label}»" if s.via == "choice" else VIA_TEXT.get(s.via, s.via)
        line = []
        if s.scenario_time:
            line.append(f"Scenariotid {s.scenario_time}")
        line.append(f"øvelsestid {start}–{stop} ({fmt.duration(s.seconds)})")
        line.append(f"kl. {clock}")
        line.append(via)
        if s.phase:
            line.append(f"fase: {s.phase}")
        blocks.append(Para([(" · ".join(line), "i")]))
        if s.text:
            blocks.append(Para([(s.text, "")], "quote"))
        if s.timeline:
            blocks.append(self.timeline(s.timeline))
        else:
            blocks.append(Para([("Ingenting logget i dette innspillet.", "m")]))

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
            self.blocks.append(
                ItemList([self.entry_item(e, with_step=True) for e in r.unlinked_observations])
            )
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
            self.blocks.append(
                Para(
                    runs(
                        ("Vurdering: ", "b"),
                        (_rating_text(c.get("rating")), "b"),
                        f". {c['comment']}" if c.get("comment") else "",
                        (" (rettet)", "m") if o.rating.corrected else "",
                    )
                )
            )
        earlier = [e for e in o.ratings if e is not o.rating]
        if earlier or (o.rating and o.rating.corrected):
            self.blocks.append(Para(runs(("Alle vurderinger av målet:", "i"))))
            self.blocks.append(
                ItemList(
                    [
                        self.entry_item(
                            e, label=None if e is o.rating or e.retracted else "Vurdering (erstattet)"
                        )
                        for e in o.ratings
                    ]
                )
            )
        if o.observations:
            self.blocks.append(Para(runs(("Observasjoner:", "i"))))
            self.blocks.append(
                ItemList([self.entry_item(e, with_step=True, compact=True) for e in o.observations])
            )
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
            rows.append(
                [
                    runs(str(self.action_numbers[e.seq])),
                    runs(c.get("text") or ""),
                    runs(c.get("owner") or ""),
                    runs(fmt.short_date(c.get("deadline"))),
                    runs(ACTION_STATUS_NAMES.get(c.get("status"), c.get("status") or "")),
                    runs(str(self.lesson_numbers.get(lesson, "")) if lesson else ""),
                ]
            )
        if rows:
            self.blocks.append(
                Table(
                    ["Nr.", "Tiltak", "Ansvarlig", "Frist", "Status", "Læringspunkt"],
                    rows,
                    numeric=frozenset({0}),
                )
            )
        changed = [e for e in r.actions if e.corrected or e.retracted]
        if changed:
            self.blocks.append(Para(runs(("Endringer i tiltaksplanen:", "i"))))
            self.blocks.append(
                ItemList([self.entry_item(e, label=f"Tiltak {self.action_numbers[e.seq]}") for e in changed])
            )

    def figures(self) -> None:
        r, f = self.r, self.r.figures
        self.blocks.append(Heading(2, "Nøkkeltall"))
        facts = [
            (
                "Øvelsestid",
                f"{fmt.duration(f.exercise_seconds)} (planlagt {fmt.duration(f.planned_minutes * 60)})",
            ),
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
        self.blocks.append(
            Table(["Felt", "Verdi"], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True)
        )
        self.blocks.append(Heading(3, "Tid per innspill"))
        top = max((n.seconds for n in f.time_per_node), default=0.0) or 1.0
        self.blocks.append(
            Table(
                ["Innspill", "Besøk", "Tid", "Planlagt"],
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
                bars=[n.seconds / top for n in f.time_per_node],
            )
        )
        self.blocks.append(Heading(3, "Beslutninger per rolle"))
        if f.decisions_per_role:
            top_count = max(rc.count for rc in f.decisions_per_role)
            self.blocks.append(
                Table(
                    ["Rolle", "Beslutninger"],
                    [
                        [runs(rc.role.name if rc.role else "Ingen rolle oppgitt"), runs(str(rc.count))]
                        for rc in f.decisions_per_role
                    ],
                    numeric=frozenset({1}),
                    bars=[rc.count / top_count for rc in f.decisions_per_role],
                )
            )
            note = (
                "En beslutning med flere ansvarlige roller telles hos hver av dem; beslutninger som er "
                "trukket tilbake, er ikke med."
            )
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
    footer = (
        f"Laget med {report.generator} fra journalen «{report.journal_file}» (journal-id {report.journal_id}). "
        "Rettede og tilbaketrukne oppføringer er vist med historikken; ingenting er utelatt."
    )
    return Document(f"Oppsummeringsnotat: {x.title}", report.marking, header, footer, w.blocks)

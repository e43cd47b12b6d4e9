"""The dreiebok (the facilitator's script) and the participants' handout, from a scenario alone.

Both are :class:`ovelse.report.layout.Document` trees, so they go through the report's renderers (Markdown,
HTML, Word) with the same escaping and the same marking rules: an exempt scenario is marked on every page.
The handout holds only what the room may know before the exercise: purpose, limits, objectives, roles,
back-story, facts and practical information; never notes, prompts, innspill or branches.
"""

from __future__ import annotations

from datetime import time

from ovelse.authoring.plan import Plan, plan
from ovelse.i18n import _, ngettext, pgettext
from ovelse.plaintext import clean
from ovelse.report.layout import Block, Document, Heading, Item, ItemList, Para, Run, Table, quoted, runs
from ovelse.scenario.model import (
    Choice,
    Condition,
    Inject,
    Message,
    Node,
    Question,
    Scenario,
    nato_baseline_name,
    theme_name,
)
from ovelse.scenario.roles import CATALOGUE, group_name


def _clock(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _minutes(n: int) -> str:
    return ngettext("{n} minutt", "{n} minutter", n).format(n=n)


class _Builder:
    """Collects the blocks of one document; ``handout`` leaves out everything facilitator-only."""

    def __init__(self, scenario: Scenario, start: time | None, handout: bool) -> None:
        self.s = scenario
        self.start = start
        self.handout = handout
        self.blocks: list[Block] = []
        self.has_sami = scenario.meta.has_sami
        self.plan: Plan = plan(scenario, start)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    # -- names --

    def role(self, role_id: str) -> str:
        for custom in self.s.roles.custom:
            if custom.id == role_id:
                return clean(custom.name)
        role = CATALOGUE.get(role_id)
        return role.name if role else clean(role_id)

    def roles(self, ids: list[str]) -> str:
        return ", ".join(self.role(r) for r in ids)

    def node_title(self, node_id: str) -> str:
        node = self.s.node_map.get(node_id)
        return clean(node.title) if node else clean(node_id)

    # -- front matter --

    def front(self) -> None:
        meta = self.s.meta
        marking = meta.sensitivity.marking
        if marking:
            self.add(Para(runs(marking), "marking"))
        self.add(Heading(1, clean(meta.title)))
        kind = _("Deltakerhefte") if self.handout else _("Dreiebok for øvingsleder")
        self.add(Para(runs(" · ".join([kind, clean(meta.municipality)])), "meta"))
        if meta.disclaimer:
            self.add(Para(runs(clean(meta.disclaimer)), "warning"))
        if not self.handout:
            self.add(
                Para(
                    runs(
                        _(
                            "Dreieboka er bare for øvingsleder: den har notater, spørsmål for å få i gang "
                            "diskusjonen og alle valgene. Gi deltakerne deltakerheftet."
                        )
                    ),
                    "small",
                )
            )

    def about(self) -> None:
        meta = self.s.meta
        self.add(Heading(2, _("Om øvelsen")))
        facts: list[tuple[str, str]] = [(_("Kommune"), clean(meta.municipality))]
        if meta.region:
            facts.append((_("Region"), clean(meta.region)))
        facts.append((_("Planlagt varighet"), _minutes(meta.duration_minutes)))
        facts.append((_("Tid til oppsummering"), _minutes(meta.evaluation_minutes)))
        if self.start is not None:
            facts.append((_("Start"), _clock(self.start)))
            facts.append((_("Planlagt slutt"), _clock(self.plan.end_clock)))
        if meta.themes:
            facts.append((_("Norge øver-temaer"), ", ".join(theme_name(t) for t in meta.themes)))
        if meta.nato_baseline:
            facts.append(
                (_("NATOs grunnkrav"), "; ".join(f"{n}. {nato_baseline_name(n)}" for n in meta.nato_baseline))
            )
        if not self.handout:
            facts.append((_("Scenarioversjon"), clean(meta.version)))
            if meta.authors:
                facts.append((_("Utarbeidet av"), ", ".join(clean(a) for a in meta.authors)))
        self.add(
            Table([_("Felt"), _("Verdi")], [[runs((k, "b")), runs(v)] for k, v in facts], key_value=True)
        )
        self.add(Para(runs(clean(meta.summary))))
        if meta.purpose:
            self.add(Heading(3, _("Hensikt")))
            self.add(Para(runs(clean(meta.purpose))))
        if meta.limits:
            self.add(Heading(3, _("Avgrensninger")))
            self.add(ItemList([Item(runs(clean(limit))) for limit in meta.limits]))
        if self.handout:
            self.add(Heading(3, _("Slik foregår øvelsen")))
            self.add(
                Para(
                    runs(
                        _(
                            "Dette er en diskusjonsøvelse: øvingsleder gir innspill om en tenkt hendelse, og dere "
                            "diskuterer hva kommunen gjør, ut fra planverket og rollene dere har. Det finnes ingen "
                            "fasit, og ingen blir vurdert personlig; det er planverket og samhandlingen som øves. "
                            "Beslutninger og uenighet skrives i en logg, og til slutt oppsummerer dere sammen hva "
                            "som fungerte og hva som bør følges opp."
                        )
                    )
                )
            )

    def objectives(self) -> None:
        if not self.s.objectives:
            return
        self.add(Heading(2, _("Øvingsmål")))
        items = []
        for objective in self.s.objectives:
            sub = [] if self.handout else [runs(_("Observer: "), clean(point)) for point in objective.observe]
            items.append(Item(runs((clean(objective.id), "b"), " ", clean(objective.text)), sub))
        self.add(ItemList(items))

    def role_list(self) -> None:
        groups = (
            (_("Roller som bør være til stede"), self.s.roles.required),
            (_("Roller som gjerne kan delta"), self.s.roles.optional),
        )
        if not any(ids for _title, ids in groups):
            return
        self.add(Heading(2, _("Roller")))
        for title, ids in groups:
            if not ids:
                continue
            self.add(Heading(3, title))
            items = []
            for role_id in ids:
                custom = next((c for c in self.s.roles.custom if c.id == role_id), None)
                if custom is not None:
                    items.append(Item(runs((clean(custom.name), "b"), " – ", clean(custom.responsibility))))
                    continue
                role = CATALOGUE.get(role_id)
                if role is None:
                    items.append(Item(runs((clean(role_id), "b"))))
                else:
                    items.append(
                        Item(runs((role.name, "b"), f" ({group_name(role.group)}) – ", role.responsibility))
                    )
            self.add(ItemList(items))

    def backstory(self) -> None:
        if self.s.backstory:
            self.add(Heading(2, _("Bakteppe")))
            self.add(
                ItemList(
                    [
                        Item(runs((clean(entry.when), "b"), " ", clean(entry.text)))
                        for entry in self.s.backstory
                    ]
                )
            )
        if self.s.facts:
            self.add(Heading(2, _("Fakta")))
            for fact in self.s.facts:
                self.add(Heading(3, clean(fact.title)))
                self.add(Para(runs(clean(fact.text))))

    # -- the facilitator's part --

    def timetable(self) -> None:
        p = self.plan
        self.add(Heading(2, _("Tidsplan")))
        self.add(
            Para(
                runs(
                    _(
                        "Hovedløpet gjennom scenarioet (neste innspill, eller det første valget der rommet velger). "
                        "Andre veier står ved hvert innspill."
                    )
                ),
                "small",
            )
        )
        header = [_("Nr."), _("Innspill"), _("Scenariotid"), _("Minutter")]
        if self.start is not None:
            header.append(_("Klokken"))
        rows: list[list[list[Run]]] = []
        for planned in p.nodes:
            row = [
                runs(str(planned.number)),
                runs(clean(planned.node.title)),
                runs(clean(planned.node.time or "")),
                runs(str(planned.minutes)),
            ]
            if self.start is not None:
                row.append(runs(_clock(planned.clock)))
            rows.append(row)
        evaluation = [
            runs(""),
            runs((_("Oppsummering (evaluering)"), "b")),
            runs(""),
            runs(str(p.evaluation_minutes)),
        ]
        if self.start is not None:
            evaluation.append(runs(_clock(p.evaluation_clock)))
        rows.append(evaluation)
        numeric = frozenset({0, 3})
        self.add(Table(header, rows, numeric=numeric))
        summary = _(
            "Innspill {innspill} + oppsummering {evaluation} = {total} av planlagt {planned}."
        ).format(
            innspill=_minutes(p.evaluation_offset),
            evaluation=_minutes(p.evaluation_minutes),
            total=_minutes(p.total_minutes),
            planned=_minutes(p.planned_minutes),
        )
        if p.over_budget:
            self.add(
                Para(
                    runs(summary, " ", _("Planen går {n} over tida.").format(n=_minutes(p.over_budget))),
                    "warning",
                )
            )
        else:
            self.add(Para(runs(summary), "meta"))

    def condition(self, when: Condition | None) -> str:
        if when is None:
            return ""
        parts = []
        if when.all_of:
            parts.append(_("alle av {flags}").format(flags=", ".join(clean(f) for f in when.all_of)))
        if when.any_of:
            parts.append(_("minst ett av {flags}").format(flags=", ".join(clean(f) for f in when.any_of)))
        if when.none_of:
            parts.append(_("ingen av {flags}").format(flags=", ".join(clean(f) for f in when.none_of)))
        return _("når {condition}").format(condition="; ".join(parts))

    def sami(self, text_se: str | None, public: bool = True) -> Para | None:
        if not self.has_sami:
            return None
        if text_se:
            return Para(runs(clean(text_se)), "quote-se")
        if public:
            return Para(runs(_("Samisk tekst mangler.")), "warning")
        return None

    def message(self, message: Message) -> Item:
        head = [clean(message.sender)]
        if message.to:
            head.append(_("til {roles}").format(roles=self.roles(message.to)))
        if message.channel:
            head.append(f"({clean(message.channel)})")
        sub: list[list[Run]] = [runs(quoted(clean(message.text)))]
        if self.has_sami and (message.text_se or message.public):
            sub.append(
                runs(clean(message.text_se)) if message.text_se else runs((_("Samisk tekst mangler."), "i"))
            )
        extra = self.condition(message.when)
        if message.public:
            extra = " · ".join(x for x in (_("til befolkningen"), extra) if x)
        return Item(runs((" ".join(head), "b"), (f" · {extra}" if extra else "", "m")), sub)

    def questions(self, questions: list[Question]) -> None:
        if not questions:
            return
        self.add(Para(runs((_("Spørsmål til diskusjon"), "b"))))
        items = []
        for q in questions:
            sub = [runs(_("Roller: "), self.roles(q.roles))] if q.roles else []
            if self.has_sami:
                sub.append(runs(clean(q.text_se)) if q.text_se else runs((_("Samisk tekst mangler."), "i")))
            items.append(Item(runs(clean(q.text)), sub))
        self.add(ItemList(items, ordered=True))

    def choice(self, choice: Choice) -> Item:
        sub: list[list[Run]] = []
        if choice.when:
            sub.append(
                runs((_("Bare tilgjengelig {condition}").format(condition=self.condition(choice.when)), "m"))
            )
        if choice.set:
            sub.append(
                runs((_("Setter: {flags}").format(flags=", ".join(clean(f) for f in choice.set)), "m"))
            )
        if choice.clear:
            sub.append(
                runs((_("Fjerner: {flags}").format(flags=", ".join(clean(f) for f in choice.clear)), "m"))
            )
        return Item(runs(clean(choice.label), " → ", (self.node_title(choice.target), "b")), sub)

    def innspill_body(self, item: Node | Inject) -> None:
        meta: list[str] = []
        if isinstance(item, Node):
            if item.time:
                meta.append(_("Scenariotid {time}").format(time=clean(item.time)))
            if item.phase:
                meta.append(clean(item.phase))
            if item.duration_minutes:
                meta.append(_minutes(item.duration_minutes))
        if item.roles:
            meta.append(_("Roller: {roles}").format(roles=self.roles(item.roles)))
        if item.objectives:
            meta.append(_("Øvingsmål: {ids}").format(ids=", ".join(clean(o) for o in item.objectives)))
        if isinstance(item, Inject) and item.when:
            meta.append(self.condition(item.when))
        if meta:
            self.add(Para(runs(" · ".join(meta)), "meta"))
        if self.has_sami and item.title_se:
            self.add(Para(runs((clean(item.title_se), "b")), "quote-se"))
        if item.text:
            self.add(Para(runs(clean(item.text))))
        se = self.sami(item.text_se, public=bool(item.text))
        if se is not None:
            self.add(se)
        if item.messages:
            self.add(Para(runs((_("Meldinger"), "b"))))
            self.add(ItemList([self.message(m) for m in item.messages]))
        self.questions(item.questions)
        if item.facilitator_notes:
            self.add(
                Para(runs((_("Notater for øvingsleder: "), "b"), clean(item.facilitator_notes)), "quote")
            )
        if isinstance(item, Node):
            if item.prompts:
                self.add(Para(runs((_("Når diskusjonen går i stå"), "b"))))
                self.add(ItemList([Item(runs(clean(p))) for p in item.prompts]))
            if item.choices:
                self.add(Para(runs((_("Valg"), "b"))))
                self.add(ItemList([self.choice(c) for c in item.choices], ordered=True))
            elif item.next:
                self.add(Para(runs(_("Neste innspill: "), (self.node_title(item.next), "b")), "meta"))
            if item.end:
                self.add(Para(runs((_("Scenarioet slutter her."), "i")), "meta"))

    def innspill(self) -> None:
        self.add(Heading(2, _("Innspill"), new_page=True))
        numbers = {planned.node.id: planned.number for planned in self.plan.nodes}
        for node in self.s.nodes:
            number = numbers.get(node.id)
            title = f"{number}. {clean(node.title)}" if number else clean(node.title)
            self.add(Heading(3, title))
            if number is None:
                self.add(
                    Para(runs((_("Utenfor hovedløpet (en annen vei gjennom scenarioet)."), "m")), "meta")
                )
            self.innspill_body(node)
        if self.s.injects:
            self.add(Heading(2, _("Ekstra innspill")))
            self.add(
                Para(
                    runs(_("Innspill øvingsleder kan gi når som helst, når betingelsen (om noen) holder.")),
                    "small",
                )
            )
            for inject in self.s.injects:
                self.add(Heading(3, clean(inject.title)))
                self.innspill_body(inject)

    def build(self) -> Document:
        self.front()
        self.about()
        self.objectives()
        self.role_list()
        self.backstory()
        if not self.handout:
            self.timetable()
            self.innspill()
        meta = self.s.meta
        kind = _("Deltakerhefte") if self.handout else _("Dreiebok")
        header = " – ".join([kind, clean(meta.title), clean(meta.municipality)])
        marking = meta.sensitivity.marking
        if marking:
            header = f"{marking} · {header}"
        return Document(
            title=clean(meta.title),
            subtitle=kind,
            marking=marking,
            running_header=header,
            language=meta.language,
            author=", ".join(clean(a) for a in meta.authors) or clean(meta.municipality),
            subject=pgettext("document subject", "{kind} for diskusjonsøvelse, {municipality}").format(
                kind=kind, municipality=clean(meta.municipality)
            ),
            keywords=[_("diskusjonsøvelse"), _("beredskap"), clean(meta.municipality)],
            blocks=self.blocks,
        )


def build_dreiebok(scenario: Scenario, *, start: time | None = None, handout: bool = False) -> Document:
    """The dreiebok (``handout=False``) or the participants' handout, in the current language."""
    return _Builder(scenario, start, handout).build()

"""The report's content, built once from a journal and its replayed state; every format renders it.

All text in a :class:`ReportData` is already cleaned (:func:`ovelse.report.escape.clean`): no terminal
escapes or control characters. Format-specific escaping happens in the renderers. Corrected and
retracted entries are kept with their history; nothing is dropped.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from ovelse import __version__
from ovelse.report.errors import GradedMaterial
from ovelse.report.escape import clean
from ovelse.report.source import LoadedJournal
from ovelse.scenario.model import Scenario
from ovelse.scenario.roles import CATALOGUE
from ovelse.session.events import EventBase
from ovelse.session.state import Entry

# Journal event type → the entry kind used in reports and the JSON export.
KIND_OF_TYPE: dict[str, str] = {
    "participant_added": "participant",
    "decision_logged": "decision",
    "observation": "observation",
    "note": "note",
    "inject_fired": "inject",
    "objective_rated": "rating",
    "lesson_added": "lesson",
    "action_added": "action",
}
KIND_NAMES: dict[str, str] = {
    "participant": "Deltaker",
    "decision": "Beslutning",
    "observation": "Observasjon",
    "note": "Notat",
    "inject": "Ekstra innspill",
    "rating": "Vurdering",
    "lesson": "Læringspunkt",
    "action": "Tiltak",
}
# Kinds that belong to the run of the exercise (shown under the innspill they were logged in);
# the others belong to the front matter (participants) or the evaluation (debrief).
TIMELINE_KINDS = frozenset({"decision", "observation", "note", "inject"})
DEBRIEF_KINDS = frozenset({"rating", "lesson", "action"})

_BASE_FIELDS = frozenset({"type", "seq", "at", "elapsed", "scenario_time"})
_GRADES = r"(?:BEGRENSET|KONFIDENSIELT|STRENGT\s+HEMMELIG|HEMMELIG)"
# An entry is *marked* with a grade when a text starts with the grade word in capitals (the way graded
# documents are marked), when it says «gradering: …», or when a tag is a grade.
_GRADE_START = re.compile(rf"^[\s«\"'(\[*_]*{_GRADES}\b")
_GRADE_LABEL = re.compile(rf"\bgradering\s*[:=]\s*{_GRADES}\b", re.IGNORECASE)
_GRADE_TAGS = frozenset({"begrenset", "konfidensielt", "hemmelig", "strengt hemmelig", "strengt_hemmelig"})


# -- the data ---------------------------------------------------------------------------------


@dataclass(slots=True)
class RoleRef:
    id: str
    name: str
    group: str | None  # kriseledelse, beredskapsrad, ovelse, scenario; None when unknown


@dataclass(slots=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(slots=True)
class Correction:
    seq: int
    at: datetime
    elapsed: float
    reason: str
    changes: list[Change]


@dataclass(slots=True)
class Retraction:
    seq: int
    at: datetime
    elapsed: float
    reason: str


@dataclass(slots=True)
class LogEntry:
    """A log entry with its current content (after corrections) and its history."""

    seq: int
    kind: str
    at: datetime
    elapsed: float
    scenario_time: str | None
    node_id: str | None
    step: int | None  # 1-based number of the path step it was logged in (None before the first)
    content: dict[str, Any]
    corrections: list[Correction] = field(default_factory=list)
    retraction: Retraction | None = None

    @property
    def retracted(self) -> bool:
        return self.retraction is not None

    @property
    def corrected(self) -> bool:
        return bool(self.corrections)

    @property
    def status(self) -> str:
        """«active», «corrected» or «retracted»."""
        return "retracted" if self.retraction else "corrected" if self.corrections else "active"

    def text(self, key: str = "text") -> str:
        return self.content.get(key) or ""


@dataclass(slots=True)
class PauseInfo:
    seq: int
    at: datetime
    elapsed: float
    reason: str
    resumed_seq: int | None
    resumed_at: datetime | None
    wall_seconds: float | None  # None while the pause lasts (at the end of the journal)
    step: int | None


@dataclass(slots=True)
class ReopenInfo:
    seq: int
    at: datetime
    elapsed: float
    gap_seconds: float
    step: int | None


TimelineItem = LogEntry | PauseInfo | ReopenInfo


@dataclass(slots=True)
class Step:
    """One visit to an innspill (node), in the order the exercise went."""

    number: int
    seq: int
    node_id: str
    title: str
    phase: str | None
    text: str
    via: str
    choice_label: str | None
    at: datetime
    elapsed: float
    scenario_time: str | None
    seconds: float  # exercise clock spent here (pauses excluded)
    timeline: list[TimelineItem] = field(default_factory=list)


@dataclass(slots=True)
class ParticipantInfo:
    id: str
    name: str
    organisation: str | None
    roles: list[RoleRef]
    entry: LogEntry


@dataclass(slots=True)
class ObjectiveInfo:
    id: str
    text: str
    rating: LogEntry | None  # the latest rating that is not retracted
    ratings: list[LogEntry]
    observations: list[LogEntry]
    lessons: list[LogEntry]


@dataclass(slots=True)
class Branch:
    node_id: str
    node_title: str
    choice: int
    label: str
    target: str
    target_title: str
    target_visited: bool


@dataclass(slots=True)
class NodeRef:
    id: str
    title: str


@dataclass(slots=True)
class NodeTime:
    node_id: str
    title: str
    visits: int
    seconds: float
    planned_minutes: int | None


@dataclass(slots=True)
class RoleCount:
    role: RoleRef | None  # None: decisions with no role given
    count: int


@dataclass(slots=True)
class Figures:
    exercise_seconds: float
    wall_seconds: float
    paused_seconds: float
    away_seconds: float  # wall-clock gaps while the program was closed (not on the exercise clock)
    planned_minutes: int
    time_per_node: list[NodeTime]
    decisions_per_role: list[RoleCount]
    counts: dict[str, int]


@dataclass(slots=True)
class Exercise:
    title: str
    municipality: str
    date: date
    place: str
    facilitator: str
    purpose: str
    started_at: datetime
    last_at: datetime
    ended_at: datetime | None
    ended_seq: int | None
    end_note: str


@dataclass(slots=True)
class ScenarioInfo:
    id: str
    title: str
    version: str
    hash: str
    file: str
    municipality: str
    region: str | None
    summary: str
    themes: list[str]
    nato_baseline: list[int]
    planned_minutes: int


@dataclass(slots=True)
class Notice:
    message: str
    hint: str


@dataclass
class ReportData:
    """Everything the report says, in one place."""

    generator: str
    journal_file: str
    journal_id: str
    journal_created: datetime
    journal_format: int
    journal_ovelse_version: str
    event_count: int
    sensitivity: str
    legal_basis: str | None
    marking: str | None
    warnings: list[Notice]
    exercise: Exercise
    scenario: ScenarioInfo
    participants: list[ParticipantInfo]
    missing_roles: list[RoleRef]
    objectives: list[ObjectiveInfo]
    unlinked_observations: list[LogEntry]
    preamble: list[TimelineItem]
    steps: list[Step]
    entries: list[LogEntry]
    pauses: list[PauseInfo]
    reopenings: list[ReopenInfo]
    unexplored_choices: list[Branch]
    unvisited_nodes: list[NodeRef]
    unused_injects: list[NodeRef]
    lessons: list[LogEntry]
    actions: list[LogEntry]
    figures: Figures
    roles: dict[str, RoleRef]
    node_titles: dict[str, str]

    @property
    def ended(self) -> bool:
        return self.exercise.ended_at is not None

    @property
    def private(self) -> bool:
        """Files made from this report must be readable by their owner only."""
        return self.sensitivity != "open"

    def role(self, role_id: str) -> RoleRef:
        return self.roles.get(role_id) or RoleRef(role_id, role_id, None)

    def node_title(self, node_id: str | None) -> str:
        return self.node_titles.get(node_id or "", node_id or "")


# -- building ---------------------------------------------------------------------------------


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean(v) if isinstance(v, str) else v for v in value]
    return value


def _is_graded(key: str, value: Any) -> bool:
    if isinstance(value, str):
        return bool(value) and (
            _GRADE_START.search(value) is not None or _GRADE_LABEL.search(value) is not None
        )
    if isinstance(value, list):
        return any(
            _is_graded(key, v)
            or (key == "tags" and isinstance(v, str) and " ".join(v.lower().split()) in _GRADE_TAGS)
            for v in value
        )
    return False


@dataclass(slots=True)
class _Texts:
    """Cleans and checks texts from events; a journal scanned clean skips the per-text work."""

    scrub: bool = True
    check: bool = True

    def fields(self, seq: int, data: dict[str, Any]) -> dict[str, Any]:
        if self.scrub:
            data = {k: _clean_value(v) for k, v in data.items()}
        if self.check:
            for key, value in data.items():
                if _is_graded(key, value):
                    raise GradedMaterial(f"Oppføring nr. {seq} i journalen")
        return data

    def text(self, seq: int, value: str | None) -> str:
        return self.fields(seq, {"text": value or ""})["text"]


def _field_kind(annotation: Any) -> str | None:
    """How a field's value becomes JSON data: «plain» (a string, whole number or None: as it is),
    «list» (of plain values: copied), «date» (ISO text), or None (anything else: ask pydantic)."""
    if annotation is str or annotation is int or annotation is type(None):
        return "plain"
    if annotation is date:
        return "date"
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _field_kind(args[0])
    if origin is Literal:
        return "plain" if all(type(a) is str or type(a) is int for a in args) else None
    if origin is Union or origin is UnionType:
        kinds = {_field_kind(a) for a in args if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 and None not in kinds else None
    if origin is list and len(args) == 1 and _field_kind(args[0]) == "plain":
        return "list"
    return None


_ContentPlan = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None
_CONTENT_PLANS: dict[type, _ContentPlan] = {}


def _content_plan(model: type[EventBase]) -> _ContentPlan:
    """The content fields of an event type (in the model's order), those to copy and those to format."""
    kinds = {
        name: _field_kind(info.annotation)
        for name, info in model.model_fields.items()
        if name not in _BASE_FIELDS
    }
    if None in kinds.values():
        return None
    return (
        tuple(kinds),
        tuple(k for k, v in kinds.items() if v == "list"),
        tuple(k for k, v in kinds.items() if v == "date"),
    )


def _content(event: EventBase) -> dict[str, Any]:
    """The event's own fields as JSON data, as ``model_dump(mode="json", exclude=_BASE_FIELDS)`` gives
    them: read straight from the (validated) model when its fields are all plain, which is several times
    quicker than the serializer for thousands of entries."""
    model = type(event)
    try:
        plan = _CONTENT_PLANS[model]
    except KeyError:
        plan = _CONTENT_PLANS[model] = _content_plan(model)
    if plan is None:
        return event.__pydantic_serializer__.to_python(event, mode="json", exclude=_BASE_FIELDS)
    keys, lists, dates = plan
    values = event.__dict__
    content = {k: values[k] for k in keys}
    for key in lists:
        value = content[key]
        if value is not None:
            content[key] = value.copy()
    for key in dates:
        value = content[key]
        if value is not None:
            content[key] = value.isoformat()
    return content


def _log_entry(entry: Entry, step: int | None, texts: _Texts, plain: bool) -> LogEntry:
    original = entry.original
    content = _content(original)
    if not plain:
        content = texts.fields(entry.seq, content)
    corrections = []
    for corr in entry.corrections:
        fields = texts.fields(corr.seq, corr.fields)
        reason = texts.text(corr.seq, corr.reason)
        changes = [Change(k, content.get(k), v) for k, v in fields.items() if content.get(k) != v]
        content = {**content, **fields}
        corrections.append(Correction(corr.seq, corr.at, corr.elapsed, reason, changes))
    retraction = None
    if entry.retraction is not None:
        r = entry.retraction
        retraction = Retraction(r.seq, r.at, r.elapsed, texts.text(r.seq, r.reason))
    return LogEntry(
        entry.seq,
        KIND_OF_TYPE[original.type],
        original.at,
        original.elapsed,
        original.scenario_time,
        entry.node_id,
        step,
        content,
        corrections,
        retraction,
    )


def _roles(scenario: Scenario) -> dict[str, RoleRef]:
    roles = {r.id: RoleRef(r.id, r.name, r.group) for r in CATALOGUE.values()}
    roles.update({r.id: RoleRef(r.id, clean(r.name), "scenario") for r in scenario.roles.custom})
    return roles


def build_report(journal: LoadedJournal) -> ReportData:
    """The report for a journal read with :func:`ovelse.report.source.read_journal`.

    Raises GradedMaterial when an entry is marked with a security grade.
    """
    scenario, state, header = journal.scenario, journal.state, journal.header
    facts = state.facts
    assert facts is not None  # read_journal refuses journals without exercise_started
    meta = scenario.meta
    texts = _Texts(getattr(journal, "needs_cleaning", True), getattr(journal, "may_be_graded", True))
    texts.fields(
        facts.seq,
        {
            "title": facts.title,
            "place": facts.place,
            "facilitator": facts.facilitator,
            "purpose": facts.purpose,
        },
    )
    roles = _roles(scenario)
    node_map = scenario.node_map

    # Path steps and the last moment of the run (before the debrief starts).
    end_elapsed = state.ended.elapsed if state.ended else state.elapsed
    last_step_seq = state.path[-1].seq if state.path else 0
    run_end = end_elapsed
    after_last_step = len(state.log)  # the log is in journal order: look only at its tail
    while after_last_step and state.log[after_last_step - 1].seq > last_step_seq:
        after_last_step -= 1
    for entry in itertools.islice(state.log, after_last_step, None):
        if KIND_OF_TYPE[entry.type] in DEBRIEF_KINDS:
            run_end = entry.elapsed
            break
    steps: list[Step] = []
    for i, ps in enumerate(state.path):
        node = node_map.get(ps.node_id)
        stop = state.path[i + 1].elapsed if i + 1 < len(state.path) else max(run_end, ps.elapsed)
        label = clean(ps.label) if ps.label is not None else None
        steps.append(
            Step(
                i + 1,
                ps.seq,
                ps.node_id,
                clean(node.title) if node else ps.node_id,
                clean(node.phase) if node and node.phase else None,
                clean(node.text) if node else "",
                ps.via,
                label,
                ps.at,
                ps.elapsed,
                ps.scenario_time or (node.time if node else None),
                max(0.0, stop - ps.elapsed),
            )
        )
    step_seqs = [s.seq for s in steps]

    def step_of(seq: int) -> int | None:
        index = bisect_right(step_seqs, seq)
        return index if index else None

    pauses = [
        PauseInfo(
            p.seq,
            p.at,
            p.elapsed,
            texts.text(p.seq, p.reason),
            p.resumed_seq,
            p.resumed_at,
            p.wall_seconds,
            step_of(p.seq),
        )
        for p in state.pauses
    ]
    reopenings = [ReopenInfo(r.seq, r.at, r.elapsed, r.gap, step_of(r.seq)) for r in state.reopenings]

    # One pass over the log, which is in journal order: each entry's step is found by walking the steps
    # alongside, and the timelines get the entries with pauses and reopenings in between. Entries with
    # no history from a journal that needs no cleaning or checking (the common case) are made here.
    entries: list[LogEntry] = []
    preamble: list[TimelineItem] = []
    timelines = [s.timeline for s in steps]
    others: list[PauseInfo | ReopenInfo] = sorted([*pauses, *reopenings], key=attrgetter("seq"))
    others_at, next_other = 0, others[0].seq if others else None
    observations: list[LogEntry] = []
    lessons: list[LogEntry] = []
    ratings: list[LogEntry] = []
    actions: list[LogEntry] = []
    buckets = {"observation": observations, "lesson": lessons, "rating": ratings, "action": actions}
    participant_entries: dict[int, LogEntry] = {}
    counts = dict.fromkeys(KIND_NAMES, 0)
    corrected = retracted = 0
    role_counts: dict[str | None, int] = {}
    plain = not (texts.scrub or texts.check)
    next_index, next_seq, step_number = 0, step_seqs[0] if step_seqs else None, None
    plans = _CONTENT_PLANS
    for e in state.log:
        seq = e.seq
        while next_seq is not None and next_seq <= seq:
            next_index += 1
            step_number = next_index
            next_seq = step_seqs[next_index] if next_index < len(step_seqs) else None
        while next_other is not None and next_other < seq:
            other = others[others_at]
            (timelines[other.step - 1] if other.step else preamble).append(other)
            others_at += 1
            next_other = others[others_at].seq if others_at < len(others) else None
        original = e.original
        plan = plans.get(type(original))
        if plain and not e.corrections and e.retraction is None and plan is not None:
            # _content(original), inline: thousands of times
            fields = original.__dict__
            content = {k: fields[k] for k in plan[0]}
            for key in plan[1]:
                value = content[key]
                if value is not None:
                    content[key] = value.copy()
            for key in plan[2]:
                value = content[key]
                if value is not None:
                    content[key] = value.isoformat()
            entry = LogEntry(
                seq,
                KIND_OF_TYPE[original.type],
                original.at,
                original.elapsed,
                original.scenario_time,
                e.node_id,
                step_number,
                content,
                [],
                None,
            )
        else:
            entry = _log_entry(e, step_number, texts, plain)
        entries.append(entry)
        kind = entry.kind
        if kind in TIMELINE_KINDS:
            (timelines[step_number - 1] if step_number else preamble).append(entry)
        elif kind == "participant":
            participant_entries[seq] = entry
        bucket = buckets.get(kind)
        if bucket is not None:
            bucket.append(entry)
        if entry.corrections:
            corrected += 1
        if entry.retraction is not None:
            retracted += 1
            continue
        counts[kind] += 1
        if kind == "decision":
            for r in entry.content.get("roles") or [None]:
                role_counts[r] = role_counts.get(r, 0) + 1
    for other in others[others_at:]:
        (timelines[other.step - 1] if other.step else preamble).append(other)

    participants = []
    for person in state.participants.values():
        entry = participant_entries[person.seq]
        participants.append(
            ParticipantInfo(
                person.id,
                entry.content["name"],
                entry.content.get("organisation"),
                [roles.get(r) or RoleRef(r, r, None) for r in person.roles],
                entry,
            )
        )
    missing = [roles.get(r) or RoleRef(r, r, None) for r in state.missing_roles(scenario.roles.required)]

    linked_observations = [(o, o.content.get("objectives") or []) for o in observations]
    linked_lessons = [(x, x.content.get("objectives") or []) for x in lessons]
    objectives = []
    for obj in scenario.objectives:
        mine = [r for r in ratings if r.content.get("objective_id") == obj.id]
        current = next((r for r in reversed(mine) if not r.retracted), None)
        objectives.append(
            ObjectiveInfo(
                obj.id,
                clean(obj.text),
                current,
                mine,
                [o for o, linked in linked_observations if obj.id in linked],
                [x for x, linked in linked_lessons if obj.id in linked],
            )
        )
    known_objectives = {o.id for o in scenario.objectives}
    unlinked = [o for o, linked in linked_observations if not set(linked) & known_objectives]

    # What was not explored.
    visited = {s.node_id for s in steps}
    taken = {
        (state.path[i - 1].node_id, ps.choice) for i, ps in enumerate(state.path) if ps.via == "choice" and i
    }
    unexplored, seen_nodes = [], set()
    for s in steps:
        if s.node_id in seen_nodes or s.node_id not in node_map:
            continue
        seen_nodes.add(s.node_id)
        for index, choice in enumerate(node_map[s.node_id].choices):
            if (s.node_id, index) in taken:
                continue
            target = node_map.get(choice.target)
            unexplored.append(
                Branch(
                    s.node_id,
                    s.title,
                    index,
                    clean(choice.label),
                    choice.target,
                    clean(target.title) if target else choice.target,
                    choice.target in visited,
                )
            )
    unvisited = [NodeRef(n.id, clean(n.title)) for n in scenario.nodes if n.id not in visited]
    fired = {e.content.get("inject_id") for e in entries if e.kind == "inject" and not e.retracted}
    unused = [NodeRef(i.id, clean(i.title)) for i in scenario.injects if i.id not in fired]

    # Figures.
    per_node: dict[str, NodeTime] = {}
    for s in steps:
        nt = per_node.get(s.node_id)
        if nt is None:
            node = node_map.get(s.node_id)
            nt = per_node[s.node_id] = NodeTime(
                s.node_id, s.title, 0, 0.0, node.duration_minutes if node else None
            )
        nt.visits += 1
        nt.seconds += s.seconds
    decisions_per_role = [
        RoleCount(roles.get(r) or RoleRef(r, r, None) if r else None, n) for r, n in role_counts.items()
    ]
    decisions_per_role.sort(key=lambda rc: (-rc.count, rc.role is None, rc.role.name if rc.role else ""))
    counts["corrected"] = corrected
    counts["retracted"] = retracted
    counts["steps"] = len(steps)
    counts["pauses"] = len(pauses)
    last_at = state.last_at or facts.at
    end_at = state.ended.at if state.ended else last_at
    paused = sum(
        (p.wall_seconds if p.wall_seconds is not None else (end_at - p.at).total_seconds()) for p in pauses
    )
    figures = Figures(
        end_elapsed,
        (end_at - facts.at).total_seconds(),
        paused,
        sum(r.gap_seconds for r in reopenings),
        meta.duration_minutes,
        list(per_node.values()),
        decisions_per_role,
        counts,
    )

    warnings = [Notice(clean(n.message), clean(n.hint)) for n in journal.warnings]
    if state.ended is None:
        warnings.append(
            Notice(
                "Øvelsen er ikke avsluttet i journalen. Rapporten viser det som var logget da den ble laget.",
                "Avslutt øvelsen i ovelse og lag rapporten på nytt for den endelige versjonen.",
            )
        )
    if state.paused:
        warnings.append(
            Notice(
                "Øvelsen står på pause ved slutten av journalen.",
                "Det skjer for eksempel når programmet lukkes midt i øvelsen.",
            )
        )

    exercise = Exercise(
        clean(facts.title),
        clean(facts.municipality),
        facts.date,
        clean(facts.place),
        clean(facts.facilitator),
        clean(facts.purpose),
        facts.at,
        last_at,
        state.ended.at if state.ended else None,
        state.ended.seq if state.ended else None,
        clean(state.ended.note) if state.ended else "",
    )
    if state.ended:
        texts.text(state.ended.seq, state.ended.note)
    copy = header.scenario
    scenario_info = ScenarioInfo(
        meta.id,
        clean(meta.title),
        clean(meta.version),
        copy.hash,
        clean(copy.name),
        clean(meta.municipality),
        clean(meta.region) or None,
        clean(meta.summary),
        list(meta.themes),
        list(meta.nato_baseline),
        meta.duration_minutes,
    )
    sensitivity = meta.sensitivity
    return ReportData(
        generator=f"ovelse {__version__}",
        journal_file=clean(journal.path.name),
        journal_id=header.journal_id,
        journal_created=header.created,
        journal_format=header.format,
        journal_ovelse_version=header.ovelse_version,
        event_count=len(journal.events),
        sensitivity=sensitivity.level,
        legal_basis=clean(sensitivity.legal_basis) or None,
        marking=clean(sensitivity.marking) or None,
        warnings=warnings,
        exercise=exercise,
        scenario=scenario_info,
        participants=participants,
        missing_roles=missing,
        objectives=objectives,
        unlinked_observations=unlinked,
        preamble=preamble,
        steps=steps,
        entries=entries,
        pauses=pauses,
        reopenings=reopenings,
        unexplored_choices=unexplored,
        unvisited_nodes=unvisited,
        unused_injects=unused,
        lessons=lessons,
        actions=actions,
        figures=figures,
        roles=roles,
        node_titles={n.id: clean(n.title) for n in scenario.nodes},
    )

"""The report's content, built once from a journal and its replayed state; every format renders it.

Entries keep their typed journal event (:attr:`LogEntry.event`, after corrections) and their kind from
the one table in :mod:`ovelse.report.kinds`. All text is already cleaned (:func:`ovelse.plaintext.clean`):
no terminal escapes or control characters; each renderer does its own format's escaping. Corrected and
retracted entries are kept with their history; nothing is dropped. The model holds no translated text
except the warnings, which are rendered in the report's language when the report is built.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ovelse import __version__
from ovelse.i18n import N_, Language, _, use_language
from ovelse.plaintext import clean
from ovelse.report.errors import GradedMaterial
from ovelse.report.kinds import KIND_OF_TYPE, EntryKind
from ovelse.scenario.model import Node, Scenario
from ovelse.scenario.roles import CATALOGUE
from ovelse.session import LoadedJournal
from ovelse.session.events import Corrected, EventBase, RoomView
from ovelse.session.state import Entry, ExerciseState

BASE_FIELDS = frozenset({"type", "seq", "at", "elapsed", "scenario_time"})

_GRADES = r"(?:BEGRENSET|KONFIDENSIELT|STRENGT\s+HEMMELIG|HEMMELIG)"
# An entry is *marked* with a grade when a text starts with the grade word in capitals (the way graded
# documents are marked), when it says «gradering: …», or when a tag is a grade.
_GRADE_START = re.compile(rf"^[\s«\"'(\[*_]*{_GRADES}\b")
_GRADE_LABEL = re.compile(rf"\bgradering\s*[:=]\s*{_GRADES}\b", re.IGNORECASE)
_GRADE_TAGS = frozenset({"begrenset", "konfidensielt", "hemmelig", "strengt hemmelig", "strengt_hemmelig"})

_NOT_ENDED = N_("Øvelsen er ikke avsluttet i journalen. Rapporten viser det som var logget da den ble laget.")
_NOT_ENDED_HINT = N_("Avslutt øvelsen i ovelse og lag rapporten på nytt for den endelige versjonen.")
_PAUSED_AT_END = N_("Øvelsen står på pause ved slutten av journalen.")
_PAUSED_AT_END_HINT = N_("Det skjer for eksempel når programmet lukkes midt i øvelsen.")


# -- the data ---------------------------------------------------------------------------------


@dataclass(slots=True)
class RoleRef:
    id: str
    name: str
    group: str | None  # kriseledelse, beredskapsrad, ovelse, scenario; None when unknown


@dataclass(slots=True)
class Change:
    field: str
    before: Any  # JSON values (dates as ISO text)
    after: Any


@dataclass(slots=True)
class Correction:
    seq: int
    at: datetime
    elapsed: float
    reason: str
    changes: list[Change]


@dataclass(slots=True)
class StatusChange:
    """A follow-up of a tiltak: its status from ``on``, by whom, with a comment."""

    seq: int
    at: datetime
    elapsed: float
    status: str
    on: date
    by: str
    comment: str


@dataclass(slots=True)
class Retraction:
    seq: int
    at: datetime
    elapsed: float
    reason: str


@dataclass(slots=True)
class LogEntry:
    """A log entry: its kind, its event as it stands after corrections, and its history."""

    kind: EntryKind
    event: EventBase  # current content (cleaned)
    node_id: str | None
    step: int | None  # 1-based number of the path step it was logged in (None before the first)
    corrections: list[Correction] = field(default_factory=list)
    retraction: Retraction | None = None
    status_changes: list[StatusChange] = field(default_factory=list)

    @property
    def seq(self) -> int:
        return self.event.seq

    @property
    def at(self) -> datetime:
        return self.event.at

    @property
    def elapsed(self) -> float:
        return self.event.elapsed

    @property
    def scenario_time(self) -> str | None:
        return self.event.scenario_time

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

    def value(self, name: str) -> Any:
        """The current value of field ``name``."""
        return getattr(self.event, name)

    @property
    def main_text(self) -> str:
        return str(self.value(self.kind.main) or "")

    def content(self) -> dict[str, Any]:
        """The event's own fields as JSON data (the «content» of the JSON export)."""
        return self.event.model_dump(mode="json", exclude=set(BASE_FIELDS))


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
    cause: str = "break"  # break, closed (the program was closed while running), setup (old journals)


@dataclass(slots=True)
class RoomReveal:
    """What the room was shown of the current innspill from this moment (a RoomView event)."""

    seq: int
    at: datetime
    elapsed: float
    node_id: str
    messages_shown: int
    questions_shown: bool
    choices_shown: bool
    blank: bool
    step: int | None


@dataclass(slots=True)
class ReopenInfo:
    seq: int
    at: datetime
    elapsed: float
    gap_seconds: float
    step: int | None


TimelineItem = LogEntry | PauseInfo | ReopenInfo | RoomReveal


@dataclass(slots=True)
class Step:
    """One visit to an innspill (node), in the order the exercise went."""

    number: int
    seq: int
    node_id: str
    title: str
    title_se: str | None
    phase: str | None
    text: str
    text_se: str | None
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
    corrections: list[Correction] = field(default_factory=list)
    """Changes to the facts after the start (``edit_facts``), oldest first, each with before and after."""


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
    room_languages: tuple[str, ...]


@dataclass(slots=True)
class Notice:
    message: str
    hint: str


@dataclass
class ReportData:
    """Everything the report says, in one place."""

    language: Language
    generator: str
    journal_file: str
    journal_id: str
    journal_created: datetime
    journal_format: int
    journal_ovelse_version: str
    event_count: int
    chain_head: str
    """The hash chain value of the last event the report was made from (``ovelse verify --rapport``)."""
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

    def lesson_number(self, seq: int) -> int | None:
        """The læringspunkt's number in the report (1, 2, …) for the seq of its entry."""
        for n, lesson in enumerate(self.lessons, 1):
            if lesson.seq == seq:
                return n
        return None


# -- cleaning and checking texts --------------------------------------------------------------


def _is_graded(name: str, value: object) -> bool:
    if isinstance(value, str):
        return bool(value) and (
            _GRADE_START.search(value) is not None or _GRADE_LABEL.search(value) is not None
        )
    if isinstance(value, list):
        return any(
            _is_graded(name, v)
            or (name == "tags" and isinstance(v, str) and " ".join(v.lower().split()) in _GRADE_TAGS)
            for v in value
        )
    return False


def checked(seq: int, name: str, value: Any) -> Any:
    """``value`` cleaned (strings and lists of strings); GradedMaterial when it is marked with a grade."""
    if isinstance(value, str):
        value = clean(value)
    elif isinstance(value, list):
        value = [clean(v) if isinstance(v, str) else v for v in value]
    if _is_graded(name, value):
        raise GradedMaterial("report.graded_entry", seq=seq)
    return value


def _checked_text(seq: int, value: str | None) -> str:
    return str(checked(seq, "text", value or ""))


def _clean_event(event: EventBase) -> EventBase:
    """The event with every text field cleaned and checked; the same object when nothing changes."""
    updates = {}
    for name in type(event).model_fields:
        if name in BASE_FIELDS:
            continue
        value = getattr(event, name)
        if isinstance(value, str | list):
            new = checked(event.seq, name, value)
            if new != value:
                updates[name] = new
    return event.model_copy(update=updates) if updates else event


def _json_field(event: EventBase, name: str) -> Any:
    return event.model_dump(mode="json", include={name})[name]


def _corrections_of(original: EventBase, history: list[Corrected]) -> list[Correction]:
    """Each correction of ``original`` with what it changed, applied to the content as it then stood."""
    current = _clean_event(original)
    out = []
    for corr in history:
        fields = {k: checked(corr.seq, k, v) for k, v in corr.fields.items()}
        before = current
        current = type(before).model_validate({**before.model_dump(), **fields})
        changes = [
            Change(name, _json_field(before, name), _json_field(current, name))
            for name in fields
            if getattr(before, name) != getattr(current, name)
        ]
        out.append(Correction(corr.seq, corr.at, corr.elapsed, _checked_text(corr.seq, corr.reason), changes))
    return out


def _log_entry(entry: Entry, step: int | None) -> LogEntry:
    kind = KIND_OF_TYPE[entry.type]
    current = _clean_event(entry.original)
    corrections = []
    status_changes = []
    # Corrections and status changes in journal order, each applied to the content as it then stood.
    history: list[Any] = sorted([*entry.corrections, *entry.status_changes], key=lambda event: event.seq)
    for corr in history:
        if not isinstance(corr, Corrected):
            status_changes.append(
                StatusChange(
                    corr.seq,
                    corr.at,
                    corr.elapsed,
                    corr.status,
                    corr.on,
                    _checked_text(corr.seq, corr.by),
                    _checked_text(corr.seq, corr.comment),
                )
            )
            current = current.model_copy(update={"status": corr.status})
            continue
        fields = {k: checked(corr.seq, k, v) for k, v in corr.fields.items()}
        before = current
        current = type(before).model_validate({**before.model_dump(), **fields})
        changes = [
            Change(name, _json_field(before, name), _json_field(current, name))
            for name in fields
            if getattr(before, name) != getattr(current, name)
        ]
        reason = _checked_text(corr.seq, corr.reason)
        corrections.append(Correction(corr.seq, corr.at, corr.elapsed, reason, changes))
    retraction = None
    if entry.retraction is not None:
        r = entry.retraction
        retraction = Retraction(r.seq, r.at, r.elapsed, _checked_text(r.seq, r.reason))
    return LogEntry(kind, current, entry.node_id, step, corrections, retraction, status_changes)


# -- building ---------------------------------------------------------------------------------


def _roles(scenario: Scenario) -> dict[str, RoleRef]:
    roles = {r.id: RoleRef(r.id, r.name, r.group) for r in CATALOGUE.values()}
    roles.update({r.id: RoleRef(r.id, clean(r.name), "scenario") for r in scenario.roles.custom})
    return roles


def report_language(journal: LoadedJournal) -> Language:
    """The language the report is written in: the one the exercise was run in (``ExerciseStarted.language``,
    recorded in the journal), so a report made later on another machine comes out the same."""
    facts = journal.state.facts
    return facts.language if facts is not None else journal.scenario.meta.language


def build_report(journal: LoadedJournal) -> ReportData:
    """The report for a journal read with :func:`ovelse.report.source.read_journal`.

    Raises GradedMaterial when an entry is marked with a security grade.
    """
    language = report_language(journal)
    with use_language(language):
        return _Builder(journal, language).build()


class _Builder:
    """Builds one report; each method makes one part of it from the replayed state."""

    def __init__(self, journal: LoadedJournal, language: Language) -> None:
        self.journal = journal
        self.language = language
        self.scenario = journal.scenario
        self.state: ExerciseState = journal.state
        self.roles = _roles(journal.scenario)
        self.nodes: dict[str, Node] = journal.scenario.node_map

    def role(self, role_id: str) -> RoleRef:
        return self.roles.get(role_id) or RoleRef(role_id, role_id, None)

    # -- the path ------------------------------------------------------------------------

    def run_end(self) -> float:
        """Exercise time where the run ends and the debrief starts: the first debrief entry after the
        last step, else the end of the journal."""
        state = self.state
        end = state.ended.elapsed if state.ended else state.elapsed
        last_step_seq = state.path[-1].seq if state.path else 0
        for entry in reversed(state.log):
            if entry.seq <= last_step_seq:
                break
            if KIND_OF_TYPE[entry.type].place == "debrief":
                end = entry.elapsed
        return end

    def steps(self) -> list[Step]:
        path, run_end = self.state.path, self.run_end()
        steps = []
        for i, ps in enumerate(path):
            node = self.nodes.get(ps.node_id)
            stop = path[i + 1].elapsed if i + 1 < len(path) else max(run_end, ps.elapsed)
            steps.append(
                Step(
                    number=i + 1,
                    seq=ps.seq,
                    node_id=ps.node_id,
                    title=clean(node.title) if node else ps.node_id,
                    title_se=clean(node.title_se) if node and node.title_se else None,
                    phase=clean(node.phase) if node and node.phase else None,
                    text=clean(node.text) if node else "",
                    text_se=clean(node.text_se) if node and node.text_se else None,
                    via=ps.via,
                    choice_label=clean(ps.label) if ps.label is not None else None,
                    at=ps.at,
                    elapsed=ps.elapsed,
                    scenario_time=ps.scenario_time or (node.time if node else None),
                    seconds=max(0.0, stop - ps.elapsed),
                )
            )
        return steps

    # -- build ---------------------------------------------------------------------------

    def build(self) -> ReportData:
        journal, scenario, state = self.journal, self.scenario, self.state
        facts = state.facts
        assert facts is not None  # read_journal refuses journals without exercise_started
        for name in ("title", "place", "facilitator", "purpose"):
            checked(facts.seq, name, getattr(facts, name))
        steps = self.steps()
        step_seqs = [s.seq for s in steps]

        def step_of(seq: int) -> int | None:
            return bisect_right(step_seqs, seq) or None

        pauses = [
            PauseInfo(
                p.seq,
                p.at,
                p.elapsed,
                _checked_text(p.seq, p.reason),
                p.resumed_seq,
                p.resumed_at,
                p.wall_seconds,
                step_of(p.seq),
                p.cause,
            )
            for p in state.pauses
        ]
        reveals = [
            RoomReveal(
                e.seq,
                e.at,
                e.elapsed,
                e.node_id,
                e.messages_shown,
                e.questions_shown,
                e.choices_shown,
                e.blank,
                step_of(e.seq),
            )
            for e in journal.events
            if isinstance(e, RoomView)
        ]
        reopenings = [ReopenInfo(r.seq, r.at, r.elapsed, r.gap, step_of(r.seq)) for r in state.reopenings]
        entries = [_log_entry(e, step_of(e.seq)) for e in state.log]

        # The timelines: entries of the run, pauses and reopenings, in journal order, per step.
        preamble: list[TimelineItem] = []
        run_items: list[TimelineItem] = [e for e in entries if e.kind.place == "run"]
        run_items += pauses
        run_items += reopenings
        run_items += reveals
        run_items.sort(key=lambda item: item.seq)
        for item in run_items:
            (steps[item.step - 1].timeline if item.step else preamble).append(item)

        by_kind: dict[str, list[LogEntry]] = {}
        for e in entries:
            by_kind.setdefault(e.kind.code, []).append(e)
        observations = by_kind.get("observation", [])
        lessons = by_kind.get("lesson", [])
        ratings = by_kind.get("rating", [])
        participant_entries = {e.seq: e for e in by_kind.get("participant", [])}

        participants = [
            ParticipantInfo(
                person.id,
                str(entry.value("name")),
                entry.value("organisation"),
                [self.role(r) for r in person.roles],
                entry,
            )
            for person in state.participants.values()
            for entry in (participant_entries[person.seq],)
        ]
        missing = [self.role(r) for r in state.missing_roles(scenario.roles.required)]

        objectives = []
        for obj in scenario.objectives:
            mine = [r for r in ratings if r.value("objective_id") == obj.id]
            objectives.append(
                ObjectiveInfo(
                    obj.id,
                    clean(obj.text),
                    next((r for r in reversed(mine) if not r.retracted), None),
                    mine,
                    [o for o in observations if obj.id in o.value("objectives")],
                    [x for x in lessons if obj.id in x.value("objectives")],
                )
            )
        known_objectives = {o.id for o in scenario.objectives}
        unlinked = [o for o in observations if not set(o.value("objectives")) & known_objectives]

        figures = self.figures(steps, entries, pauses, reopenings)
        warnings = [Notice(clean(n.message), clean(n.hint)) for n in journal.warnings]
        if state.ended is None:
            warnings.append(Notice(_(_NOT_ENDED), _(_NOT_ENDED_HINT)))
        if state.paused:
            warnings.append(Notice(_(_PAUSED_AT_END), _(_PAUSED_AT_END_HINT)))

        meta, copy = scenario.meta, journal.header.scenario
        ended = state.ended
        exercise = Exercise(
            clean(facts.title),
            clean(facts.municipality),
            facts.date,
            clean(facts.place),
            clean(facts.facilitator),
            clean(facts.purpose),
            state.began_at or facts.at,  # the exercise clock's zero: set-up comes before it
            state.last_at or facts.at,
            ended.at if ended else None,
            ended.seq if ended else None,
            _checked_text(ended.seq, ended.note) if ended else "",
            _corrections_of(state.facts_original, state.facts_corrections) if state.facts_original else [],
        )
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
            tuple(meta.room_languages),
        )
        sensitivity = meta.sensitivity
        header = journal.header
        return ReportData(
            language=self.language,
            generator=f"ovelse {__version__}",
            journal_file=clean(journal.path.name),
            journal_id=header.journal_id,
            journal_created=header.created,
            journal_format=header.format,
            journal_ovelse_version=header.ovelse_version,
            event_count=len(journal.events),
            chain_head=journal.chain_head,
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
            unexplored_choices=self.unexplored(steps),
            unvisited_nodes=[
                NodeRef(n.id, clean(n.title))
                for n in scenario.nodes
                if n.id not in {s.node_id for s in steps}
            ],
            unused_injects=self.unused_injects(entries),
            lessons=lessons,
            actions=by_kind.get("action", []),
            figures=figures,
            roles=self.roles,
            node_titles={n.id: clean(n.title) for n in scenario.nodes},
        )

    def unexplored(self, steps: list[Step]) -> list[Branch]:
        path = self.state.path
        visited = {s.node_id for s in steps}
        taken = {(path[i - 1].node_id, ps.choice) for i, ps in enumerate(path) if ps.via == "choice" and i}
        out: list[Branch] = []
        seen: set[str] = set()
        for s in steps:
            node = self.nodes.get(s.node_id)
            if s.node_id in seen or node is None:
                continue
            seen.add(s.node_id)
            for index, choice in enumerate(node.choices):
                if (s.node_id, index) in taken:
                    continue
                target = self.nodes.get(choice.target)
                out.append(
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
        return out

    def unused_injects(self, entries: list[LogEntry]) -> list[NodeRef]:
        fired = {e.value("inject_id") for e in entries if e.kind.code == "inject" and not e.retracted}
        return [NodeRef(i.id, clean(i.title)) for i in self.scenario.injects if i.id not in fired]

    def figures(
        self,
        steps: list[Step],
        entries: list[LogEntry],
        pauses: list[PauseInfo],
        reopenings: list[ReopenInfo],
    ) -> Figures:
        state, facts = self.state, self.state.facts
        assert facts is not None
        per_node: dict[str, NodeTime] = {}
        for s in steps:
            nt = per_node.get(s.node_id)
            if nt is None:
                node = self.nodes.get(s.node_id)
                planned = node.duration_minutes if node else None
                nt = per_node[s.node_id] = NodeTime(s.node_id, s.title, 0, 0.0, planned)
            nt.visits += 1
            nt.seconds += s.seconds
        counts = {kind.code: 0 for kind in KIND_OF_TYPE.values()}
        role_counts: dict[str | None, int] = {}
        for e in entries:
            if e.retracted:
                continue
            counts[e.kind.code] += 1
            if e.kind.code == "decision":
                for r in e.value("roles") or [None]:
                    role_counts[r] = role_counts.get(r, 0) + 1
        per_role = [RoleCount(self.role(r) if r else None, n) for r, n in role_counts.items()]
        per_role.sort(key=lambda rc: (-rc.count, rc.role is None, rc.role.name if rc.role else ""))
        counts["corrected"] = sum(1 for e in entries if e.corrected)
        counts["retracted"] = sum(1 for e in entries if e.retracted)
        counts["steps"] = len(steps)
        counts["pauses"] = len(pauses)
        end_at = state.ended.at if state.ended else state.last_at or facts.at
        paused = sum(
            p.wall_seconds if p.wall_seconds is not None else (end_at - p.at).total_seconds() for p in pauses
        )
        return Figures(
            state.ended.elapsed if state.ended else state.elapsed,
            (end_at - facts.at).total_seconds(),
            paused,
            sum(r.gap_seconds for r in reopenings),
            self.scenario.meta.duration_minutes,
            list(per_node.values()),
            per_role,
            counts,
        )

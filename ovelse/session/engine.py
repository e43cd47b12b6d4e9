"""The session engine: every action becomes an event, written durably, then applied to the state.

A call that is not allowed raises :class:`InvalidAction` and writes nothing; a call whose event
cannot be written raises :class:`JournalError` and changes nothing (retry once the cause is fixed).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import ValidationError

from ovelse.i18n import N_
from ovelse.plaintext import clean, path_text
from ovelse.scenario.loader import load_scenario_text
from ovelse.scenario.model import Choice, Inject, Message, Node, Scenario
from ovelse.scenario.roles import CATALOGUE
from ovelse.session.clock import Clock, SystemClock
from ovelse.session.errors import InvalidAction, JournalCorrupt, Phrase, ScenarioError
from ovelse.session.events import (
    CORRECTABLE,
    FACTS_SEQ,
    RETRACTABLE,
    ActionAdded,
    ActionStatusChanged,
    ChoiceTaken,
    Corrected,
    DecisionLogged,
    Ended,
    EventBase,
    ExerciseStarted,
    Heartbeat,
    InjectFired,
    LessonAdded,
    NodeEntered,
    Note,
    ObjectiveRated,
    Observation,
    ParticipantAdded,
    Paused,
    Reopened,
    Resumed,
    Retracted,
    RoleAssigned,
    RoleUnassigned,
    RoomView,
)
from ovelse.session.facts import ExerciseFacts, check_deadline, field_name, invalid_input, parse_facts
from ovelse.session.journal import JournalHeader, JournalWriter, Notice, scenario_from_header
from ovelse.session.paths import resolve_journal_dir
from ovelse.session.replaying import replay_journal, require_start
from ovelse.session.state import (
    Entry,
    ExerciseState,
    Participant,
    ReplayError,
    RoomViewState,
    apply,
    corrected_event,
    corrected_facts,
)

E = TypeVar("E", bound=EventBase)


class AvailableChoice(NamedTuple):
    """A choice that can be taken now, with its index in ``node.choices``."""

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the choice number
    choice: Choice


class Session:
    """A running (or finished) exercise backed by its journal. Create with :meth:`create` or :meth:`open`."""

    def __init__(
        self,
        writer: JournalWriter,
        scenario: Scenario,
        state: ExerciseState,
        clock: Clock,
        notices: list[Notice] | None = None,
    ) -> None:
        self._writer = writer
        self.scenario = scenario
        self.state = state
        self.clock = clock
        self.notices: list[Notice] = list(notices or [])
        self._anchor_mono = clock.monotonic()
        self._anchor_elapsed = state.elapsed
        self._alive: Heartbeat | None = None
        roles = {r.id: r.name for r in CATALOGUE.values()}
        roles.update({r.id: r.name for r in scenario.roles.custom})
        self._roles = roles

    # -- creating and opening -----------------------------------------------------------------

    @classmethod
    def create(
        cls,
        scenario_text: str,
        scenario_name: str,
        facts: ExerciseFacts | Mapping[str, Any] | None = None,
        journal_dir: str | os.PathLike[str] | None = None,
        clock: Clock | None = None,
        language: str | None = None,
        *,
        begin: bool = True,
    ) -> Session:
        """Start a new exercise: write the journal (header, exercise_started, start node) and return it.

        ``language`` (``nb`` or ``nn``) is the language the exercise is run in; default the scenario's.
        With ``begin=False`` the journal starts in set-up: participants can be added and the facts edited
        while the exercise clock has not started; :meth:`begin` enters the start node and starts it."""
        clock = clock or SystemClock()
        result = load_scenario_text(scenario_text, scenario_name)
        if result.scenario is None:
            raise ScenarioError(
                "session.scenario_errors",
                findings=result.errors,
                name=path_text(scenario_name),
            )
        scenario = result.scenario
        given = parse_facts(facts)
        now = _utc(clock.now())
        started = _build(
            ExerciseStarted,
            seq=1,
            at=now,
            elapsed=0.0,
            title=given.title or scenario.meta.title,
            municipality=given.municipality or scenario.meta.municipality,
            date=given.date or now.astimezone().date(),
            place=given.place,
            facilitator=given.facilitator,
            purpose=given.purpose,
            language=_language(language or scenario.meta.language),
        )
        start = scenario.node(scenario.start)
        header = JournalHeader.for_scenario(scenario_text, scenario_name, scenario, now)
        stem = f"{now.astimezone():%Y-%m-%d_%H%M}_{scenario.meta.id}"
        events: list[EventBase] = [started]
        if begin:
            events.append(
                NodeEntered(
                    seq=2, at=now, elapsed=0.0, scenario_time=start.time, node_id=start.id, via="start"
                )
            )
        state = ExerciseState()
        for event in events:
            apply(state, event)
        writer = JournalWriter.create(resolve_journal_dir(journal_dir), stem, header, events)
        return cls(writer, scenario, state, clock, writer.notices)

    @classmethod
    def open(cls, path: str | os.PathLike[str], clock: Clock | None = None) -> Session:
        """Resume an exercise from its journal (the scenario comes from the journal header).

        Takes the writer lock (JournalLocked if another process has it), sets a torn last line aside
        (see ``notices``) and, unless the exercise has ended, records a ``reopened`` event. The time the
        program was not running is not counted on the exercise clock."""
        clock = clock or SystemClock()
        writer, parsed = JournalWriter.open(path)
        try:
            scenario = scenario_from_header(parsed.header, writer.path)
            state = require_start(replay_journal(parsed.events, writer.path), writer.path)
            _check_nodes(state, scenario, writer.path)
            notice = writer.repair_tail()  # only once the rest is known to be sound
            session = cls(writer, scenario, state, clock, parsed.notices + ([notice] if notice else []))
            if not state.is_ended:
                gap = (_utc(clock.now()) - state.last_at).total_seconds() if state.last_at else 0.0
                session._emit(Reopened, gap=round(max(0.0, gap), 3))
        except BaseException:
            writer.close()
            raise
        return session

    # -- reading ------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._writer.path

    @property
    def header(self) -> JournalHeader:
        return self._writer.header

    @property
    def closed(self) -> bool:
        return self._writer.closed

    @property
    def chain_head(self) -> str:
        """The hash chain value of the last event written (what a report made now carries)."""
        return self._writer.chain_head

    @property
    def current_node(self) -> Node | None:
        node_id = self.state.current_node
        return self.scenario.node(node_id) if node_id else None

    def available_choices(self) -> list[AvailableChoice]:
        """Choices of the current node whose condition holds for the current flags."""
        node = self.current_node
        if node is None or self.state.is_ended:
            return []
        flags = self.state.flags
        return [
            AvailableChoice(i, c) for i, c in enumerate(node.choices) if c.when is None or c.when.holds(flags)
        ]

    def visible_messages(self) -> list[Message]:
        """Messages of the current node whose condition holds."""
        node = self.current_node
        if node is None:
            return []
        flags = self.state.flags
        return [m for m in node.messages if m.when is None or m.when.holds(flags)]

    def available_injects(self) -> list[Inject]:
        """Pool injects that can be fired now: condition holds and not fired yet (or fired and retracted)."""
        if self.state.is_ended:
            return []
        flags = self.state.flags
        return [
            i
            for i in self.scenario.injects
            if (i.when is None or i.when.holds(flags)) and not self.state.inject_fired(i.id)
        ]

    def missing_roles(self) -> list[str]:
        """Roles the scenario requires that no participant holds."""
        return self.state.missing_roles(self.scenario.roles.required)

    def known_roles(self) -> dict[str, str]:
        """Role id → Norwegian name: the catalogue plus the scenario's own roles."""
        return dict(self._roles)

    def role_name(self, role_id: str) -> str:
        return self._roles.get(role_id, role_id)

    @property
    def begun(self) -> bool:
        """False while the exercise is in set-up (before :meth:`begin`)."""
        return self.state.begun

    def elapsed_now(self) -> float:
        """The exercise clock now, in seconds (stands still while paused and after the end)."""
        return self._elapsed_at(self.clock.monotonic())

    def node_elapsed_now(self) -> float:
        """Exercise-clock seconds spent in the current node so far."""
        return self.state.node_elapsed(self.elapsed_now())

    # -- moving through the scenario ----------------------------------------------------------

    def begin(self) -> NodeEntered:
        """End the set-up: enter the start node; the exercise clock starts now (at 0)."""
        self._check_active()
        if self.state.begun:
            raise InvalidAction("session.already_begun")
        start = self.scenario.start
        return self._emit(NodeEntered, time_node=start, node_id=start, via="start")

    def heartbeat(self) -> Heartbeat | None:
        """Record that the program is alive while the exercise clock runs, so a crash loses at most the
        time since the last write. A no-op (None) in set-up, while paused, after the end, once closed, or
        when less than a second has passed since the last write. The app calls it about every 12 s.

        The heartbeat is the journal's provisional last line (see JournalWriter.write_provisional): it is not
        part of ``state`` and the next event takes its place, so a journal holds one only where the program
        stopped without closing."""
        state = self.state
        if self._writer.closed or not state.begun or state.paused or state.is_ended:
            return None
        mono = self.clock.monotonic()
        elapsed = self._elapsed_at(mono)
        alive = self._alive
        since = state.elapsed if alive is None or alive.seq != state.last_seq + 1 else alive.elapsed
        if elapsed - since < HEARTBEAT_MIN_SECONDS:
            return None
        event = _build(Heartbeat, seq=state.last_seq + 1, at=_utc(self.clock.now()), elapsed=elapsed)
        self._writer.write_provisional(event)
        self._alive = event
        return event

    def choose(self, index: int) -> ChoiceTaken:
        """Take choice ``index`` (0-based position in the current node's ``choices``)."""
        node = self._node_for_action()
        if not node.choices:
            raise InvalidAction("move.no_choices", title=clean(node.title), next_hint=_next_hint(node))
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(node.choices):
            raise InvalidAction(
                "move.no_such_choice",
                number=index + 1 if isinstance(index, int) else clean(index),
                count=len(node.choices),
            )
        choice = node.choices[index]
        if choice.when is not None and not choice.when.holds(self.state.flags):
            raise InvalidAction("move.choice_unavailable", label=clean(choice.label))
        return self._emit(
            ChoiceTaken,
            time_node=choice.target,
            node_id=node.id,
            choice=index,
            label=choice.label,
            target=choice.target,
            set=list(choice.set),
            clear=list(choice.clear),
        )

    def advance(self) -> NodeEntered:
        """Follow the current node's ``next``."""
        node = self._node_for_action()
        if node.next is None:
            raise InvalidAction("move.no_next", title=clean(node.title), next_hint=_next_hint(node))
        return self._emit(NodeEntered, time_node=node.next, node_id=node.next, via="next")

    def jump(self, node_id: str) -> NodeEntered:
        """Facilitator jump to any node (flags are left as they are)."""
        node = self._node_for_action()
        if node_id not in self.scenario.node_map:
            raise InvalidAction("move.unknown_node", node=clean(node_id))
        if node_id == node.id:
            raise InvalidAction("move.already_there", title=clean(node.title))
        return self._emit(NodeEntered, time_node=node_id, node_id=node_id, via="jump")

    def back(self) -> NodeEntered:
        """Go back to the node before the current one; flags return to what they were there."""
        self._node_for_action()
        if not self.state.can_go_back():
            raise InvalidAction("move.first_node")
        target = self.state.trail[-2][0]
        return self._emit(NodeEntered, time_node=target, node_id=target, via="back")

    def fire_inject(self, inject_id: str) -> InjectFired:
        """Give an extra inject from the scenario's pool."""
        self._node_for_action()
        inject = self.scenario.inject_map.get(inject_id)
        if inject is None:
            raise InvalidAction("inject.unknown", inject=clean(inject_id))
        if self.state.inject_fired(inject_id):
            raise InvalidAction("inject.already_fired", title=clean(inject.title))
        if inject.when is not None and not inject.when.holds(self.state.flags):
            raise InvalidAction("inject.unavailable", title=clean(inject.title))
        return self._emit(InjectFired, inject_id=inject_id, title=inject.title)

    # -- people and roles ---------------------------------------------------------------------

    def add_participant(
        self, name: str, roles: Iterable[str] = (), organisation: str | None = None
    ) -> ParticipantAdded:
        """Add a person; ``roles`` from the catalogue or the scenario's own roles."""
        self._check_active()
        role_list = list(dict.fromkeys(roles))
        self._check_roles(role_list)
        pid = f"p{len(self.state.participants) + 1}"
        while pid in self.state.participants:  # pragma: no cover - ids are never reused
            pid += "x"
        return self._emit(
            ParticipantAdded,
            participant_id=pid,
            name=_required(name, "name"),
            organisation=_optional(organisation),
            roles=role_list,
        )

    def assign_role(self, participant_id: str, role: str) -> RoleAssigned:
        person = self._person(participant_id)
        self._check_roles([role])
        if role in person.roles:
            raise InvalidAction(
                "role.already_held", name=clean(person.name), role=clean(self.role_name(role))
            )
        return self._emit(RoleAssigned, participant_id=participant_id, role=role)

    def unassign_role(self, participant_id: str, role: str) -> RoleUnassigned:
        person = self._person(participant_id)
        if role not in person.roles:
            raise InvalidAction("role.not_held", name=clean(person.name), role=clean(self.role_name(role)))
        return self._emit(RoleUnassigned, participant_id=participant_id, role=role)

    def remove_participant(self, participant_id: str, reason: str = "") -> Retracted:
        """Remove a person from the exercise (a ``retracted`` event of their registration)."""
        person = self._person(participant_id)
        return self.retract(person.seq, reason=reason)

    # -- the log ------------------------------------------------------------------------------

    def log_decision(
        self,
        text: str,
        roles: Iterable[str] = (),
        rationale: str | None = None,
        disagreement: str | None = None,
        open_question: str | None = None,
        tags: Iterable[str] = (),
    ) -> DecisionLogged:
        """Log a decision with the responsible roles, rationale, disagreement or open question."""
        self._check_active()
        role_list = list(dict.fromkeys(roles))
        self._check_roles(role_list)
        return self._emit(
            DecisionLogged,
            text=_required(text, "text"),
            roles=role_list,
            rationale=_optional(rationale),
            disagreement=_optional(disagreement),
            open_question=_optional(open_question),
            tags=[t.strip() for t in tags if t and t.strip()],
        )

    def observe(self, text: str, observer: str | None = None, objectives: Iterable[str] = ()) -> Observation:
        """An observer's note linked to objectives."""
        self._check_active()
        objective_list = list(dict.fromkeys(objectives))
        self._check_objectives(objective_list)
        return self._emit(
            Observation,
            text=_required(text, "text"),
            observer=_optional(observer),
            objectives=objective_list,
        )

    def note(self, text: str, author: str | None = None) -> Note:
        self._check_active()
        return self._emit(Note, text=_required(text, "text"), author=_optional(author))

    def pause(self, reason: str | None = None, *, until: str | None = None) -> Paused:
        """Stop the exercise clock (a break). ``until`` is the planned resume time, «10:15» or «10.15»."""
        self._check_active()
        if not self.state.begun:
            raise _not_begun()
        if self.state.paused:
            raise InvalidAction("clock.already_paused")
        return self._emit(Paused, reason=_optional(reason), cause="break", until=_clock_time(until))

    def resume(self) -> Resumed:
        """Start the exercise clock again, from where it stood."""
        self._check_active()
        if not self.state.paused:
            raise InvalidAction("clock.not_paused")
        return self._emit(Resumed)

    def retract(self, seq: int, reason: str = "") -> Retracted:
        """Withdraw an earlier entry (it stays in the journal, marked as retracted)."""
        self._check_active()
        self._entry_for_change(seq, RETRACTABLE, "retract")
        return self._emit(Retracted, target=seq, reason=(reason or "").strip())

    def correct(self, seq: int, /, *, reason: str = "", **fields: Any) -> Corrected:
        """Correct fields of an earlier entry, e.g. ``correct(12, text="…")`` or ``correct(30, owner="IKT")``.

        Every field of every entry kind can be corrected (see CORRECTABLE); seq 1 is the exercise facts
        (:meth:`edit_facts`). Unknown entries, wrong fields, invalid values and retracted entries are refused
        with InvalidAction and nothing is written."""
        self._check_active()
        if seq == FACTS_SEQ and not isinstance(seq, bool):
            return self.edit_facts(reason=reason, **fields)
        entry = self._entry_for_change(seq, frozenset(CORRECTABLE), "correct")
        allowed = CORRECTABLE[entry.type]
        fields = self._normalised(fields, allowed)
        try:
            merged = corrected_event(entry, fields)
        except ValueError:
            try:
                type(entry.current).model_validate({**entry.current.model_dump(), **fields})
            except ValidationError as exc:
                raise invalid_input(exc) from None
            raise  # pragma: no cover
        values = merged.model_dump(mode="json", include=set(fields))
        if values == entry.current.model_dump(mode="json", include=set(fields)):
            raise InvalidAction("correct.unchanged")
        return self._emit(Corrected, target=seq, fields=values, reason=(reason or "").strip())

    def edit_facts(self, *, reason: str = "", **fields: Any) -> Corrected:
        """Change the exercise facts (title, municipality, date, place, facilitator, purpose) at any time:
        a ``corrected`` event of seq 1, so the original facts stay in the journal."""
        self._check_active()
        facts = self.state.facts
        assert facts is not None  # every journal starts with the facts
        fields = self._normalised(fields, CORRECTABLE["exercise_started"])
        parse_facts(fields)  # the same limits as when the exercise was created
        try:
            merged = corrected_facts(facts, fields)
        except ValueError:
            try:
                ExerciseStarted.model_validate({**facts.model_dump(), **fields})
            except ValidationError as exc:
                raise invalid_input(exc) from None
            raise  # pragma: no cover
        values = merged.model_dump(mode="json", include=set(fields))
        if values == facts.model_dump(mode="json", include=set(fields)):
            raise InvalidAction("correct.unchanged")
        return self._emit(Corrected, target=FACTS_SEQ, fields=values, reason=(reason or "").strip())

    def set_action_status(
        self, seq: int, status: str, *, on: Date | str | None = None, by: str = "", comment: str = ""
    ) -> ActionStatusChanged:
        """Follow up a tiltak: ``status`` open / in_progress / done / cancelled from ``on`` (default today)."""
        self._check_active()
        entry = self._entry_for_change(seq, frozenset({"action_added"}), "status")
        if status == entry.current.status:  # type: ignore[attr-defined]
            raise InvalidAction("action.same_status")
        check_deadline(on or None, "on")
        return self._emit(
            ActionStatusChanged,
            target=seq,
            status=status,
            on=on or self.today(),
            by=(by or "").strip(),
            comment=(comment or "").strip(),
        )

    def today(self) -> Date:
        """Today's date in local time, by the session's clock."""
        return self.clock.now().astimezone().date()

    # -- what the room sees -------------------------------------------------------------------

    @property
    def room_view(self) -> RoomViewState:
        """What the room sees of the current node now."""
        return self.state.room_view

    def reveal_next(self) -> RoomView:
        """Show the room the next thing: the next message, then the questions, then the choices."""
        node = self._node_for_action()
        view = self.state.room_view
        if view.messages_shown < len(self.visible_messages()):
            return self._room(view, messages_shown=view.messages_shown + 1)
        if node.questions and not view.questions_shown:
            return self._room(view, questions_shown=True)
        if self.available_choices() and not view.choices_shown:
            return self._room(view, choices_shown=True)
        raise InvalidAction("room.all_shown")

    def set_room_view(
        self,
        *,
        messages_shown: int | None = None,
        questions_shown: bool | None = None,
        choices_shown: bool | None = None,
        blank: bool | None = None,
    ) -> RoomView:
        """Set what the room sees (fields left as None stay as they are); writes the complete new state."""
        self._node_for_action()
        view = self.state.room_view
        changes: dict[str, Any] = {}
        if messages_shown is not None:
            count = len(self.visible_messages())
            if isinstance(messages_shown, bool) or not isinstance(messages_shown, int):
                raise InvalidAction("room.count_not_int")
            if not 0 <= messages_shown <= count:
                raise InvalidAction("room.count_range", count=count, asked=messages_shown)
            changes["messages_shown"] = messages_shown
        for name, value in (
            ("questions_shown", questions_shown),
            ("choices_shown", choices_shown),
            ("blank", blank),
        ):
            if value is not None:
                if not isinstance(value, bool):
                    raise InvalidAction("room.not_bool", field=name)
                changes[name] = value
        return self._room(view, **changes)

    def _room(self, view: RoomViewState, **changes: Any) -> RoomView:
        fields = {
            "messages_shown": view.messages_shown,
            "questions_shown": view.questions_shown,
            "choices_shown": view.choices_shown,
            "blank": view.blank,
        }
        new = {**fields, **changes}
        if new == fields:
            raise InvalidAction("room.unchanged")
        return self._emit(RoomView, node_id=self.state.current_node, **new)

    # -- debrief ------------------------------------------------------------------------------

    def rate_objective(self, objective_id: str, rating: int, comment: str | None = None) -> ObjectiveRated:
        """Rate an objective 1–5 (see RATING_SCALE); a new rating replaces the earlier one."""
        self._check_active()
        self._check_objectives([objective_id])
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise InvalidAction("rating.range")
        return self._emit(
            ObjectiveRated, objective_id=objective_id, rating=rating, comment=_optional(comment)
        )

    def add_lesson(self, text: str, objectives: Iterable[str] = ()) -> LessonAdded:
        """Record a læringspunkt."""
        self._check_active()
        objective_list = list(dict.fromkeys(objectives))
        self._check_objectives(objective_list)
        return self._emit(LessonAdded, text=_required(text, "text"), objectives=objective_list)

    def add_action(
        self,
        text: str,
        owner: str = "",
        deadline: Date | str | None = None,
        status: str = "open",
        lesson: int | None = None,
    ) -> ActionAdded:
        """Record a tiltak: what, who is responsible, by when; optionally the lesson it follows up."""
        self._check_active()
        if lesson is not None:
            self._check_lesson(lesson)
        check_deadline(deadline or None)
        return self._emit(
            ActionAdded,
            text=_required(text, "text"),
            owner=(owner or "").strip(),
            deadline=deadline or None,
            status=status,
            lesson=lesson,
        )

    def end(self, note: str | None = None) -> Ended:
        """End the exercise; afterwards nothing more can be written."""
        self._check_active()
        return self._emit(Ended, note=_optional(note))

    def close(self, pause: bool = True) -> None:
        """Close the journal and release the lock. A running exercise is paused first (cause ``closed``),
        so the clock does not run while nobody is there; the pause shows when it is opened again."""
        if self._writer.closed:
            return
        try:
            if pause and self.state.begun and not self.state.paused and not self.state.is_ended:
                self._emit(Paused, cause="closed")
        finally:
            self._writer.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    def _elapsed_at(self, mono: float) -> float:
        state = self.state
        if state.paused or state.is_ended or not state.begun:
            return state.elapsed
        return max(state.elapsed, round(self._anchor_elapsed + (mono - self._anchor_mono), 3))

    def _emit(self, cls: type[E], time_node: str | None = None, **fields: Any) -> E:
        """Build the next event, append it durably, then apply it; nothing changes if either fails."""
        if self._writer.closed:
            raise InvalidAction("session.closed")
        state = self.state
        mono = self.clock.monotonic()
        node_id = time_node or state.current_node
        scenario_time = self.scenario.node(node_id).time if node_id else None
        event = _build(
            cls,
            seq=state.last_seq + 1,
            at=_utc(self.clock.now()),
            elapsed=self._elapsed_at(mono),
            scenario_time=scenario_time,
            **fields,
        )
        self._writer.append(event)
        try:
            apply(state, event)
        except ReplayError as exc:  # pragma: no cover - the checks above should make this impossible
            self._writer.undo_last()
            raise InvalidAction("session.not_applied", detail=Phrase.message_of(exc)) from None
        if event.type in _CLOCK_ANCHORS or (event.type == "node_entered" and event.via == "start"):  # type: ignore[attr-defined]
            self._anchor_mono, self._anchor_elapsed = mono, event.elapsed
        return event

    def _check_active(self) -> None:
        if self.state.is_ended:
            raise InvalidAction("session.ended")

    def _node_for_action(self) -> Node:
        self._check_active()
        node = self.current_node
        if node is None:
            raise _not_begun()
        return node

    def _check_roles(self, roles: list[str]) -> None:
        for role in roles:
            if role not in self._roles:
                raise InvalidAction("role.unknown", role=clean(role))

    def _check_objectives(self, objectives: list[str]) -> None:
        known = {o.id for o in self.scenario.objectives}
        for objective in objectives:
            if objective not in known:
                raise InvalidAction(
                    "objective.unknown", objective=clean(objective), known=", ".join(sorted(known))
                )

    def _normalised(self, fields: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
        """Check and tidy corrected values (InvalidAction on an unknown field or value)."""
        if not fields:
            raise InvalidAction("correct.no_fields")
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InvalidAction(
                "correct.wrong_field", field=clean(unknown[0]), allowed=", ".join(sorted(allowed))
            )
        out = dict(fields)
        for key, value in fields.items():
            if key in _REQUIRED_TEXT:
                out[key] = _required(value, key)
            elif key in _OPTIONAL_TEXT:
                out[key] = _optional(value)
            elif key in _PLAIN_TEXT:
                out[key] = value.strip() if isinstance(value, str) else value
            elif key in ("roles", "objectives", "tags"):
                if isinstance(value, str) or not isinstance(value, Iterable):
                    raise InvalidAction("input.not_list", name=field_name(key))
                items = list(value)
                if key == "tags":
                    out[key] = [t.strip() if isinstance(t, str) else t for t in items if t != ""]
                    continue
                items = list(dict.fromkeys(items))
                if key == "roles":
                    self._check_roles(items)
                else:
                    self._check_objectives(items)
                out[key] = items
            elif key == "objective_id":
                self._check_objectives([value])
            elif key == "deadline":
                check_deadline(value or None)
                out[key] = value or None
            elif key == "lesson" and value is not None:
                self._check_lesson(value)
        return out

    def _check_lesson(self, seq: object) -> None:
        entry = self.state.entries.get(seq) if isinstance(seq, int) and not isinstance(seq, bool) else None
        if entry is None or entry.type != "lesson_added" or entry.retracted:
            raise InvalidAction("lesson.unknown", seq=clean(seq))

    def _person(self, participant_id: str) -> Participant:
        self._check_active()
        person = self.state.participants.get(participant_id)
        if person is None or person.retracted:
            raise InvalidAction("participant.unknown", pid=clean(participant_id))
        return person

    def _entry_for_change(self, seq: int, allowed: frozenset[str], change: str) -> Entry:
        """The entry ``seq`` if it may be changed; ``change`` is ``retract``, ``correct`` or ``status``."""
        entry = self.state.entries.get(seq) if isinstance(seq, int) and not isinstance(seq, bool) else None
        if entry is None or entry.type not in allowed:
            raise InvalidAction(
                f"entry.cannot_{change}",
                seq=clean(seq),
            )
        if entry.retracted:
            raise InvalidAction("entry.retracted", seq=seq)
        return entry


HEARTBEAT_MIN_SECONDS = 1.0
"""A heartbeat is written only when the exercise clock moved at least this much since the last event."""
_CLOCK_ANCHORS = frozenset({"resumed", "reopened"})
_REQUIRED_TEXT = frozenset({"text", "name", "title", "municipality"})
_OPTIONAL_TEXT = frozenset(
    {"organisation", "rationale", "disagreement", "open_question", "observer", "author", "comment"}
)
_PLAIN_TEXT = frozenset({"owner", "place", "facilitator", "purpose"})


def _not_begun() -> InvalidAction:
    return InvalidAction("session.not_begun")


def _language(code: str) -> str:
    return code if code in ("nb", "nn") else "nb"


def _clock_time(value: str | None) -> str | None:
    """«10.15» or «10:15» → «10:15»; None or blank → None; anything else is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip().replace(".", ":") if isinstance(value, str) else ""
    hours, _, minutes = text.partition(":")
    if hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(hours) < 24 and int(minutes) < 60:
        return f"{int(hours):02d}:{minutes}"
    raise InvalidAction("clock.bad_time", value=clean(value))


def _build(cls: type[E], **fields: Any) -> E:
    try:
        return cls(**fields)
    except ValidationError as exc:
        raise invalid_input(exc) from None


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("the clock must return aware datetimes")
    return when.astimezone(UTC)


def _required(value: str | None, what: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else value
    if not text:
        raise InvalidAction("input.empty", name=field_name(what))
    return text


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else value
    return text or None


def _next_hint(node: Node) -> Phrase:
    if node.choices:
        return Phrase(N_("Velg et av alternativene (1–{count})."), count=len(node.choices))
    if node.end:
        return Phrase(N_("Dette er siste innspill: gå til evaluering, eller avslutt øvelsen."))
    return Phrase(N_("Hopp til et annet innspill."))


def _check_nodes(state: ExerciseState, scenario: Scenario, path: Path) -> None:
    for step in state.path:
        if step.node_id not in scenario.node_map:
            raise JournalCorrupt(
                "journal.unknown_node",
                path=path,
                line=step.seq + 1,
                name=path_text(path.name),
                seq=step.seq,
                node=clean(step.node_id),
            )

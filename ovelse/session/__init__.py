"""The exercise session engine: an append-only, crash-safe journal of events and the state replayed from it.

Plain domain code (no Textual). Typical use::

    session = Session.create(yaml_text, "scenario.yaml", {"facilitator": "Kari"})
    session.add_participant("Ola Nordmann", roles=["ordforer"])
    for index, choice in session.available_choices(): ...
    session.choose(0)
    session.log_decision("Kriseledelsen settes", roles=["ordforer"])
    session.close()

    session = Session.open(path)          # resume; the journal alone is enough
    loaded = load_journal(path)           # read-only, for reports
    follower = JournalFollower(path)      # read-only, live (projector view): follower.read_new()
"""

from ovelse.session.clock import Clock, FakeClock, SystemClock
from ovelse.session.engine import AvailableChoice, Session
from ovelse.session.errors import (
    InvalidAction,
    JournalCorrupt,
    JournalError,
    JournalLocked,
    ScenarioError,
    SessionError,
)
from ovelse.session.events import (
    ACTION_STATUS_NAMES,
    CORRECTABLE,
    EVENT_ADAPTER,
    FACTS_SEQ,
    RATING_SCALE,
    RETRACTABLE,
    VIA_NAMES,
    ActionAdded,
    ActionStatusChanged,
    ChoiceTaken,
    Corrected,
    DecisionLogged,
    Ended,
    Event,
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
    action_status_name,
    event_from_json,
    event_to_json,
    rating_name,
    via_name,
)
from ovelse.session.facts import ExerciseFacts, is_past_deadline
from ovelse.session.follow import JournalFollower, LoadedJournal, load_journal
from ovelse.session.journal import FORMAT_VERSION, JournalHeader, Notice, ScenarioCopy
from ovelse.session.listing import JournalSummary, list_journals
from ovelse.session.paths import ENV_JOURNAL_DIR, default_journal_dir, resolve_journal_dir
from ovelse.session.state import (
    Entry,
    ExerciseState,
    Participant,
    PathStep,
    PauseSpan,
    ReplayError,
    RoomViewState,
    apply,
    replay,
)
from ovelse.session.verify import VerifyResult, verify_journal

__all__ = [
    "ACTION_STATUS_NAMES",
    "CORRECTABLE",
    "ENV_JOURNAL_DIR",
    "EVENT_ADAPTER",
    "FACTS_SEQ",
    "FORMAT_VERSION",
    "RATING_SCALE",
    "RETRACTABLE",
    "VIA_NAMES",
    "ActionAdded",
    "ActionStatusChanged",
    "AvailableChoice",
    "ChoiceTaken",
    "Clock",
    "Corrected",
    "DecisionLogged",
    "Ended",
    "Entry",
    "Event",
    "EventBase",
    "ExerciseFacts",
    "ExerciseStarted",
    "ExerciseState",
    "FakeClock",
    "Heartbeat",
    "InjectFired",
    "InvalidAction",
    "JournalCorrupt",
    "JournalError",
    "JournalFollower",
    "JournalHeader",
    "JournalLocked",
    "JournalSummary",
    "LessonAdded",
    "LoadedJournal",
    "NodeEntered",
    "Note",
    "Notice",
    "ObjectiveRated",
    "Observation",
    "Participant",
    "ParticipantAdded",
    "PathStep",
    "PauseSpan",
    "Paused",
    "Reopened",
    "ReplayError",
    "Resumed",
    "Retracted",
    "RoleAssigned",
    "RoleUnassigned",
    "RoomView",
    "RoomViewState",
    "ScenarioCopy",
    "ScenarioError",
    "Session",
    "SessionError",
    "SystemClock",
    "VerifyResult",
    "action_status_name",
    "apply",
    "default_journal_dir",
    "event_from_json",
    "event_to_json",
    "is_past_deadline",
    "list_journals",
    "load_journal",
    "rating_name",
    "replay",
    "resolve_journal_dir",
    "verify_journal",
    "via_name",
]

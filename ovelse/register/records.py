"""What the register keeps of one exercise, whatever it was read from (journal or JSON export)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

SOURCE_JOURNAL = "journal"
SOURCE_JSON = "json"


@dataclass(frozen=True, slots=True)
class ObjectiveRecord:
    objective_id: str
    text: str
    rating: int | None
    comment: str | None
    themes: tuple[str, ...] = ()
    nato_baseline: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class LessonRecord:
    number: int
    seq: int
    text: str
    objectives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionRecord:
    number: int
    seq: int
    text: str
    owner: str
    deadline: date | None
    status: str
    lesson_number: int | None


@dataclass(frozen=True, slots=True)
class ExerciseRecord:
    """One exercise as imported; retracted entries are left out, corrections applied."""

    journal_id: str
    source_kind: str
    source_name: str
    title: str
    municipality: str
    region: str | None
    exercise_date: date
    scenario_id: str
    scenario_title: str
    scenario_version: str
    scenario_hash: str
    themes: tuple[str, ...]
    nato_baseline: tuple[int, ...]
    sensitivity: str
    marking: str | None
    language: str
    objectives: tuple[ObjectiveRecord, ...] = field(default_factory=tuple)
    lessons: tuple[LessonRecord, ...] = field(default_factory=tuple)
    actions: tuple[ActionRecord, ...] = field(default_factory=tuple)

    @property
    def exempt(self) -> bool:
        return self.sensitivity == "exempt"

    def content_hash(self) -> str:
        """SHA-256 of the content, the same for a journal and its JSON export.

        Where it came from (file name, kind) is not content. Themes per objective are left out: the
        scenario hash already fixes them, and the JSON export carries only the scenario's themes."""
        data = asdict(self)
        del data["source_kind"], data["source_name"]
        for objective in data["objectives"]:
            del objective["themes"], objective["nato_baseline"]
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

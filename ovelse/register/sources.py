"""Reading an exercise for the register: a finished journal (replayed by ovelse.session through the
report package's reader) or a JSON export checked against the report schema."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ovelse.i18n import _
from ovelse.plaintext import clean
from ovelse.register.errors import RegisterError
from ovelse.register.records import (
    SOURCE_JOURNAL,
    SOURCE_JSON,
    ActionRecord,
    ExerciseRecord,
    LessonRecord,
    ObjectiveRecord,
)

MAX_JSON_BYTES = 64 * 1024 * 1024
JSON_FORMATS = (1, 2)
"""Report formats the register reads (2 added the journal's chain value; everything else is the same)."""
_GRADED = frozenset({"begrenset", "konfidensielt", "hemmelig", "strengt_hemmelig"})


def shown_name(path: Path) -> str:
    """The file name as it may be shown: cleaned of control characters and escapes."""
    return clean(path.name)[:200] or "?"


def read_exercise(path: str | os.PathLike[str]) -> ExerciseRecord:
    """The exercise in ``path``: a journal (.jsonl, or anything whose first line is a journal header)
    or a JSON export. Raises RegisterError with a Norwegian message."""
    path = Path(path)
    name = shown_name(path)
    head = _peek(path, name)
    if head.startswith(b'{"kind":"ovelse-journal"') or path.suffix == ".jsonl":
        return _from_journal(path, name)
    return _from_json(path, name)


def _peek(path: Path, name: str) -> bytes:
    from ovelse import platform

    try:
        fd = platform.open_nonblocking(path, os.O_RDONLY)  # a FIFO must not hang the import
    except OSError as exc:
        from ovelse.fileio import os_error_text

        raise RegisterError("REG020", file=name, why=os_error_text(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RegisterError("REG020", file=name, why=_("ikke en vanlig fil"))
        if info.st_size > MAX_JSON_BYTES and path.suffix != ".jsonl":
            raise RegisterError("REG029", file=name, size=info.st_size)
        return platform.pread(fd, 64, 0).lstrip()
    finally:
        os.close(fd)


# -- journals ----------------------------------------------------------------------------------------


def _from_journal(path: Path, name: str) -> ExerciseRecord:
    from ovelse.report import ExportError, GradedMaterial, read_journal

    try:
        loaded = read_journal(path)
    except GradedMaterial:
        raise RegisterError("REG027", file=name) from None
    except ExportError as exc:
        raise RegisterError("REG028", file=name, why=exc.message) from None
    if _torn(path):
        raise RegisterError("REG026", file=name)
    state, scenario, header = loaded.state, loaded.scenario, loaded.header
    facts = state.facts
    if facts is None or state.ended is None:
        raise RegisterError("REG025", file=name)
    meta = scenario.meta
    if meta.sensitivity.level in _GRADED:  # pragma: no cover - read_journal refuses these first
        raise RegisterError("REG027", file=name)
    objectives = []
    for objective in scenario.objectives:
        entry = state.rating(objective.id)
        current: Any = entry.current if entry is not None else None
        objectives.append(
            ObjectiveRecord(
                objective.id,
                clean(objective.text),
                current.rating if current is not None else None,
                _opt(current.comment) if current is not None else None,
                tuple(objective.themes or meta.themes),
                tuple(objective.nato_baseline or meta.nato_baseline),
            )
        )
    lessons, numbers = [], {}
    for number, entry in enumerate(state.lessons, 1):
        numbers[entry.seq] = number
        if entry.retracted:
            continue
        lesson: Any = entry.current
        lessons.append(LessonRecord(number, entry.seq, clean(lesson.text), tuple(lesson.objectives)))
    actions = []
    for number, entry in enumerate(state.actions, 1):
        if entry.retracted:
            continue
        action: Any = entry.current
        actions.append(
            ActionRecord(
                number,
                entry.seq,
                clean(action.text),
                clean(action.owner),
                action.deadline,
                action.status,
                numbers.get(action.lesson) if action.lesson else None,
            )
        )
    return ExerciseRecord(
        journal_id=header.journal_id,
        source_kind=SOURCE_JOURNAL,
        source_name=name,
        title=clean(facts.title),
        municipality=clean(facts.municipality),
        region=_opt(meta.region),
        exercise_date=facts.date,
        scenario_id=meta.id,
        scenario_title=clean(meta.title),
        scenario_version=clean(meta.version),
        scenario_hash=header.scenario.hash,
        themes=tuple(meta.themes),
        nato_baseline=tuple(meta.nato_baseline),
        sensitivity=meta.sensitivity.level,
        marking=meta.sensitivity.marking,
        language=str(getattr(facts, "language", None) or "nb"),
        objectives=tuple(objectives),
        lessons=tuple(lessons),
        actions=tuple(actions),
    )


def _torn(path: Path) -> bool:
    """True when the file does not end with a newline: the last line was cut off mid-write."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return False
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) != b"\n"
    except OSError:  # pragma: no cover - read_journal has just read it
        return False


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = clean(value)
    return text or None


# -- JSON exports ------------------------------------------------------------------------------------


@cache
def _validator(fmt: int) -> Draft202012Validator:
    text = files("ovelse.report").joinpath(f"schema/report-{fmt}.schema.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))


def _from_json(path: Path, name: str) -> ExerciseRecord:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        from ovelse.fileio import os_error_text

        raise RegisterError("REG020", file=name, why=os_error_text(exc)) from None
    if len(data) > MAX_JSON_BYTES:
        raise RegisterError("REG029", file=name, size=len(data))
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise RegisterError("REG020", file=name, why=_("filen er ikke UTF-8-tekst")) from None
    except json.JSONDecodeError as exc:
        raise RegisterError(
            "REG021", file=name, line=exc.lineno, column=exc.colno, why=_("uventet tegn")
        ) from None
    except RecursionError:
        raise RegisterError("REG021", file=name, line=1, column=1, why=_("for dypt nøstet")) from None
    if not isinstance(doc, dict) or doc.get("kind") != "ovelse-rapport":
        raise RegisterError("REG023", file=name)
    if doc.get("format") not in JSON_FORMATS or isinstance(doc.get("format"), bool):
        raise RegisterError("REG024", file=name, found=clean(doc.get("format"))[:20])
    level = doc.get("sensitivity", {}).get("level") if isinstance(doc.get("sensitivity"), dict) else None
    if isinstance(level, str) and level.strip().lower().replace(" ", "_") in _GRADED:
        raise RegisterError("REG027", file=name)
    error = _first_error(doc)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "/"
        raise RegisterError("REG022", file=name, where=clean(where)[:200], why=_schema_reason(error))
    if not doc["journal"]["ended"]:
        raise RegisterError("REG025", file=name)
    try:
        return _record_from_json(doc, name)
    except ValueError as exc:
        raise RegisterError("REG022", file=name, where=str(exc), why=_("ugyldig dato")) from None


def _first_error(doc: dict[str, Any]) -> ValidationError | None:
    errors = sorted(
        _validator(doc["format"]).iter_errors(doc), key=lambda e: (list(e.absolute_path), e.validator)
    )
    return errors[0] if errors else None


def _schema_reason(error: ValidationError) -> str:
    kind = str(error.validator)
    if kind == "required":
        missing = [
            f for f in error.validator_value if isinstance(error.instance, dict) and f not in error.instance
        ]
        return _("feltet «{field}» mangler").format(field=clean(missing[0] if missing else "?"))
    if kind == "additionalProperties":
        return _("ukjent felt")
    if kind == "type":
        return _("feil type")
    if kind in ("enum", "const"):
        return _("ugyldig verdi")
    if kind in ("minimum", "maximum"):
        return _("tallet er utenfor tillatt område")
    if kind == "pattern":
        return _("ugyldig format")
    return _("ugyldig verdi")


def _date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(where) from None


def _record_from_json(doc: dict[str, Any], name: str) -> ExerciseRecord:
    exercise, scenario = doc["exercise"], doc["scenario"]
    themes = tuple(scenario["themes"])
    nato = tuple(scenario["nato_baseline"])
    objectives = tuple(
        ObjectiveRecord(clean(o["id"]), clean(o["text"]), o["rating"], _opt(o["comment"]), themes, nato)
        for o in doc["objectives"]
    )
    lessons = tuple(
        LessonRecord(x["number"], x["seq"], clean(x["text"]), tuple(clean(o) for o in x["objectives"]))
        for x in doc["lessons"]
        if x["status"] != "retracted"
    )
    actions = tuple(
        ActionRecord(
            a["number"],
            a["seq"],
            clean(a["text"]),
            clean(a["owner"]),
            _date(a["deadline"], f"action_plan/{i}/deadline") if a["deadline"] else None,
            a["status"],
            a["lesson"],
        )
        for i, a in enumerate(doc["action_plan"])
        if a["entry_status"] != "retracted"
    )
    sensitivity = doc["sensitivity"]
    return ExerciseRecord(
        journal_id=clean(doc["journal"]["id"])[:64],
        source_kind=SOURCE_JSON,
        source_name=name,
        title=clean(exercise["title"]),
        municipality=clean(exercise["municipality"]),
        region=_opt(scenario["region"]),
        exercise_date=_date(exercise["date"], "exercise/date"),
        scenario_id=clean(scenario["id"])[:64],
        scenario_title=clean(scenario["title"]),
        scenario_version=clean(scenario["version"]),
        scenario_hash=scenario["hash"],
        themes=themes,
        nato_baseline=nato,
        sensitivity=sensitivity["level"],
        marking=(_opt(doc["marking"]) or _exempt_marking(sensitivity["legal_basis"]))
        if sensitivity["level"] == "exempt"
        else None,
        language=str(doc.get("language") or "nb"),
        objectives=objectives,
        lessons=lessons,
        actions=actions,
    )


def _exempt_marking(basis: str | None) -> str:
    return f"Unntatt offentlighet, jf. {clean(basis or 'offl. § 24 tredje ledd')}"

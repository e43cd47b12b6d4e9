"""Journals for the register tests and benchmark, written directly (header + events, no fsync per line)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ovelse.scenario.loader import load_scenario_text
from ovelse.session.events import (
    ActionAdded,
    Ended,
    EventBase,
    ExerciseStarted,
    LessonAdded,
    NodeEntered,
    ObjectiveRated,
    Retracted,
    event_to_json,
)
from ovelse.session.journal import JournalHeader

SCENARIO = """\
format: 1
meta:
  id: {sid}
  title: "{title}"
  municipality: {municipality}
  region: {region}
  summary: >-
    Langvarig strømbrudd midt i en kuldeperiode; kriseledelsen må prioritere sårbare innbyggere.
  version: "1.0"
  duration_minutes: 60
  sensitivity:
{sensitivity}
  themes: [{themes}]
  nato_baseline: [{nato}]
objectives:
  - id: M1
    text: Kriseledelsen etablerer et felles situasjonsbilde.
  - id: M2
    text: Kommunen gir befolkningen samordnet og tydelig informasjon.
    themes: [krisekommunikasjon]
    nato_baseline: [6]
roles:
  required: [ordforer]
start: start
nodes:
  - id: start
    title: Strømmen går
    time: "D 07:00"
    text: Nettselskapet melder at strømmen er borte i hele kommunen.
    objectives: [M1, M2]
    end: true
"""

LESSONS = (
    "Varslingslisten for kriseledelsen var utdatert; to telefonnumre virket ikke.",
    "Nødstrøm på sykehjemmet er ikke testet på over ett år.",
    "Kommunen mangler en plan for informasjon til innbyggere uten strøm og mobilnett.",
    "Rollefordelingen mellom kriseledelsen og beredskapsrådet var uklar.",
    "Evakueringsplanen tar ikke hensyn til hjemmeboende med hjemmetjenester.",
    "Samarbeidet med Sivilforsvaret om tilfluktsrom er ikke øvd.",
    "Drivstoff til aggregater er ikke sikret ved langvarig strømbrudd.",
)
OWNERS = (
    "Beredskapskoordinator",
    "Kommunalsjef helse",
    "Kommunikasjonsansvarlig",
    "Teknisk sjef",
    "Kommunedirektør",
)


@dataclass
class Spec:
    municipality: str = "Elvebygd kommune"
    region: str = "Testfylke"
    day: date = date(2026, 9, 15)
    exempt: bool = False
    themes: tuple[str, ...] = ("helseberedskap", "krisekommunikasjon")
    nato: tuple[int, ...] = (1, 2)
    ratings: dict[str, int] = field(default_factory=lambda: {"M1": 3, "M2": 4})
    lessons: tuple[str, ...] = LESSONS[:3]
    actions: int = 3
    deadline_days: int = 60
    ended: bool = True
    retract_last_action: bool = False
    journal_id: str | None = None
    extra_lesson: str | None = None  # appended at the end: makes a «changed» journal


def scenario_text(spec: Spec) -> str:
    sensitivity = (
        '    level: exempt\n    legal_basis: "offl. § 24 tredje ledd"' if spec.exempt else "    level: open"
    )
    return SCENARIO.format(
        sid="strom-" + str(abs(hash(spec.municipality)) % 10_000),
        title=f"Strømbrudd i {spec.municipality}",
        municipality=spec.municipality,
        region=spec.region,
        sensitivity=sensitivity,
        themes=", ".join(spec.themes),
        nato=", ".join(str(n) for n in spec.nato),
    )


def events_for(spec: Spec) -> list[EventBase]:
    t0 = datetime(spec.day.year, spec.day.month, spec.day.day, 8, 0, tzinfo=UTC)
    seq = 0
    out: list[EventBase] = []

    def common() -> dict[str, object]:
        nonlocal seq
        seq += 1
        return {"seq": seq, "at": t0 + timedelta(seconds=seq * 30), "elapsed": seq * 30.0}

    out.append(
        ExerciseStarted(
            **common(), title=f"Øvelse i {spec.municipality}", municipality=spec.municipality, date=spec.day
        )
    )
    out.append(NodeEntered(**common(), node_id="start", via="start"))
    for objective, rating in spec.ratings.items():
        out.append(ObjectiveRated(**common(), objective_id=objective, rating=rating))
    lesson_seqs = []
    texts = list(spec.lessons)
    for text in texts:
        event = LessonAdded(**common(), text=text, objectives=["M1"])
        lesson_seqs.append(event.seq)
        out.append(event)
    for i in range(spec.actions):
        out.append(
            ActionAdded(
                **common(),
                text=f"Tiltak {i + 1}: {texts[i % len(texts)] if texts else 'følge opp'}",
                owner=OWNERS[i % len(OWNERS)],
                deadline=spec.day + timedelta(days=spec.deadline_days + 30 * i),
                lesson=lesson_seqs[i % len(lesson_seqs)] if lesson_seqs else None,
            )
        )
    if spec.extra_lesson:  # appended later, as a journal grows
        out.append(LessonAdded(**common(), text=spec.extra_lesson, objectives=["M2"]))
    if spec.retract_last_action and spec.actions:
        out.append(Retracted(**common(), target=out[-1].seq, reason="feil"))
    if spec.ended:
        out.append(Ended(**common()))
    return out


def write_journal(directory: Path, spec: Spec, name: str | None = None) -> Path:
    text = scenario_text(spec)
    result = load_scenario_text(text, "strom.yaml")
    assert result.scenario is not None, [f.format_text() for f in result.findings]
    t0 = datetime(spec.day.year, spec.day.month, spec.day.day, 8, 0, tzinfo=UTC)
    header = JournalHeader.for_scenario(text, "strom.yaml", result.scenario, t0)
    if spec.journal_id:
        header = header.model_copy(update={"journal_id": spec.journal_id})
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (name or f"{header.journal_id}.jsonl")
    with open(path, "wb") as fh:
        fh.write(header.model_dump_json().encode() + b"\n")
        fh.writelines(event_to_json(e) + b"\n" for e in events_for(spec))
    return path


def county(directory: Path, municipalities: int, years: int, seed: int = 1) -> list[Path]:
    """Journals of a county over the years: each municipality exercises about once a year."""
    rng = random.Random(seed)
    paths = []
    for m in range(municipalities):
        for y in range(years):
            spec = Spec(
                municipality=f"Kommune {m + 1:02d}",
                region="Innlandet",
                day=date(2016 + y, rng.randint(1, 12), rng.randint(1, 28)),
                ratings={"M1": rng.randint(1, 5), "M2": rng.randint(1, 5)},
                lessons=tuple(rng.sample(LESSONS, 3)),
                actions=rng.randint(2, 6),
                exempt=rng.random() < 0.05,
            )
            paths.append(write_journal(directory, spec, f"k{m:02d}-{y:02d}.jsonl"))
    return paths

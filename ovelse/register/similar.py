"""Læringspunkter that recur across exercises: similar text (rapidfuzz), with the reason shown.

Two lessons match when the token-set similarity of their content words (stop words removed) reaches the
threshold *and* they share at least ``min_shared`` content words; both numbers are shown to the reader.
Matches join into groups (connected components), so A~B and B~C put A, B and C together."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

THRESHOLD = 70.0
MIN_SHARED = 2
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Function words of bokmål and nynorsk that say nothing about what a lesson is about.
STOP_WORDS = frozenset(
    [
        "og",
        "eller",
        "i",
        "på",
        "til",
        "av",
        "for",
        "med",
        "fra",
        "frå",
        "som",
        "er",
        "var",
        "vart",
        "ble",
        "blir",
        "har",
        "hadde",
        "ikke",
        "ikkje",
        "kan",
        "kunne",
        "må",
        "skal",
        "skulle",
        "vil",
        "ville",
        "det",
        "den",
        "dei",
        "de",
        "dem",
        "vi",
        "oss",
        "seg",
        "sin",
        "sitt",
        "sine",
        "en",
        "ein",
        "et",
        "eit",
        "ei",
        "at",
        "å",
        "om",
        "over",
        "under",
        "etter",
        "før",
        "mellom",
        "hos",
        "ved",
        "uten",
        "utan",
        "alle",
        "alt",
        "noe",
        "noko",
        "noen",
        "nokon",
        "andre",
        "annen",
        "anna",
        "mer",
        "meir",
        "mye",
        "mykje",
        "også",
        "òg",
        "når",
        "kva",
        "hva",
        "hvor",
        "kvar",
        "hvem",
        "kven",
        "korleis",
        "hvordan",
        "ingen",
        "inga",
        "ingen",
        "dette",
        "desse",
        "disse",
        "der",
        "her",
        "enn",
        "bare",
        "berre",
        "mot",
        "inn",
        "ut",
        "opp",
        "ned",
        "per",
        "sig",
        "både",
        "samt",
    ]
)


@dataclass(frozen=True, slots=True)
class LessonRef:
    """A lesson as the register knows it, with the exercise it came from."""

    id: int
    text: str
    municipality: str
    exercise_title: str
    exercise_date: date
    journal_id: str
    number: int


@dataclass(frozen=True, slots=True)
class Match:
    """Why two lessons were put together: similarity in per cent and the content words they share."""

    a: LessonRef
    b: LessonRef
    score: int
    shared: tuple[str, ...]


@dataclass(slots=True)
class Recurring:
    """A group of similar lessons from different exercises."""

    lessons: list[LessonRef] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    @property
    def municipalities(self) -> list[str]:
        return sorted({x.municipality for x in self.lessons})

    @property
    def exercises(self) -> int:
        return len({x.journal_id for x in self.lessons})


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning, lower-cased, in order, each once."""
    words = (w.lower() for w in _WORD.findall(text))
    return list(dict.fromkeys(w for w in words if w not in STOP_WORDS))


def _same_word(a: str, b: str) -> bool:
    """The same word in another inflection (nødstrøm / nødstrømmen, testet / testes): a long common start."""
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= 0.75 * min(len(a), len(b))


def shared_words(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    """The content words of ``a`` that ``b`` has too (allowing for inflection), as written in ``a``."""
    return tuple(w for w in a if any(_same_word(w, v) for v in b))


def recurring_lessons(
    lessons: Sequence[LessonRef],
    *,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
    across_municipalities: bool = False,
) -> list[Recurring]:
    """Groups of lessons that recur in different exercises (or, if asked, different municipalities),
    largest first. A lesson never matches others from its own exercise.

    Lessons with the same content words are compared once. Each group keeps the matches that joined it
    (a spanning forest: one fewer than its lessons), so every member is explained and the list stays short."""
    parent = list(range(len(lessons)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def apart(a: LessonRef, b: LessonRef) -> bool:
        if a.journal_id == b.journal_id:
            return False
        return not (across_municipalities and a.municipality == b.municipality)

    matches: list[tuple[int, Match]] = []

    def link(i: int, j: int, score: float, shared: tuple[str, ...]) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
            matches.append((i, Match(lessons[i], lessons[j], round(score), shared)))

    by_key: dict[str, list[int]] = {}
    words_of: dict[str, list[str]] = {}
    for i, lesson in enumerate(lessons):
        words = content_words(lesson.text)
        key = " ".join(words)
        if key:
            by_key.setdefault(key, []).append(i)
            words_of[key] = words
    keys = list(by_key)
    for key, members in by_key.items():  # the same words in several exercises
        if len(words_of[key]) < min_shared:
            continue
        for n, i in enumerate(members):
            for j in members[:n]:
                if apart(lessons[i], lessons[j]) and find(i) != find(j):
                    link(i, j, 100.0, tuple(words_of[key]))
                    break
    for u, key in enumerate(keys):
        hits = process.extract(
            key, keys[u + 1 :], scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=None
        )
        for _choice, score, offset in hits:
            other = keys[u + 1 + offset]
            shared = shared_words(words_of[key], words_of[other])
            if len(shared) < min_shared:
                continue
            for side, across in ((by_key[key], by_key[other]), (by_key[other], by_key[key])):
                for i in side:
                    partner = next((j for j in across if apart(lessons[i], lessons[j])), None)
                    if partner is not None:
                        link(i, partner, score, shared)
    groups: dict[int, Recurring] = {}
    for i, match in matches:
        groups.setdefault(find(i), Recurring()).matches.append(match)
    for k, lesson in enumerate(lessons):
        group = groups.get(find(k))
        if group is not None:
            group.lessons.append(lesson)
    for group in groups.values():
        group.lessons.sort(key=lambda x: (x.exercise_date, x.municipality, x.number))
    return sorted(groups.values(), key=lambda g: (-len(g.lessons), g.lessons[0].exercise_date))

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
    """
    og eller i på til av for med fra frå som er var vart ble blir har hadde ikke ikkje kan kunne må
    skal skulle vil ville det den dei de dem vi oss seg sin sitt sine en ein et eit ei at å om over
    under etter før mellom hos ved uten utan alle alt noe noko noen nokon andre annen anna mer meir
    mye mykje også òg når kva hva hvor kvar hvem kven korleis hvordan ingen inga ingen dette desse
    disse der her enn bare berre mot inn ut opp ned per sig både samt
    """.split()
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
    largest first. A lesson never matches others from its own exercise."""
    words = [content_words(x.text) for x in lessons]
    keys = [" ".join(w) for w in words]
    parent = list(range(len(lessons)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matches: list[tuple[int, int, Match]] = []
    for i, key in enumerate(keys):
        if not key:
            continue
        hits = process.extract(
            key, keys[i + 1 :], scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=None
        )
        for _choice, score, offset in hits:
            j = i + 1 + offset
            a, b = lessons[i], lessons[j]
            if a.journal_id == b.journal_id:
                continue
            if across_municipalities and a.municipality == b.municipality:
                continue
            shared = shared_words(words[i], words[j])
            if len(shared) < min_shared:
                continue
            matches.append((i, j, Match(a, b, round(score), shared)))
            parent[find(i)] = find(j)
    groups: dict[int, Recurring] = {}
    members: dict[int, set[int]] = {}
    for i, j, match in matches:
        root = find(i)
        group = groups.setdefault(root, Recurring())
        group.matches.append(match)
        members.setdefault(root, set()).update((i, j))
    for root, group in groups.items():
        group.lessons = sorted(
            (lessons[k] for k in members[root]), key=lambda x: (x.exercise_date, x.municipality, x.number)
        )
    return sorted(groups.values(), key=lambda g: (-len(g.lessons), g.lessons[0].exercise_date))

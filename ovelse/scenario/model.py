"""Pydantic models of the scenario format (a DSB-style dreiebok in YAML).

The models check shape and types only; cross-references (targets, roles, objectives,
flags) are checked in :mod:`ovelse.scenario.checks` so every finding gets a stable code.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ovelse.i18n import N_, _
from ovelse.scenario.scenariotime import parse_scenario_time

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"),
    Field(description=N_("Id: bokstaver a–z, tall, «-», «_» og «.», høyst 64 tegn.")),
]
Text = Annotated[str, StringConstraints(max_length=20_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]


def _check_time(value: str) -> str:
    try:
        parse_scenario_time(value)
    except ValueError as exc:
        # The loader renders this type (OV105); ``problem`` is already in the catalogue's language.
        raise PydanticCustomError(
            "scenario_time", "invalid scenario time: {problem}", {"problem": str(exc)}
        ) from None
    return value


ScenarioTimeText = Annotated[
    str,
    AfterValidator(_check_time),
    Field(description=N_("Scenariotid, f.eks. «D+1 14:00», «D-2», «14:00» eller «T+1:30».")),
]

Theme = Literal[
    "helseberedskap",
    "evakuering",
    "mottak-av-allierte-styrker",
    "arealplanlegging",
    "krisekommunikasjon",
]
THEME_NAMES: dict[str, str] = {
    "helseberedskap": N_("Helseberedskap"),
    "evakuering": N_("Evakuering"),
    "mottak-av-allierte-styrker": N_("Mottak av allierte styrker"),
    "arealplanlegging": N_("Arealplanlegging"),
    "krisekommunikasjon": N_("Krisekommunikasjon"),
}
"""Theme names (bokmål msgids): render with ``theme_name``."""
NatoBaseline = Annotated[
    int, Field(ge=1, le=7, description=N_("NATOs grunnkrav for motstandsdyktighet, 1–7."))
]
NATO_BASELINE_NAMES: dict[int, str] = {
    1: N_("Kontinuitet i styring og kritiske tjenester"),
    2: N_("Robust energiforsyning"),
    3: N_("Håndtering av ukontrollerte folkeforflytninger"),
    4: N_("Robust mat- og vannforsyning"),
    5: N_("Håndtering av masseskadehendelser"),
    6: N_("Robuste sivile kommunikasjonssystemer"),
    7: N_("Robust transport"),
}
"""NATO baseline requirement names (bokmål msgids): render with ``nato_baseline_name``."""


def theme_name(theme: str) -> str:
    """The theme's name in the current language (the code itself if unknown)."""
    return _(THEME_NAMES[theme]) if theme in THEME_NAMES else theme


def nato_baseline_name(number: int) -> str:
    """The NATO baseline requirement's name in the current language."""
    return _(NATO_BASELINE_NAMES[number]) if number in NATO_BASELINE_NAMES else str(number)


SensitivityLevel = Literal["open", "exempt", "begrenset", "konfidensielt", "hemmelig", "strengt_hemmelig"]
ScenarioLanguage = Literal["nb", "nn"]
RoomLanguage = Literal["nb", "nn", "se"]
GRADED_LEVELS = frozenset({"begrenset", "konfidensielt", "hemmelig", "strengt_hemmelig"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Source(_Strict):
    """A public source the scenario relies on."""

    title: ShortText
    url: str | None = None
    note: Text | None = None


class Sensitivity(_Strict):
    """Public-access marking of the scenario and everything made from it."""

    level: SensitivityLevel = Field(
        "open",
        description=N_(
            "open = offentlig; exempt = unntatt offentlighet (krever legal_basis). "
            "Graderte nivåer avvises: slikt hører hjemme i godkjente systemer."
        ),
    )
    legal_basis: ShortText | None = Field(None, description=N_("Hjemmel, f.eks. «offl. § 24 tredje ledd»."))
    reason: Text | None = None

    @model_validator(mode="after")
    def _basis_when_exempt(self) -> Sensitivity:
        if self.level == "exempt" and not self.legal_basis:
            raise PydanticCustomError("exempt_needs_basis", "level exempt needs legal_basis")
        return self

    @property
    def is_exempt(self) -> bool:
        return self.level == "exempt"

    @property
    def marking(self) -> str | None:
        """The marking text for reports, or None when open."""
        if self.level == "exempt":
            return _("Unntatt offentlighet, jf. {basis}").format(basis=self.legal_basis)
        return None


class Meta(_Strict):
    """Metadata: what the exercise is and where it comes from."""

    id: Id
    title: ShortText
    municipality: ShortText
    region: ShortText | None = None
    summary: Text
    language: ScenarioLanguage = Field(
        "nb",
        description=N_(
            "Språket scenarioteksten er skrevet på (nb eller nn); standard for rommet og rapporten."
        ),
    )
    languages: list[RoomLanguage] | None = Field(
        None,
        description=N_(
            "Språkene i rommet, f.eks. [nb, se]; standard er [language]. Må inneholde «language»."
        ),
    )
    translation_pending: list[RoomLanguage] = Field(
        default_factory=list,
        description=N_(
            "Språk der oversettelsen er bestilt, men ikke levert, f.eks. [se]: manglende samisk "
            "tekst (OV220) blir da info i stedet for advarsel. Rommet og rapporten viser fortsatt "
            "«samisk tekst mangler»."
        ),
    )
    version: ShortText = "1.0"
    duration_minutes: int = Field(120, ge=15, le=24 * 60, description=N_("Planlagt varighet i minutter."))
    evaluation_minutes: int = Field(
        30, ge=0, le=24 * 60, description=N_("Planlagt tid til oppsummering (evaluering) i minutter.")
    )
    purpose: Text | None = Field(None, description=N_("Hensikten med øvelsen (øvingsdirektivet)."))
    limits: list[Text] = Field(
        default_factory=list, description=N_("Avgrensninger: hva øvelsen ikke omfatter.")
    )
    disclaimer: Text | None = Field(
        None,
        description=N_(
            "Merknad, f.eks. at dette ikke er et offisielt scenario fra DSB eller statsforvalteren."
        ),
    )
    sensitivity: Sensitivity = Sensitivity()
    themes: list[Theme] = Field(default_factory=list, description=N_("Norge øver-temaer."))
    nato_baseline: list[NatoBaseline] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    authors: list[ShortText] = Field(default_factory=list)

    @property
    def room_languages(self) -> tuple[RoomLanguage, ...]:
        """The languages of the room, the scenario's own language first."""
        if not self.languages:
            return (self.language,)
        rest = tuple(code for code in dict.fromkeys(self.languages) if code != self.language)
        return (self.language, *rest)

    @property
    def has_sami(self) -> bool:
        return "se" in self.room_languages

    @property
    def sami_pending(self) -> bool:
        """The room is addressed in Sámi and the translation is ordered but not delivered yet."""
        return self.has_sami and "se" in self.translation_pending


class Objective(_Strict):
    """An øvingsmål, concrete enough to be rated afterwards."""

    id: Id
    text: Text
    observe: list[Text] = Field(
        default_factory=list,
        description=N_("Observasjonspunkter: hva en observatør kan se eller høre i diskusjonen."),
    )
    themes: list[Theme] = Field(default_factory=list)
    nato_baseline: list[NatoBaseline] = Field(default_factory=list)


class CustomRole(_Strict):
    """A role the scenario defines itself (e.g. the plant operator)."""

    id: Id
    name: ShortText
    responsibility: Text = ""


class Roles(_Strict):
    """The roles the scenario needs in the room, and roles it defines itself."""

    required: list[Id] = Field(default_factory=list, description=N_("Roller som bør være til stede."))
    optional: list[Id] = Field(default_factory=list, description=N_("Roller som gjerne kan delta."))
    custom: list[CustomRole] = Field(default_factory=list)


class BackstoryEntry(_Strict):
    """One dated entry on the bakteppe timeline."""

    when: ShortText = Field(description=N_("Tidspunkt, f.eks. «7. april 2025», «D-14» eller «Mars 2026»."))
    text: Text


class Fact(_Strict):
    """A fact the participants are given, kept apart from the back-story timeline."""

    title: ShortText
    text: Text


class Condition(_Strict):
    """Declarative flag condition: every flag in all_of set, one of any_of set, none of none_of set."""

    all_of: list[Id] = Field(default_factory=list)
    any_of: list[Id] = Field(default_factory=list)
    none_of: list[Id] = Field(default_factory=list)

    def holds(self, flags: frozenset[str] | set[str]) -> bool:
        return (
            all(f in flags for f in self.all_of)
            and (not self.any_of or any(f in flags for f in self.any_of))
            and not any(f in flags for f in self.none_of)
        )

    def flags(self) -> set[str]:
        return {*self.all_of, *self.any_of, *self.none_of}


class Message(_Strict):
    """An inject message: who it is from, to which roles, by which channel."""

    sender: ShortText = Field(alias="from")
    to: list[Id] = Field(default_factory=list)
    channel: ShortText | None = Field(
        None, description=N_("F.eks. telefon, e-post, Nødnett, media, sosiale medier.")
    )
    text: Text
    text_se: Text | None = Field(None, description=N_("Samme tekst på nordsamisk."))
    public: bool = Field(
        False, description=N_("true for en melding til befolkningen (varsel, pressemelding).")
    )
    when: Condition | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Question(_Strict):
    """A discussion question, optionally addressed to roles."""

    text: Text
    text_se: Text | None = Field(None, description=N_("Samme spørsmål på nordsamisk."))
    roles: list[Id] = Field(default_factory=list)


class Choice(_Strict):
    """A branch the room can take: label, target node, flags it sets or clears, availability condition."""

    label: ShortText
    target: Id
    set: list[Id] = Field(default_factory=list)
    clear: list[Id] = Field(default_factory=list)
    when: Condition | None = None


class Node(_Strict):
    """A phase / innspill of the exercise."""

    id: Id
    title: ShortText
    title_se: ShortText | None = Field(None, description=N_("Tittelen på nordsamisk."))
    time: ScenarioTimeText | None = None
    phase: ShortText | None = Field(None, description=N_("Fase som noden hører til, brukes til gruppering."))
    text: Text = ""
    text_se: Text | None = Field(None, description=N_("Teksten på nordsamisk."))
    messages: list[Message] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    roles: list[Id] = Field(default_factory=list, description=N_("Roller innspillet retter seg mot."))
    objectives: list[Id] = Field(default_factory=list)
    facilitator_notes: Text | None = Field(
        None, description=N_("Vises bare for øvingsleder, aldri i rommet.")
    )
    prompts: list[Text] = Field(default_factory=list, description=N_("Når diskusjonen går i stå."))
    duration_minutes: int | None = Field(None, ge=1, le=24 * 60)
    next: Id | None = None
    choices: list[Choice] = Field(default_factory=list)
    end: bool = False


class Inject(_Strict):
    """An extra inject in the pool, fired by the facilitator at any moment."""

    id: Id
    title: ShortText
    title_se: ShortText | None = Field(None, description=N_("Tittelen på nordsamisk."))
    text: Text = ""
    text_se: Text | None = Field(None, description=N_("Teksten på nordsamisk."))
    messages: list[Message] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    roles: list[Id] = Field(default_factory=list)
    objectives: list[Id] = Field(default_factory=list)
    facilitator_notes: Text | None = None
    when: Condition | None = None


class Scenario(_Strict):
    """A whole scenario file."""

    format: int = Field(FORMAT_VERSION, ge=1, le=FORMAT_VERSION, description=N_("Formatversjon; nå 1."))
    meta: Meta
    objectives: list[Objective] = Field(default_factory=list)
    roles: Roles = Roles()
    backstory: list[BackstoryEntry] = Field(default_factory=list)
    facts: list[Fact] = Field(
        default_factory=list, description=N_("Fakta om situasjonen, adskilt fra bakteppet.")
    )
    start: Id
    nodes: list[Node]
    injects: list[Inject] = Field(default_factory=list)

    def node(self, node_id: str) -> Node:
        """The node with this id (KeyError if absent)."""
        return self.node_map[node_id]

    @cached_property
    def node_map(self) -> dict[str, Node]:
        """Nodes by id (the first one wins if an id is duplicated)."""
        out: dict[str, Node] = {}
        for node in self.nodes:
            out.setdefault(node.id, node)
        return out

    @cached_property
    def inject_map(self) -> dict[str, Inject]:
        """Pool injects by id."""
        out: dict[str, Inject] = {}
        for inject in self.injects:
            out.setdefault(inject.id, inject)
        return out

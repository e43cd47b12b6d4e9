"""Load a scenario file: safe YAML → pydantic model → checks, with every finding positioned."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ovelse.i18n import N_, _, ngettext, parse_language
from ovelse.plaintext import show_controls
from ovelse.scenario.checks import Statistics, check_scenario, statistics
from ovelse.scenario.diagnostics import FatalLoadError, Finding, cap_findings, count_by_severity
from ovelse.scenario.explore import Coverage, Exploration, explore
from ovelse.scenario.fingerprint import scenario_hash
from ovelse.scenario.model import GRADED_LEVELS, Scenario
from ovelse.scenario.safeyaml import decode, load_yaml, read_text
from ovelse.scenario.scenariotime import FORMAT_HINT

_ALL_FIELDS: set[str] = set()


def _collect_fields() -> set[str]:
    if not _ALL_FIELDS:
        from pydantic import BaseModel

        from ovelse.scenario import model

        for obj in vars(model).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
                for name, info in obj.model_fields.items():
                    _ALL_FIELDS.add(info.alias or name)
    return _ALL_FIELDS


@dataclass
class LoadResult:
    """The outcome of loading one file: the model when it could be built, and all findings."""

    file: str
    scenario: Scenario | None
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    stats: Statistics | None = None
    coverage: Coverage | None = None
    exploration: Exploration | None = field(default=None, repr=False, compare=False)
    """The condition-aware exploration the checks ran on (the rehearsal shows what is left of it)."""

    @property
    def errors(self) -> list[Finding]:
        """The error findings shown (at most 50 per code; see ``counts`` for the totals)."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def counts(self) -> Counter[str]:
        """Findings per severity (error, warning, info), including those not shown."""
        return count_by_severity(self.findings)

    def ok(self, *, strict: bool = False) -> bool:
        """No errors (and under strict, no warnings either)."""
        counts = self.counts()
        return not counts["error"] and not (strict and counts["warning"])

    def summary(self, *, strict: bool = False) -> str:
        """One line for the terminal: status, counts, figures about the graph and the exploration."""
        counts = self.counts()
        line = _("{file}: {status} – {errors} feil, {warnings} advarsler, {infos} info").format(
            file=show_controls(self.file),
            status=_("OK") if self.ok(strict=strict) else _("FEIL"),
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
        if self.stats:
            s = self.stats
            line += " · " + _(
                "{nodes} noder, {branches} forgreninger, {endings} slutter, {paths} veier, {injects} ekstra innspill"
            ).format(
                nodes=s.nodes,
                branches=s.branch_points,
                endings=s.endings,
                paths=_("uendelig mange (løkker)") if s.paths is None else s.paths,
                injects=s.injects,
            )
        if self.coverage:
            c = self.coverage
            line += " · " + (
                _("utforsket {states} tilstander: {reached}/{total} noder, {available}/{choices} valg mulige")
                if c.exhaustive
                else _(
                    "utforskningen avgrenset ved {states} tilstander og {runs} gjennomspillinger: "
                    "{reached}/{total} noder, {available}/{choices} valg sett"
                )
            ).format(
                states=c.states,
                reached=c.nodes_reached,
                total=c.nodes_total,
                available=c.choices_available,
                choices=c.choices_total,
                runs=c.playthroughs,
            )
        return line

    @property
    def content_hash(self) -> str | None:
        return scenario_hash(self.text) if self.text is not None else None


_TYPE_MESSAGES: dict[str, str] = {
    "int_parsing": N_("{field} må være et heltall"),
    "int_type": N_("{field} må være et heltall"),
    "int_from_float": N_("{field} må være et heltall"),
    "int_parsing_size": N_("{field} er et altfor stort tall"),
    "float_parsing": N_("{field} må være et tall"),
    "float_type": N_("{field} må være et tall"),
    "finite_number": N_("{field} må være et endelig tall"),
    "bool_parsing": N_("{field} må være true eller false"),
    "bool_type": N_("{field} må være true eller false"),
    "string_type": N_("{field} må være tekst"),
    "string_unicode": N_("{field} må være gyldig tekst"),
    "string_sub_type": N_("{field} må være tekst"),
    "list_type": N_("{field} må være en liste («- …»)"),
    "tuple_type": N_("{field} må være en liste («- …»)"),
    "set_type": N_("{field} må være en liste («- …»)"),
    "iterable_type": N_("{field} må være en liste («- …»)"),
    "dict_type": N_("{field} må være en tabell («nøkkel: verdi»)"),
    "mapping_type": N_("{field} må være en tabell («nøkkel: verdi»)"),
    "model_type": N_("{field} må være en tabell («nøkkel: verdi»)"),
    "model_attributes_type": N_("{field} må være en tabell («nøkkel: verdi»)"),
    "string_too_short": N_("{field} kan ikke være tom"),
    "too_short": N_("{field} har for få elementer"),
    "none_required": N_("{field} skal ikke ha noen verdi"),
}
_BOUNDS: dict[str, str] = {
    "greater_than_equal": N_("{field} må være minst {bound}"),
    "less_than_equal": N_("{field} må være høyst {bound}"),
    "greater_than": N_("{field} må være større enn {bound}"),
    "less_than": N_("{field} må være mindre enn {bound}"),
}


def _field_name(last: object) -> str:
    if isinstance(last, str):
        return f"«{last}»"
    if isinstance(last, int):
        return _("element {n}").format(n=last + 1)
    return _("verdien")


def _shown(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pydantic_finding(err: ErrorDetails) -> Finding:
    loc = tuple(err["loc"])
    etype = err["type"]
    ctx = err.get("ctx") or {}
    last = loc[-1] if loc else ""
    field_name = _field_name(last)
    if etype == "missing":
        return Finding(
            "OV101",
            "error",
            _("mangler påkrevd felt «{field}»").format(field=last),
            _("legg til «{field}: …» i denne tabellen").format(field=last),
            path=loc[:-1],
        )
    if etype == "extra_forbidden":
        known = _collect_fields()
        if last in known:  # a real field name in the wrong table: do not suggest the word itself
            hint = _("«{field}» hører ikke hjemme i denne tabellen; sjekk innrykket").format(field=last)
        else:
            close = difflib.get_close_matches(str(last), sorted(known), n=1, cutoff=0.6)
            hint = (
                _("mente du «{word}»?").format(word=close[0])
                if close
                else _("fjern feltet, eller sjekk stavingen og innrykket")
            )
        return Finding(
            "OV102", "error", _("ukjent felt «{field}»").format(field=last), hint, path=loc, at_key=True
        )
    if etype == "string_pattern_mismatch":
        return Finding(
            "OV104",
            "error",
            _("ugyldig id «{id}» i {field}").format(id=_shown(err.get("input")), field=field_name),
            _("id-er bruker bokstavene a–z, tall, «-», «_» og «.», uten mellomrom og æøå"),
            path=loc,
        )
    if etype == "scenario_time":
        return Finding(
            "OV105",
            "error",
            _("ugyldig scenariotid: {problem}").format(problem=ctx.get("problem", "")),
            _(FORMAT_HINT),
            path=loc,
        )
    if "sensitivity" in loc:
        if etype == "literal_error":
            problem = _("nivået må være «open» eller «exempt» (unntatt offentlighet)")
        elif etype == "exempt_needs_basis":
            problem = _("«exempt» (unntatt offentlighet) krever legal_basis, f.eks. «offl. § 24 tredje ledd»")
        else:
            problem = _TYPE_MESSAGES.get(etype, N_("ugyldig verdi i {field}"))
            problem = _(problem).format(field=field_name)
        return Finding(
            "OV106",
            "error",
            _("ugyldig merking: {problem}").format(problem=problem),
            _('eksempel: sensitivity: {{level: exempt, legal_basis: "offl. § 24 tredje ledd"}}').format(),
            path=loc,
        )
    if etype == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return Finding(
            "OV103",
            "error",
            _("ugyldig verdi «{value}» i {field}").format(value=_shown(err.get("input")), field=field_name),
            _("tillatte verdier: {values}").format(values=expected),
            path=loc,
        )
    if etype in _BOUNDS:
        bound = next(iter(ctx.values()), "")
        return Finding(
            "OV103", "error", _(_BOUNDS[etype]).format(field=field_name, bound=bound), "", path=loc
        )
    if etype in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        return Finding(
            "OV103",
            "error",
            _("{field} er for lang (høyst {limit} tegn)").format(field=field_name, limit=limit)
            if etype == "string_too_long"
            else _("{field} har for mange elementer (høyst {limit})").format(field=field_name, limit=limit),
            _("kort ned teksten") if etype == "string_too_long" else "",
            path=loc,
        )
    template = _TYPE_MESSAGES.get(etype, N_("ugyldig verdi i {field}"))
    return Finding("OV103", "error", _(template).format(field=field_name), "", path=loc)


def _graded(data: Any) -> Finding | None:
    try:
        level = data["meta"]["sensitivity"]["level"]
    except (KeyError, TypeError):
        return None
    if isinstance(level, str) and level.strip().lower().replace(" ", "_") in GRADED_LEVELS:
        return Finding(
            "OV107",
            "error",
            _("scenarioet er merket som gradert («{level}»)").format(level=_shown(level)),
            _(
                "sikkerhetsgradert informasjon (sikkerhetsloven § 5-3) skal bare behandles i godkjente systemer, "
                "ikke i ovelse; bruk «exempt» for unntatt offentlighet"
            ),
            path=("meta", "sensitivity", "level"),
        )
    return None


_SCENARIO_LANGUAGES = ("nb", "nn")
_ROOM_LANGUAGES = ("nb", "nn", "se")


def _language_fallback(data: dict[str, Any]) -> list[Finding]:
    """OV108 for an unknown language code; the code is replaced (bokmål by default) so loading goes on."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return []
    out: list[Finding] = []
    language = meta.get("language")
    if language is not None and language not in _SCENARIO_LANGUAGES:
        guess = parse_language(language) if isinstance(language, str) else None
        meta["language"] = guess or "nb"
        out.append(
            Finding(
                "OV108",
                "warning",
                (
                    _("ukjent språkkode «{code}»; bruker nynorsk")
                    if guess == "nn"
                    else _("ukjent språkkode «{code}»; bruker bokmål")
                ).format(code=_shown(language)),
                _("skriv «{code}»").format(code=guess)
                if guess
                else _("bruk «nb» (bokmål) eller «nn» (nynorsk)"),
                path=("meta", "language"),
            )
        )
    languages = meta.get("languages")
    if isinstance(languages, list):
        kept = []
        for i, code in enumerate(languages):
            if code in _ROOM_LANGUAGES:
                kept.append(code)
                continue
            guess = parse_language(code) if isinstance(code, str) else None
            if guess:
                kept.append(guess)
            out.append(
                Finding(
                    "OV108",
                    "warning",
                    (
                        _("ukjent språkkode «{code}» i meta.languages")
                        if guess
                        else _("ukjent språkkode «{code}» i meta.languages; koden hoppes over")
                    ).format(code=_shown(code)),
                    _("skriv «{code}»").format(code=guess)
                    if guess
                    else _("bruk «nb», «nn» eller «se» (nordsamisk)"),
                    path=("meta", "languages", i),
                )
            )
        meta["languages"] = kept or None
    return out


def _model_findings(data: dict[str, Any]) -> tuple[Scenario | None, list[Finding]]:
    """Validate against the models; on failure, findings for the first errors of each kind."""
    try:
        return Scenario.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=True, include_context=True)
    return None, [_pydantic_finding(err) for err in errors]


def load_scenario_text(text: str, name: str) -> LoadResult:
    """Load from text already decoded, in one parse; never raises for bad input."""
    result = LoadResult(file=name, scenario=None, text=text)
    try:
        doc = load_yaml(text, name)
    except FatalLoadError as exc:
        result.findings.append(exc.finding)
        return result
    findings = list(doc.findings)
    data = doc.data
    if not isinstance(data, dict):
        findings.append(
            Finding(
                "OV011",
                "error",
                _("toppnivået i filen er en liste, ikke en tabell")
                if isinstance(data, list)
                else _("toppnivået i filen er en enkelt verdi, ikke en tabell"),
                _("et scenario starter med «format: 1», «meta:», «start:» og «nodes:»"),
                path=(),
            )
        )
    else:
        graded = _graded(data)
        if graded:
            findings.append(graded)
        else:
            findings.extend(_language_fallback(data))
            scenario, model_findings = _model_findings(data)
            findings.extend(model_findings)
            if scenario is not None:
                exploration = explore(scenario)
                findings.extend(check_scenario(scenario, exploration=exploration))
                result.stats = statistics(scenario)
                result.coverage = exploration.coverage
                result.exploration = exploration
                if not any(f.severity == "error" for f in findings):
                    result.scenario = scenario
    for finding in findings:
        finding.file = name
        if finding.line is None and finding.path is not None:
            where = doc.position(finding.path, key=finding.at_key)
            if where:
                finding.line, finding.column = where
    findings.sort(key=lambda f: (f.line or 0, f.column or 0))
    result.findings = cap_findings(findings, doc.suppressed, file=name)
    return result


def load_scenario(path: str | FsPath, *, display_name: str | None = None) -> LoadResult:
    """Load a scenario file; all problems come back as findings, never as exceptions."""
    name = display_name or str(path)
    try:
        text = read_text(path)
    except FatalLoadError as exc:
        exc.finding.file = name
        return LoadResult(file=name, scenario=None, findings=[exc.finding])
    return load_scenario_text(text, name)


def load_scenario_bytes(raw: bytes, name: str) -> LoadResult:
    """Load from raw bytes (e.g. stdin or a scenario copied into a journal)."""
    try:
        text = decode(raw, name)
    except FatalLoadError as exc:
        return LoadResult(file=name, scenario=None, findings=[exc.finding])
    return load_scenario_text(text, name)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a scenario cannot be run: the errors to show (capped) and how many findings there were."""

    result: LoadResult
    shown: list[Finding]

    def lines(self) -> list[str]:
        """Text lines for a terminal: each error with position and hint, then what to do."""
        out = [f.format_text() for f in self.shown]
        hidden = self.result.counts()["error"] - len(self.shown)
        if hidden > 0:
            out.append(
                ngettext("… og {n} feil til", "… og {n} feil til", hidden).format(
                    n=f"{hidden:,}".replace(",", "\u00a0")
                )
            )
        out.append(
            _("{file}: scenarioet har feil; kjør «ovelse validate {file}» for detaljer").format(
                file=show_controls(self.result.file)
            )
        )
        return out


def refuse_to_run(path: str | FsPath, *, display_name: str | None = None, limit: int = 20) -> Refusal | None:
    """Load ``path`` once (as fast as ``validate``) and return a Refusal if it has errors, else None.

    ``ovelse run`` calls this before the app starts, so a broken or hostile file is refused in the
    terminal instead of behind a frozen screen.
    """
    result = load_scenario(path, display_name=display_name)
    if result.scenario is not None:
        return None
    return Refusal(result, result.errors[:limit])

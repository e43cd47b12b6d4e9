"""Load a scenario file: safe YAML → pydantic model → checks, with every finding positioned."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from ovelse.scenario.checks import Statistics, check_scenario, statistics, text_findings
from ovelse.scenario.diagnostics import FatalLoadError, Finding
from ovelse.scenario.model import GRADED_LEVELS, Scenario
from ovelse.scenario.safeyaml import YamlDoc, decode, load_yaml, read_text

_ALL_FIELDS: set[str] = set()


def _collect_fields() -> set[str]:
    if not _ALL_FIELDS:
        from ovelse.scenario import model

        for obj in vars(model).values():
            if isinstance(obj, type) and issubclass(obj, model.BaseModel) and obj is not model.BaseModel:
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

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def ok(self, *, strict: bool = False) -> bool:
        """No errors (and under strict, no warnings either)."""
        return not self.errors and not (strict and self.warnings)

    @property
    def content_hash(self) -> str | None:
        return scenario_hash(self.text) if self.text is not None else None


def scenario_hash(text: str) -> str:
    """SHA-256 of the scenario text as the author wrote it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_TYPE_MESSAGES = {
    "int_parsing": "må være et heltall",
    "int_type": "må være et heltall",
    "bool_parsing": "må være true eller false",
    "bool_type": "må være true eller false",
    "string_type": "må være tekst",
    "list_type": "må være en liste («- …»)",
    "dict_type": "må være en tabell («nøkkel: verdi»)",
    "model_type": "må være en tabell («nøkkel: verdi»)",
    "model_attributes_type": "må være en tabell («nøkkel: verdi»)",
    "string_too_short": "kan ikke være tom",
    "int_from_float": "må være et heltall",
}


def _pydantic_finding(err: dict[str, Any]) -> Finding:
    loc = tuple(err["loc"])
    etype = err["type"]
    last = loc[-1] if loc else ""
    field_name = (
        f"«{last}»" if isinstance(last, str) else f"element {last + 1}" if isinstance(last, int) else ""
    )
    if etype == "missing":
        return Finding(
            "OV101",
            "error",
            f"mangler påkrevd felt «{last}»",
            f"legg til «{last}: …» i denne tabellen",
            path=loc[:-1],
        )
    if etype == "extra_forbidden":
        close = difflib.get_close_matches(str(last), sorted(_collect_fields()), n=1, cutoff=0.6)
        hint = f"mente du «{close[0]}»?" if close else "fjern feltet, eller sjekk stavingen og innrykket"
        return Finding("OV102", "error", f"ukjent felt «{last}»", hint, path=loc, at_key=True)
    if etype == "string_pattern_mismatch":
        return Finding(
            "OV104",
            "error",
            f"ugyldig id «{err.get('input')}» i {field_name}",
            "id-er bruker bokstavene a–z, tall, «-», «_» og «.», uten mellomrom og æøå",
            path=loc,
        )
    if last == "time" and etype == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return Finding(
            "OV105",
            "error",
            f"ugyldig scenariotid: {msg.split(';')[0]}",
            msg.split("; ", 1)[1] if "; " in msg else "",
            path=loc,
        )
    if "sensitivity" in loc:
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        if etype == "literal_error":
            msg = "nivået må være «open» eller «exempt» (unntatt offentlighet)"
        return Finding(
            "OV106",
            "error",
            f"ugyldig merking: {msg}",
            'eksempel: sensitivity: {level: exempt, legal_basis: "offl. § 24 tredje ledd"}',
            path=loc,
        )
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return Finding(
            "OV103",
            "error",
            f"ugyldig verdi «{err.get('input')}» i {field_name}",
            f"tillatte verdier: {expected}".replace(" or ", ", "),
            path=loc,
        )
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        word = {
            "greater_than_equal": "minst",
            "less_than_equal": "høyst",
            "greater_than": "større enn",
            "less_than": "mindre enn",
        }[etype]
        return Finding("OV103", "error", f"{field_name} må være {word} {bound}", "", path=loc)
    if etype == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return Finding(
            "OV103", "error", f"{field_name} er for lang (høyst {limit} tegn)", "kort ned teksten", path=loc
        )
    message = _TYPE_MESSAGES.get(etype)
    if message:
        return Finding("OV103", "error", f"{field_name} {message}", "", path=loc)
    return Finding("OV103", "error", f"ugyldig verdi i {field_name}: {err['msg']}", "", path=loc)


def _graded(data: Any) -> Finding | None:
    try:
        level = data["meta"]["sensitivity"]["level"]
    except (KeyError, TypeError):
        return None
    if isinstance(level, str) and level.strip().lower().replace(" ", "_") in GRADED_LEVELS:
        return Finding(
            "OV107",
            "error",
            f"scenarioet er merket som gradert («{level}»)",
            "sikkerhetsgradert informasjon (sikkerhetsloven § 5-3) skal bare behandles i godkjente systemer, "
            "ikke i ovelse; bruk «exempt» for unntatt offentlighet",
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
    from ovelse.i18n import parse_language

    out: list[Finding] = []
    language = meta.get("language")
    if language is not None and language not in _SCENARIO_LANGUAGES:
        guess = parse_language(language) if isinstance(language, str) else None
        meta["language"] = guess or "nb"
        out.append(
            Finding(
                "OV108",
                "warning",
                f"ukjent språkkode «{language}»; bruker {'nynorsk' if guess == 'nn' else 'bokmål'}",
                f"skriv «{guess}»" if guess else "bruk «nb» (bokmål) eller «nn» (nynorsk)",
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
                    f"ukjent språkkode «{code}» i meta.languages" + ("" if guess else "; koden hoppes over"),
                    f"skriv «{guess}»" if guess else "bruk «nb», «nn» eller «se» (nordsamisk)",
                    path=("meta", "languages", i),
                )
            )
        meta["languages"] = kept or None
    return out


def load_scenario_text(text: str, name: str) -> LoadResult:
    """Load from text already decoded; never raises for bad input."""
    result = LoadResult(file=name, scenario=None, text=text)
    try:
        doc = load_yaml(text, name)
    except FatalLoadError as exc:
        result.findings.append(exc.finding)
        return result
    findings = list(doc.findings)
    data = doc.data
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else "en enkelt verdi"
        findings.append(
            Finding(
                "OV011",
                "error",
                f"toppnivået i filen er {kind}, ikke en tabell",
                "et scenario starter med «format: 1», «meta:», «start:» og «nodes:»",
                path=(),
            )
        )
    else:
        graded = _graded(data)
        if graded:
            findings.append(graded)
        else:
            findings.extend(_language_fallback(data))
            try:
                scenario = Scenario.model_validate(data)
            except ValidationError as exc:
                findings.extend(_pydantic_finding(e) for e in exc.errors(include_url=False))
            else:
                findings.extend(check_scenario(scenario))
                result.stats = statistics(scenario)
                result.scenario = scenario if not any(f.severity == "error" for f in findings) else None
        findings.extend(text_findings(data))
    if findings:
        _place(findings, text, name, doc)
    result.findings = findings
    return result


def _place(findings: list[Finding], text: str, name: str, doc: YamlDoc) -> None:
    """Give each finding file, line and column (a second, position-tracking pass over the text)."""
    positioned: YamlDoc | None = None
    for finding in findings:
        finding.file = name
        if finding.line is None and finding.path is not None:
            if positioned is None:
                positioned = load_yaml(text, name, positions=True)
            where = positioned.position(finding.path, key=finding.at_key)
            if where:
                finding.line, finding.column = where
    findings.sort(key=lambda f: (f.line or 0, f.column or 0))


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

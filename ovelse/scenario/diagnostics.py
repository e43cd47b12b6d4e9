"""Findings (diagnostics) with stable codes, severities and positions."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ovelse.i18n import N_, _, ngettext
from ovelse.plaintext import show_controls

Severity = Literal["error", "warning", "info"]
Path = tuple[str | int, ...]
MAX_PER_CODE = 50

# Stable codes. The text is the short title used in docs/diagnostics.md (a msgid: render with ``_``).
CODES: dict[str, str] = {
    "OV001": N_("Filen kan ikke leses"),
    "OV002": N_("Filen er for stor"),
    "OV003": N_("Filen er ikke UTF-8"),
    "OV004": N_("Filen er tom"),
    "OV005": N_("YAML-syntaksfeil"),
    "OV006": N_("Tabulator i innrykk"),
    "OV007": N_("For dyp nøsting"),
    "OV008": N_("For mange alias"),
    "OV009": N_("For mange elementer"),
    "OV010": N_("Duplisert nøkkel"),
    "OV011": N_("Toppnivået er ikke en tabell (mapping)"),
    "OV012": N_("Flere YAML-dokumenter i én fil"),
    "OV013": N_("YAML-konstruksjon som ikke støttes"),
    "OV014": N_("Flere funn av samme slag"),
    "OV101": N_("Mangler påkrevd felt"),
    "OV102": N_("Ukjent felt"),
    "OV103": N_("Ugyldig verdi"),
    "OV104": N_("Ugyldig id"),
    "OV105": N_("Ugyldig scenariotid"),
    "OV106": N_("Ugyldig merking"),
    "OV107": N_("Gradert informasjon avvises"),
    "OV108": N_("Ukjent språkkode"),
    "OV201": N_("Duplisert id"),
    "OV202": N_("Ukjent mål for overgang"),
    "OV203": N_("Node kan ikke nås fra start"),
    "OV204": N_("Blindvei"),
    "OV205": N_("Ingen slutt kan nås"),
    "OV206": N_("Motstridende overganger"),
    "OV207": N_("Alle valg kan være utilgjengelige"),
    "OV208": N_("Flagg leses, men settes aldri"),
    "OV209": N_("Flagg settes, men leses aldri"),
    "OV210": N_("Ukjent rolle"),
    "OV211": N_("Ukjent øvingsmål"),
    "OV212": N_("Øvingsmål øves ikke"),
    "OV213": N_("Påkrevd rolle får ingen innspill"),
    "OV214": N_("Tom node"),
    "OV215": N_("TODO-markør"),
    "OV216": N_("Betingelse kan aldri være oppfylt"),
    "OV217": N_("Egen rolle kolliderer med katalogen"),
    "OV218": N_("Kontrolltegn i tekst"),
    "OV219": N_("Rommets språk mangler scenarioets språk"),
    "OV220": N_("Samisk tekst mangler"),
    "OV221": N_("Innspillene og oppsummeringen tar mer enn planlagt tid"),
    "OV222": N_("Øvingsmål uten node og observasjonspunkt"),
    "OV223": N_("Valg som aldri er tilgjengelig"),
    "OV224": N_("Node som aldri nås med flaggene"),
    "OV225": N_("Utforskningen av flaggene ble avgrenset"),
}

SEVERITY_NAMES = {"error": N_("feil"), "warning": N_("advarsel"), "info": N_("info")}
"""Severity names (bokmål msgids) for people; ``format_text`` keeps the codes error/warning/info."""


@dataclass(slots=True)
class Finding:
    """One diagnostic: code, severity, Norwegian message and hint, and where it is."""

    code: str
    severity: Severity
    message: str
    hint: str = ""
    path: Path | None = None
    line: int | None = None
    column: int | None = None
    file: str | None = None
    at_key: bool = False
    count: int | None = None
    of_code: str | None = None
    of_severity: Severity | None = None

    def format_text(self) -> str:
        where = self.file or "<stdin>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        out = f"{where}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            out += "\n  " + _("tips: {hint}").format(hint=self.hint)
        return show_controls(out)  # author text is shown, never interpreted by the terminal

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = list(self.path) if self.path is not None else None
        data.pop("at_key")
        if data["count"] is None:
            data.pop("count")
            data.pop("of_code")
            data.pop("of_severity")
        return data


_SUPPRESSED_SEVERITY: dict[str, Severity] = {"OV010": "error", "OV215": "info", "OV218": "warning"}


def count_by_severity(findings: list[Finding]) -> Counter[str]:
    """Findings per severity, counting those an OV014 line stands for (and not the OV014 line itself)."""
    out: Counter[str] = Counter()
    for finding in findings:
        if finding.code == "OV014" and finding.count is not None:
            out[finding.of_severity or "error"] += finding.count
        else:
            out[finding.severity] += 1
    return out


def cap_findings(
    findings: list[Finding],
    suppressed: Mapping[str, int] | None = None,
    *,
    file: str | None = None,
    per_code: int = MAX_PER_CODE,
) -> list[Finding]:
    """At most ``per_code`` findings of each code, then one OV014 line per code saying how many more.

    ``suppressed`` counts findings of a code that were never built (the YAML reader stops building
    duplicate-key findings after its own cap). The order of the kept findings is unchanged.
    """
    seen: Counter[str] = Counter()
    severity: dict[str, Severity] = dict(_SUPPRESSED_SEVERITY)
    kept: list[Finding] = []
    for finding in findings:
        seen[finding.code] += 1
        severity.setdefault(finding.code, finding.severity)
        if seen[finding.code] <= per_code:
            kept.append(finding)
    extra = Counter({code: n - per_code for code, n in seen.items() if n > per_code})
    if suppressed:
        extra.update(suppressed)
    for code, n in sorted(extra.items()):
        if n > 0:
            kept.append(
                Finding(
                    "OV014",
                    "info",
                    ngettext(
                        "… og {n} funn til med koden {code} (vises ikke)",
                        "… og {n} funn til med koden {code} (vises ikke)",
                        n,
                    ).format(n=f"{n:,}".replace(",", "\u00a0"), code=code),
                    _("rett de første funnene, så forsvinner ofte resten også"),
                    file=file,
                    count=n,
                    of_code=code,
                    of_severity=severity.get(code, "error"),
                )
            )
    return kept


class FatalLoadError(Exception):
    """Loading cannot go on; carries the finding that says why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def findings_json(
    findings_by_file: dict[str, list[Finding]], stats: dict[str, dict[str, Any]] | None = None
) -> str:
    """Machine-readable findings for ``--format json``."""
    files = []
    for name, findings in findings_by_file.items():
        entry: dict[str, Any] = {"file": name, "findings": [f.to_json() for f in findings]}
        if stats and name in stats:
            entry["statistics"] = stats[name]
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2)

"""Findings (diagnostics) with stable codes, severities and positions."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from ovelse.plaintext import show_controls

Severity = Literal["error", "warning", "info"]
Path = tuple[str | int, ...]

# Stable codes. The text is the short Norwegian title used in docs/diagnostics.md.
CODES: dict[str, str] = {
    "OV001": "Filen kan ikke leses",
    "OV002": "Filen er for stor",
    "OV003": "Filen er ikke UTF-8",
    "OV004": "Filen er tom",
    "OV005": "YAML-syntaksfeil",
    "OV006": "Tabulator i innrykk",
    "OV007": "For dyp nøsting",
    "OV008": "For mange alias",
    "OV009": "For mange elementer",
    "OV010": "Duplisert nøkkel",
    "OV011": "Toppnivået er ikke en tabell (mapping)",
    "OV012": "Flere YAML-dokumenter i én fil",
    "OV013": "YAML-konstruksjon som ikke støttes",
    "OV101": "Mangler påkrevd felt",
    "OV102": "Ukjent felt",
    "OV103": "Ugyldig verdi",
    "OV104": "Ugyldig id",
    "OV105": "Ugyldig scenariotid",
    "OV106": "Ugyldig merking",
    "OV107": "Gradert informasjon avvises",
    "OV108": "Ukjent språkkode",
    "OV201": "Duplisert id",
    "OV202": "Ukjent mål for overgang",
    "OV203": "Node kan ikke nås fra start",
    "OV204": "Blindvei",
    "OV205": "Ingen slutt kan nås",
    "OV206": "Motstridende overganger",
    "OV207": "Alle valg kan være utilgjengelige",
    "OV208": "Flagg leses, men settes aldri",
    "OV209": "Flagg settes, men leses aldri",
    "OV210": "Ukjent rolle",
    "OV211": "Ukjent øvingsmål",
    "OV212": "Øvingsmål øves ikke",
    "OV213": "Påkrevd rolle får ingen innspill",
    "OV214": "Tom node",
    "OV215": "TODO-markør",
    "OV216": "Betingelse kan aldri være oppfylt",
    "OV217": "Egen rolle kolliderer med katalogen",
    "OV218": "Kontrolltegn i tekst",
    "OV219": "Rommets språk mangler scenarioets språk",
    "OV220": "Samisk tekst mangler",
}

SEVERITY_NO = {"error": "feil", "warning": "advarsel", "info": "info"}


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

    def format_text(self) -> str:
        where = self.file or "<stdin>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        out = f"{where}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            out += f"\n  tips: {self.hint}"
        return show_controls(out)  # author text is shown, never interpreted by the terminal

    def to_json(self) -> dict:
        data = asdict(self)
        data["path"] = list(self.path) if self.path is not None else None
        data.pop("at_key")
        return data


class FatalLoadError(Exception):
    """Loading cannot go on; carries the finding that says why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def findings_json(findings_by_file: dict[str, list[Finding]], stats: dict[str, dict] | None = None) -> str:
    """Machine-readable findings for ``--format json``."""
    files = []
    for name, findings in findings_by_file.items():
        entry = {"file": name, "findings": [f.to_json() for f in findings]}
        if stats and name in stats:
            entry["statistics"] = stats[name]
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2)

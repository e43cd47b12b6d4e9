"""JSON Schema of the scenario format (Draft 7 compatible, for yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from ovelse.i18n import N_, _
from ovelse.scenario.model import Scenario

SCHEMA_ID = "https://ovelse.invalid/schema/scenario-1.json"


def _draft7(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output into Draft 7 terms ($defs → definitions)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft7(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out[key] = _draft7(value)
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


DEFINITIONS: dict[str, str] = {
    "BackstoryEntry": N_("Ett tidspunkt på tidslinjen i bakteppet."),
    "Choice": N_(
        "Et valg rommet kan ta: tekst, neste node, flagg valget setter eller fjerner, og når det er tilgjengelig."
    ),
    "Condition": N_(
        "Betingelse på flagg: alle i all_of er satt, minst ett i any_of er satt, ingen i none_of er satt."
    ),
    "CustomRole": N_("En rolle scenarioet definerer selv (for eksempel anleggseieren)."),
    "Fact": N_("Et faktum deltakerne får, holdt adskilt fra tidslinjen i bakteppet."),
    "Inject": N_("Et ekstra innspill som øvingslederen kan gi når som helst."),
    "Message": N_("En melding i et innspill: fra hvem, til hvilke roller, i hvilken kanal."),
    "Meta": N_("Metadata: hva øvelsen er, og hvor den kommer fra."),
    "Node": N_("Et innspill (en fase) i øvelsen."),
    "Objective": N_("Et øvingsmål, konkret nok til å vurderes etterpå."),
    "Question": N_("Et diskusjonsspørsmål, eventuelt til bestemte roller."),
    "Roles": N_("Rollene scenarioet trenger i rommet, og roller det definerer selv."),
    "Sensitivity": N_("Merking for offentlighet av scenarioet og alt som lages av det."),
    "Source": N_("En offentlig kilde scenarioet bygger på."),
}
"""Descriptions of the object types (bokmål msgids; the models' own docstrings are for developers)."""

ROOT_DESCRIPTION = N_("Scenario for en diskusjonsøvelse i ovelse. Sjekk filen med «ovelse validate».")


def _translated(node: Any) -> Any:
    """Every ``description`` in the language of this run (they are catalogue msgids)."""
    if isinstance(node, dict):
        return {
            key: _(value) if key == "description" and isinstance(value, str) else _translated(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_translated(v) for v in node]
    return node


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema as a dict, its descriptions in the current language (``--sprak nn``: nynorsk)."""
    schema: dict[str, Any] = _draft7(Scenario.model_json_schema(by_alias=True, mode="validation"))
    for name, definition in schema.get("definitions", {}).items():
        if name in DEFINITIONS:
            definition["description"] = DEFINITIONS[name]
        else:  # a new model without a Norwegian description here: no English docstring in the editor
            definition.pop("description", None)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ovelse-scenario (format 1)"
    schema["description"] = ROOT_DESCRIPTION
    translated: dict[str, Any] = _translated(schema)
    return translated


def scenario_schema_json() -> str:
    return json.dumps(scenario_schema(), ensure_ascii=False, indent=2) + "\n"

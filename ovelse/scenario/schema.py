"""JSON Schema of the scenario format (Draft 7 compatible, for yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

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


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema as a dict."""
    schema: dict[str, Any] = _draft7(Scenario.model_json_schema(by_alias=True, mode="validation"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ovelse-scenario (format 1)"
    schema["description"] = "Scenario for en diskusjonsøvelse i ovelse. Sjekk filen med «ovelse validate»."
    return schema


def scenario_schema_json() -> str:
    return json.dumps(scenario_schema(), ensure_ascii=False, indent=2) + "\n"

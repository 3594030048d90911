"""A JSON Schema of agreement.toml for editors (Taplo / Even Better TOML
in VS Code): key completion and live checks as the user types, with the
model's Danish descriptions.  Generated from the model, so it cannot drift.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..model.agreement import AgreementFile

SCHEMA_FILE = "agreement.schema.json"


def _title(description: str) -> str:
    """A short Danish title from a field's description: its first phrase."""
    head = re.split(r" \(|;|:|, | – ", description, maxsplit=1)[0].strip()
    return head if len(head) >= 2 else description


def _refs(node: dict[str, Any]) -> list[str]:
    """The model definitions a field points to, directly or as list items."""
    candidates = [node, node.get("items", {}), *node.get("anyOf", []), *node.get("items", {}).get("anyOf", [])]
    return [c["$ref"] for c in candidates if isinstance(c, dict) and "$ref" in c]


def _retitle(node: Any, defs: dict[str, Any]) -> None:
    if isinstance(node, dict):
        description = node.get("description")
        if description:
            node["title"] = _title(description)
            for ref in _refs(node):
                target = defs[ref.rsplit("/", 1)[1]]
                target["description"] = description  # the Danish label, not the class's English docstring
                target["title"] = _title(description)
        for value in node.values():
            _retitle(value, defs)
    elif isinstance(node, list):
        for value in node:
            _retitle(value, defs)


def schema() -> dict[str, Any]:
    data = AgreementFile.model_json_schema(by_alias=True, mode="validation")
    defs = data.get("$defs", {})
    _retitle(data, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        **data,
        "title": "agreement.toml – aftalefilen til docgen",
        "description": "Én boligsocial helhedsplan: den strategiske samarbejdsaftale, delaftalerne, budget, "
                       "milepæle, beredskabsplan og kommissorium. Se README.md.",
    }


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"

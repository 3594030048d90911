"""The JSON Schema for editors: generated from the model, shipped, and it
accepts the shipped agreement.toml and flags what the model flags."""
from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal

import jsonschema
import pytest

from docgen.source.schema import SCHEMA_FILE, schema, schema_text

from conftest import AGREEMENT, MINIMAL, ROOT


def as_json(value):
    """TOML data as JSON data (what an editor validates)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def load(path):
    return as_json(tomllib.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def test_the_shipped_schema_is_the_generated_one():
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), (
        "agreement.schema.json er forældet: kør 'docgen schema -o agreement.schema.json'")


def test_the_shipped_agreement_points_to_the_schema():
    assert AGREEMENT.read_text(encoding="utf-8").startswith(f"#:schema ./{SCHEMA_FILE}\n")


@pytest.mark.parametrize("path", [AGREEMENT, MINIMAL], ids=["agreement.toml", "minimal.toml"])
def test_schema_accepts_the_valid_agreements(validator, path):
    errors = list(validator.iter_errors(load(path)))
    assert errors == [], [e.message for e in errors][:5]


def test_schema_flags_a_misspelt_key_and_a_wrong_type(validator):
    data = load(MINIMAL)
    data["boligomraade"]["husstand"] = data["boligomraade"].pop("husstande")
    data["aftale"]["fra"] = "første september"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("husstand" in m for m in messages)
    assert any("første september" in m for m in messages)


def test_titles_and_descriptions_are_danish():
    text = schema_text()
    data = json.loads(text)
    budget = data["$defs"]["Budget"]
    assert budget["title"] == "Budget"
    assert data["$defs"]["Agreement"]["properties"]["omraadenavn"]["title"] == "Boligområdets navn"
    assert "Section 1" not in text and "The root" not in text

"""Rendering arbitrary text safely, on the minimal agreement."""
from __future__ import annotations

from docx import Document

from docgen.pipeline import build

from conftest import MINIMAL
from docx_text import text

MARKUP = "{{ 7*7 }} {% if x %} <w:p> ]]> & \\\"citat\\\""


def test_markup_in_any_text_comes_out_literally(write_toml, tmp_path):
    source = MINIMAL.read_text(encoding="utf-8")
    source = (source.replace('vision = "En vision."', f'vision = "Vision {MARKUP}"')
              .replace('navn = "Lektiecafé"', f'navn = "Café {MARKUP}"')
              .replace('tekst = "- Driver caféen"', f'tekst = "- Driver {MARKUP}"')
              .replace('omraadenavn = "Testby"', 'omraadenavn = "Test & <by>"'))
    out = tmp_path / "out"
    paths = build(write_toml(source), out)
    literal = '{{ 7*7 }} {% if x %} <w:p> ]]> & "citat"'
    strategic = text(paths[0])
    assert f"Vision {literal}" in strategic
    assert "Test & <by>" in strategic
    delaftale = text(paths[1])
    assert f"Café {literal}" in delaftale
    assert f"Driver {literal}" in delaftale
    assert "49" not in delaftale
    for path in paths:
        Document(str(path))

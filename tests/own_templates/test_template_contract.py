"""docs/skabeloner.md, the template contract, keeps up with the code: it
names every variable each Word template gets (in that template's section),
every template file, sheet and named style docgen uses, and its example
output is what `docgen templates check` says."""
from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from docgen.documents import all_documents
from docgen.source.load import load
from docgen.source.skeleton import sample_agreement
from docgen.render.templates import BUILT_IN, RENDERER_VARIABLES

from conftest import AGREEMENT, ROOT
from conftest import docgen

DOC = ROOT / "docs" / "skabeloner.md"
TEXT = DOC.read_text(encoding="utf-8")
SAMPLE = all_documents(sample_agreement())
SHIPPED = all_documents(load(AGREEMENT)[1])
WORD_TEMPLATES = sorted({d.template for d in SAMPLE if d.template.endswith(".docx")})


def code_spans(text: str) -> set[str]:
    """Every `inline code` span, outside fenced blocks ('\\|' is a '|' in a table)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
    return {span.replace("\\|", "|") for span in re.findall(r"`([^`\n]+)`", text)}


def section(template: str) -> str:
    """The '### ...' section whose heading names ``template``."""
    for part in re.split(r"^### ", TEXT, flags=re.MULTILINE)[1:]:
        if f"`{template}`" in part.splitlines()[0]:
            return part
    raise AssertionError(f"docs/skabeloner.md har intet afsnit med overskriften `{template}`")


def paths(value, prefix: str = "") -> set[str]:
    """'omraade', 'omraade.indledning', 'parter[].navn', ... of a context."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | paths(item, path)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                found |= paths(item, prefix + "[]")
    return found


@pytest.mark.parametrize("template", WORD_TEMPLATES)
def test_every_top_level_variable_is_documented_in_its_section(template):
    documented = code_spans(section(template))
    for document in SAMPLE:
        if document.template == template:
            missing = set(document.context) - documented
            assert not missing, f"{template}: {sorted(missing)} mangler i docs/skabeloner.md"


@pytest.mark.parametrize("template", WORD_TEMPLATES)
def test_every_nested_variable_is_documented_in_its_section(template):
    documented = code_spans(section(template))
    provided = set().union(*(paths(d.context) for d in SAMPLE + SHIPPED if d.template == template))
    missing = provided - documented
    assert not missing, f"{template}: {sorted(missing)} mangler i docs/skabeloner.md"


def test_the_renderers_variables_are_documented():
    assert RENDERER_VARIABLES == {"versionstekst", "stempler"}
    assert RENDERER_VARIABLES <= code_spans(TEXT)


def test_every_template_file_is_named():
    used = {d.template for d in SAMPLE}
    assert used == {p.name for p in BUILT_IN.iterdir() if p.suffix in (".docx", ".xlsx")}
    assert used <= code_spans(TEXT)


@pytest.mark.parametrize("template", sorted(p.name for p in BUILT_IN.glob("*.xlsx")))
def test_every_sheet_and_named_style_of_a_workbook_is_named(template):
    workbook = load_workbook(BUILT_IN / template)
    styles = {s.name for s in workbook._named_styles if s.name.startswith("docgen ")}
    assert styles and workbook.sheetnames
    assert set(workbook.sheetnames) | styles <= code_spans(TEXT)


def test_docgen_adds_no_filters_or_globals():
    """The doc says: Jinja2's own filters and nothing else."""
    from jinja2 import Environment

    from docgen.render.docx import environment

    plain, ours = Environment(), environment()
    assert set(ours.filters) == set(plain.filters)
    # lipsum() is taken away: lipsum(10**9) writes text without end
    assert set(ours.globals) == set(plain.globals) - {"lipsum"}


@pytest.mark.parametrize("typo", [False, True])
def test_the_worked_example_shows_what_templates_check_says(tmp_path, typo):
    mine = tmp_path / "mine-skabeloner"
    mine.mkdir()
    doc = Document(str(BUILT_IN / "delaftale.docx"))
    if typo:
        doc.add_paragraph("{{ omraadenavn }}")
    doc.save(str(mine / "delaftale.docx"))
    result = docgen("templates", "check", "mine-skabeloner", cwd=tmp_path)
    assert result.returncode == (1 if typo else 0)
    shown = (result.stderr + result.stdout).strip()
    assert f"$ docgen templates check mine-skabeloner\n{shown}\n```" in TEXT

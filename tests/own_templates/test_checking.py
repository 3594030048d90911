"""A user's own templates: used where given, checked against what docgen
provides, and rendered in a sandbox."""
from __future__ import annotations

import pytest
from docx import Document

from docgen.errors import DocgenError, RenderError
from docgen.pipeline import build
from docgen.render.templates import BUILT_IN
from docgen.own_templates.checking import check

from conftest import MINIMAL
from docx_text import text
from conftest import docgen


def own_template(folder, name, *paragraphs, remove=None):
    """docgen's template with paragraphs added (and one text removed)."""
    folder.mkdir(exist_ok=True)
    doc = Document(str(BUILT_IN / name))
    if remove:
        for p in doc.paragraphs:
            if p.text == remove:
                p._p.getparent().remove(p._p)
    for paragraph in paragraphs:
        doc.add_paragraph(paragraph)
    doc.save(str(folder / name))


def test_a_users_template_is_used_and_the_others_fall_back(tmp_path):
    mine = tmp_path / "mine"
    own_template(mine, "delaftale.docx", "Egen skabelon for {{ omraade_navn }}")
    result = build(MINIMAL, tmp_path / "out", mine)
    assert "Egen skabelon for Uddannelse og livschancer" in text(result.documents[1])
    assert "Egen skabelon" not in text(result.documents[0])


def test_check_reports_unknown_and_left_out_variables(tmp_path):
    mine = tmp_path / "mine"
    own_template(mine, "kommissorium.docx", "{{ bestyrelsens_farve }}", remove="{{p formaal }}")
    (mine / "noter.docx").write_bytes((BUILT_IN / "kommissorium.docx").read_bytes())
    errors, warnings = check(mine)
    assert errors == ["kommissorium.docx bruger 'bestyrelsens_farve', som docgen ikke har. Se docs/skabeloner.md"]
    assert "kommissorium.docx bruger ikke 'formaal', som docgens egen skabelon viser" in warnings
    assert any(w.startswith("noter.docx bruges ikke") for w in warnings)


def test_docgens_own_templates_pass_the_check():
    assert check(BUILT_IN) == ([], [])


def test_check_from_the_command_line(tmp_path):
    mine = tmp_path / "mine"
    own_template(mine, "delaftale.docx", "{{ findes_ikke }}")
    result = docgen("templates", "check", str(mine))
    assert result.returncode == 1 and "delaftale.docx bruger 'findes_ikke'" in result.stderr
    assert docgen("templates", "check", str(tmp_path / "ingen")).returncode == 1


def test_an_unknown_variable_stops_the_build_with_a_clear_error(tmp_path):
    mine = tmp_path / "mine"
    own_template(mine, "beredskabsplan.docx", "{{ findes_ikke }}")
    with pytest.raises(RenderError, match="beredskabsplan.docx bruger en værdi, docgen ikke har"):
        build(MINIMAL, tmp_path / "out", mine)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("expression", [
    "{{ dokumentnavn.__class__.__mro__ }}",
    "{{ dokumentnavn.__class__.__base__.__subclasses__() }}",
    "{{ omraade_navn.format.__globals__ }}",
])
def test_a_template_cannot_reach_python_internals(tmp_path, expression):
    mine = tmp_path / "mine"
    own_template(mine, "delaftale.docx", expression)
    with pytest.raises(RenderError):
        build(MINIMAL, tmp_path / "out", mine)


def test_a_missing_templates_folder_is_an_error(tmp_path):
    with pytest.raises(DocgenError, match="findes ikke"):
        build(MINIMAL, tmp_path / "out", tmp_path / "ingen")


def test_every_style_a_built_document_refers_to_is_defined_in_it(built):
    """The built-in templates are slimmed to the styles they use; a style
    left out by mistake would make Word show plain text without a word."""
    import re
    import zipfile

    for path in sorted(built.glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            defined = set(re.findall(r'w:styleId="([^"]+)"', package.read("word/styles.xml").decode()))
            referred = set()
            for name in names:
                if name.startswith("word/") and name.endswith(".xml"):
                    xml = package.read(name).decode()
                    referred.update(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml))
        assert referred, path.name
        assert referred <= defined, f"{path.name}: {sorted(referred - defined)}"
        assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names


def test_copy_gives_the_user_docgens_templates_without_overwriting_theirs(tmp_path):
    mine = tmp_path / "mine"
    first = docgen("templates", "copy", str(mine), "delaftale.docx")
    assert first.returncode == 0, first.stderr
    assert [p.name for p in mine.iterdir()] == ["delaftale.docx"]
    assert (mine / "delaftale.docx").read_bytes() == (BUILT_IN / "delaftale.docx").read_bytes()

    (mine / "delaftale.docx").write_bytes(b"min egen")
    rest = docgen("templates", "copy", str(mine))
    assert rest.returncode == 0, rest.stderr
    assert (mine / "delaftale.docx").read_bytes() == b"min egen"
    assert "Beholdt (findes allerede i" in rest.stdout and "Kopierede 6 skabeloner" in rest.stdout
    built_in = sorted(p.name for p in BUILT_IN.iterdir() if p.suffix in (".docx", ".xlsx"))
    assert sorted(p.name for p in mine.iterdir()) == built_in and len(built_in) == 7

    (mine / "delaftale.docx").unlink()
    errors, warnings = check(mine)
    assert errors == [] and warnings == []


def test_copy_names_the_templates_there_are_when_one_is_unknown(tmp_path):
    result = docgen("templates", "copy", str(tmp_path / "mine"), "delaftaler.docx")
    assert result.returncode == 1
    assert "docgen har ingen skabelon, der hedder delaftaler.docx" in result.stderr
    assert "delaftale.docx" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "mine").exists()


def test_a_budget_template_from_before_the_chart_sheet_and_input_styles_still_builds(tmp_path):
    """A user's budget.xlsx made from an earlier docgen: no 'Diagram' sheet,
    no input styles.  The build makes the sheet and uses the plain styles;
    the check warns, it does not fail."""
    from openpyxl import load_workbook

    mine = tmp_path / "mine"
    mine.mkdir()
    workbook = load_workbook(BUILT_IN / "budget.xlsx")
    workbook.remove(workbook["Diagram"])
    workbook._named_styles = type(workbook._named_styles)(
        [s for s in workbook._named_styles if not s.name.endswith("(input)") and s.name != "docgen Nummer"])
    workbook.save(mine / "budget.xlsx")
    errors, warnings = check(mine)
    assert errors == []
    assert any("arket 'Diagram' mangler" in w for w in warnings)
    assert any("'docgen Kroner (input)' mangler; docgen bruger 'docgen Kroner'" in w for w in warnings)
    result = build(MINIMAL, tmp_path / "out", mine)
    budget = load_workbook(next(p for p in result.documents if " Budget - " in p.name))
    assert budget.sheetnames == ["Budget", "Diagram", "Lønberegning"] and len(budget["Diagram"]._charts) == 1

"""Wording that must hold for any plan, not only the example: the
afdelinger list for one or several organisations, a contact's name and
title, hours per week, a kroner field's type error, one housing
organisation in the singular."""
from __future__ import annotations

from docgen.pipeline import build, check

from conftest import MINIMAL, TWO_AREAS, build_minimal_variant, diagnostics_of
from docx_text import text as docx_text

TWO = TWO_AREAS.read_text(encoding="utf-8")


def _strategic_and_sub(tmp_path):
    documents = build(TWO_AREAS, tmp_path / "out").documents
    return docx_text(documents[0]), docx_text(documents[1])


def test_one_organisation_with_a_long_name(tmp_path):
    strategic, sub = _strategic_and_sub(tmp_path)
    # the short name "Boligforeningen" is one word: a compound; no count before the 'I alt' line
    assert "Boligforeningen-afdelinger: 11 Vestparken I, 12 Vestparken II" in strategic
    assert "2 Boligforeningen" not in strategic and "I alt 2 afdelinger" in strategic


def test_a_long_name_is_not_made_a_compound(tmp_path):
    text = TWO.replace('kortnavn = "Boligforeningen"\n', "")
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    strategic = docx_text(build(path, tmp_path / "out").documents[0])
    assert "Afdelinger i Boligforeningen Vest: 11 Vestparken I" in strategic
    assert "Boligforeningen Vest-afdelinger" not in strategic


def test_several_organisations_are_counted_each(tmp_path):
    path = build_minimal_variant(tmp_path, [
        ('afdelinger = [{ organisation = "bo", nummer = "1", navn = "Afdeling Et" }]',
         'afdelinger = [{ organisation = "bo", nummer = "1", navn = "Afdeling Et" }, '
         '{ organisation = "bo", nummer = "2", navn = "Afdeling To" }, '
         '{ organisation = "hp", nummer = "3", navn = "Afdeling Tre" }]'),
    ], "samarbejdsaftale")
    strategic = docx_text(path)
    assert "2 Boligselskabet-afdelinger: 1 Afdeling Et, 2 Afdeling To" in strategic
    assert "I alt 3 afdelinger" in strategic


def test_a_contacts_name_and_title_do_not_run_together(tmp_path):
    _, sub = _strategic_and_sub(tmp_path)
    assert "Kontaktperson: Karim Said (Teamleder, Jobcenter): 55 66 77 88 / ks@aastrup.dk" in sub
    assert "Jobcenter Karim Said" not in sub


def test_hours_are_per_week(tmp_path):
    _, sub = _strategic_and_sub(tmp_path)
    assert "Studentermedhjælp: 10 timer pr. uge" in sub


def test_a_kroner_field_suggests_a_whole_number(write_toml):
    text = MINIMAL.read_text(encoding="utf-8").replace("aarsloen = 600000", 'aarsloen = "600.000 kr"')
    [d] = diagnostics_of(check, write_toml(text))
    assert "fx 650000" in d.message and "0.25" not in d.message
    text = MINIMAL.read_text(encoding="utf-8").replace("aar1 = 44000", 'aar1 = "fire"')
    [d] = diagnostics_of(check, write_toml(text))
    assert "hele kroner" in d.message and "0.25" not in d.message


def test_one_housing_organisation_is_named_in_the_singular(write_toml):
    text = TWO.replace("a2025 = 924525,", "a2025 = 1000000,").replace("a2025 = 154087,", "a2025 = 78612,")
    [d] = diagnostics_of(check, write_toml(text))
    assert "til kommunen eller boligorganisationen" in d.message


def test_build_ends_with_one_line_saying_it_is_done_and_how_many_warnings_stand_above(tmp_path):
    from conftest import docgen

    text = TWO.replace('kortnavn = "Helhedsplanen"\n', 'kortnavn = "Helhedsplanen"\n\n[[parter]]\nid = "ubrugt"\nnavn = "Ubrugt"\n')
    (tmp_path / "agreement.toml").write_text(text, encoding="utf-8")
    result = docgen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("agreement.toml, linje")]
    assert warnings
    assert result.stdout.splitlines()[-1] == (
        f"Færdig: dokumenterne er skrevet. {len(warnings)} advarsel{'' if len(warnings) == 1 else 'r'} står ovenfor; "
        "de stopper ikke byggeriet, men se dem igennem."
    )
    clean = docgen("build", str(TWO_AREAS), "-o", "ren", cwd=tmp_path)
    assert clean.stdout.splitlines()[-1] == "Færdig: dokumenterne er skrevet uden advarsler."

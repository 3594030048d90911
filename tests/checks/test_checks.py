"""Each cross-document check fails with a Danish message naming the figures."""
import pytest

from docgen.checks import run
from docgen.pipeline import check

from conftest import MINIMAL, diagnostics_of

BASE = MINIMAL.read_text(encoding="utf-8")


def problems(write_toml, text):
    return diagnostics_of(check, write_toml(text))


def test_minimal_and_shipped_pass(shipped):
    from docgen.source.load import load

    assert run(load(MINIMAL)[1]) == []
    assert run(shipped) == []


def test_allocations_not_adding_up_name_role_figures_sum_and_total(write_toml):
    text = BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', '{ rolle = "leder", aarsvaerk = 0.75 }')
    [d] = problems(write_toml, text)
    assert "Projektleder" in d.message
    assert "Uddannelse og livschancer 0,75" in d.message
    assert "= 0,75 årsværk" in d.message
    assert "bemandingsplanen har 1 årsværk" in d.message
    assert d.path == "medarbejdere[1].aarsvaerk"
    assert d.line == BASE.splitlines().index('aarsvaerk = 1') + 1


def test_hourly_role_off(write_toml):
    text = BASE.replace('timer_pr_uge = 15 }]', 'timer_pr_uge = 10 }]')
    [d] = problems(write_toml, text)
    assert "Studentermedhjælp" in d.message and "10 timer pr. uge" in d.message and "15 timer pr. uge" in d.message


@pytest.mark.parametrize("figure", ["0", "-0.5"])
def test_zero_or_negative_allocation(write_toml, figure):
    text = BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', f'{{ rolle = "leder", aarsvaerk = {figure} }}')
    diagnostics = problems(write_toml, text)
    assert any("større end 0" in d.message and "Projektleder" in d.message for d in diagnostics)


def test_unknown_role_is_named_with_a_suggestion(write_toml):
    text = BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', '{ rolle = "lder", aarsvaerk = 1 }')
    diagnostics = problems(write_toml, text)
    assert any("'lder' findes ikke" in d.message and "Mente du 'leder'" in d.message for d in diagnostics)
    assert any(d.path == "delaftaler[1].medarbejdere[1].rolle" for d in diagnostics)


def test_unit_must_match_the_staffing_plan(write_toml):
    text = BASE.replace('{ rolle = "student", timer_pr_uge = 15 }', '{ rolle = "student", aarsvaerk = 0.4 }')
    diagnostics = problems(write_toml, text)
    assert any("timelønnet" in d.message for d in diagnostics)


def test_unknown_party_reference(write_toml):
    text = BASE.replace('parter = ["hp"]', 'parter = ["hpp"]')
    [d] = problems(write_toml, text)
    assert "'hpp' findes ikke i [[parter]]" in d.message
    assert d.path == "delaftaler[1].aktiviteter[1].ansvar[1].parter[1]"
    assert d.line == BASE.splitlines().index('parter = ["hp"]') + 1


def test_duplicate_party_id(write_toml):
    text = BASE.replace('id = "hp"\nnavn = "Helhedsplanen"', 'id = "bo"\nnavn = "Helhedsplanen"')
    diagnostics = problems(write_toml, text)
    assert any("'bo' er brugt to gange" in d.message for d in diagnostics)


def test_area_without_delaftale(write_toml):
    text = BASE.replace('[[omraader]]\nid = "uddannelse"', '[[omraader]]\nid = "beskaeftigelse"')
    diagnostics = problems(write_toml, text)
    assert any("ingen delaftale for indsatsområdet Beskæftigelse" in d.message
               and "slet indsatsområdet fra [[omraader]]" in d.message for d in diagnostics)
    assert any("Uddannelse og livschancer mangler i [[omraader]]" in d.message for d in diagnostics)


def test_all_problems_are_reported_at_once(write_toml):
    text = (BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', '{ rolle = "leder", aarsvaerk = 1 }, { rolle = "x", aarsvaerk = 1 }')
            .replace('parter = ["hp"]', 'parter = ["nobody"]'))
    diagnostics = problems(write_toml, text)
    assert len(diagnostics) >= 2


def test_an_unknown_role_is_reported_once_not_also_as_every_sum_off(write_toml):
    text = BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', '{ rolle = "ledr", aarsvaerk = 1 }')
    [d] = problems(write_toml, text)
    assert "rollen 'ledr' findes ikke" in d.message and "Mente du 'leder'?" in d.message


def test_a_duplicate_role_does_not_also_unbalance_the_budget(write_toml):
    text = BASE.replace('[[medarbejdere]]\nid = "student"', '[[medarbejdere]]\nid = "leder"')
    messages = [d.message for d in problems(write_toml, text)]
    assert any("id'et 'leder' er brugt to gange" in m for m in messages)
    assert not any("finansiering" in m for m in messages)


def test_structural_budget_errors_still_show_beside_a_reference_error(write_toml):
    text = BASE.replace('{ rolle = "leder", aarsvaerk = 1 }', '{ rolle = "ledr", aarsvaerk = 1 }')
    text = text.replace("aar1 = 44000", "aar1 = -44000")
    messages = [d.message for d in problems(write_toml, text)]
    assert any("findes ikke" in m for m in messages) and any("negativt" in m for m in messages)


def test_an_area_name_too_long_for_a_file_name_says_how_long_it_may_be(write_toml, tmp_path):
    import re

    from docgen.pipeline import prepare

    name = "ÆæØøÅå" * 18 + "Ææ"  # 110 characters, 220 bytes in a file name
    [d] = problems(write_toml, BASE.replace('omraadenavn = "Testby"', f'omraadenavn = "{name}"'))
    assert d.path == "aftale.omraadenavn" and "259 byte" in d.message
    fits = int(re.search(r"højst (\d+) tegn", d.message).group(1))
    # the length it suggests is the longest that builds: every file name is then at most 255 bytes
    shorter = write_toml(BASE.replace('omraadenavn = "Testby"', f'omraadenavn = "{name[:fits]}"'))
    names = prepare(shorter, tmp_path / "out").documents
    assert max(len(n.encode("utf-8")) for n in names) == 255
    assert problems(write_toml, BASE.replace('omraadenavn = "Testby"', f'omraadenavn = "{name[:fits + 1]}"'))

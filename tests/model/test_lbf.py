"""The funding period as data: the areas, LBF's goals and indicators and
LBF's maximum share come from the pulje's data file; a made-up pulje in
tests/data/puljer proves a new period is one file."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from docgen.model import lbf
from docgen.checks import lint
from docgen.checks.pulje import repeated_texts
from docgen.pipeline import build, check

from conftest import DATA, AGREEMENT, TWO_AREAS, diagnostics_of
from docx_text import text as docx_text

TEST_PULJER = DATA / "puljer"
TWO = TWO_AREAS.read_text(encoding="utf-8")


@pytest.fixture
def test_pulje(monkeypatch):
    monkeypatch.setattr(lbf, "PULJE_DIRS", lbf.PULJE_DIRS + [TEST_PULJER])


def test_the_shipped_pulje_is_data_with_lbfs_four_areas_and_75_percent():
    p = lbf.pulje("2019-26")
    assert list(p.areas) == ["uddannelse", "beskaeftigelse", "kriminalitet", "sammenhaeng"]
    assert p.areas["kriminalitet"].name == "Kriminalitetsforebyggelse"
    assert p.max_lbf_share == Decimal("0.75")
    assert lbf.known_puljer() == ["2019-26"]


def test_the_default_pulje_and_naming_it_validate_alike(write_toml):
    text = TWO.replace("fra = 2025-04-01", 'pulje = "2019-26"\nfra = 2025-04-01', 1)
    _, named = check(write_toml(text))
    _, default = check(TWO_AREAS)
    assert named.agreement.pulje == default.agreement.pulje == "2019-26"


def test_an_unknown_pulje_is_refused_naming_the_known_ones(write_toml):
    text = TWO.replace("fra = 2025-04-01", 'pulje = "2031-34"\nfra = 2025-04-01', 1)
    [d] = diagnostics_of(check, write_toml(text))
    assert "puljen '2031-34' findes ikke" in d.message and "2019-26" in d.message
    assert d.path == "aftale.pulje" and d.line == text.splitlines().index('pulje = "2031-34"') + 1


def _in_test_pulje(text: str) -> str:
    """The two-area agreement moved to the made-up pulje: its areas renamed,
    LBF's texts left out (the pulje has them), LBF's share cut to 70 %."""
    text = text.replace("fra = 2025-04-01", 'pulje = "2027-30"\nfra = 2025-04-01', 1)
    text = text.replace('"beskaeftigelse"', '"job"').replace('"kriminalitet"', '"tryghed"')
    for line in ('maal = "Flere bliver tilknyttet arbejdsmarkedet"\n',
                 'maal = "Børn og unge skal støttes i et liv uden kriminalitet, og områderne skal opleves trygge"\n',
                 'indikator = "Andel 18-64-årige, der er uden tilknytning til arbejdsmarked og uddannelse"\n',
                 'indikator = "Andel 15-29-årige, som er sigtet mindst én gang"\n'):
        assert line in text
        text = text.replace(line, "")
    return text


def test_an_area_of_another_pulje_is_refused(write_toml):
    text = TWO.replace('omraade = "kriminalitet"', 'omraade = "tryghed"')
    diagnostics = diagnostics_of(check, write_toml(text))
    assert diagnostics and all("'tryghed' er ikke et indsatsområde i puljen 2019-26" in d.message for d in diagnostics)
    assert "uddannelse, beskaeftigelse, kriminalitet, sammenhaeng" in diagnostics[0].message


def test_a_new_pulje_is_one_data_file(test_pulje, write_toml, tmp_path):
    assert "2027-30" in lbf.known_puljer()
    # LBF's share is the test pulje's rule: 75 % is now too much
    [d] = diagnostics_of(check, write_toml(_in_test_pulje(TWO)))
    assert "må højst finansiere 70 %" in d.message
    text = _in_test_pulje(TWO)
    text = text.replace("a2025 = 924525, a2026 = 1232700, a2027 = 1232700, a2028 = 1232700, a2029 = 308175",
                        "a2025 = 862890, a2026 = 1150520, a2027 = 1150520, a2028 = 1150520, a2029 = 287630")
    text = text.replace("a2025 = 154087, a2026 = 205450, a2027 = 205450, a2028 = 205450, a2029 = 51362",
                        "a2025 = 215722, a2026 = 287630, a2027 = 287630, a2028 = 287630, a2029 = 71907")
    path = write_toml(text)
    _, agreement = check(path)
    assert [s.area for s in agreement.sub_agreements] == ["job", "tryghed"]
    result = build(path, tmp_path / "out")
    names = [p.name for p in result.documents]
    # in the pulje's order, not the file's
    assert names[1:3] == ["02 Delaftale - Tryghed og trivsel.docx", "03 Delaftale - Job og uddannelse.docx"]
    strategic = docx_text(result.documents[0])
    assert "Flere unge og voksne kommer i job eller uddannelse" in strategic  # the pulje's goal
    assert "Andel beboere, der føler sig trygge om aftenen" in strategic      # and indicator
    assert "Tryghed og trivsel og Job og uddannelse" in strategic  # the pulje's areas, not 2019-26's
    assert "Beskæftigelse" not in strategic
    # the budget states the pulje's rule, not 2019-26's
    from openpyxl import load_workbook

    budget = load_workbook(next(p for p in result.documents if " Budget - " in p.name))["Budget"]
    texts = [c.value for c in budget["A"] if isinstance(c.value, str)]
    assert "Landsbyggefonden betaler højst 70 % af udgifterne." in texts
    assert "Lokal medfinansiering (mindst 30 %)" in texts


def test_lbfs_texts_may_be_left_out_and_come_from_the_pulje(write_toml):
    text = TWO.replace('maal = "Flere bliver tilknyttet arbejdsmarkedet"\n', "")
    text = text.replace('indikator = "Andel 15-29-årige, som er sigtet mindst én gang"\n', "")
    _, agreement = check(write_toml(text))
    [goals, crime] = agreement.areas
    assert goals.goal is None and lbf.goal_of(agreement, goals) == "Flere bliver tilknyttet arbejdsmarkedet"
    assert crime.indicators[0].indicator is None
    assert lbf.indicator_of(agreement, crime, 0) == ("Andel 15-29-årige, som er sigtet mindst én gang", "Boligsociale data")


def test_a_repeated_text_that_differs_from_the_pulje_is_a_warning_not_an_error(write_toml):
    text = TWO.replace('maal = "Flere bliver tilknyttet arbejdsmarkedet"', 'maal = "Flere får arbejde"')
    _, agreement = check(write_toml(text))
    [warning] = [f for f in lint.run(agreement) if f in repeated_texts(agreement)]
    assert warning.path == ("omraader", 0, "maal")
    assert "Flere bliver tilknyttet arbejdsmarkedet" in warning.message and "Slet 'maal'" in warning.message


def test_the_shipped_agreement_repeats_no_text_differently():
    _, agreement = check(AGREEMENT)
    assert repeated_texts(agreement) == []


def test_an_indicator_without_text_beyond_the_pulje_is_an_error(write_toml):
    text = TWO.replace('[[omraader.indikatorer]]\nindikator = "Andel 15-29-årige, som er sigtet mindst én gang"\n',
                       '[[omraader.indikatorer]]\nbaseline_omraade = "1%"\n\n[[omraader.indikatorer]]\n'
                       'baseline_omraade = "2%"\n\n[[omraader.indikatorer]]\n')
    [d] = diagnostics_of(check, write_toml(text))
    assert "indikator nr. 3 for Kriminalitetsforebyggelse har ingen 'indikator'" in d.message


def test_an_indicator_that_is_not_lbfs_is_a_warning_with_the_close_one(write_toml):
    text = TWO.replace('indikator = "Andel 15-29-årige, som er sigtet mindst én gang"',
                       'indikator = "Andel 15-29-årige, der er sigtet mindst én gang"')
    _, agreement = check(write_toml(text))
    [warning] = [f for f in lint.run(agreement) if f in repeated_texts(agreement)]
    assert warning.path == ("omraader", 1, "indikatorer", 0, "indikator")
    assert "Mente du \"Andel 15-29-årige, som er sigtet mindst én gang\"?" in warning.message


@pytest.mark.parametrize("path", sorted((DATA).glob("*.toml")), ids=lambda p: p.name)
def test_every_agreement_in_tests_data_still_validates(path):
    _, agreement = check(path)
    assert agreement.agreement.pulje == "2019-26"

"""Each budget and milestone rule fails with a Danish message naming the figures."""
import pytest

from docgen.pipeline import check

from conftest import MINIMAL, diagnostics_of

BASE = MINIMAL.read_text(encoding="utf-8")
LBF = '{ kilde = "lbf", beloeb = { aar1 = 600000, aar2 = 600000, aar3 = 600000, aar4 = 600000 } }'
KOMMUNE = '{ kilde = "kommune", part = "kommune", beloeb = { aar1 = 100000, aar2 = 100000, aar3 = 100000, aar4 = 100000 } }'
PERIOD3 = '{ id = "aar3", fra = 2026-09-01, til = 2027-08-31 }'


def problems(write_toml, text):
    return diagnostics_of(check, write_toml(text))


def test_lbf_share_of_80_percent_names_share_and_limit(write_toml):
    text = BASE.replace(LBF, LBF.replace("600000", "640000")).replace(KOMMUNE, KOMMUNE.replace("100000", "60000"))
    [d] = problems(write_toml, text)
    assert "Landsbyggefonden finansierer 80,0 %" in d.message
    assert "højst finansiere 75 %" in d.message
    assert "medfinansiering er 20,0 %" in d.message and "mindst 25 %" in d.message
    assert "2.560.000 kr. af 3.200.000 kr." in d.message
    assert "Flyt mindst 160.000 kr." in d.message
    assert d.path == "budget.finansiering[1].beloeb"


def test_lbf_share_of_exactly_75_percent_passes(write_toml):
    text = BASE.replace(LBF, LBF.replace("600000", "599999")).replace(KOMMUNE, KOMMUNE.replace("100000", "100001"))
    check(write_toml(text))


def test_period_that_does_not_balance_names_both_sums_and_the_gap(write_toml):
    text = BASE.replace(LBF, LBF.replace("aar2 = 600000", "aar2 = 588000"))
    [d] = problems(write_toml, text)
    assert "2025/26" in d.message
    assert "udgifterne er 800.000 kr." in d.message and "finansieringen er 788.000 kr." in d.message
    assert "mangler 12.000 kr." in d.message


def test_gap_between_periods(write_toml):
    text = BASE.replace(PERIOD3, '{ id = "aar3", fra = 2026-10-01, til = 2027-08-31 }')
    messages = [d.message for d in problems(write_toml, text)]
    assert any("hul i budgetperioderne: 1. september 2026 – 30. september 2026" in m for m in messages)


def test_overlapping_periods(write_toml):
    text = BASE.replace(PERIOD3, '{ id = "aar3", fra = 2026-08-01, til = 2027-08-31 }')
    messages = [d.message for d in problems(write_toml, text)]
    assert any("overlapper den forrige periode, der slutter 31. august 2026" in m for m in messages)


def test_periods_must_cover_the_agreement(write_toml):
    text = BASE.replace('{ id = "aar4", fra = 2027-09-01, til = 2028-08-31 },', "")
    text = text.replace(", aar4 = 44000", "").replace(", aar4 = 600000", "").replace(", aar4 = 100000", "")
    [d] = problems(write_toml, text)
    assert "den sidste budgetperiode slutter 31. august 2027" in d.message
    assert "aftalen slutter 31. august 2028" in d.message


def test_calendar_years_with_part_years_at_each_end_pass(write_toml):
    periods = (
        'perioder = [\n{ id = "aar1", fra = 2024-09-01, til = 2024-12-31 },\n'
        '{ id = "aar2", fra = 2025-01-01, til = 2025-12-31 },\n{ id = "aar3", fra = 2026-01-01, til = 2026-12-31 },\n'
        '{ id = "aar4", fra = 2027-01-01, til = 2027-12-31 },\n{ id = "aar5", fra = 2028-01-01, til = 2028-08-31 },\n]'
    )
    start = BASE.index("perioder = [")
    end = BASE.index("]", BASE.index("aar4", start)) + 1
    text = BASE[:start] + periods + BASE[end:]
    text = text.replace('periodeinddeling = "aftaleaar"', 'periodeinddeling = "kalenderaar"')
    # salaries 756.000 kr. a year: 252.000 for 4 months, 504.000 for 8
    text = text.replace(
        "udgifter = [", "udgifter = [\n"
    ).replace(
        'beloeb = { aar1 = 44000, aar2 = 44000, aar3 = 44000, aar4 = 44000 }',
        'beloeb = { aar1 = 48000, aar2 = 44000, aar3 = 44000, aar4 = 44000, aar5 = 46000 }',
    )
    text = text.replace(LBF, '{ kilde = "lbf", beloeb = { aar1 = 225000, aar2 = 600000, aar3 = 600000, aar4 = 600000, aar5 = 412500 } }')
    text = text.replace(KOMMUNE, '{ kilde = "kommune", part = "kommune", beloeb = { aar1 = 37500, aar2 = 100000, aar3 = 100000, aar4 = 100000, aar5 = 68750 } }')
    text = text.replace(
        '{ kilde = "boligorganisation", part = "bo", beloeb = { aar1 = 100000, aar2 = 100000, aar3 = 100000, aar4 = 100000 } }',
        '{ kilde = "boligorganisation", part = "bo", beloeb = { aar1 = 37500, aar2 = 100000, aar3 = 100000, aar4 = 100000, aar5 = 68750 } }',
    )
    check(write_toml(text))
    bad = text.replace('{ id = "aar2", fra = 2025-01-01, til = 2025-12-31 },\n{ id = "aar3", fra = 2026-01-01, til = 2026-12-31 }',
                       '{ id = "aar2", fra = 2025-01-01, til = 2026-06-30 },\n{ id = "aar3", fra = 2026-07-01, til = 2026-12-31 }')
    messages = [d.message for d in problems(write_toml, bad)]
    assert any("går over nytår" in m for m in messages)


@pytest.mark.parametrize("amount, expected", [
    ("-5", "må ikke være negativt"),
    ("44000.5", "ikke hele kroner"),
])
def test_amounts_are_whole_non_negative_kroner(write_toml, amount, expected):
    text = BASE.replace("aar1 = 44000", f"aar1 = {amount}")
    messages = [d.message for d in problems(write_toml, text)]
    assert any(expected in m for m in messages)


def test_amount_for_an_unknown_period_suggests_the_right_one(write_toml):
    text = BASE.replace("aar1 = 44000", "aar1 = 44000, aar9 = 1")
    [d] = problems(write_toml, text)
    assert "perioden 'aar9' findes ikke" in d.message
    assert d.path == "budget.udgifter[1].beloeb.aar9"


def test_activity_funds_need_an_area(write_toml):
    text = BASE.replace('omraade = "uddannelse", tekst = "Aktiviteter"', 'tekst = "Aktiviteter"')
    [d] = problems(write_toml, text)
    assert "mangler 'omraade'" in d.message


def test_municipal_funding_names_its_party(write_toml):
    text = BASE.replace('kilde = "kommune", part = "kommune",', 'kilde = "kommune",')
    [d] = problems(write_toml, text)
    assert "skal angive 'part'" in d.message


def test_milestone_outside_the_agreement_period(write_toml):
    text = BASE.replace('maaned = "2024-10"', 'maaned = "2029-01"')
    [d] = problems(write_toml, text)
    assert "'Lektiecaféen åbner' (januar 2029) ligger uden for aftaleperioden" in d.message
    assert d.path == "milepaele[1].maaned"


def test_quarter_reaching_past_the_end_is_outside(write_toml):
    text = BASE.replace('maaned = "2024-10"', 'kvartal = "2024-K3"')  # july-sept 2024; the agreement starts 1 sept
    [d] = problems(write_toml, text)
    assert "3. kvartal 2024" in d.message


@pytest.mark.parametrize("old, new, expected", [
    ('aktivitet = "lektiecafe"', 'aktivitet = "lektiecaf"', "aktiviteten 'lektiecaf' findes ikke"),
    ('ansvarlig = "hp"', 'ansvarlig = "hq"', "parten 'hq' findes ikke"),
    ('organ = "bestyrelsen"', 'organ = "bestyrelse"', "organet 'bestyrelse' findes ikke"),
    ('kontakter = ["kommune"]', 'kontakter = ["kommunen"]', "parten 'kommunen' findes ikke"),
    ('hvem = ["hp"]', 'hvem = ["xx"]', "parten 'xx' findes ikke"),
    ('{ part = "bo", rolle = "Direktør" }', '{ part = "b0", rolle = "Direktør" }', "parten 'b0' findes ikke"),
])
def test_references_of_the_new_documents_resolve(write_toml, old, new, expected):
    assert old in BASE
    [d] = problems(write_toml, BASE.replace(old, new))
    assert expected in d.message


def test_bodies_under_each_other_in_a_ring(write_toml):
    text = BASE.replace('id = "bestyrelsen"\n', 'id = "bestyrelsen"\nunder = "bestyrelsen"\n')
    [d] = problems(write_toml, text)
    assert "i ring (bestyrelsen → bestyrelsen)" in d.message

"""The indberetningsskema is derived, so it agrees with the delaftaler and the budget."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from docgen.figures.budget_math import BudgetFigures, salaries_by_area
from docgen.model.lbf import AREAS, HOURS_PER_STAFF_YEAR

from docx_text import text


@pytest.fixture(scope="module")
def report(built):
    path = next(built.glob("* Indberetningsskema - *.xlsx"))
    return load_workbook(path, data_only=True)


def area_rows(report):
    sheet = report["Indberetning"]
    return {row[0].value: row for row in sheet.iter_rows(min_row=5) if row[0].value in AREAS.values()}


def test_staff_years_per_area_equal_the_delaftalers(report, shipped):
    rows = area_rows(report)
    assert len(rows) == 4
    for sub in shipped.sub_agreements:
        expected = sum(
            (a.staff_years if a.staff_years is not None else a.hours_per_week / HOURS_PER_STAFF_YEAR for a in sub.staff),
            Decimal(0),
        )
        assert rows[AREAS[sub.area]][1].value == pytest.approx(float(expected), abs=1e-9), sub.area


def test_staff_years_per_area_equal_what_each_built_delaftale_says(report, built, shipped):
    """Read the Word documents themselves: 'Projektleder: 0,25 årsværk' …"""
    rows = area_rows(report)
    for area, name in AREAS.items():
        document = text(next(built.glob(f"* Delaftale - {name}.docx")))
        total = Decimal(0)
        for role in shipped.roles:
            for unit, divisor in (("årsværk", Decimal(1)), ("timer", HOURS_PER_STAFF_YEAR)):
                marker = f"{role.title}: "
                start = document.find(marker)
                while start != -1:
                    figure, _, rest = document[start + len(marker):].partition(" ")
                    if rest.startswith(unit):
                        total += Decimal(figure.replace(",", ".")) / divisor
                    start = document.find(marker, start + 1)
        assert total > 0
        assert rows[name][1].value == pytest.approx(float(total), abs=1e-9), name


def test_money_per_area_adds_up_to_the_budget_to_the_krone(report, shipped):
    figures = BudgetFigures(shipped)
    rows = area_rows(report)
    salaries = sum(row[2].value for row in rows.values())
    activities = sum(row[3].value for row in rows.values())
    assert salaries == sum(line.total for line in figures.salaries)
    assert activities == sum(l.total for l in figures.other_expenses if l.category == "aktiviteter")
    sheet = report["Indberetning"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "I alt")
    assert total[4].value == figures.expense_total() == 43168000
    common = next(row for row in sheet.iter_rows() if str(row[0].value).startswith("Fælles udgifter"))
    assert common[0].value == "Fælles udgifter (lokaler, administration, evaluering, revision, andet)"
    assert sum(row[4].value for row in rows.values()) + common[4].value == figures.expense_total()


def test_key_figures_and_area_staff_years_are_formulas_over_the_workbooks_own_sheets(built):
    workbook = load_workbook(next(built.glob("* Indberetningsskema - *.xlsx")))
    keys = {row[0].value: row[1].value for row in workbook["Nøgletal"].iter_rows(min_row=5)}
    staff = workbook["Årsværk"]
    total_row = [c for c in next(r for r in staff.iter_rows(min_row=5) if r[0].value == "I alt")
                 if not staff.column_dimensions[c.column_letter].hidden]  # without docgen's hidden keys
    assert keys["Årsværk i alt"] == f"='Årsværk'!{total_row[-1].coordinate}"
    report = workbook["Indberetning"]
    total = next(r for r in report.iter_rows(min_row=5) if r[0].value == "I alt")
    lbf = next(r for r in report.iter_rows(min_row=5) if r[0].value == "Landsbyggefonden")
    assert keys["Budget for hele aftaleperioden"] == f"='Indberetning'!{total[4].coordinate}"
    assert keys["Landsbyggefondens andel"] == f"='Indberetning'!{lbf[5].coordinate}"
    area = next(r for r in report.iter_rows(min_row=5) if r[0].value == "Beskæftigelse")
    column = next(c for c in staff[4] if c.value == "Beskæftigelse").column_letter
    assert area[1].value == f"='Årsværk'!{column}{total_row[0].row}"


def test_a_shared_salary_is_split_by_the_staff_allocation(shipped):
    """Projektleder 0,25 årsværk in each area: a quarter of 2.880.000 kr. each."""
    by_area = salaries_by_area(shipped, BudgetFigures(shipped))
    assert sum(by_area.values()) == sum(line.total for line in BudgetFigures(shipped).salaries)
    # Uddannelse: projektleder and souschef a quarter each, boligsociale
    # medarbejdere 3 of 7,25 årsværk (3 × 560.000 kr. × 4 years), and all of
    # Studentermedhjælp 1 (15 t × 200 kr. × 52 uger × 4 years)
    assert by_area["uddannelse"] == 720000 + 640000 + 3 * 560000 * 4 + 624000


def test_key_figures_come_from_the_model(report, shipped):
    values = {row[0].value: row[1].value for row in report["Nøgletal"].iter_rows(min_row=5)}
    assert values["Antal husstande"] == shipped.area.households
    assert values["Antal afdelinger"] == len(shipped.area.departments) == 18
    assert values["Landsbyggefondens andel"] == pytest.approx(0.75)
    assert values["Årsværk i alt"] == pytest.approx(14 + 30 / 37)


def test_one_housing_organisation_is_named_in_the_singular(tmp_path):
    from docgen.pipeline import build

    from conftest import ROOT

    result = build(ROOT / "tests" / "data" / "to_omraader.toml", tmp_path / "out")
    report = load_workbook(next(p for p in result.documents if " Indberetningsskema - " in p.name))["Indberetning"]
    labels = [c.value for c in report["A"]]
    assert "Boligorganisationen" in labels and "Boligorganisationerne" not in labels

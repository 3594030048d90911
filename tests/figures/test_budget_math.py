"""Budget arithmetic: derived salaries, whole kroner, totals that add up."""
import datetime as dt
from decimal import Decimal

import pytest

from docgen.figures.budget_math import (
    BudgetFigures,
    annual_cost,
    months,
    period_label,
    split,
    whole_kroner,
    year_share,
)
from docgen.source.load import load
from docgen.model.agreement import BudgetPeriod, Role

from conftest import MINIMAL


def period(start, end):
    return BudgetPeriod.model_validate({"id": "p", "fra": start, "til": end})


@pytest.mark.parametrize("value, expected", [("0.5", 1), ("1.5", 2), ("2.4999", 2), ("-0.5", -1), ("7", 7)])
def test_whole_kroner_rounds_half_up(value, expected):
    assert whole_kroner(Decimal(value)) == expected


@pytest.mark.parametrize("total, weights", [
    (Decimal(100), [Decimal(1)] * 3),
    (Decimal(1000001), [Decimal("0.25"), Decimal("0.75"), Decimal("0.5")]),
    (Decimal(7), [Decimal(15) / 37, Decimal(22) / 37]),
])
def test_split_adds_up_to_the_krone(total, weights):
    shares = split(total, weights)
    assert sum(shares) == total
    assert all(s == s.to_integral_value() for s in shares)
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(s - e) < 1 for s, e in zip(shares, exact))


def test_split_gives_the_odd_krone_to_the_largest_remainder():
    assert split(Decimal(100), [Decimal(1)] * 3) == [34, 33, 33]
    assert split(Decimal(10), [Decimal(1), Decimal(2)]) == [3, 7]


def test_months_and_year_share():
    assert months(period(dt.date(2024, 9, 1), dt.date(2025, 8, 31))) == 12
    assert months(period(dt.date(2024, 9, 1), dt.date(2024, 12, 31))) == 4
    assert year_share(period(dt.date(2028, 1, 1), dt.date(2028, 8, 31))) == Decimal(8) / 12


def test_period_labels():
    assert period_label(period(dt.date(2024, 9, 1), dt.date(2025, 8, 31))) == "2024/25"
    assert period_label(period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == "2025"
    assert period_label(period(dt.date(2024, 9, 1), dt.date(2024, 12, 31))) == "2024 (sep.-dec.)"


def test_annual_cost_of_staff_years_and_hours():
    years = Role.model_validate({"id": "r", "titel": "R", "aarsvaerk": Decimal("7.25"), "aarsloen": 560000})
    hours = Role.model_validate({"id": "s", "titel": "S", "timer_pr_uge": 15, "timeloen": 200})
    assert annual_cost(years) == 4060000
    assert annual_cost(hours) == 15 * 200 * 52


def test_salary_lines_follow_the_staffing_plan(shipped):
    figures = BudgetFigures(shipped)
    lines = {line.role: line for line in figures.salaries}
    assert set(lines) == {r.id for r in shipped.roles}
    assert lines["boligsocial_medarbejder"].amounts == (Decimal(4060000),) * 4
    assert lines["boligsocial_medarbejder"].staff_years == Decimal("7.25")
    assert lines["student_1"].staff_years == Decimal(15) / 37


def test_part_years_round_each_figure_and_totals_are_their_sum(write_toml):
    """Calendar years with a part year at each end: 4 and 8 months of an
    annual cost that does not divide by 12 still add up to the krone."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("aarsloen = 600000", "aarsloen = 600001")
    agreement = load(write_toml(text))[1]
    budget = agreement.budget.model_copy(update={"periods": [
        period(dt.date(2024, 9, 1), dt.date(2024, 12, 31)),
        period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        period(dt.date(2028, 1, 1), dt.date(2028, 8, 31)),
    ]})
    figures = BudgetFigures(agreement.model_copy(update={"budget": budget}))
    leader = next(line for line in figures.salaries if line.role == "leder")
    assert leader.amounts == (Decimal(200000), Decimal(600001), Decimal(400001))  # 200000,33 / 400000,67
    assert figures.expense_total() == sum(sum(line.amounts) for line in figures.expenses)
    assert figures.expense_total(0) == sum(line.amounts[0] for line in figures.expenses)


def test_lbf_share_of_the_shipped_budget_is_75_percent(shipped):
    figures = BudgetFigures(shipped)
    assert figures.source_share("lbf") == Decimal("0.75")
    assert figures.expense_total() == figures.funding_total()


def test_budget_table_shows_salaries_expenses_financing_difference_and_lbf_share(shipped):
    from docgen.figures.budget_math import budget_table

    rows = budget_table(shipped)
    labelled = {r[0]: r[1] for r in rows if r is not None}
    assert labelled["Kr."] == ["2024/25", "2025/26", "2026/27", "2027/28", "I alt"]
    assert labelled["Løn: Projektleder"][0] == "720.000"
    assert labelled["Løn i alt (beregnet)"][-1] == "33.788.000"
    assert labelled["Udgifter i alt"] == labelled["Finansiering i alt"]
    assert labelled["Finansiering: Landsbyggefonden"][-1] == "32.376.000"
    assert labelled["Forskel (udgifter - finansiering)"] == ["0"] * 5
    assert labelled["Landsbyggefondens andel (højst 75 %)"][-1] == "75,0 %"


def test_budget_table_shows_the_difference_that_keeps_a_period_from_balancing(write_toml):
    from docgen.figures.budget_math import budget_table
    from docgen.source.load import load

    text = MINIMAL.read_text(encoding="utf-8").replace("aar2 = 44000", "aar2 = 54000", 1)
    _, agreement = load(write_toml(text))
    labelled = {r[0]: r[1] for r in budget_table(agreement) if r is not None}
    assert labelled["Forskel (udgifter - finansiering)"] == ["0", "10.000", "0", "0", "10.000"]

"""The budget negotiated in Excel: changed input cells come back as the
amounts they are; a typed number where a formula was is reported."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import AGREEMENT, REQUIRED, SOFFICE, docgen

from docgen.source.load import load

from test_word import plan, resave_with_libreoffice  # noqa: F401 - plan is a fixture

BUDGET = "06 Budget - Husum-Tingbjerg.xlsx"


@pytest.mark.skipif(SOFFICE is None and not REQUIRED, reason="LibreOffice er ikke installeret")
def test_two_budget_amounts_changed_in_excel_import_into_exactly_those_amounts(plan, tmp_path):
    fil = plan / "agreement.toml"
    before = fil.read_text(encoding="utf-8")
    book = load_workbook(plan / "output" / BUDGET)
    sheet = book["Budget"]
    inputs = [c for row in sheet.iter_rows() for c in row
              if c.style == "docgen Kroner (input)" and isinstance(c.value, (int, float)) and c.value > 5000]
    column = inputs[0].column
    first, second = [c for c in inputs if c.column == column][:2]  # two expense lines, one period
    # the budget still balances: what one expense gains, the other loses
    first.value, second.value = first.value + 5000, second.value - 5000
    book.save(tmp_path / "budget.xlsx")
    resaved = resave_with_libreoffice(tmp_path / "budget.xlsx", tmp_path / "lo")

    result = docgen("import", str(resaved), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "holder ikke længere" not in result.stderr  # still balancing: validates
    old_lines, new_lines = before.split("\n"), fil.read_text(encoding="utf-8").split("\n")
    assert len(old_lines) == len(new_lines)
    assert 1 <= sum(a != b for a, b in zip(old_lines, new_lines)) <= 2
    _, old = load(AGREEMENT)
    _, new = load(fil)
    differ = {(i, period): (a.amounts[period], b.amounts[period])
              for i, (a, b) in enumerate(zip(old.budget.expenses, new.budget.expenses))
              for period in a.amounts if a.amounts[period] != b.amounts[period]}
    assert sorted(new - old for old, new in differ.values()) == [Decimal(-5000), Decimal(5000)]
    assert [e.amounts for e in old.budget.funding] == [e.amounts for e in new.budget.funding]


def test_a_number_typed_over_a_formula_is_reported_not_taken(plan, tmp_path):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    book = load_workbook(plan / "output" / BUDGET)
    sheet = book["Budget"]
    formula = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM"))
    formula.value = 123
    book.save(tmp_path / "budget.xlsx")
    result = docgen("import", str(tmp_path / "budget.xlsx"), "--ja", cwd=plan)
    assert result.returncode == 0, result.stderr
    assert f"celle {formula.coordinate}" in result.stdout and "beregnet celle" in result.stdout
    assert fil.read_bytes() == before

"""Budget (Excel): expenses per period and category, financing per source.

Salary lines come from the staffing plan (docgen.budget); every subtotal
and total is a formula carrying docgen's own figure.
"""
from __future__ import annotations

from decimal import Decimal

from ..budget import CATEGORY_NAMES, BudgetFigures, Line, annual_cost, months, period_label
from ..lbf import LBF_MAX_SHARE
from ..model import AgreementFile
from .base import Document, effort_name, period
from .workbook import (
    BOLD, KRONER, KRONER_TOTAL, PERCENT, PERCENT_TOTAL, SECTION, STAFF_YEARS, STAFF_YEARS_TOTAL, TEXT,
    TOTAL_TEXT, Cell, Chart, Formula, Series, Sheet, Workbook, plus, ref, row_sum, sum_of,
)

TEMPLATE = "budget.xlsx"
STAFF_COLUMN = 2
FIRST_PERIOD_COLUMN = 3


def title(agreement: AgreementFile) -> str:
    return f"Budget - {agreement.agreement.area_name}"


class _Layout:
    """Column numbers of one budget sheet."""

    def __init__(self, period_count: int):
        self.periods = list(range(FIRST_PERIOD_COLUMN, FIRST_PERIOD_COLUMN + period_count))
        self.total = FIRST_PERIOD_COLUMN + period_count

    @property
    def money(self) -> list[int]:
        return self.periods + [self.total]


def _line_row(sheet: Sheet, layout: _Layout, line: Line) -> int:
    row = sheet.next_row()
    staff = Cell(line.staff_years, STAFF_YEARS) if line.staff_years is not None else Cell(None)
    cells = [Cell(line.text), staff]
    cells += [Cell(amount, KRONER) for amount in line.amounts]
    cells.append(Cell(row_sum(row, layout.periods[0], layout.periods[-1], line.total), KRONER))
    return sheet.add(*cells)


def _subtotal_row(sheet: Sheet, layout: _Layout, text: str, lines: list[Line], first: int, with_staff: bool) -> int:
    last = sheet.next_row() - 1
    cells = [Cell(text, TOTAL_TEXT)]
    if with_staff:
        staff = sum((line.staff_years for line in lines), Decimal(0))
        cells.append(Cell(sum_of(STAFF_COLUMN, first, last, staff), STAFF_YEARS_TOTAL))
    else:
        cells.append(Cell(None, TOTAL_TEXT))
    for i, column in enumerate(layout.periods):
        value = sum((line.amounts[i] for line in lines), Decimal(0))
        cells.append(Cell(sum_of(column, first, last, value), KRONER_TOTAL))
    total = sum((line.total for line in lines), Decimal(0))
    cells.append(Cell(sum_of(layout.total, first, last, total), KRONER_TOTAL))
    return sheet.add(*cells)


def _grand_total_row(sheet: Sheet, layout: _Layout, text: str, rows: list[int], totals: list[Decimal]) -> int:
    cells = [Cell(text, TOTAL_TEXT), Cell(None, TOTAL_TEXT)]
    cells += [Cell(plus(column, rows, value), KRONER_TOTAL) for column, value in zip(layout.money, totals)]
    return sheet.add(*cells)


def budget_sheet(agreement: AgreementFile, figures: BudgetFigures) -> Sheet:
    periods = agreement.budget.periods
    layout = _Layout(len(periods))
    sheet = Sheet(
        name="Budget",
        title=f"Budget: {effort_name(agreement)}",
        subtitle=f"Aftaleperiode {period(agreement)}. Alle beløb i hele kroner. Løn er beregnet ud fra bemandingsplanen.",
        headings=["Udgifter og finansiering", "Årsværk"] + [period_label(p) for p in periods] + ["I alt"],
        widths=[52, 10] + [15] * len(periods) + [16],
    )
    n = len(periods)

    # expenses, category by category
    sheet.add(Cell("Udgifter", SECTION))
    subtotal_rows: list[int] = []
    chart_series: list[Series] = []
    groups: list[tuple[str, list[Line]]] = [("loen", figures.salaries)]
    for category in CATEGORY_NAMES:
        lines = [line for line in figures.other_expenses if line.category == category]
        if lines:
            groups.append((category, lines))
    for category, lines in groups:
        sheet.add(Cell(CATEGORY_NAMES[category], BOLD))
        first = sheet.next_row()
        for line in lines:
            _line_row(sheet, layout, line)
        row = _subtotal_row(sheet, layout, f"{CATEGORY_NAMES[category]} i alt", lines, first, category == "loen")
        subtotal_rows.append(row)
        chart_series.append(Series(CATEGORY_NAMES[category], row))
    expense_totals = [figures.expense_total(i) for i in range(n)] + [figures.expense_total()]
    expenses_row = _grand_total_row(sheet, layout, "Udgifter i alt", subtotal_rows, expense_totals)
    sheet.add()

    # financing
    sheet.add(Cell("Finansiering", SECTION))
    first = sheet.next_row()
    rows = [(line, _line_row(sheet, layout, line)) for line in figures.funding]
    lbf_rows = [row for line, row in rows if line.category == "lbf"]
    funding_row = _subtotal_row(sheet, layout, "Finansiering i alt", figures.funding, first, False)

    cells = [Cell("Forskel (udgifter minus finansiering)", TEXT), Cell(None)]
    cells += [
        Cell(Formula(f"={ref(c, expenses_row)}-{ref(c, funding_row)}", Decimal(0)), KRONER)
        for c in layout.money
    ]
    sheet.add(*cells)
    sheet.add()

    # shares
    sheet.add(Cell("Fordeling af finansieringen", SECTION))
    lbf_values = [sum((l.amounts[i] for l in figures.funding if l.category == "lbf"), Decimal(0)) for i in range(n)]
    lbf_values.append(figures.source_total("lbf"))
    funding_values = [figures.funding_total(i) for i in range(n)] + [figures.funding_total()]
    cells = [Cell("Landsbyggefonden", TEXT), Cell(None)]
    for column, lbf, total in zip(layout.money, lbf_values, funding_values):
        share = lbf / total if total else Decimal(0)
        lbf_sum = plus(column, lbf_rows, lbf).expr[1:]
        expr = f"=IF({ref(column, funding_row)}=0,0,({lbf_sum})/{ref(column, funding_row)})"
        cells.append(Cell(Formula(expr, share), PERCENT))
    lbf_row = sheet.add(*cells)
    cells = [Cell("Lokal medfinansiering (mindst 25 %)", TOTAL_TEXT), Cell(None, TOTAL_TEXT)]
    for column, lbf, total in zip(layout.money, lbf_values, funding_values):
        share = 1 - (lbf / total if total else Decimal(0))
        cells.append(Cell(Formula(f"=1-{ref(column, lbf_row)}", share), PERCENT_TOTAL))
    sheet.add(*cells)
    sheet.add(Cell(f"Landsbyggefonden betaler højst {int(LBF_MAX_SHARE * 100)} % af udgifterne.", TEXT))

    sheet.chart = Chart(
        "Udgifter pr. periode fordelt på kategori",
        (layout.periods[0], layout.periods[-1]),
        chart_series,
    )
    return sheet


def salary_sheet(agreement: AgreementFile, figures: BudgetFigures) -> Sheet:
    """How each salary line is computed: staff years × annual cost × share of the year."""
    periods = agreement.budget.periods
    sheet = Sheet(
        name="Lønberegning",
        title="Lønberegning",
        subtitle="Løn pr. periode = rollens årlige lønudgift × periodens andel af et år, afrundet til hele kroner.",
        headings=["Rolle", "Årsværk", "Årlig lønudgift"]
        + [f"{period_label(p)} ({months(p)} mdr.)" for p in periods],
        widths=[36, 10, 16] + [18] * len(periods),
    )
    roles = agreement.role_index
    for line in figures.salaries:
        role = roles[line.role]
        sheet.add(
            Cell(line.text),
            Cell(line.staff_years, STAFF_YEARS),
            Cell(annual_cost(role), KRONER),
            *[Cell(a, KRONER) for a in line.amounts],
        )
    sheet.add()
    sheet.add(Cell(
        "Årlig lønudgift = årsværk × årsløn, eller for timelønnede timer pr. uge × timeløn × 52 uger. "
        "37 timer om ugen er 1 årsværk.",
        TEXT,
    ))
    return sheet


def document(agreement: AgreementFile) -> Document:
    figures = BudgetFigures(agreement)
    workbook = Workbook([budget_sheet(agreement, figures), salary_sheet(agreement, figures)])
    return Document("budget", title(agreement), TEMPLATE, workbook)


"""Budget (Excel): expenses per period and category, financing per source.

Salary lines come from the staffing plan (docgen.figures.budget_math): the Lønberegning
sheet computes them with formulas from each role's årsværk and løn (the
inputs), and the Budget sheet takes them from there.  Every subtotal, total
and share is a formula carrying docgen's own figure; the chart has a sheet
of its own.
"""
from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from ..figures.budget_math import (
    CATEGORY_NAMES,
    WEEKS_PER_YEAR,
    BudgetFigures,
    Line,
    annual_cost,
    months,
    period_label,
)
from ..figures.formatting import danish_number
from ..model.lbf import HOURS_PER_STAFF_YEAR, pulje_of
from ..figures import naming
from ..model.agreement import AgreementFile
from .base import Document, effort_name, period
from .workbook import (
    BOLD,
    FIRST_ROW,
    INPUT_NOTE,
    KRONER,
    KRONER_INPUT,
    KRONER_TOTAL,
    NUMBER,
    NUMBER_INPUT,
    PERCENT,
    PERCENT_TOTAL,
    SECTION,
    STAFF_YEARS,
    STAFF_YEARS_INPUT,
    STAFF_YEARS_TOTAL,
    TEXT,
    TOTAL_TEXT,
    Cell,
    Chart,
    Formula,
    Series,
    Sheet,
    Workbook,
    element_key,
    plus,
    ref,
    row_sum,
    sheet_ref,
    sum_of,
)

TEMPLATE = "budget.xlsx"
STAFF_COLUMN = 2
FIRST_PERIOD_COLUMN = 3
# The Lønberegning sheet: one row per role from SALARY_FIRST_ROW (the row
# above holds each period's months), these columns
SALARY_SHEET = "Lønberegning"
SALARY_STAFF, SALARY_HOURS, SALARY_ANNUAL, SALARY_HOURLY, SALARY_COST, SALARY_FIRST_PERIOD = 2, 3, 4, 5, 6, 7
SALARY_FIRST_ROW = FIRST_ROW + 1


def title(agreement: AgreementFile) -> str:
    return naming.title("budget", agreement.agreement.area_name)


class _Layout:
    """Column numbers of one budget sheet."""

    def __init__(self, period_count: int):
        self.periods = list(range(FIRST_PERIOD_COLUMN, FIRST_PERIOD_COLUMN + period_count))
        self.total = FIRST_PERIOD_COLUMN + period_count

    @property
    def money(self) -> list[int]:
        return self.periods + [self.total]


def _line_row(sheet: Sheet, layout: _Layout, line: Line, key: str) -> int:
    """An expense or financing line: its amounts are the budget's own
    figures (inputs), its total a formula."""
    row = sheet.next_row()
    cells = [Cell(line.text), Cell(None)]
    cells += [Cell(amount, KRONER_INPUT) for amount in line.amounts]
    cells.append(Cell(row_sum(row, layout.periods[0], layout.periods[-1], line.total), KRONER))
    return sheet.add(*cells, key=key)


def _salary_row(sheet: Sheet, layout: _Layout, line: Line, salary_row: int, hourly: bool, key: str) -> int:
    """A salary line: årsværk and amounts are taken from the Lønberegning
    sheet's row for the role, so changing a role's årsværk or løn there
    changes the budget."""
    row = sheet.next_row()
    if hourly:  # hours a week, shown as årsværk at 37 hours = 1 årsværk
        staff = Formula(f"={sheet_ref(SALARY_SHEET, SALARY_HOURS, salary_row)}/{HOURS_PER_STAFF_YEAR}", line.staff_years)
    else:
        staff = Formula(f"={sheet_ref(SALARY_SHEET, SALARY_STAFF, salary_row)}", line.staff_years)
    cells = [Cell(line.text), Cell(staff, STAFF_YEARS)]
    cells += [
        Cell(Formula(f"={sheet_ref(SALARY_SHEET, SALARY_FIRST_PERIOD + i, salary_row)}", amount), KRONER)
        for i, amount in enumerate(line.amounts)
    ]
    cells.append(Cell(row_sum(row, layout.periods[0], layout.periods[-1], line.total), KRONER))
    return sheet.add(*cells, key=key)


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


def budget_sheet(agreement: AgreementFile, figures: BudgetFigures) -> tuple[Sheet, list[Series]]:
    """The budget, and the chart series of its category subtotals."""
    periods = agreement.budget.periods
    layout = _Layout(len(periods))
    sheet = Sheet(
        name="Budget",
        title=f"Budget: {effort_name(agreement)}",
        subtitle=f"Aftaleperiode {period(agreement)}. Alle beløb i hele kroner. Lønnen hentes fra arket "
                 f"{SALARY_SHEET}. {INPUT_NOTE}",
        headings=["Udgifter og finansiering", "Årsværk"] + [period_label(p) for p in periods] + ["I alt"],
        widths=[52, 10] + [15] * len(periods) + [16],
    )
    n = len(periods)

    # expenses, category by category; the whole of them with their total
    # print on one page where they fit (render/xlsx.py shrinks the sheet a
    # little for it), else each category on one page
    expenses = sheet.add(Cell("Udgifter", SECTION))
    subtotal_rows: list[int] = []
    chart_series: list[Series] = []
    # each line with its key: the role (medarbejdere) or the expense line it shows
    groups: list[tuple[str, list[tuple[int, Line]]]] = [("loen", list(enumerate(figures.salaries)))]
    for category in CATEGORY_NAMES:
        lines = [(i, line) for i, line in enumerate(figures.other_expenses) if line.category == category]
        if lines:
            groups.append((category, lines))
    roles = agreement.role_index
    for category, keyed in groups:
        lines = [line for _, line in keyed]
        heading = sheet.add(Cell(CATEGORY_NAMES[category], BOLD), key=f"kategori:{category}")
        first = sheet.next_row()
        for index, (number, line) in enumerate(keyed):
            if category == "loen":
                _salary_row(sheet, layout, line, SALARY_FIRST_ROW + index, roles[line.role].hourly,
                            element_key(("medarbejdere", number)))
            else:
                _line_row(sheet, layout, line, element_key(("budget", "udgifter", number)))
        row = _subtotal_row(sheet, layout, f"{CATEGORY_NAMES[category]} i alt", lines, first, category == "loen")
        sheet.blocks.append((heading, row))
        subtotal_rows.append(row)
        chart_series.append(Series(CATEGORY_NAMES[category], row))
    expense_totals = [figures.expense_total(i) for i in range(n)] + [figures.expense_total()]
    expenses_row = _grand_total_row(sheet, layout, "Udgifter i alt", subtotal_rows, expense_totals)
    # the expenses as a whole are no block: kept on one page they pushed the
    # financing onto a page of its own, about a third full
    sheet.blocks.append((heading, expenses_row))  # the total keeps with the last category
    sheet.add()

    # financing
    financing = sheet.add(Cell("Finansiering", SECTION), key="finansiering")
    first = sheet.next_row()
    rows = [(line, _line_row(sheet, layout, line, element_key(("budget", "finansiering", i))))
            for i, line in enumerate(figures.funding)]
    lbf_rows = [row for line, row in rows if line.category == "lbf"]
    funding_row = _subtotal_row(sheet, layout, "Finansiering i alt", figures.funding, first, False)

    cells = [Cell("Forskel (udgifter minus finansiering)", TEXT), Cell(None)]
    cells += [
        Cell(Formula(f"={ref(c, expenses_row)}-{ref(c, funding_row)}", Decimal(0)), KRONER)
        for c in layout.money
    ]
    sheet.blocks.append((financing, sheet.add(*cells)))
    sheet.add()

    # shares
    shares = sheet.add(Cell("Fordeling af finansieringen", SECTION))
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
    max_share = pulje_of(agreement).max_lbf_share  # the agreement's pulje's rule
    cells = [Cell(f"Lokal medfinansiering (mindst {danish_number((1 - max_share) * 100)} %)", TOTAL_TEXT),
             Cell(None, TOTAL_TEXT)]
    for column, lbf, total in zip(layout.money, lbf_values, funding_values):
        share = 1 - (lbf / total if total else Decimal(0))
        cells.append(Cell(Formula(f"=1-{ref(column, lbf_row)}", share), PERCENT_TOTAL))
    sheet.add(*cells)
    sheet.blocks.append((shares, sheet.add(
        Cell(f"Landsbyggefonden betaler højst {danish_number(max_share * 100)} % af udgifterne.", TEXT))))

    return sheet, chart_series


def chart_sheet(agreement: AgreementFile, budget: Sheet, series: list[Series]) -> Sheet:
    """The chart of expenses per period by category, on a sheet of its own
    so it prints whole on one page."""
    periods = agreement.budget.periods
    return Sheet(
        name="Diagram",
        title="Udgifter pr. periode fordelt på kategori",
        subtitle=f"Fra arket Budget. Aftaleperiode {period(agreement)}.",
        headings=[],
        widths=[],
        chart=Chart(
            "Udgifter pr. periode fordelt på kategori",
            (FIRST_PERIOD_COLUMN, FIRST_PERIOD_COLUMN + len(periods) - 1),
            series,
            source=budget.name,
        ),
    )


def salary_sheet(agreement: AgreementFile, figures: BudgetFigures) -> Sheet:
    """How each salary line is computed, as formulas over the role's inputs:
    årsværk × årsløn (or timer pr. uge × timeløn × 52) = årlig lønudgift;
    × the period's months / 12, rounded to whole kroner, = the period's
    salary, which the Budget sheet takes from here."""
    periods = agreement.budget.periods
    sheet = Sheet(
        name=SALARY_SHEET,
        title="Lønberegning",
        subtitle="Løn pr. periode = rollens årlige lønudgift × periodens måneder / 12, afrundet til hele kroner. "
                 + INPUT_NOTE,
        headings=["Rolle", "Årsværk", "Timer pr. uge", "Årsløn", "Timeløn", "Årlig lønudgift"]
        + [period_label(p) for p in periods],
        widths=[30, 10, 10, 14, 10, 16] + [15] * len(periods),
    )
    month_row = sheet.add(Cell("Måneder i perioden", BOLD), *[Cell(None)] * 5,
                          *[Cell(months(p), NUMBER) for p in periods])
    assert month_row == SALARY_FIRST_ROW - 1
    roles = agreement.role_index
    for number, line in enumerate(figures.salaries):
        role = roles[line.role]
        row = sheet.next_row()
        if role.hourly:
            inputs = [Cell(None), Cell(role.hours_per_week, NUMBER_INPUT), Cell(None), Cell(role.hourly_cost, KRONER_INPUT)]
            cost = Formula(f"={ref(SALARY_HOURS, row)}*{ref(SALARY_HOURLY, row)}*{WEEKS_PER_YEAR}", annual_cost(role))
        else:
            inputs = [Cell(role.staff_years, STAFF_YEARS_INPUT), Cell(None), Cell(role.annual_cost, KRONER_INPUT), Cell(None)]
            cost = Formula(f"={ref(SALARY_STAFF, row)}*{ref(SALARY_ANNUAL, row)}", annual_cost(role))
        sheet.add(
            Cell(line.text),
            *inputs,
            Cell(cost, KRONER),
            *[
                Cell(Formula(f"=ROUND(${ref(SALARY_COST, row)}*{get_column_letter(SALARY_FIRST_PERIOD + i)}${month_row}/12,0)",
                             a), KRONER)
                for i, a in enumerate(line.amounts)
            ],
            key=element_key(("medarbejdere", number)),
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
    budget, series = budget_sheet(agreement, figures)
    workbook = Workbook([budget, chart_sheet(agreement, budget, series), salary_sheet(agreement, figures)])
    return Document("budget", title(agreement), TEMPLATE, workbook)


"""Indberetningsskema (Excel): key figures, staff years and budget per
indsatsområde.  Nothing here is typed in the TOML: staff years come from
the delaftaler, money from the budget, so the form cannot disagree with
either.  A salary shared between areas is split by the staff allocation.
"""
from __future__ import annotations

from decimal import Decimal

from ..figures.budget_math import CATEGORY_NAMES, SOURCE_NAMES, BudgetFigures, salaries_by_area
from ..model.lbf import AREAS
from ..figures import naming
from ..model.agreement import AgreementFile
from ..figures.staff import staff_matrix
from ..figures.formatting import join_danish
from .base import Document, effort_name, period
from .workbook import (
    INPUT_NOTE,
    KRONER,
    KRONER_INPUT,
    KRONER_TOTAL,
    NUMBER,
    PERCENT,
    PERCENT_TOTAL,
    SECTION,
    STAFF_YEARS,
    STAFF_YEARS_INPUT,
    STAFF_YEARS_TOTAL,
    TOTAL_TEXT,
    Cell,
    Formula,
    Sheet,
    Workbook,
    element_key,
    ref,
    row_sum,
    sheet_ref,
    sum_of,
)

TEMPLATE = "indberetningsskema.xlsx"
REPORT_SHEET, STAFF_SHEET = "Indberetning", "Årsværk"


def title(agreement: AgreementFile) -> str:
    return naming.title("indberetningsskema", agreement.agreement.area_name)


def area_figures(agreement: AgreementFile, figures: BudgetFigures) -> list[dict]:
    """Per indsatsområde in LBF's order: staff years, salaries, activity funds."""
    matrix = staff_matrix(agreement)
    salaries = salaries_by_area(agreement, figures)
    rows = []
    for area in matrix.areas:
        funds = sum((l.total for l in figures.other_expenses if l.category == "aktiviteter" and l.area == area), Decimal(0))
        rows.append({
            "area": area,
            "staff_years": matrix.column_staff_years(area),
            "salaries": salaries[area],
            "activities": funds,
        })
    return rows


def key_figures_sheet(agreement: AgreementFile, figures: BudgetFigures, report_cells: dict, staff_cells: dict) -> Sheet:
    a = agreement.agreement
    area = agreement.area
    # the organisations of the departments, in the order the file lists the parties (one order everywhere)
    owners = {d.organisation for d in area.departments}
    organisations = [party.name for party in agreement.parties if party.id in owners]
    sheet = Sheet(
        name="Nøgletal",
        title=f"Indberetningsskema: {effort_name(agreement)}",
        subtitle="Nøgletal for boligområdet og helhedsplanen.",
        headings=["Nøgletal", "Værdi"],
        widths=[40, 40],
    )
    sheet.add(Cell("Boligområde"), Cell(a.area_name))
    sheet.add(Cell("Aftaleperiode"), Cell(period(agreement)))
    sheet.add(Cell("Boligorganisationer"), Cell(join_danish(organisations)))
    sheet.add(Cell("Antal afdelinger"), Cell(len(area.departments), NUMBER))
    sheet.add(Cell("Antal husstande"), Cell(area.households, NUMBER))
    sheet.add(Cell("Antal beboere"), Cell(area.residents, NUMBER))
    # the three key figures are this workbook's own, taken from its sheets
    staff_total = Formula(f"={sheet_ref(STAFF_SHEET, staff_cells['total'][0], staff_cells['total'][1])}",
                          staff_matrix(agreement).total_staff_years())
    sheet.add(Cell("Årsværk i alt"), Cell(staff_total, STAFF_YEARS))
    budget_total = Formula(f"={sheet_ref(REPORT_SHEET, 5, report_cells['total'])}", figures.expense_total())
    sheet.add(Cell("Budget for hele aftaleperioden"), Cell(budget_total, KRONER))
    lbf_row = report_cells["sources"].get("lbf")
    lbf_share = Formula(f"={sheet_ref(REPORT_SHEET, 6, lbf_row)}" if lbf_row else "=0", figures.source_share("lbf"))
    sheet.add(Cell("Landsbyggefondens andel"), Cell(lbf_share, PERCENT))
    return sheet


def report_sheet(agreement: AgreementFile, figures: BudgetFigures, staff_cells: dict) -> tuple[Sheet, dict]:
    """Staff years and money per indsatsområde, common costs per category,
    and financing per source.  Returns the sheet and the rows the key
    figures refer to: {'total': row, 'sources': {source: row}}."""
    sheet = Sheet(
        name=REPORT_SHEET,
        title="Årsværk og budget pr. indsatsområde",
        subtitle="Årsværk fra arket Årsværk (delaftalerne); beløb for hele aftaleperioden fra budgettet. "
                 "Løn, der deles mellem indsatsområder, er fordelt efter årsværkene i delaftalerne. " + INPUT_NOTE,
        headings=["Indsatsområde", "Årsværk", "Løn", "Aktivitetsmidler", "I alt", "Andel"],
        widths=[46, 12, 16, 18, 16, 10],
    )
    first = sheet.next_row()
    rows = area_figures(agreement, figures)
    # the costs no area has: one figure from the budget (an input here)
    common = sum((l.total for l in figures.other_expenses if l.category != "aktiviteter"), Decimal(0))
    total = figures.expense_total()
    last = first + len(rows)  # the row of common costs
    total_row = last + 1
    for item in rows:
        row = sheet.next_row()
        line_total = item["salaries"] + item["activities"]
        column = staff_cells["areas"][item["area"]]
        sheet.add(
            Cell(AREAS[item["area"]]),
            Cell(Formula(f"={sheet_ref(STAFF_SHEET, column, staff_cells['total'][1])}", item["staff_years"]),
                 STAFF_YEARS),
            Cell(item["salaries"], KRONER_INPUT),
            Cell(item["activities"], KRONER_INPUT),
            Cell(row_sum(row, 3, 4, line_total), KRONER),
            Cell(_share(row, total_row, line_total, total), PERCENT),
        )
    categories = [CATEGORY_NAMES[c].lower() for c in CATEGORY_NAMES if c not in ("loen", "aktiviteter")]
    sheet.add(
        Cell(f"Fælles udgifter ({', '.join(categories)})"),
        Cell(None), Cell(None), Cell(None),
        Cell(common, KRONER_INPUT),
        Cell(_share(last, total_row, common, total), PERCENT),
    )
    staff = sum((r["staff_years"] for r in rows), Decimal(0))
    salaries = sum((r["salaries"] for r in rows), Decimal(0))
    activities = sum((r["activities"] for r in rows), Decimal(0))
    sheet.add(
        Cell("I alt", TOTAL_TEXT),
        Cell(sum_of(2, first, last, staff), STAFF_YEARS_TOTAL),
        Cell(sum_of(3, first, last, salaries), KRONER_TOTAL),
        Cell(sum_of(4, first, last, activities), KRONER_TOTAL),
        Cell(sum_of(5, first, last, total), KRONER_TOTAL),
        Cell(sum_of(6, first, last, Decimal(1) if total else Decimal(0)), PERCENT_TOTAL),
    )
    sheet.add()

    sheet.add(Cell("Finansiering", SECTION))
    first = sheet.next_row()
    sources = [s for s in SOURCE_NAMES if figures.source_total(s)]
    funding_total_row = first + len(sources)
    source_rows = {}
    # one housing organisation in the singular
    housing = {d.organisation for d in agreement.area.departments}
    organisations_label = "Boligorganisationen" if len(housing) == 1 else "Boligorganisationerne"
    for source in sources:
        row = sheet.next_row()
        amount = figures.source_total(source)
        label = organisations_label if source == "boligorganisation" else SOURCE_NAMES[source]
        source_rows[source] = sheet.add(
            Cell(label), Cell(None), Cell(None), Cell(None), Cell(amount, KRONER_INPUT),
            Cell(_share(row, funding_total_row, amount, figures.funding_total()), PERCENT))
    sheet.add(
        Cell("Finansiering i alt", TOTAL_TEXT), Cell(None, TOTAL_TEXT), Cell(None, TOTAL_TEXT), Cell(None, TOTAL_TEXT),
        Cell(sum_of(5, first, funding_total_row - 1, figures.funding_total()), KRONER_TOTAL),
        Cell(sum_of(6, first, funding_total_row - 1, Decimal(1) if figures.funding_total() else Decimal(0)), PERCENT_TOTAL),
    )
    return sheet, {"total": total_row, "sources": source_rows}


def _share(row: int, total_row: int, value: Decimal, total: Decimal) -> Formula:
    return Formula(f"=IF({ref(5, total_row)}=0,0,{ref(5, row)}/{ref(5, total_row)})", value / total if total else Decimal(0))


def staff_sheet(agreement: AgreementFile) -> tuple[Sheet, dict]:
    """Role × indsatsområde in årsværk (the delaftaler's figures, as
    inputs), with totals as formulas.  Returns the sheet and where its
    totals are: {'areas': {area: column}, 'total': (column, row)}."""
    matrix = staff_matrix(agreement)
    areas = matrix.areas
    total_column = 2 + len(areas)
    sheet = Sheet(
        name=STAFF_SHEET,
        title="Årsværk pr. rolle og indsatsområde",
        subtitle="Fra delaftalernes medarbejderressourcer. Timelønnede er omregnet med 37 timer om ugen = 1 årsværk. "
                 + INPUT_NOTE,
        headings=["Rolle"] + [AREAS[a] for a in areas] + ["I alt"],
        widths=[34] + [18] * len(areas) + [12],
    )
    first = sheet.next_row()
    role_number = {r.id: i for i, r in enumerate(agreement.roles)}
    for role in matrix.roles:
        row = sheet.next_row()
        values = [matrix.staff_years(role, area) for area in areas]
        known = sum((v for v in values if v is not None), Decimal(0))
        sheet.add(
            Cell(role.title),
            *[Cell(v, STAFF_YEARS_INPUT) for v in values],
            # a row's sum is formatted as the budget's row sums: no total's border on every row
            Cell(row_sum(row, 2, 1 + len(areas), known), STAFF_YEARS),
            key=element_key(("medarbejdere", role_number[role.id])) if role.id in role_number else None,
        )
    last = sheet.next_row() - 1
    total_row = sheet.add(
        Cell("I alt", TOTAL_TEXT),
        *[Cell(sum_of(2 + n, first, last, matrix.column_staff_years(a)), STAFF_YEARS_TOTAL) for n, a in enumerate(areas)],
        Cell(sum_of(total_column, first, last, matrix.total_staff_years()), STAFF_YEARS_TOTAL),
    )
    return sheet, {"areas": {a: 2 + n for n, a in enumerate(areas)}, "total": (total_column, total_row)}


def document(agreement: AgreementFile) -> Document:
    figures = BudgetFigures(agreement)
    staff, staff_cells = staff_sheet(agreement)
    report, report_cells = report_sheet(agreement, figures, staff_cells)
    key_figures = key_figures_sheet(agreement, figures, report_cells, staff_cells)
    workbook = Workbook([key_figures, report, staff])
    return Document("indberetningsskema", title(agreement), TEMPLATE, workbook)


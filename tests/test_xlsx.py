"""The Excel renderer: cached values, styles, page set-up, chart."""
from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from docgen.documents.base import Document
from docgen.documents.workbook import FIRST_ROW, KRONER, Cell, Formula, Sheet, Workbook, sum_of
from docgen.errors import RenderError
from docgen.templates import BUILT_IN as TEMPLATES
from docgen.render.xlsx import render, with_cached_values

WORKBOOKS = ["Budget", "Milepælsplan", "Indberetningsskema"]


def workbook_of(built, name):
    return next(built.glob(f"* {name} - *.xlsx"))


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_formula_carries_a_cached_value(built, name):
    path = workbook_of(built, name)
    formulas = load_workbook(path)
    values = load_workbook(path, data_only=True)
    count = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert isinstance(values[sheet.title][cell.coordinate].value, (int, float)), (sheet.title, cell.coordinate)
                    count += 1
    assert count > 0


@pytest.mark.parametrize("name", WORKBOOKS)
def test_a4_landscape_fitted_to_width_frozen_headings(built, name):
    for sheet in load_workbook(workbook_of(built, name)).worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.freeze_panes == "B5"
        assert sheet.print_title_rows == "$4:$4"
        assert sheet.oddFooter.left.text.startswith(name)


def test_money_has_a_kroner_format_and_totals_are_formulas(built):
    sheet = load_workbook(workbook_of(built, "Budget"))["Budget"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "Udgifter i alt")
    assert all(cell.data_type == "f" for cell in total[2:])
    assert total[2].number_format == '#,##0 "kr."'
    lines = [row for row in sheet.iter_rows(min_row=FIRST_ROW) if row[0].value == "Projektleder"]
    assert lines[0][2].number_format == '#,##0 "kr."' and lines[0][6].value.startswith("=SUM(")


def test_budget_has_a_chart_of_expenses_per_period(built):
    with zipfile.ZipFile(workbook_of(built, "Budget")) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "Udgifter pr. periode" in chart and 'grouping val="stacked"' in chart
    assert "Løn" in chart and "Aktivitetsmidler" in chart


def test_cached_values_fill_only_formula_cells():
    xml = (
        '<worksheet><sheetData><row r="1"><c r="A1" t="n"><v>1</v></c>'
        '<c r="A2"><f>SUM(A1:A1)</f><v></v></c><c r="A3" s="2"><f>A2*2</f><v /></c></row></sheetData></worksheet>'
    )
    source = _zip({"xl/worksheets/sheet1.xml": xml})
    out = with_cached_values(source, {0: {"A2": Decimal(1), "A3": Decimal("0.125")}})
    result = zipfile.ZipFile(BytesIO(out)).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A2"><f>SUM(A1:A1)</f><v>1</v>' in result
    assert '<c r="A3" s="2"><f>A2*2</f><v>0.125</v>' in result
    assert '<c r="A1" t="n"><v>1</v></c>' in result
    with pytest.raises(RenderError):
        with_cached_values(source, {0: {"A2": Decimal(1)}})


def test_a_template_without_the_sheet_or_style_is_a_clear_error(tmp_path):
    sheet = Sheet("Ukendt", "T", "U", ["A"], [10])
    document = Document("budget", "Test", "budget.xlsx", Workbook([sheet]))
    with pytest.raises(RenderError, match="mangler arket 'Ukendt'"):
        render(document, TEMPLATES)
    sheet = Sheet("Budget", "T", "U", ["A"], [10])
    sheet.add(Cell("x", "docgen Findes ikke"))
    with pytest.raises(RenderError, match="mangler typografien"):
        render(Document("budget", "Test", "budget.xlsx", Workbook([sheet])), TEMPLATES)


def test_a_rendered_sum_keeps_its_value_for_a_non_calculating_reader(tmp_path):
    sheet = Sheet("Budget", "Titel", "Undertitel", ["Tekst", "Beløb"], [20, 12])
    first = sheet.add(Cell("a"), Cell(Decimal(1200), KRONER))
    last = sheet.add(Cell("b"), Cell(Decimal(34), KRONER))
    sheet.add(Cell("I alt"), Cell(sum_of(2, first, last, Decimal(1234)), KRONER))
    path = tmp_path / "t.xlsx"
    path.write_bytes(render(Document("budget", "Test", "budget.xlsx", Workbook([sheet])), TEMPLATES))
    values = load_workbook(path, data_only=True)["Budget"]
    assert values.cell(last + 1, 2).value == 1234
    assert load_workbook(path)["Budget"].cell(last + 1, 2).value == f"=SUM(B{first}:B{last})"


def _zip(files: dict[str, str]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


def test_formula_helpers():
    assert sum_of(3, 5, 9, Decimal(1)).expr == "=SUM(C5:C9)"
    assert sum_of(3, 5, 4, Decimal(0)).expr == "=0"
    assert Formula("=1", Decimal(1)).value == 1

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
from docgen.render.templates import BUILT_IN as TEMPLATES
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
        if sheet.sheet_properties.pageSetUpPr.fitToPage:
            assert sheet.page_setup.fitToWidth == 1
        else:  # shrunk below the width's fit to keep a block or the sheet on one page, never below 8 pt text
            assert 11 * sheet.page_setup.scale / 100 >= 8
        assert sheet.oddFooter.left.text.startswith(name)
        if sheet.title == "Diagram":
            # the chart's own sheet: one page, no column headings above it
            assert sheet.page_setup.fitToHeight == 1 and not sheet.print_title_rows
            continue
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.freeze_panes == "B5"
        assert sheet.print_title_rows == "$4:$4"


def test_money_has_a_kroner_format_and_totals_are_formulas(built):
    sheet = load_workbook(workbook_of(built, "Budget"))["Budget"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "Udgifter i alt")
    assert all(cell.data_type == "f" for cell in total[2:] if not sheet.column_dimensions[cell.column_letter].hidden)
    assert total[2].number_format == '#,##0 "kr."'
    lines = [row for row in sheet.iter_rows(min_row=FIRST_ROW) if row[0].value == "Projektleder"]
    assert lines[0][2].number_format == '#,##0 "kr."' and lines[0][6].value.startswith("=SUM(")


def test_a_roles_salary_is_a_formula_over_its_arsvaerk_and_arslon(built, shipped):
    """Budget → Lønberegning → the role's inputs: change the årsværk in
    Excel and the budget follows."""
    workbook = load_workbook(workbook_of(built, "Budget"))
    budget, salary = workbook["Budget"], workbook["Lønberegning"]
    for role in shipped.roles:
        [line] = [r for r in budget.iter_rows(min_row=FIRST_ROW) if r[0].value == role.title]
        [calc] = [r for r in salary.iter_rows(min_row=FIRST_ROW) if r[0].value == role.title]
        row = calc[0].row
        assert line[1].value == (f"='Lønberegning'!C{row}/37" if role.hourly else f"='Lønberegning'!B{row}")
        assert [c.value for c in line[2:6]] == [f"='Lønberegning'!{col}{row}" for col in "GHIJ"]
        if role.hourly:
            assert calc[2].value == role.hours_per_week and calc[4].value == role.hourly_cost
            assert calc[5].value == f"=C{row}*E{row}*52"
        else:
            assert calc[1].value == role.staff_years and calc[3].value == role.annual_cost
            assert calc[5].value == f"=B{row}*D{row}"
        assert [c.value for c in calc[6:10]] == [f"=ROUND($F{row}*{col}$5/12,0)" for col in "GHIJ"]
        # the inputs are marked as inputs, the results are not
        assert (calc[2] if role.hourly else calc[1]).style.endswith("(input)")
        assert not calc[5].style.endswith("(input)")
    months_row = [c.value for c in salary[5]]
    assert months_row[0] == "Måneder i perioden" and months_row[6:10] == [12, 12, 12, 12]


def test_the_chart_has_a_sheet_of_its_own_and_prints_whole(built):
    workbook = load_workbook(workbook_of(built, "Budget"))
    assert workbook.sheetnames == ["Budget", "Diagram", "Lønberegning"]
    diagram = workbook["Diagram"]
    assert len(diagram._charts) == 1 and not workbook["Budget"]._charts
    anchor = diagram._charts[0].anchor._from
    area = diagram.print_area  # the chart lies inside the printed area
    assert anchor.row + 1 >= 5 and area.endswith("$33")


def test_every_row_of_one_line_is_one_line_high(built):
    """No double-height rows: a row is as high as its wrapped text needs."""
    sheet = load_workbook(workbook_of(built, "Budget"))["Budget"]
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=sheet.max_row):
        text = row[0].value
        if isinstance(text, str) and len(text) < 60:
            assert sheet.row_dimensions[row[0].row].height == 15, text


def test_column_headings_never_break_inside_a_word(built):
    from docgen.render.widths import text_width_pt

    sheet = load_workbook(workbook_of(built, "Indberetningsskema"))["Årsværk"]
    for cell in sheet[4]:
        if cell.value and not sheet.column_dimensions[cell.column_letter].hidden:  # not docgen's keys
            width_pt = (sheet.column_dimensions[cell.column_letter].width * 7 + 5) * 0.75
            for word in cell.value.split():
                assert text_width_pt(word, 11, True) + 4 <= width_pt, word


def test_the_title_spans_the_table_and_wraps_instead_of_being_cut(built):
    sheet = load_workbook(workbook_of(built, "Indberetningsskema"))["Nøgletal"]
    assert "A1:B1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].alignment.wrap_text and sheet.row_dimensions[1].height > 30  # two lines


def test_an_ampersand_in_a_name_prints_in_the_header_and_footer():
    from docgen.render.xlsx import _header_text

    assert _header_text("Gellerup & Toveshøj") == "Gellerup && Toveshøj"


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


def test_a_wrapped_title_breaks_at_a_space_never_at_a_hyphen(built):
    sheet = load_workbook(workbook_of(built, "Indberetningsskema"))["Nøgletal"]
    lines = sheet["A1"].value.split("\n")
    assert lines == ["Indberetningsskema: Den boligsociale helhedsplan for", "Husum-Tingbjerg 2024-2028"]


def test_wrap_at_spaces_puts_each_line_within_the_width():
    from docgen.render.widths import text_width_pt, wrap_at_spaces

    text = "Indberetningsskema: Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028"
    for width in (150, 250, 400):
        lines = wrap_at_spaces(text, width, 16, True).split("\n")
        assert " ".join(lines) == text
        assert all(text_width_pt(line, 16, True) <= width for line in lines if " " in line)
    assert wrap_at_spaces(text, 2000, 16, True) == text


def test_the_milestones_filter_covers_the_table_not_the_summary(built, shipped):
    sheet = load_workbook(next(built.glob("* Milepælsplan - *.xlsx")))["Milepæle"]
    last = FIRST_ROW + len(shipped.milestones) - 1
    # the table and docgen's hidden keys right of it (H), so a sort by a filter button moves the keys too
    assert sheet.auto_filter.ref == f"A4:H{last}" and sheet.column_dimensions["H"].hidden
    assert any(row[1].value == "Milepæle pr. status" for row in sheet.iter_rows(min_row=last + 1))


def test_the_print_scale_keeps_the_largest_block_on_a_page_but_never_below_8_points():
    from openpyxl import Workbook as OpenWorkbook

    from docgen.documents.workbook import Cell, Sheet
    from docgen.render import xlsx

    def scales(rows: int) -> tuple[float, float]:
        ws = OpenWorkbook().active
        sheet = Sheet("Ark", "Titel", "", ["A"], [100])
        for _ in range(rows):
            sheet.add(Cell("tekst"))
        sheet.blocks.append((FIRST_ROW, FIRST_ROW + rows - 1))
        for row in range(1, FIRST_ROW + rows):
            ws.row_dimensions[row].height = 15
        return xlsx.print_scale(ws, sheet, [100])

    width, scale = scales(20)
    assert scale == width  # fits at the width's scale
    width, scale = scales(34)
    assert scale < width and 11 * scale >= 8  # shrunk a little to fit
    page_rows = xlsx.PRINTABLE_HEIGHT_PT * xlsx.PAGE_SLACK / 15
    width, scale = scales(int(page_rows * 2))
    assert scale == width  # would need text under 8 pt: left to the page breaks

"""Build the Excel templates: budget.xlsx, indberetningsskema.xlsx and
milepaelsplan.xlsx.

A template holds what does not depend on the agreement: the sheets, the
named styles docgen writes with (number formats in Danish style), the
page set-up (A4 landscape, fitted to the page width, headings repeated on
every page), frozen headings and the page header and footer.  docgen fills
in the cells.  Run ``python templates/build_workbooks.py`` after a change
and commit the .xlsx files.

Number formats are stored the way Excel stores them ('#,##0' with ',' for
thousands); Excel and LibreOffice show them in the reader's own style, in
Denmark as 1.234.567 kr.
"""
from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from docgen.render.package import reproducible

HERE = Path(__file__).resolve().parent
ACCENT = "1F3864"
LABEL_FILL = "DCE6F2"
FIXED_DATE = dt.datetime(2024, 1, 1)

KRONER = '#,##0 "kr."'
STAFF_YEARS = "#,##0.00"
PERCENT = "0.0 %"
DATE = "dd-mm-yyyy"

THIN = Side(style="thin", color="A6A6A6")
INPUT_FILL = "FFF2CC"  # light yellow, as input cells usually are
INPUT_FONT = Font(name="Calibri", size=11, color="1F4E79")
TOP = Border(top=Side(style="thin", color=ACCENT))


def styles() -> list[NamedStyle]:
    base = Font(name="Calibri", size=11)
    bold = Font(name="Calibri", size=11, bold=True)

    def style(name, font=base, number_format="General", fill=None, border=None, wrap=False, align=None):
        s = NamedStyle(name=name, font=font, number_format=number_format)
        s.alignment = Alignment(vertical="top", wrap_text=wrap, horizontal=align)
        if fill:
            s.fill = PatternFill("solid", fgColor=fill)
        if border:
            s.border = border
        return s

    return [
        style("docgen Titel", Font(name="Calibri", size=16, bold=True, color=ACCENT)),
        style("docgen Undertitel", Font(name="Calibri", size=10, italic=True, color="404040")),
        style(
            "docgen Kolonneoverskrift", Font(name="Calibri", size=11, bold=True, color="FFFFFF"),
            fill=ACCENT, wrap=True, border=Border(bottom=THIN), align="center",
        ),
        style("docgen Tekst", wrap=True),
        style("docgen Fed", bold),
        style("docgen Sektion", Font(name="Calibri", size=12, bold=True, color=ACCENT)),
        style("docgen I alt", bold, fill=LABEL_FILL, border=TOP),
        style("docgen Kroner", number_format=KRONER),
        style("docgen Kroner i alt", bold, KRONER, fill=LABEL_FILL, border=TOP),
        style("docgen Årsværk", number_format=STAFF_YEARS),
        style("docgen Årsværk i alt", bold, STAFF_YEARS, fill=LABEL_FILL, border=TOP),
        style("docgen Procent", number_format=PERCENT),
        style("docgen Procent i alt", bold, PERCENT, fill=LABEL_FILL, border=TOP),
        style("docgen Dato", number_format=DATE, align="left"),
        style("docgen Tal", number_format="#,##0"),
        style("docgen Nummer", number_format="0", align="center"),
        style("docgen Tal i alt", bold, "#,##0", fill=LABEL_FILL, border=TOP),
        # figures a user may change (årsværk, løn, beløb): everything else is
        # calculated from them
        style("docgen Kroner (input)", INPUT_FONT, KRONER, fill=INPUT_FILL),
        style("docgen Årsværk (input)", INPUT_FONT, STAFF_YEARS, fill=INPUT_FILL),
        style("docgen Tal (input)", INPUT_FONT, "#,##0.##", fill=INPUT_FILL),
    ]


def sheet(wb: Workbook, name: str, document: str, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = name
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_options.horizontalCentered = False
    if name == "Diagram":
        # a chart on a sheet of its own: printed whole on one page, with no
        # column headings above it
        ws.page_setup.fitToHeight = 1
    else:
        ws.print_title_rows = "4:4"
        ws.freeze_panes = "B5"
    ws.oddFooter.left.text = document
    ws.oddFooter.right.text = "Side &P af &N"
    ws.oddHeader.right.text = "&A"
    ws.row_dimensions[4].height = 32
    ws.sheet_view.zoomScale = 100


def workbook(filename: str, document: str, sheets: list[str], target: Path = HERE) -> None:
    wb = Workbook()
    for named in styles():
        wb.add_named_style(named)
    for n, name in enumerate(sheets):
        sheet(wb, name, document, n == 0)
    wb.properties.creator = "docgen"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    buffer = BytesIO()
    wb.save(buffer)
    # openpyxl stamps 'modified' with the time of saving: fixed here, with
    # the zip times, so the same script makes the same bytes
    (target / filename).write_bytes(reproducible(buffer.getvalue(), FIXED_DATE, 1))
    print(f"skrev {target / filename}")


def main(target: Path = HERE) -> None:
    workbook("budget.xlsx", "Budget", ["Budget", "Diagram", "Lønberegning"], target)
    workbook("indberetningsskema.xlsx", "Indberetningsskema", ["Nøgletal", "Indberetning", "Årsværk"], target)
    workbook("milepaelsplan.xlsx", "Milepælsplan", ["Milepæle"], target)


if __name__ == "__main__":
    main()

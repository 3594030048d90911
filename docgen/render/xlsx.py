"""Render an Excel document with openpyxl, into a template workbook.

The template (templates/*.xlsx, made by templates/build_workbooks.py)
holds the sheets, named styles, page set-up and frozen headings; this
module writes the cells.  openpyxl stores a formula without its result, so
after saving, each formula cell gets docgen's computed value as its cached
result: a reader that does not calculate (an upload preview, openpyxl with
``data_only=True``) sees the figures, and Excel recalculates on opening.
"""
from __future__ import annotations

import math
import re
import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..documents.base import Document
from ..documents.workbook import FIRST_ROW, HEADER_ROW, Chart, Formula, Sheet, Workbook
from ..errors import RenderError
from ..templates import template_bytes

TITLE = "docgen Titel"
SUBTITLE = "docgen Undertitel"
HEADING = "docgen Kolonneoverskrift"
STAMP_CELL = "A3"  # the empty row between the subtitle and the column headings
STAMP_COLOUR = "C00000"
STAMP_FONT = Font(name="Calibri", size=11, bold=True, color=STAMP_COLOUR)
MAX_WIDTH = 60   # characters; a longer text wraps onto more lines
LINE_HEIGHT = 15  # points per line of 11 pt Calibri
CHART_ROWS = 24   # rows a chart of CHART_HEIGHT cm covers
CHART_WIDTH, CHART_HEIGHT = 24, 11  # cm

_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f><v\s*/>|<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f><v></v>')


def render(document: Document, template_dir: Path) -> bytes:
    """The finished .xlsx as bytes."""
    path = template_dir / document.template
    try:
        workbook = load_workbook(BytesIO(template_bytes(path)))
    except FileNotFoundError:
        raise RenderError(f"skabelonen {path} findes ikke") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RenderError(f"skabelonen {path.name} er ikke et Excel-regneark, docgen kan læse: {exc}") from None
    spec: Workbook = document.context
    cached: dict[int, dict[str, Decimal]] = {}
    for sheet in spec.sheets:
        if sheet.name not in workbook.sheetnames:
            raise RenderError(f"skabelonen {path.name} mangler arket '{sheet.name}'")
        worksheet = workbook[sheet.name]
        cached[workbook.worksheets.index(worksheet)] = _write(worksheet, sheet, path.name, document)
    workbook.properties.title = document.title
    workbook.calculation.fullCalcOnLoad = True
    out = BytesIO()
    workbook.save(out)
    return with_cached_values(out.getvalue(), cached)


def _write(ws: Worksheet, sheet: Sheet, template: str, document: Document) -> dict[str, Decimal]:
    """Write the sheet's cells; return {coordinate: value} of its formulas."""
    cached: dict[str, Decimal] = {}
    ws["A1"] = sheet.title
    ws["A1"].style = TITLE
    ws["A2"] = sheet.subtitle
    ws["A2"].style = SUBTITLE
    if document.stamps:  # a draft or an invented example: said on every sheet, on screen and on paper
        ws[STAMP_CELL] = " ".join(document.stamps)
        ws[STAMP_CELL].font = STAMP_FONT
        ws.oddHeader.center.text = " · ".join(s.split(" – ")[0] for s in document.stamps)
        ws.oddHeader.center.color = STAMP_COLOUR
    ws.oddFooter.left.text = document.title
    ws.oddFooter.center.text = document.version
    for column, heading in enumerate(sheet.headings, start=1):
        cell = ws.cell(HEADER_ROW, column, heading)
        cell.style = HEADING
    widths = _widths(sheet)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    for offset, cells in enumerate(sheet.rows):
        row = FIRST_ROW + offset
        for column, spec in enumerate(cells, start=1):
            cell = ws.cell(row, column)
            if isinstance(spec.value, Formula):
                cell.value = spec.value.expr
                cached[cell.coordinate] = spec.value.value
            else:
                cell.value = spec.value
            try:
                cell.style = spec.style
            except ValueError:
                raise RenderError(f"skabelonen {template} mangler typografien '{spec.style}'") from None
        height = _height(cells, widths)
        if height:
            ws.row_dimensions[row].height = height
    last_row = FIRST_ROW + len(sheet.rows) - 1
    if sheet.autofilter and sheet.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(sheet.headings))}{last_row}"
    print_last = max(last_row, HEADER_ROW)
    if sheet.chart:
        _chart(ws, sheet.chart, anchor=f"A{last_row + 3}")
        print_last = last_row + 3 + CHART_ROWS
    ws.print_area = f"A1:{get_column_letter(len(sheet.headings))}{print_last}"
    return cached


def _widths(sheet: Sheet) -> list[float]:
    """Each column as wide as its longest text needs (at least the sheet's
    own width, at most MAX_WIDTH characters; longer texts wrap)."""
    widths = list(sheet.widths)
    for cells in sheet.rows:
        for column, spec in enumerate(cells):
            if isinstance(spec.value, str) and column < len(widths):
                widths[column] = max(widths[column], min(len(spec.value) + 2, MAX_WIDTH))
    return widths


def _height(cells: list, widths: list[float]) -> float | None:
    """The row height wrapped texts need, or None for one line."""
    lines = 1
    for column, spec in enumerate(cells):
        if isinstance(spec.value, str) and column < len(widths):
            lines = max(lines, math.ceil(len(spec.value) / widths[column]))
    return LINE_HEIGHT * lines if lines > 1 else None


def _chart(ws: Worksheet, spec: Chart, anchor: str) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = spec.title
    chart.y_axis.title = spec.y_title
    chart.y_axis.numFmt = '#,##0'
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    first, last = spec.columns
    for series in spec.series:
        values = Reference(ws, min_col=first, max_col=last, min_row=series.row, max_row=series.row)
        chart.add_data(values, from_rows=True, titles_from_data=False)
        chart.series[-1].tx = SeriesLabel(v=series.title)
    chart.set_categories(Reference(ws, min_col=first, max_col=last, min_row=HEADER_ROW, max_row=HEADER_ROW))
    chart.width = CHART_WIDTH
    chart.height = CHART_HEIGHT
    ws.add_chart(chart, anchor)


def _number(value: Decimal) -> str:
    """A cached value as the file stores it: plain digits, '.' for decimals."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return repr(float(value))


def with_cached_values(xlsx: bytes, cached: dict[int, dict[str, Decimal]]) -> bytes:
    """The workbook with each formula's cached value filled in.  ``cached``
    maps a sheet's index to {coordinate: value}; every formula must have one."""
    source = zipfile.ZipFile(BytesIO(xlsx))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if match:
                data = _fill(data.decode("utf-8"), cached.get(int(match.group(1)) - 1, {}), info.filename).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _fill(xml: str, values: dict[str, Decimal], part: str) -> str:
    def replace(match: re.Match) -> str:
        coordinate, attributes, formula = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
        if coordinate not in values:
            raise RenderError(f"formlen i {part} {coordinate} har ingen beregnet værdi")
        return f'<c r="{coordinate}"{attributes}><f>{formula}</f><v>{_number(values[coordinate])}</v>'

    return _FORMULA_CELL.sub(replace, xml)

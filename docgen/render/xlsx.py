"""Render an Excel document with openpyxl, into a template workbook.

The template (templates/*.xlsx, made by templates/build_workbooks.py)
holds the sheets, named styles, page set-up and frozen headings; this
module writes the cells.  openpyxl stores a formula without its result, so
after saving, each formula cell gets docgen's computed value as its cached
result: a reader that does not calculate (an upload preview, openpyxl with
``data_only=True``) sees the figures, and Excel recalculates on opening.
"""
from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..documents.base import Document
from ..documents.workbook import FIRST_ROW, HEADER_ROW, KEY_PREFIX, SHEET_KEY, Chart, Formula, Sheet, Workbook
from ..errors import RenderError
from ..figures.naming import printed_title
from ..source.guard import MAX_TEXT as MAX_CELL_TEXT  # Excel's limit; load refuses a longer text with its line
from .templates import template_bytes
from .widths import line_count, text_width_pt, wrap_at_spaces

TITLE = "docgen Titel"
SUBTITLE = "docgen Undertitel"
HEADING = "docgen Kolonneoverskrift"
STAMP_CELL = "A3"  # the empty row between the subtitle and the column headings
STAMP_COLOUR = "C00000"
STAMP_FONT = Font(name="Calibri", size=11, bold=True, color=STAMP_COLOUR)
MAX_WIDTH = 72   # characters; a longer text wraps onto more lines
LINE_HEIGHT = 15  # points per line of 11 pt Calibri
HEADING_PT = 11   # the column headings' size (bold)
CELL_PADDING_PT = 4
BOLD_STYLES = {"docgen Fed", "docgen I alt"}
# What docgen uses where a template (made before they existed) lacks a
# style or a sheet: the plain style, and a chart sheet it makes itself
STYLE_FALLBACK = {
    "docgen Kroner (input)": "docgen Kroner",
    "docgen Årsværk (input)": "docgen Årsværk",
    "docgen Tal (input)": "docgen Tal",
    "docgen Nummer": "docgen Tal",
}
OPTIONAL_SHEETS = {"Diagram"}
# The chart's sheet: a landscape A4 page holds CHART_WIDTH × CHART_HEIGHT cm,
# which CHART_COLUMNS default columns and CHART_ROWS rows cover
CHART_WIDTH, CHART_HEIGHT = 24, 14  # cm
CHART_COLUMNS, CHART_ROWS = 15, 28
DEFAULT_WIDTH = 8.43  # Excel's column width where none is set
# A4 landscape less the templates' margins (0,5" at the sides, 0,75" top and bottom)
PRINTABLE_WIDTH_PT, PRINTABLE_HEIGHT_PT = (297 - 25.4) / 25.4 * 72, (210 - 38.1) / 25.4 * 72
PAGE_SLACK = 0.93  # LibreOffice and Excel lay out a little differently: leave room
TITLE_SAFETY = 0.95  # the share of the table's width a title's line may take
# A sheet is shrunk below its fit to the page's width only to keep a block
# (the budget's expenses with their total) on one page, and never so far
# that its 11 pt text prints smaller than this
MIN_TEXT_PT = 8

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
        if sheet.name not in workbook.sheetnames and sheet.name in OPTIONAL_SHEETS:
            _add_chart_sheet(workbook, sheet.name, spec.sheets.index(sheet))
        if sheet.name not in workbook.sheetnames:
            raise RenderError(f"skabelonen {path.name} mangler arket '{sheet.name}'")
        worksheet = workbook[sheet.name]
        cached[workbook.worksheets.index(worksheet)] = _write(worksheet, sheet, path.name, document)
    for sheet in spec.sheets:
        if sheet.chart:
            source = workbook[sheet.chart.source] if sheet.chart.source else workbook[sheet.name]
            _chart(workbook[sheet.name], source, sheet.chart, anchor=f"A{FIRST_ROW}")
    workbook.properties.title = document.title
    workbook.calculation.fullCalcOnLoad = True
    return with_cached_values(_stored(workbook), cached)


def _stored(workbook) -> bytes:
    """openpyxl's Workbook.save into an uncompressed zip: the package is
    compressed once, when package.reproducible zips it for good."""
    out = BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True)).save()
    return out.getvalue()


def _add_chart_sheet(workbook, name: str, index: int) -> None:
    """A chart sheet for a template made before docgen gave the chart one:
    A4 landscape, on one page."""
    ws = workbook.create_sheet(name, index)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1


def _header_text(text: str) -> str:
    """Text for a page header or footer, where '&' starts a control code
    ('&P' is the page number): a literal '&' is written '&&'."""
    return text.replace("&", "&&")


def _write(ws: Worksheet, sheet: Sheet, template: str, document: Document) -> dict[str, Decimal]:
    """Write the sheet's cells; return {coordinate: value} of its formulas."""
    cached: dict[str, Decimal] = {}
    if document.stamps:  # a draft or an invented example: said on every sheet, on screen and on paper
        _put(ws[STAMP_CELL], " ".join(document.stamps))
        ws[STAMP_CELL].font = STAMP_FONT
        ws.oddHeader.center.text = _header_text(" · ".join(s.split(" – ")[0] for s in document.stamps))
        ws.oddHeader.center.color = STAMP_COLOUR
    ws.oddFooter.left.text = _header_text(printed_title(document.title))
    ws.oddFooter.center.text = _header_text(document.version)
    for column, heading in enumerate(sheet.headings, start=1):
        cell = ws.cell(HEADER_ROW, column)
        _put(cell, heading)
        cell.style = HEADING
    widths = _widths(sheet)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    if sheet.headings:
        lines = max(line_count(h, _column_pt(w), HEADING_PT, True) for h, w in zip(sheet.headings, widths))
        ws.row_dimensions[HEADER_ROW].height = max(lines * LINE_HEIGHT + 2, 20)
    for offset, cells in enumerate(sheet.rows):
        row = FIRST_ROW + offset
        for column, spec in enumerate(cells, start=1):
            cell = ws.cell(row, column)
            if isinstance(spec.value, Formula):
                cell.value = spec.value.expr
                cached[cell.coordinate] = spec.value.value
            else:
                _put(cell, spec.value)
            try:
                cell.style = spec.style
            except ValueError:
                try:  # a template made before the style existed
                    cell.style = STYLE_FALLBACK[spec.style]
                except (KeyError, ValueError):
                    raise RenderError(f"skabelonen {template} mangler typografien '{spec.style}'") from None
        bold = bool(cells) and cells[0].style in BOLD_STYLES
        if _is_note(cells) and len(widths) > 1 and text_width_pt(cells[0].value, 11, bold) > _column_pt(widths[0]):
            # a row of one long text (a note) spans the table and wraps there
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
            total = sum(_column_pt(w) for w in widths)
            ws.row_dimensions[row].height = LINE_HEIGHT * line_count(cells[0].value, total, 11, bold)
        elif _is_note(cells):
            ws.row_dimensions[row].height = LINE_HEIGHT
        else:
            # every row gets its height: one line, or what its wrapped texts need
            ws.row_dimensions[row].height = _height(cells, widths)
    last_column = CHART_COLUMNS if sheet.chart else max(len(sheet.headings), 1)
    _title_rows(ws, sheet, widths or [DEFAULT_WIDTH] * CHART_COLUMNS, last_column, bool(document.stamps))
    last_row = FIRST_ROW + len(sheet.rows) - 1
    key_column = _keys(ws, sheet)
    if sheet.autofilter_to and sheet.rows:
        # the filter covers the table (and its hidden keys, so sorting by a
        # filter button moves each row's key with it), not what stands
        # under it (a summary)
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(key_column or len(sheet.headings))}{sheet.autofilter_to}"
    width_scale, scale = print_scale(ws, sheet, widths)
    if scale < width_scale:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = int(scale * 100)
    for row in page_breaks(ws, sheet, widths, int(scale * 100) / 100 if scale < width_scale else width_scale):
        ws.row_breaks.append(Break(id=row))
    if sheet.chart:
        # the chart's own sheet (the template prints it on one page)
        ws.print_area = f"A1:{get_column_letter(CHART_COLUMNS)}{FIRST_ROW + CHART_ROWS}"
    else:
        ws.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, HEADER_ROW)}"
    return cached


def _keys(ws: Worksheet, sheet: Sheet) -> int | None:
    """Each row's key (documents/workbook.py) in a hidden column right of
    the table, and the sheet's own name by the column headings; returns
    that column (None for a sheet without a table)."""
    if not sheet.headings:
        return None
    column = len(sheet.headings) + 1
    ws.cell(HEADER_ROW, column).value = KEY_PREFIX + SHEET_KEY + sheet.name
    for index, key in enumerate(sheet.row_keys()):
        ws.cell(FIRST_ROW + index, column).value = KEY_PREFIX + key
    ws.column_dimensions[get_column_letter(column)].hidden = True
    return column


def _row_pt(ws: Worksheet, row: int) -> float:
    """A written row's height, in unscaled points."""
    return ws.row_dimensions[row].height or LINE_HEIGHT


def _block_need(ws: Worksheet, first: int, last: int) -> float:
    """The unscaled height a block needs on a page: its rows, and above
    them the column headings (or the title rows, for a block that starts
    the sheet)."""
    above = range(1, FIRST_ROW) if first == FIRST_ROW else (HEADER_ROW,)
    return sum(_row_pt(ws, r) for r in (*above, *range(first, last + 1)))


def print_scale(ws: Worksheet, sheet: Sheet, widths: list[float]) -> tuple[float, float]:
    """(the scale that fits the table to the page's width, the scale to
    print at).  They differ where shrinking further, but no further than
    MIN_TEXT_PT, puts the sheet's largest block on one page: the template
    prints A4 landscape fitted to the width."""
    table_pt = sum((w * 7 + 5) * 0.75 for w in widths) if widths else 1.0
    width_scale = min(1.0, PRINTABLE_WIDTH_PT / table_pt)
    if not sheet.blocks:
        return width_scale, width_scale
    # the whole sheet on one page, where a little shrinking puts it there
    # (the milepælsplan's last milestones and summary, the budget's
    # financing: never a page of their own that the content does not need)
    whole = _block_need(ws, FIRST_ROW, FIRST_ROW + len(sheet.rows) - 1)
    whole_fits = PRINTABLE_HEIGHT_PT * PAGE_SLACK / whole
    if whole_fits < width_scale and whole_fits >= MIN_TEXT_PT / 11:
        return width_scale, whole_fits
    largest = max(_block_need(ws, first, last) for first, last in sheet.blocks)
    fits = PRINTABLE_HEIGHT_PT * PAGE_SLACK / largest
    if width_scale <= fits or fits < MIN_TEXT_PT / 11:
        return width_scale, width_scale
    return width_scale, fits


def page_breaks(ws: Worksheet, sheet: Sheet, widths: list[float], scale: float | None = None) -> list[int]:
    """The rows to break the page after, so no block of rows (a heading, its
    lines and their total) is split between two printed pages where it
    fits on one.  Pages are counted as the sheet prints: A4 landscape at
    ``scale`` (fitted to the width where not given), the column headings
    repeated at the top of every page."""
    if not sheet.blocks:
        return []
    if scale is None:
        scale = print_scale(ws, sheet, widths)[1]
    page = PRINTABLE_HEIGHT_PT * PAGE_SLACK / scale  # in unscaled points

    def height(row: int) -> float:
        return _row_pt(ws, row)

    header = height(HEADER_ROW)
    used = sum(height(r) for r in range(1, FIRST_ROW))
    # the longest block starting on a row (blocks may nest: the expenses
    # hold the categories)
    ends: dict[int, int] = {}
    for first, last in sheet.blocks:
        ends[first] = max(ends.get(first, first), last)
    breaks = []
    for row in range(FIRST_ROW, FIRST_ROW + len(sheet.rows)):
        need = sum(height(r) for r in range(row, ends[row] + 1)) if row in ends else height(row)
        # never a break before the first row: the title would stand alone
        if row > FIRST_ROW and used + need > page and need <= page - header and used > header:
            breaks.append(row - 1)
            used = header
        elif row > FIRST_ROW and used + height(row) > page:  # a block longer than a page breaks where it must
            breaks.append(row - 1)
            used = header
        used += height(row)
    return breaks


def _title_rows(ws: Worksheet, sheet: Sheet, widths: list[float], last_column: int, stamped: bool) -> None:
    """Title, subtitle and stamp, each across the table's width, wrapping
    where it is wider: never cut at the edge of the print area."""
    width = sum(_column_pt(w) for w in widths[:last_column])
    for row, text, style, size, bold in ((1, sheet.title, TITLE, 16, True), (2, sheet.subtitle, SUBTITLE, 10, False)):
        cell = ws.cell(row, 1)
        lines = line_count(text, width, size, bold)
        # a title that wraps breaks at a space docgen chose, never at a
        # hyphen ("Husum-" / "Tingbjerg"); a little narrower than measured,
        # so the office program never needs to wrap a line again
        _put(cell, wrap_at_spaces(text, width * TITLE_SAFETY, size, bold) if row == 1 and lines > 1 else text)
        cell.style = style
        _span(ws, row, last_column, line_count(cell.value, width, size, bold), size)
    if stamped:
        _span(ws, 3, last_column, line_count(ws[STAMP_CELL].value, width, 11, True), 11)


def _span(ws: Worksheet, row: int, last_column: int, lines: int, size_pt: float) -> None:
    """A text wider than the table is merged across it and wraps; a shorter
    one just runs on into the empty cells beside it."""
    if lines > 1:
        if last_column > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = lines * size_pt * 1.35 + 3


def _is_note(cells: list) -> bool:
    """A row holding only one text, in its first cell."""
    return len(cells) == 1 and isinstance(cells[0].value, str)


def _column_pt(width: float) -> float:
    """An Excel column width (in characters of Calibri 11) in points, less
    the cell's padding."""
    return (width * 7 + 5) * 0.75 - CELL_PADDING_PT


def _characters(points: float) -> float:
    """The column width (Excel's unit) that holds a text this many points wide."""
    return round(((points + CELL_PADDING_PT) / 0.75 - 5) / 7 + 0.5, 1)


def _put(cell, value) -> None:
    """A value into a cell as it is: a text starting with '=' stays text
    (openpyxl would make it a formula), a text is never cut."""
    cell.value = value
    if isinstance(value, str):
        if len(value) > MAX_CELL_TEXT:
            raise RenderError(f"en tekst i {cell.coordinate} er længere end de {MAX_CELL_TEXT} tegn, en Excel-celle kan rumme")
        if cell.data_type == "f":
            cell.data_type = "s"


def _widths(sheet: Sheet) -> list[float]:
    """Each column as wide as its content needs, measured in Calibri's
    metrics: a one-line text up to MAX_WIDTH characters keeps one line
    (longer texts wrap), and the widest word of its heading fits, so no
    word breaks inside itself.  Never narrower than the sheet's own width."""
    widths = list(sheet.widths)
    for column, heading in enumerate(sheet.headings):
        words = heading.split() or [""]
        widest = max(text_width_pt(w, HEADING_PT, True) for w in words)
        widths[column] = max(widths[column], _characters(widest))
    if sheet.fixed_widths:
        return widths
    for cells in sheet.rows:
        if _is_note(cells):
            continue  # it spans the whole table
        for column, spec in enumerate(cells):
            if column >= len(widths):
                continue
            if isinstance(spec.value, str):
                needed = _characters(text_width_pt(spec.value, 11, spec.style in BOLD_STYLES))
                widths[column] = max(widths[column], min(needed, MAX_WIDTH))
    return widths


def _height(cells: list, widths: list[float]) -> float:
    """The row height its wrapped texts need: LINE_HEIGHT per line."""
    lines = 1
    for column, spec in enumerate(cells):
        if isinstance(spec.value, str) and column < len(widths):
            lines = max(lines, line_count(spec.value, _column_pt(widths[column]), 11, spec.style in BOLD_STYLES))
    return LINE_HEIGHT * lines


def _chart(ws: Worksheet, source: Worksheet, spec: Chart, anchor: str) -> None:
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
        values = Reference(source, min_col=first, max_col=last, min_row=series.row, max_row=series.row)
        chart.add_data(values, from_rows=True, titles_from_data=False)
        chart.series[-1].tx = SeriesLabel(v=series.title)
    chart.set_categories(Reference(source, min_col=first, max_col=last, min_row=HEADER_ROW, max_row=HEADER_ROW))
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
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:  # compressed in package.reproducible
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

"""What an Excel document says, for the renderer: sheets of styled cells.

Every sheet has the same frame, so a document module knows the address of
every cell it writes and can state its totals as formulas:

    row 1  title            row 2  subtitle          row 3  (empty)
    row 4  column headings  row 5… the rows of ``Sheet.rows``

Every row has a key (``Sheet.keys``), written by the renderer into a
hidden column right of the table, so `docgen import` finds each row by
what it stands for, not by its number (importing/built/excel.py says what
LibreOffice and Excel keep).  A row that is one element of a list in
agreement.toml has the element's path as key ("budget.udgifter.3",
"milepaele.0"); a heading that starts a block of such rows says which
block ("kategori:lokaler"); every other row by docgen's text in it
("@Lokaler i alt"), so a key means the same row in every build.

A ``Formula`` carries the value docgen computed for it; the renderer
stores both, so a reader that does not calculate still sees the figure.
Styles are the names of the template's named styles (see
templates/build_workbooks.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

HEADER_ROW = 4
FIRST_ROW = 5

# Named styles of the workbook templates.
TEXT = "docgen Tekst"
BOLD = "docgen Fed"
SECTION = "docgen Sektion"
KRONER = "docgen Kroner"
KRONER_TOTAL = "docgen Kroner i alt"
STAFF_YEARS = "docgen Årsværk"
STAFF_YEARS_TOTAL = "docgen Årsværk i alt"
PERCENT = "docgen Procent"
PERCENT_TOTAL = "docgen Procent i alt"
DATE = "docgen Dato"
NUMBER = "docgen Tal"
NUMBER_CENTRED = "docgen Nummer"  # a running number, centred, so it never touches the next column
NUMBER_TOTAL = "docgen Tal i alt"
TOTAL_TEXT = "docgen I alt"
# Figures a user may change in Excel; every other figure is calculated from them.
KRONER_INPUT = "docgen Kroner (input)"
STAFF_YEARS_INPUT = "docgen Årsværk (input)"
NUMBER_INPUT = "docgen Tal (input)"
INPUT_NOTE = "Gule celler er tal, du kan ændre; de øvrige tal regnes ud fra dem."

Value = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class Formula:
    """An Excel formula ('=SUM(C5:C9)') and the value docgen computed."""

    expr: str
    value: Decimal


@dataclass(frozen=True)
class Cell:
    value: Value | Formula
    style: str = TEXT


@dataclass(frozen=True)
class Series:
    """One series of a chart: a title and the sheet row holding its values."""

    title: str
    row: int


@dataclass(frozen=True)
class Chart:
    """A stacked column chart: one column per heading in ``columns``
    (1-based sheet columns), one stacked part per series."""

    title: str
    columns: tuple[int, int]
    series: list[Series]
    y_title: str = "kr."
    source: str | None = None  # the sheet holding the figures, when not the chart's own


def sheet_ref(sheet: str, column: int, row: int) -> str:
    """A reference to a cell of another sheet: 'Lønberegning'!G6."""
    return f"'{sheet}'!{ref(column, row)}"


@dataclass
class Sheet:
    name: str
    title: str
    subtitle: str
    headings: list[str]
    widths: list[float]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: Chart | None = None
    # the last row of the table the autofilter covers (None: no filter);
    # rows under it (a summary) stay outside the filter
    autofilter_to: int | None = None
    # widths are minimums, widened to the content; fixed_widths keeps them
    # as they are, so longer texts wrap (a sheet that must fit its paper)
    fixed_widths: bool = False
    # groups of rows (first, last) that print on one page where they fit: a
    # heading with its lines and their total; blocks may nest
    blocks: list[tuple[int, int]] = field(default_factory=list)
    # one key per row (see the module docstring); None: the row's place
    keys: list[str | None] = field(default_factory=list)

    def next_row(self) -> int:
        """The sheet row the next appended row lands on."""
        return FIRST_ROW + len(self.rows)

    def add(self, *cells: Cell, key: str | None = None) -> int:
        """Append a row (``key``: the list element or block it stands for);
        return its sheet row number."""
        row = self.next_row()
        self.rows.append(list(cells))
        self.keys.append(key)
        return row

    def row_keys(self) -> list[str]:
        """Each row's key: its own, else docgen's text in it ("@Lokaler i
        alt"; a second row of the same text "@…#2"), else, for an empty
        row, the row above's key and "+"."""
        out: list[str] = []
        seen: dict[str, int] = {}
        for index, cells in enumerate(self.rows):
            key = self.keys[index] if index < len(self.keys) else None
            if key is None:
                text = _row_text(cells)
                if not text:
                    key = "@" + (out[-1].removeprefix("@") if out else "") + "+"
                else:
                    seen[text] = seen.get(text, 0) + 1
                    key = f"@{text}" + (f"#{seen[text]}" if seen[text] > 1 else "")
            out.append(key)
        return out


@dataclass(frozen=True)
class Workbook:
    sheets: list[Sheet]


def _row_text(cells: list[Cell]) -> str:
    """The first text of a row, without a traced field's marks."""
    from ..source.trace import plain

    for cell in cells:
        if isinstance(cell.value, str) and cell.value.strip():
            return plain(cell.value).strip()
    return ""


KEY_PREFIX = "docgen:"
SHEET_KEY = "ark:"  # the key of the column headings' row: the sheet's name as docgen wrote it


def element_key(path: tuple) -> str:
    """A list element's key: ('budget', 'udgifter', 3) -> 'budget.udgifter.3'."""
    return ".".join(str(k) for k in path)


def ref(column: int, row: int) -> str:
    """(3, 5) -> 'C5'"""
    return f"{get_column_letter(column)}{row}"


def sum_of(column: int, first: int, last: int, value: Decimal) -> Formula:
    """=SUM over rows first..last of one column."""
    if last < first:
        return Formula("=0", value)
    return Formula(f"=SUM({ref(column, first)}:{ref(column, last)})", value)


def row_sum(row: int, first: int, last: int, value: Decimal) -> Formula:
    """=SUM over columns first..last of one row."""
    return Formula(f"=SUM({ref(first, row)}:{ref(last, row)})", value)


def plus(column: int, rows: list[int], value: Decimal) -> Formula:
    """=C9+C14+… over the given rows of one column."""
    if not rows:
        return Formula("=0", value)
    return Formula("=" + "+".join(ref(column, r) for r in rows), value)

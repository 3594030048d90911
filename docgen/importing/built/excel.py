"""An edited workbook back into agreement.toml, row by row by identity.

The workbook docgen would write is built from the traced agreement (no
file is rendered: a document module's Workbook says what each cell holds).
A cell whose value carries a field's mark is an input (the yellow cells:
amounts, årsværk, årsløn, timeløn; and texts such as a milestone's title):
its new value changes that field.  A formula must come back as a formula;
a typed number where a formula was, or a changed cell of docgen's own
text, is reported and not taken.

**Identity, not position.**  People reshape a workbook: they insert rows
above a line, delete one, drag one, sort a block, insert a column, rename
a sheet.  Every row docgen writes carries a key in a hidden column right
of the table (documents/workbook.py): the list element it shows
("budget.udgifter.3", "milepaele.0"), the block a heading starts
("kategori:lokaler"), or its place ("@7"); the column headings' row
carries the sheet's name ("ark:Budget").  Import finds each sheet by that
key (whatever it is called now), each row by its key and each column by
its heading, and only then compares cells.  Measured with LibreOffice 7.4
(tests/office.py, saved as .xlsx and read back with openpyxl): the key
cell moves with its row when rows are inserted, deleted or moved
(cut and paste), and when a block is sorted with the key column in the
range (the Milepæle sheet's autofilter covers the key column, so sorting
by a filter button does); a hidden column stays hidden; renaming and
reordering sheets keeps every cell.  Defined names also follow inserted
and deleted rows, but not a sort, and a deleted column turns them into
#REF!, so they are not used.  Excel was not tested here: its
documentation (and that of other spreadsheets) says that a sort moves the
whole rows of the selected range, hidden columns inside the range
included, and that inserted and deleted rows move cell contents; a sort
that leaves the key column out is caught as described next.

**Proof or refusal.**  A block sorted without its keys shows each key
beside another row's text: where the texts are a permutation of the
block's own texts, each is matched by its text; else the workbook is
refused.  A row without a key inside a block of list elements (an expense
category, the milestones) is a new element; one that cannot be placed,
a key found twice, a key without its row's text, a deleted or unknown
column with content: the workbook is refused, each cell named, and nothing
from it is written.  A workbook built before the keys existed is compared
cell by cell only while every one of docgen's own cells still stands
where docgen put it; otherwise it is refused.

**Tracked changes** (xl/revisions/, written by Excel's and Calc's track
changes; revisions.py) are listed with author and cell, and nothing is
taken.  A new milestone's time is read by figures.milestones.parse_when.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from ...documents.workbook import HEADER_ROW, KEY_PREFIX, SHEET_KEY, Cell, Formula, Sheet, Workbook
from ...figures.formatting import danish_number
from ...figures.milestones import parse_when
from ...model.lbf import AREAS
from ...source.load import format_path
from ...source.trace import Origin, plain, segments
from .align import Change, Refusal, Traced, Aligner, parse_number
from ..shared.package import Package, Refused
from .revisions import tracked_cells
from ..shared.word import Block

PLACEHOLDER_RESPONSIBLE = "[udfyld: den ansvarlige parts id under parter]"
# lists whose rows a person may add and delete in a workbook
_LISTS = {("budget", "udgifter"), ("budget", "finansiering"), ("milepaele",)}


def _formula_key(text: str) -> str:
    # Excel and LibreOffice may drop the quotes around a sheet name or add $
    return re.sub(r"[\s$']", "", text).upper()


def _number(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        return parse_number(value)
    return None


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _element(key: str) -> tuple | None:
    """'budget.udgifter.3' -> ('budget', 'udgifter', 3); None for other keys."""
    parts = key.split(".")
    if len(parts) < 2 or not parts[-1].isdigit():
        return None
    return tuple(parts[:-1]) + (int(parts[-1]),)


# --- finding sheets, rows and columns by their keys -------------------------

@dataclass
class _Grid:
    """An edited sheet read by its keys."""

    ws: object
    keyed: bool
    header_row: int = HEADER_ROW
    key_column: int | None = None
    rows: dict[str, list[int]] = field(default_factory=dict)  # key -> edited rows
    columns: dict[int, int] = field(default_factory=dict)   # expected column -> edited column
    missing_columns: list[int] = field(default_factory=list)
    extra_columns: list[int] = field(default_factory=list)
    last_row: int = 0
    copies: list[str] = field(default_factory=list)  # other sheets holding the same sheet key (a copied sheet)

    def key_of(self, row: int) -> str | None:
        if self.key_column is None:
            return None
        value = self.ws.cell(row, self.key_column).value
        return value[len(KEY_PREFIX):] if isinstance(value, str) and value.startswith(KEY_PREFIX) else None


def _key_cells(ws) -> list[tuple[int, int, str]]:
    out = []
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(KEY_PREFIX):
                out.append((cell.row, cell.column, cell.value[len(KEY_PREFIX):]))
    return out


def _find_sheets(book, workbook: Workbook) -> dict[str, _Grid]:
    """Each expected sheet in the edited workbook: by its key, else by its name."""
    found: dict[str, _Grid] = {}
    keys_by_sheet = {ws.title: _key_cells(ws) for ws in book.worksheets}
    for sheet in workbook.sheets:
        holders = [(ws, row, column) for ws in book.worksheets for row, column, key in keys_by_sheet[ws.title]
                   if key == SHEET_KEY + sheet.name]
        if holders:
            ws, row, column = next((h for h in holders if h[0].title == sheet.name), holders[0])
            found[sheet.name] = _read_grid(ws, sheet, keys_by_sheet[ws.title], row, column)
            found[sheet.name].copies = [h[0].title for h in holders if h[0] is not ws]
        if sheet.name not in found and sheet.name in book.sheetnames:
            ws = book[sheet.name]
            keys = keys_by_sheet[ws.title]
            found[sheet.name] = _read_grid(ws, sheet, keys, None, None)
    return found


def _read_grid(ws, sheet: Sheet, keys, header_row: int | None, key_column: int | None) -> _Grid:
    if header_row is None:  # no sheet key: keys deleted, or a workbook from before the keys
        if keys:
            columns = [c for _, c, _ in keys]
            key_column = max(set(columns), key=columns.count)
        grid = _Grid(ws, keyed=False, key_column=key_column)
        grid.columns = {c: c for c in range(1, len(sheet.headings) + 1)}
        grid.last_row = ws.max_row
        return grid
    grid = _Grid(ws, keyed=True, header_row=header_row, key_column=key_column)
    for row, column, key in keys:
        if column == key_column and row > header_row:
            grid.rows.setdefault(key, []).append(row)
    # columns by their headings
    heading_at: dict[str, list[int]] = {}
    for column in range(1, ws.max_column + 1):
        value = ws.cell(header_row, column).value
        if isinstance(value, str) and column != key_column:
            heading_at.setdefault(value.strip(), []).append(column)
    for expected, heading in enumerate(sheet.headings, start=1):
        at = heading_at.get(plain(heading).strip(), [])
        if len(at) == 1:
            grid.columns[expected] = at[0]
        else:
            grid.missing_columns.append(expected)
    used = set(grid.columns.values()) | {key_column}
    grid.extra_columns = [c for c in range(1, ws.max_column + 1) if c not in used]
    grid.last_row = ws.max_row
    return grid


# --- the import -------------------------------------------------------------

class _SheetImport:
    """One sheet: rows matched by key, cells compared, new and deleted rows."""

    def __init__(self, job: "_WorkbookImport", sheet: Sheet, plain_sheet: Sheet, grid: _Grid) -> None:
        self.job, self.sheet, self.plain_sheet, self.grid = job, sheet, plain_sheet, grid
        self.ws = grid.ws
        self.name = self.ws.title
        self.keys = sheet.row_keys()
        self.labels = {i: self._label(i) for i in range(len(sheet.rows))}
        self.stale = False

    # -- helpers
    def _label(self, index: int) -> tuple[int | None, str]:
        """(column, text) of a row's label: its first traced text, else its first text."""
        row = self.sheet.rows[index]
        for c, cell in enumerate(row, start=1):
            if isinstance(cell.value, str) and any(s.field for s in segments(cell.value)):
                return c, plain(cell.value)
        for c, cell in enumerate(row, start=1):
            if isinstance(cell.value, str) and cell.value.strip():
                return c, plain(cell.value)
        return None, ""

    def edited_label(self, index: int, row: int) -> str:
        column, _ = self.labels[index]
        if column is None or column not in self.grid.columns:
            return ""
        return _shown(self.ws.cell(row, self.grid.columns[column]).value).strip()

    def row_text(self, row: int) -> str:
        texts = [_shown(self.ws.cell(row, c).value).strip() for c in range(1, self.ws.max_column + 1)
                 if c != self.grid.key_column]
        return " | ".join(t for t in texts if t and not t.startswith("="))[:120]

    def place(self, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter
        return f"{self.name}, celle {get_column_letter(column)}{row}"

    def row_key(self, index: int) -> str:
        return self.keys[index]

    def free(self, index: int) -> bool:
        """An empty row docgen wrote (under the last milestone, between blocks)."""
        return self.row_key(index).startswith("@") and all(_empty(c.value) for c in self.plain_sheet.rows[index])

    # -- matching
    def match(self) -> dict[int, int]:
        """expected row index -> edited row number."""
        grid, sheet = self.grid, self.sheet
        if not grid.keyed:
            return {i: HEADER_ROW + 1 + i for i in range(len(sheet.rows))}
        matched: dict[int, int] = {}
        index_of = {key: i for i, key in enumerate(self.keys)}
        stale: set[tuple] = set()
        for key, rows in grid.rows.items():
            path = _element(key)
            if path and (key not in index_of or self.job.moved_since_build(key)):
                stale.add(path[:-1])
                continue
            if key not in index_of:
                continue  # a row of docgen's own that this agreement no longer has (a category without lines)
            if len(rows) > 1:
                self.job.block(f"{self.name}, rækkerne {', '.join(map(str, rows))}: samme nøgle i flere rækker "
                               f"(en kopieret række?): {self.row_text(rows[-1])}")
                continue
            matched[index_of[key]] = rows[0]
        for path in sorted(stale):
            self.job.block(f"{self.name}: agreement.toml er ændret i {format_path(path)} (linjer tilføjet, slettet "
                           "eller omdøbt), efter regnearket blev lavet, så docgen kan ikke vide, hvilken række der nu "
                           "er hvilken linje. Byg regnearket igen og tast rettelserne der, eller ret agreement.toml selv")
        if stale:
            self.stale = True
            return {}
        self._permutations(matched)
        return matched

    def _permutations(self, matched: dict[int, int]) -> None:
        """A block sorted without its keys: match each element row by its text."""
        lists: dict[tuple, list[int]] = {}
        for index in matched:
            path = _element(self.row_key(index))
            if path:
                lists.setdefault(path[:-1], []).append(index)
        for indices in lists.values():
            own = {i: self.labels[i][1] for i in indices}
            seen = {i: self.edited_label(i, matched[i]) for i in indices}
            moved = [i for i in indices if seen[i] != own[i] and seen[i] in own.values()]
            if not moved:
                continue
            by_text: dict[str, list[int]] = {}
            for i in indices:
                by_text.setdefault(own[i], []).append(i)
            rows = [matched[i] for i in indices]
            texts = [seen[i] for i in indices]
            if sorted(texts) == sorted(own.values()) and all(len(by_text[t]) == 1 for t in texts):
                for i, row, text in zip(indices, rows, texts):
                    matched[by_text[text][0]] = row
                continue
            for i in moved:
                self.job.block(f"{self.name}, række {matched[i]}: »{seen[i]}« står ved nøglen for »{own[i]}« "
                               "(rækkerne er sorteret eller flyttet uden docgens skjulte nøglekolonne, og teksterne "
                               "er også rettet)")

    # -- the run
    def prepare(self) -> bool:
        """Match the rows; True when every row and column stands where
        docgen put it (so the formulas still read as docgen wrote them)."""
        grid = self.grid
        if grid.copies:
            self.job.block(f"arket {self.name} findes også som {', '.join(grid.copies)} (et kopieret ark); docgen kan "
                           "ikke vide, hvilket der gælder. Slet kopien, eller ret agreement.toml selv")
        for column in grid.missing_columns:
            heading = plain(self.sheet.headings[column - 1])
            if any(isinstance(r[column - 1].value, str) and segments(r[column - 1].value)
                   and any(s.field for s in segments(r[column - 1].value)) or
                   getattr(r[column - 1].value, "source_mark", None) is not None
                   for r in self.sheet.rows if len(r) >= column):
                self.job.block(f"{self.name}: kolonnen »{heading}« findes ikke længere (slettet eller omdøbt); "
                               "dens celler kan ikke føres tilbage til deres felter")
        self.matched = self.match()
        return not grid.keyed or (self.ws.title == self.sheet.name
                                  and all(grid.columns.get(c) == c for c in grid.columns)
                                  and all(row == HEADER_ROW + 1 + i for i, row in self.matched.items()))

    def run(self, shaped: bool) -> None:
        """Compare the matched rows' cells (formulas only where ``shaped``:
        a row moved anywhere changes references in every sheet); then the
        deleted and the new rows."""
        grid, matched = self.grid, self.matched
        if self.stale:
            return  # refused as a whole in match()
        if not grid.keyed:  # by position: what stands under the table has no place
            for row in range(HEADER_ROW + 1 + len(self.sheet.rows), self.ws.max_row + 1):
                if self.row_text(row):
                    self.job.block(f"{self.name}, række {row}: »{self.row_text(row)}« står under det, docgen skrev, "
                                   "og regnearket har ingen nøgler (lavet med en ældre docgen); byg det igen")
        for index, row in sorted(matched.items()):
            if grid.keyed and self.free(index):
                continue  # docgen's empty row: what is typed there is a new row (new_rows)
            self.compare_row(index, row, shaped)
        if grid.keyed:
            self.deleted(matched)
            self.new_rows(matched)

    def compare_row(self, index: int, row: int, shaped: bool) -> None:
        job = self.job
        label = self.labels[index][1]
        cells, plain_cells = self.sheet.rows[index], self.plain_sheet.rows[index]
        for column in sorted(self.grid.columns):
            cell = cells[column - 1] if column <= len(cells) else Cell(None)
            plain_cell = plain_cells[column - 1] if column <= len(plain_cells) else Cell(None)
            at = self.grid.columns[column]
            where = self.place(row, at)
            heading = plain(self.sheet.headings[column - 1]) if column <= len(self.sheet.headings) else ""
            edited = self.ws.cell(row, at).value
            job.cell(where, label, heading, cell.value, plain_cell.value, edited, shaped, not self.grid.keyed)
        for at in self.grid.extra_columns:
            value = self.ws.cell(row, at).value
            if not _empty(value) and not (isinstance(value, str) and value.startswith("=")):
                self.job.block(f"{self.place(row, at)}, »{label}«: »{_shown(value)}« står i en kolonne, docgen ikke "
                               "har skrevet")

    def deleted(self, matched: dict[int, int]) -> None:
        for index in range(len(self.sheet.rows)):
            if index in matched:
                continue
            key = self.row_key(index)
            label = self.labels[index][1]
            if not label and all(_empty(c.value) for c in self.plain_sheet.rows[index]):
                continue  # an empty row docgen wrote
            path = _element(key)
            if path and path[:-1] in _LISTS and self.job.built_without(key):
                self.job.result.refused.append(Refusal(
                    f"{self.name}, rækken »{label}«", label, "",
                    "rækken står ikke i regnearket, fordi den er kommet til i agreement.toml, efter regnearket blev "
                    "lavet; den bliver i agreement.toml"))
                continue
            if path and path[:-1] in _LISTS:
                source = Origin(path, "text", label)
                self.job.deletes.append((source, f"{self.name}: rækken »{label}« er slettet", label))
                continue
            self.job.result.refused.append(Refusal(
                f"{self.name}, rækken »{label}«", label, "",
                "rækken er slettet; den er docgens egen (en overskrift, en sum eller en linje, der regnes ud af "
                "andet i agreement.toml) og kommer igen ved næste build. Ret den i agreement.toml"))

    def new_rows(self, matched: dict[int, int]) -> None:
        grid = self.grid
        free = {matched[i] for i in matched if self.free(i)}
        keyed_rows = {row: index for index, row in matched.items() if matched[index] not in free}
        deleted_labels = {self.labels[i][1] for i in range(len(self.sheet.rows)) if i not in matched}
        for row in range(grid.header_row + 1, grid.last_row + 1):
            if row in keyed_rows:
                continue
            key = grid.key_of(row)
            if key is not None and row not in free:
                continue  # an unknown or doubled key: reported by match()
            values = {c: self.ws.cell(row, c).value for c in range(1, self.ws.max_column + 1) if c != grid.key_column}
            if all(_empty(v) or (isinstance(v, str) and v.startswith("=")) for v in values.values()):
                continue
            text = self.row_text(row)
            anchor = next((keyed_rows[r] for r in range(row - 1, grid.header_row, -1) if r in keyed_rows), None)
            first = next((values.get(self.grid.columns.get(c)) for c in (1,) if c in self.grid.columns), None)
            if _shown(first).strip() in deleted_labels - {""}:
                self.job.block(f"{self.name}, række {row}: rækken »{_shown(first).strip()}« har mistet docgens "
                               "skjulte nøgle (sat ind over en anden række?)")
                continue
            self.job.new_row(self, row, anchor, text)


class _WorkbookImport:
    def __init__(self, importer, result, workbook: Workbook) -> None:
        self.importer, self.result = importer, result
        self.agreement = importer.agreement
        self.sources = importer.sources
        self.aligner = Aligner([], [], importer.sources)
        self.blocked: list[str] = []
        self.compared = 0
        self.mismatched = 0
        self.where_of: dict[int, str] = {}
        self.deletes: list[tuple[Origin, str, str]] = []
        self.inserts: dict[tuple, list[tuple[dict, str]]] = {}  # anchor path -> new elements in sheet order
        self.workbook = workbook
        self.recorded: dict = {}  # the provenance's {field path: fingerprint} at the build
        self.current: dict[str, Origin] | None = None

    def moved_since_build(self, key: str) -> bool:
        """The element ``key`` names has another text in agreement.toml
        than when the workbook was built: lines were added, deleted or
        renamed in the file, so the keys no longer say which line is which."""
        from ...documents.provenance import fingerprint

        if self.current is None:
            self.current = {".".join(map(str, o.path)): o for o in self.sources.values()}
        for name in ("tekst", "titel"):
            then = self.recorded.get(f"{key}.{name}")
            if then is not None:
                now = self.current.get(f"{key}.{name}")
                if now is None or fingerprint(now.kind, now.value) != then:
                    return True
        return False

    def built_without(self, key: str) -> bool:
        """The workbook's provenance lists the fields it showed: an element
        with none of them was added to agreement.toml after the build."""
        return bool(self.recorded) and not any(k.startswith(key + ".") for k in self.recorded)

    def block(self, text: str) -> None:
        self.blocked.append(text)

    # -- one cell of a matched row
    def cell(self, where: str, label: str, heading: str, value, plain_value, edited, shaped: bool, positional: bool):
        result = self.result
        named = f"{where}, »{label}«" + (f", {heading}" if heading and heading != label else "")
        mark = getattr(value, "source_mark", None)
        if mark is not None and self.sources[mark.number].kind != "number":
            source = self.sources[mark.number]
            self.compared += 1
            if _shown(edited) != source.value:
                result.changes.append(Change("set", source, source.value, _shown(edited),
                                             where=f"{named}: »{source.value}« → »{_shown(edited)}«"))
            return
        if mark is not None:
            source = self.sources[mark.number]
            self.compared += 1
            if isinstance(edited, str) and edited.startswith("="):
                result.refused.append(Refusal(where, str(source.value), edited,
                                              "en gul celle er et tal, du taster; en formel her tages ikke"))
                return
            number = _number(edited) if edited is not None else Decimal(0)
            if number is None:
                result.refused.append(Refusal(where, str(source.value), _shown(edited), "cellen skal være et tal"))
                return
            if number != Decimal(source.value):
                if number != number.to_integral_value() and source.path[-2:-1] == ("beloeb",):
                    result.refused.append(Refusal(where, str(source.value), _shown(edited), "beløb er hele kroner"))
                    return
                unit = _unit(source.path)
                result.changes.append(Change("set", source, source.value, number, where=(
                    f"{named}: {danish_number(Decimal(source.value))} → {danish_number(number)}{unit}")))
            return
        if isinstance(value, str) and segments(value) and any(s.field for s in segments(value)):
            self.compared += 1
            text = _shown(edited)
            block = Block(plain(value), plain(value), "")
            parts = segments(value)
            for part in parts:
                if part.field is not None:
                    self.where_of[part.field] = named
            self.aligner.inline(Traced(block, parts, None), Block(text, text, ""))
            if text != plain(value):
                self.mismatched += 1
            return
        if isinstance(plain_value, Formula):
            self.compared += 1
            if not (isinstance(edited, str) and edited.startswith("=")):
                self.mismatched += 1
                result.refused.append(Refusal(
                    where, plain_value.expr, _shown(edited),
                    "en beregnet celle er ændret til et tal; ret de gule celler (eller agreement.toml), "
                    "så regner arket selv",
                ))
                if positional:
                    self.block(f"{where}: en formel står ikke længere, hvor docgen skrev den")
            elif shaped and _formula_key(edited) != _formula_key(plain_value.expr):
                self.mismatched += 1
                result.refused.append(Refusal(where, plain_value.expr, edited,
                                              "en beregnet celles formel er ændret; den tages ikke"))
            return
        expected = plain_value
        if expected is None and _empty(edited):
            return
        self.compared += 1
        if _same(expected, edited):
            return
        self.mismatched += 1
        if positional:
            self.block(f"{where}: »{_shown(edited)}« står, hvor docgen skrev »{_shown(expected)}«")
        result.refused.append(Refusal(where, _shown(expected), _shown(edited),
                                      "cellen kan ikke rettes her (den er docgens egen tekst, et tal "
                                      "regnet ud af andre, eller en milepæls tidspunkt, ansvarlige eller status); "
                                      "ret den i agreement.toml"))

    # -- a row without a key
    def new_row(self, sheet: _SheetImport, row: int, anchor: int | None, text: str) -> None:
        key = sheet.row_key(anchor) if anchor is not None else None
        path = _element(key) if key else None
        agreement = self.agreement
        if path and path[:-1] == ("budget", "udgifter"):
            self.new_expense(sheet, row, agreement.budget.expenses[path[-1]].category, path)
            return
        if key and key.startswith("kategori:") and key != "kategori:loen":
            category = key.split(":", 1)[1]
            first = next(i for i, e in enumerate(agreement.budget.expenses) if e.category == category)
            self.new_expense(sheet, row, category, ("budget", "udgifter", first - 1))
            return
        if (path and path[:-1] == ("milepaele",)) or (sheet.sheet.name == "Milepæle" and anchor is None):
            self.new_milestone(sheet, row)
            return
        why = ("lønlinjerne kommer fra bemandingsplanen; tilføj rollen i [[medarbejdere]] i agreement.toml"
               if key in ("kategori:loen",) or (path and path[0] == "medarbejdere")
               else "en ny finansieringskilde skal have sin kilde (kilde = …) i agreement.toml"
               if (path and path[:-1] == ("budget", "finansiering")) or key == "finansiering"
               else "rækken står uden for en blok af linjer, docgen kan tilføje til")
        self.block(f"{sheet.name}, række {row}: »{text}« kan ikke placeres: {why}")

    def _cells(self, sheet: _SheetImport, row: int) -> dict[str, object]:
        """{heading: value} of an edited row."""
        return {plain(h): sheet.ws.cell(row, sheet.grid.columns[c]).value
                for c, h in enumerate(sheet.sheet.headings, start=1) if c in sheet.grid.columns}

    def new_expense(self, sheet: _SheetImport, row: int, category: str, anchor: tuple) -> None:
        from ...figures.budget_math import CATEGORY_NAMES, period_label

        cells = self._cells(sheet, row)
        text = _shown(sheet.ws.cell(row, sheet.grid.columns.get(1, 1)).value).strip()
        if not text:
            self.block(f"{sheet.name}, række {row}: en ny udgiftslinje skal have en tekst i første kolonne: "
                       f"{sheet.row_text(row)}")
            return
        amounts: dict[str, Decimal] = {}
        shown = []
        for period in self.agreement.budget.periods:
            label = period_label(period)
            value = cells.get(label)
            number = Decimal(0) if _empty(value) else _number(value)
            if number is None or (isinstance(value, str) and value.startswith("=")) \
                    or number != number.to_integral_value():
                self.block(f"{sheet.name}, række {row}, »{text}«, {label}: »{_shown(value)}« er ikke et beløb i "
                           "hele kroner")
                return
            amounts[period.id] = number
            shown.append(f"{label}: {danish_number(number)} kr.")
        element = {"kategori": category, "tekst": text, "beloeb": amounts}
        self.inserts.setdefault(anchor, []).append(
            (element, f"{sheet.name}, række {row}: tilføjet udgiftslinje »{text}« under "
                      f"»{CATEGORY_NAMES[category]}« ({', '.join(shown)})"))

    def new_milestone(self, sheet: _SheetImport, row: int) -> None:
        cells = self._cells(sheet, row)
        title = _shown(cells.get("Milepæl")).strip()
        time = parse_when(cells.get("Tidspunkt"))
        if not title or time is None:
            what = "en titel" if not title else f"et tidspunkt, docgen kan læse (»{_shown(cells.get('Tidspunkt'))}«)"
            self.block(f"{sheet.name}, række {row}: en ny milepæl skal have en titel og et tidspunkt (fx "
                       f"»15. marts 2026«, »marts 2026« eller »1. kvartal 2026«); her mangler {what}: "
                       f"{sheet.row_text(row)}")
            return
        element: dict[str, object] = {"titel": title, **time}
        agreement = self.agreement
        problems = []
        activity_name = _shown(cells.get("Aktivitet")).strip()
        area_name = _shown(cells.get("Indsatsområde")).strip()
        if activity_name:
            found = [a.id for s in agreement.sub_agreements for a in s.activities if a.name.strip() == activity_name]
            if len(found) == 1:
                element["aktivitet"] = found[0]
            else:
                problems.append(f"aktiviteten »{activity_name}« findes ikke i aftalen")
        elif area_name and area_name != "Hele helhedsplanen":
            found = [a for a, name in AREAS.items() if name == area_name]
            if found:
                element["omraade"] = found[0]
            else:
                problems.append(f"indsatsområdet »{area_name}« kendes ikke")
        responsible = _shown(cells.get("Ansvarlig")).strip()
        note = ""
        if responsible:
            found = [p.id for p in agreement.parties
                     if responsible.lower() in (p.heading.lower(), p.name.lower(), p.id.lower())]
            if len(found) == 1:
                element["ansvarlig"] = found[0]
            else:
                problems.append(f"den ansvarlige »{responsible}« er ikke én af aftalens parter")
        else:
            element["ansvarlig"] = PLACEHOLDER_RESPONSIBLE
            note = "; den ansvarlige part mangler: skriv partens id i agreement.toml (ansvarlig = …)"
        status = _shown(cells.get("Status")).strip()
        if status:
            from ...documents.milepaelsplan import STATUS_NAMES

            found = [k for k, v in STATUS_NAMES.items() if v.lower() == status.lower()]
            if found:
                element["status"] = found[0]
            else:
                problems.append(f"status »{status}« er ikke én af {', '.join(STATUS_NAMES.values())}")
        if problems:
            self.block(f"{sheet.name}, række {row}, »{title}«: {'; '.join(problems)}")
            return
        anchor = ("milepaele", len(agreement.milestones) - 1)
        when = _shown(cells.get("Tidspunkt")).strip()
        self.inserts.setdefault(anchor, []).append(
            (element, f"{sheet.name}, række {row}: tilføjet milepæl »{title}« ({when}){note}"))

    # -- after all sheets
    def finish(self) -> None:
        result = self.result
        found = self.aligner.result
        self.aligner.finish()
        result.changes += [replace(c, where=f"{self.where_of[n]}: »{c.old}« → »{c.new}«")
                           if (n := _number_of(self.sources, c.source)) in self.where_of else c for c in found.changes]
        result.refused += found.refused
        for source, where, label in self.deletes:
            result.changes.append(Change("delete", source, label, None, where=where))
        for anchor, elements in self.inserts.items():
            # the writer puts each element right after the anchor: the last first
            for element, where in reversed(elements):
                result.changes.append(Change("insert", Origin(anchor, "text", None), None, element, where=where))


def _number_of(sources: dict[int, Origin], source: Origin) -> int | None:
    for n, s in sources.items():
        if s is source:
            return n
    return None


def _unit(path: tuple) -> str:
    if "beloeb" in path or path[-1] in ("aarsloen", "timeloen"):
        return " kr."
    if path[-1] == "aarsvaerk":
        return " årsværk"
    if path[-1] == "timer_pr_uge":
        return " timer om ugen"
    return ""


def import_workbook(importer, package: Package, result):
    from openpyxl import load_workbook

    candidates = [d for d in importer.candidates(package) if d.filename.endswith(".xlsx")]
    made_from = importer.made_from(package)
    if made_from:
        candidates = [d for d in importer.documents if d.doc_id == made_from.get("dokument")] or candidates
    try:
        book = load_workbook(BytesIO(package.data), data_only=False)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook
        raise Refused(f"filen er beskadiget: regnearket kan ikke læses ({str(exc)[:120]})") from None
    best, grids = None, {}
    # (sheets found, sheets missing, document, the workbook's sheets none was found in)
    closest: tuple[int, list[str], object, list[str]] | None = None
    for candidate in candidates:
        grids = _find_sheets(book, candidate.context)
        names = [s.name for s in candidate.context.sheets]
        missing = [n for n in names if n not in grids]
        if not missing:
            best = candidate
            break
        if len(names) > len(missing) and (closest is None or len(names) - len(missing) > closest[0]):
            used = {grid.ws.title for grid in grids.values()}
            closest = (len(names) - len(missing), missing, candidate, [n for n in book.sheetnames if n not in used])
    if best is None:
        if closest is not None:  # the workbook is one of them, with sheets deleted (or renamed and their keys lost)
            _, missing, document, extra = closest
            renamed = f"; regnearket har i stedet {', '.join(f'»{n}«' for n in extra)}" if extra else ""
            result.error = (f"regnearket ligner {document.title}, men {'arket' if len(missing) == 1 else 'arkene'} "
                            f"{', '.join(f'»{n}«' for n in missing)} mangler{renamed}. Giv arkene deres navne igen "
                            "(eller fortryd sletningen), og importér igen")
            return result
        result.error = ("regnearket ligner ikke budgettet, milepælsplanen eller indberetningsskemaet, docgen laver "
                        "ud fra denne aftale (arkene mangler)")
        return result
    result.document = best
    result.tracked = tracked_cells(package)
    if result.tracked:
        return result  # nothing is taken while changes are tracked
    traced: Workbook = importer.traced_documents[best.doc_id].context
    plain_book: Workbook = best.context
    job = _WorkbookImport(importer, result, traced)
    job.recorded = (made_from or {}).get("felter") or {}
    sheets = [_SheetImport(job, sheet, plain_sheet, grids[sheet.name])
              for sheet, plain_sheet in zip(traced.sheets, plain_book.sheets) if sheet.rows]
    shaped = all([s.prepare() for s in sheets])
    for sheet in sheets:
        sheet.run(shaped)
    if job.compared and job.mismatched / job.compared > 0.5:
        result.error = ("regnearket ligner ikke det, docgen laver ud fra denne aftale (over halvdelen af cellerne "
                        "er anderledes). Er det fra en anden aftale? Angiv den rigtige aftalefil med --fil")
        result.changes, result.refused = [], []
        return result
    job.finish()
    if job.blocked:
        listed = "\n".join(f"    - {b}" for b in job.blocked[:40])
        more = f"\n    … og {len(job.blocked) - 40} flere" if len(job.blocked) > 40 else ""
        result.error = ("docgen kan ikke bevise, hvilket felt hver ændret celle hører til, så intet fra regnearket "
                        f"skrives (ret regnearket, eller ret agreement.toml selv):\n{listed}{more}")
        result.changes, result.refused = [], []
    return result


def _same(expected, edited) -> bool:
    if isinstance(expected, (Decimal, int)) and not isinstance(expected, bool):
        number = _number(edited)
        # a workbook stores a figure as a binary float: equal to 15 digits
        return number is not None and abs(number - Decimal(expected)) <= Decimal("1e-12") * max(1, abs(number))
    if isinstance(expected, (date, datetime)):
        if isinstance(edited, datetime):
            edited = edited.date()
        expected_day = expected.date() if isinstance(expected, datetime) else expected
        return edited == expected_day
    return _shown(expected) == _shown(edited)

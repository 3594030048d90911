"""Edits made inside LibreOffice, as a partner makes them in Word or Excel.

Run by tests/office.py with Debian's /usr/bin/python3 (the one that has the
``uno`` module), never imported by pytest.  Reads one JSON job on stdin:

    {"profile": "file:///tmp/…", "jobs": [
        {"source": "in.xlsx", "target": "out.xlsx", "author": "Partner",
         "ops": [{"op": "insert_rows", "sheet": "Budget", "row": 27}, …]}]}

starts one headless soffice for all jobs, opens each document hidden,
applies the operations through LibreOffice's API (the same calls its
menus make: rows inserted and deleted, ranges moved and sorted, text typed,
a line break typed as Shift+Enter does, changes tracked), saves it in
Office Open XML (or the format ``target``'s suffix names) and closes it.
Rows and columns are 1-based as a person counts them.  Prints one JSON line
{"ok": true} or {"ok": false, "error": "…"}.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import CellAddress, CellRangeAddress
from com.sun.star.text.ControlCharacter import LINE_BREAK, PARAGRAPH_BREAK

FILTERS = {
    ".xlsx": "Calc MS Excel 2007 XML",
    ".docx": "MS Word 2007 XML",
    ".doc": "MS Word 97",
    ".odt": "writer8",
    ".ods": "calc8",
    ".html": "HTML (StarWriter)",
}


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start(profile: str):
    pipe = f"docgen-office-{uuid.uuid4().hex}"
    process = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("LibreOffice did not start")
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return process, context, desktop


def set_author(context, author: str) -> None:
    """The user name LibreOffice records on tracked changes and comments."""
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    first, _, last = author.partition(" ")
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


# --- Calc -------------------------------------------------------------------

def _sheet(doc, name):
    sheets = doc.getSheets()
    if name is None:
        return sheets.getByIndex(0)
    return sheets.getByName(name)


def _cell_address(sheet, ref: str):
    cell = sheet.getCellRangeByName(ref)
    return cell.getCellAddress() if hasattr(cell, "getCellAddress") else cell.getRangeAddress()


def calc_op(doc, op: dict) -> None:
    kind = op["op"]
    if kind == "track_changes":
        doc.RecordChanges = bool(op.get("on", True))
        return
    if kind == "rename_sheet":
        _sheet(doc, op["sheet"]).setName(op["name"])
        return
    if kind == "move_sheet":
        doc.getSheets().moveByName(op["sheet"], op["position"])
        return
    if kind == "delete_sheet":
        doc.getSheets().removeByName(op["sheet"])
        return
    sheet = _sheet(doc, op.get("sheet"))
    if kind == "insert_rows":
        sheet.getRows().insertByIndex(op["row"] - 1, op.get("count", 1))
    elif kind == "delete_rows":
        sheet.getRows().removeByIndex(op["row"] - 1, op.get("count", 1))
    elif kind == "insert_columns":
        sheet.getColumns().insertByIndex(op["column"] - 1, op.get("count", 1))
    elif kind == "delete_columns":
        sheet.getColumns().removeByIndex(op["column"] - 1, op.get("count", 1))
    elif kind == "set":
        cell = sheet.getCellRangeByName(op["cell"])
        value = op["value"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cell.setValue(value)
        elif isinstance(value, str) and value.startswith("="):
            cell.setFormula(value)
        else:
            cell.setString(value)
    elif kind == "clear":
        sheet.getCellRangeByName(op["range"]).clearContents(1 | 2 | 4 | 16)  # values, dates, strings, formulas
    elif kind == "move_rows":
        # cut rows [row, row+count) and paste them before row ``to`` (as dragging rows does)
        count = op.get("count", 1)
        to = op["to"]
        source = op["row"]
        sheet.getRows().insertByIndex(to - 1, count)
        if source >= to:
            source += count
        last_col = op.get("last_column", 50)
        src = CellRangeAddress()
        src.Sheet = sheet.getRangeAddress().Sheet
        src.StartColumn, src.EndColumn = 0, last_col
        src.StartRow, src.EndRow = source - 1, source - 1 + count - 1
        dest = CellAddress()
        dest.Sheet = src.Sheet
        dest.Column, dest.Row = 0, to - 1
        sheet.moveRange(dest, src)
        sheet.getRows().removeByIndex(source - 1, count)
    elif kind == "sort":
        # sort a block of rows by one column (1-based index within the range)
        target = sheet.getCellRangeByName(op["range"])
        field = uno.createUnoStruct("com.sun.star.table.TableSortField")
        field.Field = op.get("by", 1) - 1
        field.IsAscending = not op.get("descending", False)
        descriptor = target.createSortDescriptor()
        for p in descriptor:
            if p.Name == "SortFields":
                p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
            elif p.Name == "ContainsHeader":
                p.Value = False
        target.sort(descriptor)
    else:
        raise ValueError(f"unknown calc op {kind}")


# --- Writer -----------------------------------------------------------------

def _find(doc, text: str, nth: int = 0):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findFirst(search)
    for _ in range(nth):
        if found is None:
            break
        found = doc.findNext(found.getEnd(), search)
    if found is None:
        raise ValueError(f"text not found in the document: {text!r}")
    return found


def _table_with(doc, text: str):
    tables = doc.getTextTables()
    for i in range(tables.getCount()):
        table = tables.getByIndex(i)
        for name in table.getCellNames():
            if text in table.getCellByName(name).getString():
                return table
    raise ValueError(f"no table holds {text!r}")


def _row_of(table, text: str) -> int:
    rows = table.getRows().getCount()
    for name in table.getCellNames():
        if text in table.getCellByName(name).getString():
            # cell names are like B3 (1-based rows); merged tables may have sub-names
            digits = "".join(ch for ch in name.split(".")[0] if ch.isdigit())
            return int(digits) - 1
    raise ValueError(f"no row of {rows} holds {text!r}")


def writer_op(doc, op: dict) -> None:
    kind = op["op"]
    text = doc.getText()
    if kind == "track_changes":
        doc.RecordChanges = bool(op.get("on", True))
    elif kind == "replace":
        found = _find(doc, op["find"], op.get("nth", 0))
        found.setString(op["with"])
    elif kind == "type_after":
        found = _find(doc, op["find"], op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        what = op.get("break")
        if what == "line":
            found.getText().insertControlCharacter(cursor, LINE_BREAK, False)
        elif what == "paragraph":
            found.getText().insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        if op.get("text"):
            found.getText().insertString(cursor, op["text"], False)
    elif kind in ("line_break_at", "paragraph_break_at"):
        # Shift+Enter (Enter: a paragraph split) in place of the space after ``find``
        found = _find(doc, op["find"] + " ", op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        cursor.goLeft(1, True)
        cursor.setString("")
        found.getText().insertControlCharacter(cursor, LINE_BREAK if kind == "line_break_at" else PARAGRAPH_BREAK,
                                               False)
    elif kind == "join_next":
        # Delete at the end of the paragraph holding ``find`` (joining the next to it), then ``with`` typed there
        # In a table whose rows hold one paragraph each, the next paragraph is the next row's: as a
        # person does, its text is moved up to the end of this one and the emptied row deleted.
        found = _find(doc, op["find"], op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        if cursor.goRight(1, True):
            cursor.setString(op.get("with", ""))
        else:
            table, cell = found.TextTable, found.Cell
            if table is None or cell is None:
                raise ValueError(f"nothing follows {op['find']!r}")
            name = cell.CellName
            column = "".join(ch for ch in name if ch.isalpha())
            row = int("".join(ch for ch in name if ch.isdigit()))
            below = table.getCellByName(f"{column}{row + 1}")
            moved = below.getString()
            found.getText().insertString(cursor, op.get("with", "") + moved, False)
            table.getRows().removeByIndex(row, 1)
    elif kind == "format":
        found = _find(doc, op["find"], op.get("nth", 0))
        if op.get("bold"):
            found.CharWeight = 150.0
        if op.get("italic"):
            found.CharPosture = uno.Enum("com.sun.star.awt.FontSlant", "ITALIC")
    elif kind == "delete_paragraph":
        found = _find(doc, op["find"], op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)
        cursor.setString("")
    elif kind == "insert_row":
        table = _table_with(doc, op["table_with"])
        index = _row_of(table, op["after"]) + 1 if "after" in op else op["index"]
        table.getRows().insertByIndex(index, 1)
        for column, value in enumerate(op.get("cells", [])):
            table.getCellByPosition(column, index).setString(value)
    elif kind == "delete_row":
        table = _table_with(doc, op["table_with"])
        table.getRows().removeByIndex(_row_of(table, op["row_with"]), 1)
    elif kind == "set_cell":
        table = _table_with(doc, op["table_with"])
        table.getCellByPosition(op["column"] - 1, _row_of(table, op["row_with"])).setString(op["value"])
    elif kind == "footer":
        style = doc.getStyleFamilies().getByName("PageStyles").getByName(op.get("page_style", "Standard"))
        style.FooterIsOn = True
        footer = style.FooterText
        footer.insertString(footer.getEnd(), op["text"], False)
    elif kind == "footer_all":
        styles = doc.getStyleFamilies().getByName("PageStyles")
        for name in styles.getElementNames():
            style = styles.getByName(name)
            if style.FooterIsOn:
                footer = style.FooterText
                footer.insertString(footer.getEnd(), op["text"], False)
    elif kind == "comment":
        found = _find(doc, op["find"], op.get("nth", 0))
        note = doc.createInstance("com.sun.star.text.textfield.Annotation")
        note.Content = op["text"]
        note.Author = op.get("author", "Partner")
        found.getText().insertTextContent(found, note, True)
    elif kind == "footnote":
        found = _find(doc, op["after"], op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        note = doc.createInstance("com.sun.star.text.Footnote")
        found.getText().insertTextContent(cursor, note, False)
        note.setString(op["text"])
    elif kind == "append_paragraph":
        found = _find(doc, op["after"], op.get("nth", 0))
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        found.getText().insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        found.getText().insertString(cursor, op["text"], False)
    else:
        raise ValueError(f"unknown writer op {kind}")
    del text


def run_job(desktop, job: dict) -> None:
    source = uno.systemPathToFileUrl(os.path.abspath(job["source"]))
    doc = desktop.loadComponentFromURL(source, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {job['source']}")
    try:
        calc = doc.supportsService("com.sun.star.sheet.SpreadsheetDocument")
        for op in job.get("ops", []):
            (calc_op if calc else writer_op)(doc, op)
        target = os.path.abspath(job["target"])
        suffix = os.path.splitext(target)[1].lower()
        if calc and suffix == ".html":
            raise ValueError("no HTML for a workbook")
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", FILTERS[suffix]), prop("Overwrite", True)))
    finally:
        doc.close(True)


def main() -> int:
    request = json.load(sys.stdin)
    process, context, desktop = start(request["profile"])
    try:
        author = request.get("author", "Partner Partnersen")
        set_author(context, author)
        for job in request["jobs"]:
            run_job(desktop, job)
        print(json.dumps({"ok": True}))
        return 0
    except Exception as exc:  # noqa: BLE001 - reported to the test as text
        print(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"}))
        return 1
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes down with the office
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    sys.exit(main())

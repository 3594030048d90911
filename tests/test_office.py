"""The LibreOffice harness the partner-edit tests stand on really edits."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook
from docx import Document

import office


def test_calc_rows_inserted_moved_and_typed(tmp_path):
    source = tmp_path / "bog.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Ark"
    for row, text in enumerate(["a", "b", "c"], start=1):
        sheet.cell(row=row, column=1, value=text)
        sheet.cell(row=row, column=2, value=row)
    sheet["B4"] = "=SUM(B1:B3)"
    book.save(source)
    target = tmp_path / "rettet.xlsx"
    office.edit(source, target, [
        {"op": "insert_rows", "sheet": "Ark", "row": 2},
        {"op": "set", "sheet": "Ark", "cell": "A2", "value": "ny"},
        {"op": "set", "sheet": "Ark", "cell": "B2", "value": 10},
        {"op": "move_rows", "sheet": "Ark", "row": 4, "to": 1},
    ])
    edited = load_workbook(target)["Ark"]
    assert [edited.cell(row=r, column=1).value for r in range(1, 5)] == ["c", "a", "ny", "b"]
    # the total moved down with the inserted row and its range was rewritten
    # (cutting the range's last row out above it shrinks the range, as in Excel)
    assert edited["B4"].value is None or not str(edited["B4"].value).startswith("=")
    assert edited["B5"].value.startswith("=SUM(") and edited["B5"].value != "=SUM(B1:B3)"


def test_writer_shift_enter_and_tracked_changes(tmp_path):
    source = tmp_path / "tekst.docx"
    document = Document()
    document.add_paragraph("Første del anden del.")
    document.save(source)
    target = tmp_path / "rettet.docx"
    office.edit(source, target, [
        {"op": "line_break_at", "find": "del"},
        {"op": "track_changes"},
        {"op": "replace", "find": "anden", "with": "tredje"},
    ], author="Kirsten Kommune")
    from zipfile import ZipFile

    xml = ZipFile(target).read("word/document.xml").decode()
    assert "<w:br/>" in xml
    assert "<w:ins " in xml and "<w:del " in xml and "Kirsten Kommune" in xml

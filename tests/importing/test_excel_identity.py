"""A workbook reshaped inside LibreOffice (rows inserted, deleted, swapped,
sorted, typed under the last; keys deleted; track changes on) comes back
by identity: exactly the typed values and rows, or refused with nothing
written.  Every edit is made through LibreOffice's API (tests/office.py),
all of them in one LibreOffice start."""
from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

import office
from conftest import AGREEMENT, docgen

from docgen.pipeline import build
from docgen.source.writer import Edit, apply

BUDGET = "06 Budget - Husum-Tingbjerg.xlsx"
MILESTONES = "08 Milepælsplan - Husum-Tingbjerg.xlsx"
REPORT = "10 Indberetningsskema - Husum-Tingbjerg.xlsx"


def _rows(path: Path, sheet: str) -> dict[str, int]:
    """{text in column A or C: its row} of the built workbook, to aim the edits."""
    ws = load_workbook(path)[sheet]
    out = {}
    for row in range(1, ws.max_row + 1):
        for column in (1, 3):
            value = ws.cell(row, column).value
            if isinstance(value, str) and not value.startswith("="):
                out.setdefault(value, row)
    return out


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    office.require()
    base = tmp_path_factory.mktemp("built")
    shutil.copyfile(AGREEMENT, base / "agreement.toml")
    build(base / "agreement.toml", base / "output")
    budget, milestones = base / "output" / BUDGET, base / "output" / MILESTONES
    b = _rows(budget, "Budget")
    m = _rows(milestones, "Milepæle")
    last_milestone = m["Helhedsplanen slutter"]
    # the acceptance edit of the Budget sheet, as a person makes it, row numbers as they are after each step
    expenses = b["Udgifter"]
    admin = b["Administrationsbidrag til fsb som ansvarlig boligorganisation"] + 1  # after the empty row above
    revision = b["Revision af regnskab"] + 2  # after the two inserted rows
    evaluation = b["Lokal evaluering, herunder 1-årseftersyn i efteråret 2025"] + 2  # two rows inserted above
    budget_ops = [
        {"op": "insert_rows", "sheet": "Budget", "row": expenses},            # an empty row above the expenses
        {"op": "insert_rows", "sheet": "Budget", "row": admin + 1},           # a new line under Administrationsbidrag
        {"op": "set", "sheet": "Budget", "cell": f"A{admin + 1}", "value": "Husleje, lokaler"},
        {"op": "set", "sheet": "Budget", "cell": f"C{admin + 1}", "value": 10000},
        {"op": "set", "sheet": "Budget", "cell": f"D{admin + 1}", "value": 12000},
        {"op": "delete_rows", "sheet": "Budget", "row": revision},            # Revision af regnskab
        {"op": "move_rows", "sheet": "Budget", "row": admin + 2, "to": admin},  # IT … swapped with Administrationsbidrag
        {"op": "set", "sheet": "Budget", "cell": f"E{evaluation}", "value": 45000},  # Lokal evaluering, 2026/27
    ]
    milestone_ops = [
        {"op": "insert_rows", "sheet": "Milepæle", "row": m["Din Fritid Festival 2026"]},
        {"op": "set", "sheet": "Milepæle", "cell": f"B{m['Din Fritid Festival 2026']}", "value": "15. marts 2026"},
        {"op": "set", "sheet": "Milepæle", "cell": f"C{m['Din Fritid Festival 2026']}", "value": "Fællesmøde om budget 2027"},
        {"op": "set", "sheet": "Milepæle", "cell": f"F{m['Din Fritid Festival 2026']}", "value": "Helhedsplanen"},
        # typed in the empty row under the last milestone (one row lower after the insert)
        {"op": "set", "sheet": "Milepæle", "cell": f"B{last_milestone + 2}", "value": "3. kvartal 2028"},
        {"op": "set", "sheet": "Milepæle", "cell": f"C{last_milestone + 2}", "value": "Overdragelse til drift"},
    ]
    keys = "H"  # the budget's hidden key column (after Udgifter og finansiering, Årsværk, four periods, I alt)
    it = b["IT, telefoni og kontorhold"]
    outputs = {name: base / f"{name}.xlsx" for name in
               ("budget", "milestones", "tracked", "keys_gone_row", "keys_gone_value", "sorted", "outside",
                "salary_sheet", "milestones_sorted", "milestones_sorted_only", "value", "staff_matrix", "column_deleted")}
    staff = _rows(base / "output" / REPORT, "Årsværk")
    salaries = _rows(budget, "Lønberegning")
    office.edit_many([
        (budget, outputs["budget"], budget_ops),
        (milestones, outputs["milestones"], milestone_ops),
        (budget, outputs["tracked"], [{"op": "track_changes", "on": True},
                                      {"op": "set", "sheet": "Budget", "cell": f"D{it}", "value": 115000}]),
        (budget, outputs["keys_gone_row"], [{"op": "delete_columns", "sheet": "Budget", "column": 8},
                                            {"op": "insert_rows", "sheet": "Budget", "row": it}]),
        (budget, outputs["keys_gone_value"], [{"op": "delete_columns", "sheet": "Budget", "column": 8},
                                              {"op": "set", "sheet": "Budget", "cell": f"D{it}", "value": 115000}]),
        (budget, outputs["sorted"], [
            {"op": "sort", "sheet": "Budget", "range": f"A{it - 1}:G{it}", "by": 1, "descending": True},
            {"op": "set", "sheet": "Budget", "cell": f"D{it - 1}", "value": 115000}]),  # IT … now stands first
        (budget, outputs["outside"], [
            {"op": "insert_rows", "sheet": "Budget", "row": b["Udgifter i alt"] + 1},
            {"op": "set", "sheet": "Budget", "cell": f"A{b['Udgifter i alt'] + 1}", "value": "Uforudsete udgifter"},
            {"op": "set", "sheet": "Budget", "cell": f"C{b['Udgifter i alt'] + 1}", "value": 5000}]),
        (budget, outputs["salary_sheet"], [
            {"op": "rename_sheet", "sheet": "Lønberegning", "name": "Løn"},
            {"op": "move_sheet", "sheet": "Løn", "position": 0},
            {"op": "insert_rows", "sheet": "Løn", "row": salaries["Projektleder"]},
            {"op": "set", "sheet": "Løn", "cell": f"B{salaries['Souschef'] + 1}", "value": 0.9}]),
        # sorted by the filter button's range, which holds the hidden keys; then a title retyped
        (milestones, outputs["milestones_sorted"], [
            {"op": "sort", "sheet": "Milepæle", "range": f"A5:H{last_milestone}", "by": 3},
            {"op": "set", "sheet": "Milepæle", "cell": f"C{last_milestone}", "value": "Valgindsats ved FT26"}]),
        (base / "output" / REPORT, outputs["staff_matrix"], [
            {"op": "insert_rows", "sheet": "Årsværk", "row": staff["Projektleder"]},
            {"op": "insert_columns", "sheet": "Årsværk", "column": 2},
            {"op": "set", "sheet": "Årsværk", "cell": f"C{staff['Projektleder'] + 1}", "value": 0.5}]),
        (budget, outputs["column_deleted"], [{"op": "delete_columns", "sheet": "Budget", "column": 4}]),
        (budget, outputs["value"], [{"op": "set", "sheet": "Budget", "cell": f"D{it}", "value": 115000}]),
        (milestones, outputs["milestones_sorted_only"], [  # which title LibreOffice's collation puts last
            {"op": "sort", "sheet": "Milepæle", "range": f"A5:H{last_milestone}", "by": 3}]),
    ])
    outputs["last_milestone"] = last_milestone
    assert keys == "H" and load_workbook(budget)["Budget"].column_dimensions[keys].hidden
    return outputs


def _import(edited_file: Path, tmp_path: Path, edits_since_build=()):
    """Import into a copy of the agreement (first changed by ``edits_since_build``)."""
    fil = tmp_path / "agreement.toml"
    before = apply(AGREEMENT.read_text(encoding="utf-8"), list(edits_since_build))
    fil.write_text(before, encoding="utf-8")
    result = docgen("import", str(edited_file), "--fil", str(fil), "--ja", cwd=tmp_path)
    return result, before, fil.read_text(encoding="utf-8")


def test_budget_rows_inserted_deleted_swapped_write_exactly_the_typed_values_and_rows(edited, tmp_path):
    result, before, after = _import(edited["budget"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # the file is exactly the original with these edits: a new line after Administrationsbidrag
    # (udgifter[5]), Revision af regnskab (udgifter[8]) removed, Lokal evaluering's 2026/27 set
    expected = apply(before, [
        Edit("insert", ("budget", "udgifter", 5), {"kategori": "administration", "tekst": "Husleje, lokaler",
                                                   "beloeb": {"aar1": Decimal(10000), "aar2": Decimal(12000),
                                                              "aar3": Decimal(0), "aar4": Decimal(0)}}),
        Edit("delete", ("budget", "udgifter", 8)),
        Edit("set", ("budget", "udgifter", 7, "beloeb", "aar3"), Decimal(45000)),
    ])
    assert after == expected
    assert "Husleje, lokaler" in result.stdout and "tilføjet" in result.stdout
    assert "»Revision af regnskab« er slettet" in result.stdout
    # named as a person finds it: sheet, cell, the row's text, the period, old → new
    assert "Budget, celle E" in result.stdout and "»Lokal evaluering, herunder 1-årseftersyn i efteråret 2025«, " \
        "2026/27: 40.000 → 45.000 kr." in result.stdout


def test_milestones_inserted_in_the_middle_and_typed_under_the_last_come_back_as_new(edited, tmp_path):
    result, before, after = _import(edited["milestones"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    last = len(tomllib.loads(before)["milepaele"]) - 1
    expected = apply(before, [
        Edit("insert", ("milepaele", last), {"titel": "Overdragelse til drift", "kvartal": "2028-K3",
                                             "ansvarlig": "[udfyld: den ansvarlige parts id under parter]"}),
        Edit("insert", ("milepaele", last), {"titel": "Fællesmøde om budget 2027", "dato": dt.date(2026, 3, 15),
                                             "ansvarlig": "helhedsplanen"}),
    ])
    assert after == expected  # every existing milestone unchanged
    assert after.index("Fællesmøde om budget 2027") < after.index("Overdragelse til drift")  # in the sheet's order
    assert "tilføjet milepæl »Fællesmøde om budget 2027«" in result.stdout
    assert "den ansvarlige part mangler" in result.stdout


def test_calc_track_changes_refuse_the_workbook_naming_author_and_cell(edited, tmp_path):
    result, before, after = _import(edited["tracked"], tmp_path)
    assert result.returncode == 1
    assert "Partner Partnersen" in result.stdout and "Budget, celle D" in result.stdout
    assert after == before


def test_keys_deleted_and_a_row_inserted_refuse_the_workbook(edited, tmp_path):
    result, before, after = _import(edited["keys_gone_row"], tmp_path)
    assert result.returncode == 1, result.stdout
    assert "intet fra regnearket" in result.stdout
    assert after == before


def test_keys_deleted_but_nothing_moved_still_imports_the_value(edited, tmp_path):
    """A workbook without keys (built before them) imports while every cell stands where docgen put it."""
    result, before, after = _import(edited["keys_gone_value"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert after == apply(before, [Edit("set", ("budget", "udgifter", 6, "beloeb", "aar2"), Decimal(115000))])


def test_a_block_sorted_without_its_keys_is_matched_by_its_texts(edited, tmp_path):
    result, before, after = _import(edited["sorted"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert after == apply(before, [Edit("set", ("budget", "udgifter", 6, "beloeb", "aar2"), Decimal(115000))])


def test_a_row_that_belongs_to_no_list_is_named_and_nothing_is_written(edited, tmp_path):
    result, before, after = _import(edited["outside"], tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Uforudsete udgifter" in result.stdout and "kan ikke placeres" in result.stdout
    assert after == before


def test_a_renamed_moved_salary_sheet_with_a_row_inserted_takes_the_typed_staff_years(edited, tmp_path):
    result, before, after = _import(edited["salary_sheet"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert after == apply(before, [Edit("set", ("medarbejdere", 1, "aarsvaerk"), Decimal("0.9"))])
    assert "»Souschef«, Årsværk: 1 → 0,9 årsværk" in result.stdout


def test_milestones_sorted_with_their_keys_take_the_retyped_title(edited, tmp_path):
    result, before, after = _import(edited["milestones_sorted"], tmp_path)
    assert result.returncode == 0, result.stdout
    titles = [m["titel"] for m in tomllib.loads(before)["milepaele"]]
    last = load_workbook(edited["milestones_sorted_only"])["Milepæle"].cell(edited["last_milestone"], 3).value
    assert after == apply(before, [Edit("set", ("milepaele", titles.index(last), "titel"), "Valgindsats ved FT26")])


NEW_LINE = {"kategori": "andet", "tekst": "Frivilligfest", "beloeb": {"aar1": Decimal(5000), "aar2": Decimal(5000),
                                                                      "aar3": Decimal(5000), "aar4": Decimal(5000)}}


def test_a_line_added_to_the_file_after_the_build_is_kept_not_deleted(edited, tmp_path):
    last = len(tomllib.loads(AGREEMENT.read_text(encoding="utf-8"))["budget"]["udgifter"]) - 1
    result, before, after = _import(edited["value"], tmp_path, [Edit("insert", ("budget", "udgifter", last), NEW_LINE)])
    assert result.returncode == 0, result.stdout
    assert after == apply(before, [Edit("set", ("budget", "udgifter", 6, "beloeb", "aar2"), Decimal(115000))])
    assert "Frivilligfest" in after


def test_lines_shifted_in_the_file_after_the_build_refuse_the_workbook(edited, tmp_path):
    """A line inserted in the middle of the file since the build: the keys' indices no longer name the same lines."""
    result, before, after = _import(edited["value"], tmp_path, [Edit("insert", ("budget", "udgifter", 5), NEW_LINE)])
    assert result.returncode == 1, result.stdout
    assert "agreement.toml er ændret i budget.udgifter" in result.stdout
    assert after == before


def test_the_staff_matrix_with_a_row_and_a_column_inserted_takes_the_typed_staff_years(edited, tmp_path):
    """Indberetningsskema, sheet Årsværk: Projektleder in Uddannelse og livschancer (the first delaftale)."""
    result, before, after = _import(edited["staff_matrix"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert after == apply(before, [Edit("set", ("delaftaler", 0, "medarbejdere", 0, "aarsvaerk"), Decimal("0.5"))])
    assert "Årsværk, celle C" in result.stdout and "»Projektleder«, Uddannelse og livschancer: 0,25 → 0,5 årsværk" \
        in result.stdout


def test_a_deleted_period_column_refuses_the_workbook(edited, tmp_path):
    result, before, after = _import(edited["column_deleted"], tmp_path)
    assert result.returncode == 1, result.stdout
    assert "kolonnen »2025/26« findes ikke længere" in result.stdout
    assert after == before

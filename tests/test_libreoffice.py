"""The generated files in a real office suite.  Every .docx converts to
PDF in LibreOffice, and LibreOffice's own calculation of every workbook
gives, in every formula cell, the value docgen stored with the formula.
Skipped where LibreOffice is not installed; CI installs it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REQUIRED, SOFFICE, TWO_AREAS

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice er ikke installeret")


def convert(files: list[Path], to: str, out: Path) -> None:
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to", to,
         "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr


# (agreement, .docx files, .xlsx files, at least this many formula cells):
# the shipped example, and a plan of another shape (two areas, calendar years)
CASES = {"eksemplet": (None, 7, 3, 100), "to_omraader": (TWO_AREAS, 5, 3, 50)}


@pytest.fixture(scope="module", params=list(CASES))
def case(request, tmp_path_factory):
    """(output folder of one build, expected .docx, .xlsx, formula cells)."""
    path, docx, xlsx, formulas = CASES[request.param]
    if path is None:
        return request.getfixturevalue("built"), docx, xlsx, formulas
    from docgen.pipeline import build

    out = tmp_path_factory.mktemp(request.param)
    build(path, out)
    return out, docx, xlsx, formulas


def test_libreoffice_is_installed_where_required():
    assert SOFFICE or not REQUIRED, "DOCGEN_REQUIRE_LIBREOFFICE=1, men LibreOffice (soffice) findes ikke"


@needs_libreoffice
def test_every_docx_converts_to_pdf(case, tmp_path):
    built, count, _, _ = case
    documents = sorted(built.glob("*.docx"))
    assert len(documents) == count
    convert(documents, "pdf", tmp_path)
    for document in documents:
        pdf = tmp_path / (document.stem + ".pdf")
        assert pdf.exists(), f"{document.name} blev ikke til en PDF"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def without_cached_values(source: Path, target: Path) -> None:
    """A copy of the workbook whose formulas have no stored result, so
    LibreOffice must calculate every one of them itself."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
            out.writestr(info, data)


@needs_libreoffice
def test_libreoffice_recalculation_equals_docgens_cached_values(case, tmp_path):
    built, _, count, at_least = case
    workbooks = sorted(built.glob("*.xlsx"))
    assert len(workbooks) == count
    bare = tmp_path / "bare"
    bare.mkdir()
    for workbook in workbooks:
        without_cached_values(workbook, bare / workbook.name)
    recalculated = tmp_path / "recalculated"
    convert(sorted(bare.glob("*.xlsx")), "xlsx", recalculated)
    checked = 0
    for workbook in workbooks:
        formulas = load_workbook(workbook)
        cached = load_workbook(workbook, data_only=True)
        office = load_workbook(recalculated / workbook.name, data_only=True)
        for sheet in formulas.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    mine = cached[sheet.title][cell.coordinate].value
                    theirs = office[sheet.title][cell.coordinate].value
                    assert mine is not None, f"{workbook.name} {sheet.title}!{cell.coordinate} har ingen gemt værdi"
                    assert theirs == pytest.approx(mine, rel=1e-12, abs=1e-9), (
                        f"{workbook.name} {sheet.title}!{cell.coordinate} {cell.value}: docgen {mine}, LibreOffice {theirs}"
                    )
                    checked += 1
    assert checked > at_least

"""Partner edits made inside LibreOffice, for tests.

A partner reshapes documents in Word and Excel: rows inserted above a line,
a row dragged, a block sorted, Shift+Enter, track changes.  python-docx and
openpyxl never reshape a document as an office suite does, so the tests
that matter drive LibreOffice itself through its API (UNO), from Debian's
python3 that has the ``uno`` module (tests/office_uno.py does the work).

    edit(source, target, [{"op": "insert_rows", "sheet": "Budget", "row": 27}])
    edit_many([(source, target, ops), …])   # one LibreOffice start for all

Operations (rows and columns 1-based, as a person counts them):

Calc: insert_rows/delete_rows {sheet,row,count}, insert_columns/
delete_columns {sheet,column,count}, set {sheet,cell,value} (a number,
a text, or "=formula"), clear {sheet,range}, move_rows {sheet,row,count,to},
sort {sheet,range,by,descending}, rename_sheet, move_sheet, delete_sheet,
track_changes {on}.

Writer: replace {find,with,nth}, type_after {find,text,break:"line"|
"paragraph"}, line_break_at {find} (Shift+Enter in place of the space after
``find``), paragraph_break_at {find} (Enter there), join_next {find,with} (in a table of a
paragraph a row: the next row's text moved up, the row deleted)
(Delete at the end of find's paragraph, ``with`` typed at the join), format {find,bold,italic}, delete_paragraph {find},
append_paragraph {after,text}, insert_row {table_with,after|index,cells},
delete_row {table_with,row_with}, set_cell {table_with,row_with,column,
value}, footer {text}, footer_all {text}, footnote {after,text}, comment {find,text},
track_changes {on}.

``target``'s suffix picks the format (.docx, .xlsx, .doc, .odt, .html).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = TESTS / "office_uno.py"
REQUIRED = os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1"


def available() -> bool:
    """LibreOffice and Debian's python3 with uno are both here."""
    if not (shutil.which("soffice") and os.path.exists(SYSTEM_PYTHON)):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


def require() -> None:
    """Skip the test without LibreOffice's API; fail where CI installed it."""
    if not available():
        if REQUIRED:
            pytest.fail("LibreOffice med python3-uno skal være installeret (DOCGEN_REQUIRE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice med python3-uno er ikke installeret")


def edit_many(jobs, author: str = "Partner Partnersen", timeout: int = 300) -> None:
    """Apply each (source, target, ops) inside one LibreOffice."""
    require()
    with tempfile.TemporaryDirectory(prefix="docgen-office-") as work:
        request = {
            "profile": Path(work, "profil").as_uri(),
            "author": author,
            "jobs": [{"source": str(s), "target": str(t), "ops": list(ops)} for s, t, ops in jobs],
        }
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        result = subprocess.run([SYSTEM_PYTHON, str(SCRIPT)], input=json.dumps(request), capture_output=True,
                                text=True, timeout=timeout, env=env)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    answer = json.loads(lines[-1]) if lines else {"ok": False, "error": result.stderr[-2000:]}
    if not answer["ok"]:
        raise AssertionError(f"LibreOffice edit failed: {answer['error']}")


def edit(source: Path, target: Path, ops, author: str = "Partner Partnersen") -> Path:
    edit_many([(source, target, ops)], author=author)
    return target

"""What the page shows of the agreement as it is now: its problems, each
with its line, field, the TOML lines around it and the message docgen
gives everywhere else, grouped by document and section; and its numbers,
the staff-year matrix and the budget per period, with what does not add
up marked where it is.

Only loading and checking (no Word or Excel library): a save is on the
page within a fraction of a second.  A file that does not load (a syntax
error, a wrong type) has no numbers; the page then keeps the last good
ones and says so.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import WARNING, Diagnostic, DocgenError, InputError, in_file_order

CONTEXT_LINES = 2

# the agreement file's top-level keys -> the document a reader finds them in
DOCUMENT_OF = {
    "delaftaler": "Delaftaler",
    "budget": "Budget",
    "medarbejdere": "Budget",
    "milepaele": "Milepælsplan",
    "beredskabsplan": "Beredskabsplan",
    "kommissorium": "Kommissorium for bestyrelsen",
    "revisioner": "Revisioner og uploads",
    "dokumenter": "Revisioner og uploads",
}
STRATEGIC = "Strategisk samarbejdsaftale"


def group_of(path: str, sub_agreement_names: dict[int, str]) -> tuple[str, str]:
    """('Delaftale: Beskæftigelse', 'aktiviteter') for 'delaftaler[2].aktiviteter[1].formaal'."""
    if not path:
        return "Aftalefilen", ""
    parts = re.split(r"[.\[]", path)
    top = parts[0]
    section = next((p for p in parts[1:] if p and not p[0].isdigit()), "")
    if top == "delaftaler":
        match = re.match(r"delaftaler\[(\d+)\]", path)
        name = sub_agreement_names.get(int(match.group(1))) if match else None
        return (f"Delaftale: {name}" if name else "Delaftaler"), section
    return DOCUMENT_OF.get(top, STRATEGIC), top if top not in DOCUMENT_OF else section


def context(text_lines: list[str], line: int | None) -> list[tuple[int, str]]:
    """The file's lines around ``line`` (1-based), numbered."""
    if line is None or not text_lines:
        return []
    first = max(1, line - CONTEXT_LINES)
    last = min(len(text_lines), line + CONTEXT_LINES)
    return [(n, text_lines[n - 1]) for n in range(first, last + 1)]


def _problem(d: Diagnostic, text_lines: list[str], names: dict[int, str]) -> dict:
    document, section = group_of(d.path, names)
    return {
        "alvor": "advarsel" if d.severity == WARNING else "fejl",
        "linje": d.line,
        "felt": d.path,
        "besked": d.message,
        "tekst": str(d),
        "dokument": document,
        "afsnit": section,
        "omkring": [{"nr": n, "tekst": t, "her": n == d.line} for n, t in context(text_lines, d.line)],
    }


def _staff(agreement) -> dict:
    from ..figures.staff import matrix_table, staff_matrix

    rows = matrix_table(staff_matrix(agreement))
    header, body = rows[0], rows[1:]
    # a role's row is off where its sum over the areas is not its staffing plan
    marked = [i for i, row in enumerate(body[:-1]) if row[-2] != row[-1]]
    return {"hoved": header, "raekker": body, "skaeve": marked}


def _budget(agreement) -> dict | None:
    from ..figures.budget_math import budget_table

    try:
        rows = budget_table(agreement)
    except Exception:  # noqa: BLE001 - the checks say why the budget does not compute
        return None
    header = [rows[0][0]] + rows[0][1]
    body = [None if r is None else [r[0]] + r[1] for r in rows[2:]]
    marked = []
    for i, row in enumerate(body):
        if row and row[0].startswith("Forskel") and any(cell not in ("0", "–") for cell in row[1:]):
            marked.append(i)
    return {"hoved": header, "raekker": body, "skaeve": marked}


def snapshot(path: Path) -> dict:
    """The page's status and numbers for the agreement file at ``path``.

    ``gyldig``: the file loaded (numbers are its own); ``klar``: no errors
    (a build would run); ``problemer`` in file order."""
    from .. import checks
    from ..model.lbf import AREA_SHORT
    from ..pipeline import warnings
    from ..source.load import load

    try:
        text_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        text_lines = []
    try:
        source, agreement = load(path)
    except InputError as error:
        problems = [_problem(d, text_lines, {}) for d in in_file_order(error.diagnostics)]
        return {"gyldig": False, "klar": False, "problemer": problems, "aarsvaerk": None, "budget": None}
    except DocgenError as error:
        problem = {"alvor": "fejl", "linje": None, "felt": "", "besked": str(error), "tekst": str(error),
                   "dokument": "Aftalefilen", "afsnit": "", "omkring": []}
        return {"gyldig": False, "klar": False, "problemer": [problem], "aarsvaerk": None, "budget": None}
    names = {i + 1: AREA_SHORT[sub.area] for i, sub in enumerate(agreement.sub_agreements)}
    found = [source.diagnostic(f.path, f.message, text_line=f.text_line) for f in checks.run(agreement)]
    found += warnings(source, agreement)
    problems = [_problem(d, text_lines, names) for d in in_file_order(found)]
    return {
        "gyldig": True,
        "klar": not any(p["alvor"] == "fejl" for p in problems),
        "problemer": problems,
        "aarsvaerk": _staff(agreement),
        "budget": _budget(agreement),
    }

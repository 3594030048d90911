"""An edited workbook back into agreement.toml.

The workbook docgen would write is built from the traced agreement (no
file is rendered: a document module's Workbook says what each cell holds).
A cell whose value carries a field's mark is an input (the yellow cells:
amounts, årsværk, årsløn, timeløn; and texts such as a milestone's title):
its new value changes that field.  A formula must come back as the same
formula; a typed number where a formula was, a changed formula, or a
changed cell of docgen's own text is reported and not taken.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from ..documents.workbook import FIRST_ROW, Formula, Workbook
from ..source.trace import plain, segments
from .align import Change, Refusal, Traced, Aligner, parse_number
from .package import Package, Refused
from .word import Block


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
    best = None
    closest: tuple[int, list[str], object] | None = None  # (sheets found, sheets missing, document)
    for candidate in candidates:
        names = [s.name for s in candidate.context.sheets]
        missing = [n for n in names if n not in book.sheetnames]
        if not missing:
            best = candidate
            break
        if len(names) > len(missing) and (closest is None or len(names) - len(missing) > closest[0]):
            closest = (len(names) - len(missing), missing, candidate)
    if best is None:
        if closest is not None:  # the workbook is one of them, with sheets renamed or deleted
            _, missing, document = closest
            extra = [n for n in book.sheetnames if n not in [s.name for s in document.context.sheets]]
            renamed = f"; regnearket har i stedet {', '.join(f'»{n}«' for n in extra)}" if extra else ""
            result.error = (f"regnearket ligner {document.title}, men {'arket' if len(missing) == 1 else 'arkene'} "
                            f"{', '.join(f'»{n}«' for n in missing)} mangler{renamed}. docgen finder felterne ved "
                            "arkenes navne: giv arkene deres navne igen (eller fortryd sletningen), og importér igen")
            return result
        result.error = ("regnearket ligner ikke budgettet, milepælsplanen eller indberetningsskemaet, docgen laver "
                        "ud fra denne aftale (arkene mangler)")
        return result
    result.document = best
    traced: Workbook = importer.traced_documents[best.doc_id].context
    plain_book: Workbook = best.context
    aligner = Aligner([], [], importer.sources)
    mismatched = 0
    compared = 0
    for sheet, plain_sheet in zip(traced.sheets, plain_book.sheets):
        ws = book[sheet.name]
        for r, (row, plain_row) in enumerate(zip(sheet.rows, plain_sheet.rows)):
            for c, (cell, plain_cell) in enumerate(zip(row, plain_row)):
                where = f"arket '{sheet.name}', celle {ws.cell(FIRST_ROW + r, c + 1).coordinate}"
                edited = ws.cell(FIRST_ROW + r, c + 1).value
                value = cell.value
                mark = getattr(value, "source_mark", None)
                if mark is not None and importer.sources[mark.number].kind != "number":
                    source = importer.sources[mark.number]
                    compared += 1
                    if _shown(edited) != source.value:
                        result.changes.append(Change("set", source, source.value, _shown(edited)))
                    continue
                if mark is not None:
                    source = importer.sources[mark.number]
                    compared += 1
                    if isinstance(edited, str) and edited.startswith("="):
                        result.refused.append(Refusal(where, str(source.value), edited,
                                                      "en gul celle er et tal, du taster; en formel her tages ikke"))
                        continue
                    number = _number(edited) if edited is not None else Decimal(0)
                    if number is None:
                        result.refused.append(Refusal(where, str(source.value), _shown(edited),
                                                      "cellen skal være et tal"))
                        continue
                    if number != Decimal(source.value):
                        if number != number.to_integral_value() and source.path[-2:-1] == ("beloeb",):
                            result.refused.append(Refusal(where, str(source.value), _shown(edited),
                                                          "beløb er hele kroner"))
                            continue
                        result.changes.append(Change("set", source, source.value, number))
                    continue
                if isinstance(value, str) and segments(value) and any(s.field for s in segments(value)):
                    compared += 1
                    text = _shown(edited)
                    block = Block(plain(value), plain(value), "")
                    aligner.inline(Traced(block, segments(value), None), Block(text, text, ""))
                    if text != plain(value):
                        mismatched += 1
                    continue
                if isinstance(plain_cell.value, Formula):
                    compared += 1
                    if not (isinstance(edited, str) and edited.startswith("=")):
                        mismatched += 1
                        result.refused.append(Refusal(
                            where, plain_cell.value.expr, _shown(edited),
                            "en beregnet celle er ændret til et tal; ret de gule celler (eller agreement.toml), "
                            "så regner arket selv",
                        ))
                    elif _formula_key(edited) != _formula_key(plain_cell.value.expr):
                        mismatched += 1
                        result.refused.append(Refusal(where, plain_cell.value.expr, edited,
                                                      "en beregnet celles formel er ændret; den tages ikke"))
                    continue
                expected = plain_cell.value
                if expected is None and edited in (None, ""):
                    continue
                compared += 1
                if _same(expected, edited):
                    continue
                mismatched += 1
                result.refused.append(Refusal(where, _shown(expected), _shown(edited),
                                              "cellen kan ikke rettes her (den er docgens egen tekst, et tal "
                                              "regnet ud af andre, eller et felt, docgen endnu ikke tager "
                                              "tilbage fra Excel, fx en milepæls tidspunkt eller status); "
                                              "ret den i agreement.toml"))
    if compared and mismatched / compared > 0.5:
        result.error = ("regnearket ligner ikke det, docgen laver ud fra denne aftale (over halvdelen af cellerne "
                        "er anderledes). Er det fra en anden aftale? Angiv den rigtige aftalefil med --fil")
        result.changes, result.refused = [], []
        return result
    found = aligner.result
    aligner.finish()
    result.changes += found.changes
    result.refused += found.refused
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


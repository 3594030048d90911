"""One guard for every value where it enters docgen, right after the TOML
is parsed: what no field can take, whatever the field.

- a control character Word cannot hold, or a bidi/direction control that
  could make a name read otherwise than it is (U+202E and kin);
- a line break in a one-line text: every text but the Markdown ones and
  the table cells' (names, ids, headings end up in file names, tables and
  Uploadliste.md);
- a date-time or a time where docgen only ever takes dates;
- a date whose year a zip file (.docx, .xlsx) cannot store (1980-2107);
- a text longer than an Excel cell holds (it would be cut);
- a number so large that Decimal arithmetic would overflow its precision.
"""
from __future__ import annotations

import datetime as dt
import re
import typing
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..figures.formatting import danish_number

# Characters XML 1.0 (and so Word) cannot hold, apart from tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Direction controls: embeddings, overrides, isolates and marks.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = re.compile("[\n\r\u0085\u2028\u2029]")
_SUSPECT = re.compile("|".join(p.pattern for p in (CONTROL, BIDI, LINE_BREAK)))

# Excel's limit for the text of one cell; texts go into the workbooks too,
# so no text may be longer (a real one is far shorter).
MAX_TEXT = 32_767
# The years a zip entry's DOS timestamp can hold.
FIRST_YEAR, LAST_YEAR = 1980, 2107
# Far above any amount or count in an agreement, far below Decimal's 28 digits.
MAX_NUMBER = Decimal(10) ** 15


def value_problem(value: Any, path: tuple) -> str | None:
    """What is wrong with one value of the parsed TOML, in Danish, or None."""
    if isinstance(value, str):
        if len(value) <= MAX_TEXT and not _SUSPECT.search(value):
            return None  # almost every text: one search instead of three
        if CONTROL.search(value):
            return "teksten indeholder et kontroltegn, som Word ikke kan vise. Slet tegnet"
        if BIDI.search(value):
            return ("teksten indeholder et usynligt tegn, der vender skriveretningen (fx U+202E), "
                    "så teksten kan se anderledes ud, end den er. Slet tegnet")
        if len(value) > MAX_TEXT:
            return (f"teksten er {danish_number(len(value))} tegn lang; et felt kan højst have "
                    f"{danish_number(MAX_TEXT)} tegn (så meget kan en celle i Excel rumme). Gør teksten kortere")
        if LINE_BREAK.search(value) and not is_multiline(path):
            return ("teksten skal stå på én linje (det er et navn, et id eller en overskrift). "
                    "Skriv den uden linjeskift")
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return "skal være en dato uden klokkeslæt, fx 2024-09-01"
    if isinstance(value, dt.date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return (f"året {value.year} kan ikke bruges (Word- og Excel-filer kan kun rumme årene "
                    f"{FIRST_YEAR}-{LAST_YEAR}); er året tastet forkert?")
        return None
    if isinstance(value, dt.time):
        return "skal være en dato, ikke et klokkeslæt, fx 2024-09-01"
    if isinstance(value, (int, Decimal)):
        if isinstance(value, Decimal) and not value.is_finite():
            return None  # the model says "skal være et endeligt tal"
        if abs(value) > MAX_NUMBER:
            return "tallet er alt for stort; er der tastet for mange nuller?"
    return None


def is_multiline(path: tuple) -> bool:
    """Whether the TOML path names a Markdown text or a table cell's text
    (ints, list indexes, are left out of the comparison)."""
    return tuple(p for p in path if not isinstance(p, int)) in _multiline_paths()


@cache
def _multiline_paths() -> frozenset[tuple[str, ...]]:
    """The alias paths of every Markdown or cell-text field of the model
    (read from the types pydantic has already resolved, so no annotation is
    evaluated)."""
    from ..model.agreement import LINES, MARKDOWN, AgreementFile

    found: set[tuple[str, ...]] = set()

    def walk(model: type[BaseModel], prefix: tuple[str, ...], seen: tuple) -> None:
        for name, field in model.model_fields.items():
            key = prefix + (field.alias or name,)
            if any(mark in field.metadata or mentions(field.annotation, mark) for mark in (MARKDOWN, LINES)):
                found.add(key)
            for inner in _models(field.annotation):
                if inner not in seen:
                    walk(inner, key, seen + (inner,))

    walk(AgreementFile, (), (AgreementFile,))
    return frozenset(found)


def mentions(hint: Any, mark: object) -> bool:
    """Whether ``mark`` is in the type or in a type inside it (Annotated's
    metadata included)."""
    return any(arg is mark or mentions(arg, mark) for arg in typing.get_args(hint))


def _models(hint: Any) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [m for arg in typing.get_args(hint) for m in _models(arg)]

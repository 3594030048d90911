"""Where each text and number of a document came from in agreement.toml.

`docgen import` renders a document from a *traced* copy of the agreement:
every value written in agreement.toml that a document may show (texts,
Markdown texts, numbers) carries a mark naming its field.  A plain text
carries its mark inside the text, as invisible characters from Unicode's
private use area around it (they pass through f-strings and joins as the
text does); a Markdown text and a number carry it as an attribute
(``source_mark``), which the renderer (render/docx.py) and the number
formatting (figures/formatting.py) put around what they make of the value.
Reading the rendered document then says, for every paragraph and cell,
which fields made which part of it.

Ids and references (parties, roles, areas), choices (status, category) and
values not written in the file (a default from the pulje) carry no mark:
they are docgen's, not text a partner can change in a document.
"""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ..model.agreement import MARKDOWN, AgreementFile
from .guard import mentions

Path = tuple[str | int, ...]

# private use characters: open, digits of the field number, separator, close
_OPEN, _SEP, _CLOSE, _END = "\ue000", "\ue001", "\ue002", "\ue003"
_DIGIT0 = 0xE010
MARK_CHARACTERS = re.compile("[\ue000-\ue0ff]")
_MARK = re.compile("(\ue000|\ue002)([\ue010-\ue019]+)(?:\ue001|\ue003)")
# keys whose values are ids or references, never text of a document
_REFERENCE_KEYS = {"id", "omraade", "pulje", "parter", "part", "under", "organisation",
                   "hvem", "informeres", "kontakter", "dokumenter", "organ", "ansvarlig", "aktivitet",
                   "illustrativt"}


def _code(number: int) -> str:
    return "".join(chr(_DIGIT0 + int(d)) for d in str(number))


@dataclass(frozen=True)
class Mark:
    """The mark of one field: ``open`` + what the document shows + ``close``."""

    number: int

    @property
    def open(self) -> str:
        return _OPEN + _code(self.number) + _SEP

    @property
    def close(self) -> str:
        return _CLOSE + _code(self.number) + _END

    def wrap(self, text: str) -> str:
        return self.open + text + self.close


@dataclass(frozen=True)
class Origin:
    """One traced field: its TOML path (keys and 0-based indices), its
    kind ('text', 'markdown' or 'number') and its value in the file."""

    path: Path
    kind: Literal["text", "markdown", "number", "table"]  # table: a row of a document's table (importing/built/align.py)
    value: Any
    in_list: bool = False  # an element of a list of texts (målgrupper, opgaver …)


class TracedStr(str):
    """A Markdown text with its field's mark."""

    source_mark: Mark


class TracedDecimal(Decimal):
    source_mark: Mark


class TracedInt(int):
    source_mark: Mark


def _with_mark(cls, value, mark: Mark):
    traced = cls(value)
    traced.source_mark = mark
    return traced


def _has_pattern(hint: Any, metadata: list) -> bool:
    items = list(metadata)
    stack = [hint]
    while stack:
        h = stack.pop()
        if typing.get_origin(h) is Literal:
            return True
        for arg in typing.get_args(h):
            stack.append(arg)
            items.append(arg)
    return any(getattr(m, "pattern", None) for m in items)


@cache
def _fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    """(name, TOML key, may carry a mark, is Markdown) for each field of a model class."""
    return [
        (name, field.alias, field.alias not in _REFERENCE_KEYS and not _has_pattern(field.annotation, field.metadata),
         MARKDOWN in field.metadata or mentions(field.annotation, MARKDOWN))
        for name, field in model.model_fields.items()
    ]


class _Tracer:
    def __init__(self) -> None:
        self.sources: dict[int, Origin] = {}

    def mark(self, source: Origin) -> Mark:
        number = len(self.sources) + 1
        self.sources[number] = source
        return Mark(number)

    def model(self, model: BaseModel, path: Path) -> BaseModel:
        values = {}
        fields_set = model.model_fields_set
        for name, alias, traceable, markdown in _fields(type(model)):
            value = getattr(model, name)
            if traceable and name in fields_set:
                value = self.value(value, path + (alias,), markdown)
            elif isinstance(value, (BaseModel, list)):
                value = self.value(value, path + (alias,), False, models_only=True)
            values[name] = value
        return type(model).model_construct(_fields_set=set(fields_set), **values)

    def value(self, value: Any, path: Path, markdown: bool, models_only: bool = False, in_list: bool = False) -> Any:
        if isinstance(value, BaseModel):
            return self.model(value, path)
        if isinstance(value, list):
            return [self.value(v, path + (i,), markdown, models_only, in_list=True) for i, v in enumerate(value)]
        if models_only:
            return value
        if isinstance(value, dict):
            return {k: self.value(v, path + (k,), markdown) for k, v in value.items()}
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, str):
            if markdown:
                return _with_mark(TracedStr, value, self.mark(Origin(path, "markdown", value, in_list)))
            return self.mark(Origin(path, "text", value, in_list)).wrap(value)
        if isinstance(value, Decimal):
            return _with_mark(TracedDecimal, value, self.mark(Origin(path, "number", value)))
        if isinstance(value, int):
            return _with_mark(TracedInt, value, self.mark(Origin(path, "number", value)))
        return value


def traced(agreement: AgreementFile) -> tuple[AgreementFile, dict[int, Origin]]:
    """A copy of ``agreement`` whose values carry marks, and the field of each mark."""
    tracer = _Tracer()
    copy = tracer.model(agreement, ())
    return copy, tracer.sources


@dataclass(frozen=True)
class Segment:
    """A piece of a traced text: docgen's own text (``field`` None) or
    what field ``field`` made."""

    text: str
    field: int | None


def segments(text: str) -> list[Segment]:
    """A traced text cut into docgen's own text and the fields' parts.  A
    field inside another (a name inside a marked sentence) is part of the
    outer one."""
    out: list[Segment] = []
    depth: list[int] = []
    at = 0
    buffer = ""
    for match in _MARK.finditer(text):
        buffer += text[at:match.start()]
        at = match.end()
        number = int("".join(str(ord(c) - _DIGIT0) for c in match.group(2)))
        opening = match.group(1) == _OPEN
        if opening:
            if not depth and buffer:
                out.append(Segment(buffer, None))
                buffer = ""
            depth.append(number)
        elif depth and depth[-1] == number:
            depth.pop()
            if not depth:
                out.append(Segment(buffer, number))
                buffer = ""
    buffer += text[at:]
    if buffer:
        out.append(Segment(buffer, depth[0] if depth else None))
    return out


def mark_numbers(text: str) -> list[tuple[bool, int]]:
    """(opening?, field number) of every mark in ``text``, in order."""
    return [(m.group(1) == _OPEN, int("".join(str(ord(c) - _DIGIT0) for c in m.group(2))))
            for m in _MARK.finditer(text)]


def plain(text: str) -> str:
    """``text`` without marks."""
    return MARK_CHARACTERS.sub("", text)

"""What each document was made from, stored in the document itself.

Every built document carries a custom document property, ``docgen``, that
Word and LibreOffice keep when they save: the agreement's name, what
identifies the agreement through a rename (``kendetegn``: a digest of the
pulje, the period and the parties' ids, none of which an import can
change), the document's id, and for every field of agreement.toml the document shows, a
short fingerprint of the field's value at the time of the build.
`docgen import` reads it back: a document from another agreement is
refused, and a field that agreement.toml has changed since the document
was made is never overwritten by the document's older text (a partner
edited a document built before the change: both sides are shown).
"""
from __future__ import annotations

import base64
import hashlib
import json
import zlib
from typing import Any

from ..model.agreement import AgreementFile
from ..source.trace import Mark, Origin, mark_numbers, traced
from .base import Document, Md

PROPERTY = "docgen"
VERSION = 1
MAX_UNPACKED = 5 * 1024 * 1024
MAX_TEXT = 8 * 1024 * 1024  # the property's base64 text; docgen's own is a few kB


def path_key(path: tuple) -> str:
    return ".".join(str(k) for k in path)


def fingerprint(kind: str, value: Any) -> str:
    """A short digest of a field's value: a text by its words (the spaces
    and line breaks between them do not count), a number by its value."""
    if kind == "number":
        text = format(value.normalize() if hasattr(value, "normalize") else value, "f") \
            if not isinstance(value, int) else str(value)
    else:
        text = " ".join(str(value).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _marks(value: Any, found: set[int]) -> None:
    mark = getattr(value, "source_mark", None)
    if isinstance(mark, Mark):
        found.add(mark.number)
    if isinstance(value, str):
        if "\ue000" in value:
            found.update(n for _, n in mark_numbers(value))
    elif isinstance(value, Md):
        _marks(value.text, found)
    elif isinstance(value, dict):
        for v in value.values():
            _marks(v, found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _marks(v, found)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _marks(getattr(value, name), found)


def fields_of(document: Document, sources: dict[int, Origin], known: dict[int, tuple[str, str]]) -> dict[str, str]:
    """{field path: fingerprint} of every field a (traced) document shows;
    ``known`` keeps each field's once computed."""
    found: set[int] = set()
    _marks(document.context, found)
    _marks(document.version, found)
    for n in found:
        if n not in known:
            known[n] = (path_key(sources[n].path), fingerprint(sources[n].kind, sources[n].value))
    return dict(known[n] for n in sorted(found))


def identity(agreement: AgreementFile) -> str:
    """What names the agreement whatever it is called: its pulje, its
    period and its parties' ids (ids and dates are never changed by an
    import; a rename is)."""
    a = agreement.agreement
    key = json.dumps([a.pulje, a.start.isoformat(), a.end.isoformat(), sorted(p.id for p in agreement.parties)],
                     ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def encode(agreement_name: str, doc_id: str, fields: dict[str, str], key: str | None = None) -> str:
    content = {"v": VERSION, "aftale": agreement_name, "dokument": doc_id, "felter": fields}
    if key is not None:
        content["kendetegn"] = key
    data = json.dumps(content,
                      ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(data, 9)).decode("ascii")


def decode(text: str) -> dict | None:
    """The property's content, or None when it is not docgen's: parsed
    with bounds on its size, its unpacked size and its nesting (a crafted
    property of 100.000 brackets is no property, not an internal error)."""
    if len(text) > MAX_TEXT:
        return None
    try:
        packed = base64.b64decode(text.encode("ascii"), validate=True)
        unpacked = zlib.decompressobj().decompress(packed, MAX_UNPACKED)  # never more, whatever it claims
        data = json.loads(unpacked)
    except (ValueError, zlib.error, UnicodeError, RecursionError, MemoryError):
        return None
    if not (isinstance(data, dict) and data.get("v") == VERSION and isinstance(data.get("felter"), dict)
            and isinstance(data.get("aftale"), str) and isinstance(data.get("dokument"), str)
            and isinstance(data.get("kendetegn", ""), str)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in data["felter"].items())):
        return None
    return data


def provenance(agreement: AgreementFile, documents: list[Document]) -> dict[str, str]:
    """{document id: the property's text} for the agreement's documents."""
    from . import all_documents

    copy, sources = traced(agreement)
    name = agreement.agreement.area_name
    known: dict[int, tuple[str, str]] = {}
    key = identity(agreement)
    return {d.doc_id: encode(name, d.doc_id, fields_of(d, sources, known), key) for d in all_documents(copy)}

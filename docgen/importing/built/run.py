"""`docgen import`: edited documents → the changes to agreement.toml.

For each document: open it safely (package.py), find which of the
agreement's documents it is (its title, then how much of it matches),
render that document from a traced copy of the agreement
(source/trace.py), and align the two (align.py for Word, excel.py for
Excel).  Tracked changes and comments are listed; a document with tracked
changes gives no changes at all until they are accepted or rejected.

Three versions, as a merge (Importer.checked): what the document was made
from (the fingerprints in its provenance, documents/provenance.py), the
document now, agreement.toml now.  Only what the document's author changed
is a change; what the file gained or lost since the build stays as the
file has it; a field changed on both sides is a conflict.  A document is
this agreement's by its name or, renamed since, by its identity (pulje,
period, parties' ids).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ...documents import all_documents
from ...documents.base import Document
from ...model.agreement import AgreementFile
from ...render.templates import folder_for
from ...source.load import format_path
from ...source.trace import Origin, plain, traced
from ...source.writer import Edit
from .align import Change, Refusal, align
from ..shared.package import Package, Refused, open_package
from ..shared.word import Comment, TrackedChange, WordDocument

# below this share of matching paragraphs a document is not the agreement's
SAME_DOCUMENT = 0.5


@dataclass
class DocumentImport:
    path: Path
    document: Document | None = None
    changes: list[Change] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    tracked: list[TrackedChange] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    error: str | None = None  # the whole document is refused
    stale: list[Change] = field(default_factory=list)  # fields the document shows as they were before the file changed
    gained: list[Origin] = field(default_factory=list)  # what the file gained since the build (the document lacks it)
    conflicts: list[Refusal] = field(default_factory=list)  # changed both in the file and in the document
    lost: list[str] = field(default_factory=list)  # what the document shows and the file lost since the build


def read_word(package: Package) -> WordDocument:
    """Every text of the document, wherever it stands (word.read_word)."""
    from ..shared.word import read_word as read_all

    return read_all(package)


def _rendered_word(document: Document, template_dir: Path | None) -> WordDocument:
    from ...render.docx import render

    data = render(document, folder_for(document.template, template_dir))
    return read_word(Package(Path(document.filename), ".docx", data))


def _similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / max(len(a), len(b))


class Importer:
    """Imports documents against one agreement; the traced documents are made once."""

    def __init__(self, agreement: AgreementFile, template_dir: Path | None = None) -> None:
        self.agreement = agreement
        self.template_dir = template_dir
        self.traced_agreement, self.sources = traced(agreement)
        self.documents = all_documents(agreement)
        self.traced_documents = {d.doc_id: d for d in all_documents(self.traced_agreement)}
        self._rendered: dict[str, WordDocument] = {}
        self._fingerprints: dict[str, str] | None = None
        self._shapes_of: tuple[dict | None, dict[str, set[str]]] = (None, {})  # one document's recorded fields

    def rendered(self, document: Document) -> WordDocument:
        if document.doc_id not in self._rendered:
            self._rendered[document.doc_id] = _rendered_word(self.traced_documents[document.doc_id], self.template_dir)
        return self._rendered[document.doc_id]

    def candidates(self, package: Package) -> list[Document]:
        kind = package.kind
        mine = [d for d in self.documents if d.filename.endswith(kind)]
        title = package.title()
        by_title = [d for d in mine if d.title == title]
        return by_title or mine

    def one(self, path: Path) -> DocumentImport:
        result = DocumentImport(path)
        try:
            package = open_package(path)
            made_from = self.made_from(package)
            if made_from and not self.same_agreement(made_from):
                result.error = (
                    f"dokumentet er lavet ud fra aftalen for »{made_from.get('aftale')}«, men "
                    f"denne aftalefil er for »{self.agreement.agreement.area_name}«. Angiv den rigtige "
                    "aftalefil med --fil"
                )
                return result
            if package.kind == ".xlsx":
                from .excel import import_workbook

                return self.checked(import_workbook(self, package, result), made_from)
            edited = read_word(package)
        except Refused as exc:
            result.error = str(exc)
            return result
        return self.checked(self.word(package, edited, result, made_from), made_from)

    def made_from(self, package: Package) -> dict | None:
        """What the document says it was made from; Refused when it names
        one of this agreement's documents of the other kind (a workbook
        calling itself the strategic agreement)."""
        from ...documents.provenance import PROPERTY, decode

        text = package.custom_property(PROPERTY)
        made = decode(text) if text else None
        if made and made.get("aftale") == self.agreement.agreement.area_name:
            named = next((d for d in self.documents if d.doc_id == made["dokument"]), None)
            if named is not None and not named.filename.endswith(package.kind):
                kinds = {".docx": "et Word-dokument", ".xlsx": "et Excel-regneark"}
                raise Refused(
                    f"filen er {kinds.get(package.kind, package.kind)}, men dens egenskab »docgen« siger, at den er "
                    f"{named.title}, som er {kinds.get(named.filename[-5:], '')}; egenskaben er ændret eller "
                    "kopieret uden for docgen. Importér det dokument, docgen lavede, eller lav det igen med "
                    "docgen build")
        return made

    def same_agreement(self, made_from: dict) -> bool:
        """The document was made from this agreement: the same name, or
        (renamed since, through an import) the same identity; a document
        made before the identity was recorded: most of the fields it
        recorded still have their value."""
        from ...documents.provenance import identity

        if made_from.get("aftale") == self.agreement.agreement.area_name:
            return True
        if "kendetegn" in made_from:
            return made_from["kendetegn"] == identity(self.agreement)
        recorded = made_from.get("felter") or {}
        now = self.fingerprints()
        same = sum(1 for key, value in recorded.items() if now.get(key) == value)
        return bool(recorded) and same / len(recorded) >= SAME_DOCUMENT

    def fingerprints(self) -> dict[str, str]:
        """{field path: fingerprint} of every field of the agreement file now (made once)."""
        from ...documents.provenance import fingerprint, path_key

        if self._fingerprints is None:
            self._fingerprints = {path_key(o.path): fingerprint(o.kind, o.value) for o in self.sources.values()}
        return self._fingerprints

    def _shapes(self, recorded: dict[str, str]) -> dict[str, set[str]]:
        """{a field's path with its indices left out: the fingerprints recorded there}."""
        if self._shapes_of[0] is not recorded:
            shapes: dict[str, set[str]] = {}
            for path, value in recorded.items():
                shapes.setdefault(_shape(path), set()).add(value)
            self._shapes_of = (recorded, shapes)
        return self._shapes_of[1]

    def shown(self, recorded: dict[str, str], source: Origin) -> bool:
        """Whether the document showed this field when it was made: the
        same value at its place or (moved since, by an element added above
        it) elsewhere; or the field at its place changed since, in an element
        whose other fields are as they were.  False: the file gained it."""
        from ...documents.provenance import fingerprint, path_key

        key, value = path_key(source.path), fingerprint(source.kind, source.value)
        if recorded.get(key) == value or value in self._shapes(recorded).get(_shape(source.path), ()):
            return True
        if key not in recorded:
            return False
        last = max((n for n, k in enumerate(source.path) if isinstance(k, int)), default=None)
        if last is None:
            return True
        prefix, now = path_key(source.path[:last + 1]) + ".", self.fingerprints()
        return any(k.startswith(prefix) and k != key and now.get(k) == v for k, v in recorded.items())

    def checked(self, result: DocumentImport, made_from: dict | None) -> DocumentImport:
        """Three versions, as a merge: what the document was made from (its
        recorded fingerprints), the document now, the file now.  Only what
        the document's author changed is a change: a field or list element
        the file gained since the build is not deleted, one it lost is not
        restored, a field the file changed is kept (the document shows the
        old text) or, changed on both sides, a conflict."""
        from ...documents.provenance import fingerprint, path_key

        if not made_from or result.error:
            return result
        recorded = made_from.get("felter") or {}
        now = self.fingerprints()

        def siblings(table: dict[str, str], path: tuple) -> list[str]:
            prefix = path_key(path[:-1]) + "."
            return [v for k, v in table.items() if k.startswith(prefix) and k[len(prefix):].isdigit()]

        kept = []
        for change in result.changes:
            source = change.source
            if change.where and change.op in ("insert", "delete"):
                kept.append(change)  # a workbook's row: excel.py proved it against the build's rows itself
                continue
            if source.kind == "table":  # a table row: an element of an array of tables
                prefix = path_key(source.path) + "."
                then = {k: v for k, v in recorded.items() if k.startswith(prefix)}
                if change.op == "insert" or then and all(now.get(k) == v for k, v in then.items()):
                    kept.append(change)
                elif not then:
                    result.gained.append(source)  # the row was added to the file since the build
                else:
                    result.conflicts.append(Refusal(
                        source_label(self.agreement, source), str(change.old), "",
                        "KONFLIKT (ikke taget): rækken er ændret i agreement.toml, efter dokumentet blev lavet, og "
                        "slettet i dokumentet; slet den selv i agreement.toml, hvis den skal væk"))
                continue
            if change.op == "delete":
                if fingerprint("text", change.old) not in siblings(recorded, source.path):
                    result.gained.append(change.source)  # added to the file since the build: not the author's deletion
                else:
                    kept.append(change)
                continue
            if change.op == "insert":
                print_ = fingerprint("text", change.new)
                if print_ in siblings(recorded, source.path) and print_ not in siblings(now, source.path):
                    result.stale.append(change)  # removed from the file since the build: not restored
                else:
                    kept.append(change)
                continue
            then = recorded.get(path_key(source.path))
            if then is not None and then == fingerprint(source.kind, source.value):
                kept.append(change)
                continue
            if then is not None and fingerprint(source.kind, change.new) == then:
                result.stale.append(change)  # the document still shows what the file said when it was made
                continue
            if fingerprint(source.kind, source.value) in self._shapes(recorded).get(_shape(source.path), ()):
                kept.append(change)  # the file has the value the document was made with, at another place (moved)
                continue
            if then is None:
                result.gained.append(change.source)  # the document never showed this field: the file gained it
                continue
            result.conflicts.append(Refusal(
                source_label(self.agreement, source), str(change.old), str(change.new),
                "KONFLIKT (ikke taget): feltet er ændret både i agreement.toml, efter dokumentet blev lavet, og i "
                "dokumentet; skriv selv den rigtige udgave i agreement.toml",
            ))
        result.changes = kept
        return result

    def word(self, package: Package, edited: WordDocument, result: DocumentImport,
             made_from: dict | None) -> DocumentImport:
        result.tracked, result.comments = edited.tracked, edited.comments
        texts = [b.text for b in edited.blocks if b.part == "body"]
        best, score = None, 0.0
        candidates = self.candidates(package)
        named = [d for d in self.documents if made_from and d.doc_id == made_from.get("dokument")]
        # the document it says it is first; the others only when it is not that one
        for group in ([named, [d for d in candidates if d not in named]] if named else [candidates]):
            for candidate in group:
                rendered = [plain(b.text) for b in self.rendered(candidate).blocks
                            if b.part == "body" and (plain(b.text) or not b.text)]
                s = _similarity(rendered, texts)
                if s > score:
                    best, score = candidate, s
            if best is not None and score >= SAME_DOCUMENT:
                break
        if best is None or score < SAME_DOCUMENT:
            if made_from:  # docgen made it from this agreement (checked in one()): no other agreement's
                result.error = (
                    f"dokumentet er lavet af docgen ud fra denne aftale ({named[0].title if named else made_from.get('dokument')}), men det "
                    f"ligner det ikke længere: højst {round(score * 100)} % af afsnittene er de samme, og "
                    f"dokumentet har {len(texts)} afsnit. docgen tager ikke rettelser fra et dokument, der er "
                    "skrevet så meget om; skriv ændringerne i agreement.toml, eller importér den udgave, "
                    "partneren rettede i"
                )
                return result
            result.error = (
                "dokumentet ligner ikke noget af de dokumenter, docgen laver ud fra denne aftale "
                f"(højst {round(score * 100)} % af afsnittene er de samme). Er det fra en anden aftale, "
                "eller lavet uden docgen? Angiv den rigtige aftalefil med --fil"
            )
            return result
        result.document = best
        if result.tracked:
            return result  # nothing is taken while changes are tracked
        known = lost = None
        if made_from:
            from ...documents.provenance import fingerprint, path_key

            recorded = made_from.get("felter") or {}
            now = self.fingerprints()
            gone = {v for k, v in recorded.items() if now.get(k) != v} - set(now.values())
            known = lambda number: self.shown(recorded, self.sources[number])  # noqa: E731
            lost = lambda text: fingerprint("text", text) in gone  # noqa: E731
        found = align(self.rendered(best).blocks, edited.blocks, self.sources, known, lost)
        result.changes, result.refused, result.gained = found.changes, found.refused, found.gained
        result.lost = found.lost
        return result


def _shape(path: tuple | str) -> str:
    """A field's path with its list indices left out: 'delaftaler.*.aktiviteter.*.formaal'."""
    parts = path.split(".") if isinstance(path, str) else [str(k) for k in path]
    return ".".join("*" if part.lstrip("-").isdigit() else part for part in parts)


def edits(changes: list[Change]) -> list[Edit]:
    """The writer's edits for the changes (a list element inserted after its neighbour)."""
    out = []
    for change in changes:
        if change.op == "insert":
            out.append(Edit("insert", change.source.path, change.new))
        elif change.op == "delete":
            out.append(Edit("delete", change.source.path))
        else:
            out.append(Edit("set", change.source.path, change.new))
    return out


def source_label(agreement: AgreementFile, source: Origin) -> str:
    """What a person finds in the document, then the field's path:
    'aktiviteten »Lektiecafé« › Formål (delaftaler[1].aktiviteter[2].formaal)'."""
    where = readable_path(agreement, source.path)
    return f"{where} ({format_path(source.path)})" if where else format_path(source.path)


# the elements a person knows by their name, as the documents name them
_ELEMENTS = {"aktiviteter": "aktiviteten", "parter": "parten", "delaftaler": "", "delmaal": "delmålet",
             "indikatorer": "indikatoren", "omraader": "indsatsområdet"}


def _title(description: str) -> str:
    return description.split(" (")[0].split(", fx")[0].strip()


def readable_path(agreement: AgreementFile, path: tuple) -> str:
    """A field's place in words: each element by its name or text, the
    field by its title in the model."""
    from pydantic import BaseModel

    words: list[str] = []
    value: object = agreement
    key_name = ""
    for key in path:
        if isinstance(key, str):
            if not isinstance(value, BaseModel):
                return " › ".join(words)
            field_name = next((n for n, f in type(value).model_fields.items() if f.alias == key), None)
            if field_name is None:
                return " › ".join(words)
            info = type(value).model_fields[field_name]
            value, key_name = getattr(value, field_name), key
            if key not in _ELEMENTS and info.description:
                words.append(_title(info.description))
        else:
            if not isinstance(value, list) or not (-1 <= key < len(value)):
                return " › ".join(words)
            if key < 0:
                words.append("først")
                return " › ".join(words)
            value = value[key]
            name = next((str(getattr(value, a)) for a in ("name", "area_name", "goal", "indicator")
                         if getattr(value, a, None)), "") if isinstance(value, BaseModel) else str(value)
            if key_name == "delaftaler":
                continue  # the document is the delaftale: its name heads the report
            short = name if len(name) <= 50 else name[:50] + "…"
            if key_name in _ELEMENTS:
                words.append(f"{_ELEMENTS[key_name]} »{short}«" if short else f"{_ELEMENTS[key_name]} nr. {key + 1}")
            elif words and isinstance(value, str):
                words[-1] += f" »{short}«"
            elif words:
                words[-1] += f" nr. {key + 1}"
    return " › ".join(words)

"""`docgen import`: edited documents → the changes to agreement.toml.

For each document: open it safely (package.py), find which of the
agreement's documents it is (its title, then how much of it matches),
render that document from a traced copy of the agreement
(source/trace.py), and align the two (align.py for Word, excel.py for
Excel).  Tracked changes and comments are listed; a document with tracked
changes gives no changes at all until they are accepted or rejected.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import all_documents
from ..documents.base import Document
from ..model.agreement import AgreementFile
from ..render.templates import folder_for
from ..source.load import format_path
from ..source.trace import Origin, plain, traced
from ..source.writer import Edit
from .align import Change, Refusal, align
from .package import Package, Refused, open_package
from .word import Comment, TrackedChange, WordDocument

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


def read_word(package: Package) -> WordDocument:
    """Every text of the document, wherever it stands (word.read_word)."""
    from .word import read_word as read_all

    return read_all(package)


def _rendered_word(document: Document, template_dir: Path | None) -> WordDocument:
    from ..render.docx import render

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
            if made_from and made_from.get("aftale") != self.agreement.agreement.area_name:
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
        from ..documents.provenance import PROPERTY, decode

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

    def checked(self, result: DocumentImport, made_from: dict | None) -> DocumentImport:
        """Drop what the document only shows because it is older than the
        agreement file; show a field changed on both sides as a conflict."""
        from ..documents.provenance import fingerprint, path_key

        if not made_from or result.error:
            return result
        recorded = made_from.get("felter") or {}
        kept = []
        for change in result.changes:
            source = change.source
            then = recorded.get(path_key(source.path)) if change.op == "set" else None
            if then is None or then == fingerprint(source.kind, source.value):
                kept.append(change)
                continue
            if fingerprint(source.kind, change.new) == then:
                result.stale.append(change)  # the document still shows what the file said when it was made
                continue
            result.refused.append(Refusal(
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
        found = align(self.rendered(best).blocks, edited.blocks, self.sources)
        result.changes, result.refused = found.changes, found.refused
        return result


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
    """'delaftaler[1].aktiviteter[2].formaal (aktiviteten »Lektiecafé«)'"""
    path = source.path
    text = format_path(path)
    where = ""
    if len(path) >= 4 and path[0] == "delaftaler" and path[2] == "aktiviteter":
        activity = agreement.sub_agreements[path[1]].activities[path[3]]
        where = f" (aktiviteten »{activity.name}«)"
    elif len(path) >= 2 and path[0] == "parter":
        where = f" (parten »{agreement.parties[path[1]].name}«)"
    return text + where



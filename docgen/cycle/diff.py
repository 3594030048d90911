"""What changed between two versions of an agreement, document by document.

Both versions go through the same documents stage as a build; each
document's content (its template context or its sheets) is flattened into
labelled values and compared.  A document whose content changed must be
uploaded again and approved as the strategic agreement's revision rules
say.  Texts are compared word by word; numbers are shown as old → new.
Pure functions: no files, no Word or Excel.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from ..documents import all_documents
from ..documents.base import Document, Md, OrgChart
from ..documents.workbook import (
    KRONER,
    KRONER_TOTAL,
    PERCENT,
    PERCENT_TOTAL,
    SECTION,
    STAFF_YEARS,
    STAFF_YEARS_TOTAL,
    Formula,
    Workbook,
)
from ..figures.formatting import danish_number, join_danish, kroner, percent
from ..figures.versions import covers
from ..model.lbf import DOCUMENT_KINDS
from ..model.agreement import AgreementFile

# Keys of a list item that name it better than its position.
NAME_KEYS = ("navn", "titel", "maal", "indikator", "part", "handling", "overskrift", "rolle")
# Changes to these parts of a delaftale are substantial, and LBF is
# involved: its sub-goals, its staff, its parties, and an activity added or
# removed (a renamed one is not).
SUBSTANTIAL = {"delmaal": "delmål", "medarbejderressourcer": "medarbejderressourcer", "parter": "parter",
               "aktivitetsnavne": "aktiviteter tilføjet eller fjernet"}
CONTEXT_WORDS = 6


class Figure(str):
    """A number already formatted the way its document shows it."""


@dataclass(frozen=True)
class Change:
    where: str
    old: Any
    new: Any

    def describe(self) -> str:
        """'vision: … [-gammel-] {+ny+} …' or 'Løn i alt › 2024/25: 8.447.000 → 8.567.000'"""
        if self.old is None:
            return f"{self.where}: tilføjet: {_show(self.new)}"
        if self.new is None:
            return f"{self.where}: fjernet: {_show(self.old)}"
        if isinstance(self.old, str) and isinstance(self.new, str) and not isinstance(self.new, Figure):
            return f"{self.where}: {word_diff(self.old, self.new)}"
        return f"{self.where}: {_show(self.old)} → {_show(self.new)}"


@dataclass
class DocumentChanges:
    kind: str
    title: str
    doc_id: str
    changes: list[Change] = field(default_factory=list)
    status: str = "ændret"  # 'ændret', 'ny' or 'fjernet'

    def substantial(self) -> list[str]:
        """What makes a change to a delaftale substantial (LBF is involved)."""
        if self.status != "ændret":
            return ["hele delaftalen"]
        touched = set()
        for change in self.changes:
            top = change.where.split(" › ")[0]
            if top == "aktivitetsnavne" and change.old is not None and change.new is not None:
                continue  # renamed
            if top in SUBSTANTIAL:
                touched.add(SUBSTANTIAL[top])
        return sorted(touched)

    def approval(self, board: str) -> str:
        """Who approves the change, by the strategic agreement's revision rules."""
        approver = DOCUMENT_KINDS[self.kind]["godkendes_af"].format(bestyrelse=board)
        touched = self.substantial() if self.kind == "delaftale" else []
        if touched:
            return f"{approver} og Landsbyggefonden (væsentlig ændring: {', '.join(touched)})"
        return approver


def word_diff(old: str, new: str) -> str:
    """The changed words marked [-old-] {+new+}, with a few words around."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            words = a[i1:i2]
            if len(words) > 2 * CONTEXT_WORDS:
                head = words[:CONTEXT_WORDS] if parts else []
                tail = words[-CONTEXT_WORDS:] if i2 < len(a) or j2 < len(b) else []
                words = head + ["…"] + tail
            parts.extend(words)
        else:
            if i2 > i1:
                parts.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts) if parts else "(kun mellemrum og linjeskift er ændret)"


def _show(value: Any) -> str:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return danish_number(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 120 else text[:117] + "…"


def _figure(value: Any, style: str) -> Any:
    if not isinstance(value, (Decimal, int)) or isinstance(value, bool):
        return value
    if style in (PERCENT, PERCENT_TOTAL):
        return Figure(percent(Decimal(value)))
    if style in (KRONER, KRONER_TOTAL):
        return Figure(kroner(Decimal(value)))
    if style in (STAFF_YEARS, STAFF_YEARS_TOTAL):
        return Figure(danish_number(Decimal(value), 2))
    return Figure(danish_number(value))


def _sheet_leaves(workbook: Workbook) -> Iterator[tuple[str, str, Any]]:
    for sheet in workbook.sheets:
        section = ""
        for row in sheet.rows:
            if len(row) == 1 and row[0].style == SECTION or any(c.style == SECTION for c in row if c.value):
                section = next(c.value for c in row if c.style == SECTION and c.value)
                continue
            label = next((c.value for c in row if isinstance(c.value, str)), None) or "række"
            for n, cell in enumerate(row):
                value = cell.value.value if isinstance(cell.value, Formula) else cell.value
                if value is None or value == label:
                    continue
                column = sheet.headings[n] if n < len(sheet.headings) and sheet.headings[n] else f"kolonne {n + 1}"
                where = " › ".join(x for x in (sheet.name, section, label, column) if x)
                yield where, where, _figure(value, cell.style)


def flatten(value: Any, key: str = "", label: str = "") -> Iterator[tuple[str, str, Any]]:
    """(key, label, leaf value) for everything a document says.  The key
    follows an item by its id where it has one (so a renamed activity is
    one change); the label is what the reader sees."""
    def join(prefix: str, part: str) -> str:
        return f"{prefix} › {part}" if prefix else part

    if isinstance(value, Md):
        yield key, label, value.text
    elif isinstance(value, OrgChart):
        names = dict(value.boxes)
        for box_id, name in value.boxes:
            yield join(key, box_id), join(label, "organ"), name
        for upper, lower in value.links:
            yield join(key, f"{lower}<{upper}"), join(label, names[lower]), f"under {names[upper]}"
    elif isinstance(value, Workbook):
        yield from _sheet_leaves(value)
    elif isinstance(value, dict):
        for name, item in value.items():
            if name == "id":
                continue
            yield from flatten(item, join(key, name), join(label, name))
    elif isinstance(value, (list, tuple)):
        seen: dict[str, int] = {}
        for n, item in enumerate(value, start=1):
            name = None
            if isinstance(item, dict):
                name = next((str(item[k]) for k in NAME_KEYS if isinstance(item.get(k), str)), None)
            shown = name or str(n)
            ident = str(item["id"]) if isinstance(item, dict) and "id" in item else shown
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                ident, shown = f"{ident} ({seen[ident]})", f"{shown} ({seen[ident]})"
            yield from flatten(item, join(key, ident), join(label, shown))
    elif value is not None and value != "":
        yield key, label, value


def _content(document: Document) -> dict[str, tuple[str, Any]]:
    """{key: (label, value)} of one document."""
    leaves: dict[str, tuple[str, Any]] = {}
    for key, label, value in flatten(document.context):
        unique, n = key, 2
        while unique in leaves:  # the same key twice: keep both
            unique, n = f"{key} ({n})", n + 1
        leaves[unique] = (label, value)
    return leaves


def _key(document: Document) -> tuple[str, str]:
    """Documents match by kind; a delaftale also by its indsatsområde."""
    return (document.kind, document.title if document.kind == "delaftale" else "")


def compare(old: AgreementFile, new: AgreementFile) -> list[DocumentChanges]:
    """Every document whose content differs, in upload order."""
    before = {_key(d): d for d in all_documents(old)}
    after = {_key(d): d for d in all_documents(new)}
    result = []
    for key, document in after.items():
        if key not in before:
            result.append(DocumentChanges(document.kind, document.title, document.doc_id, status="ny"))
            continue
        a, b = _content(before[key]), _content(document)
        changes = []
        for leaf in list(a) + [k for k in b if k not in a]:
            old_value, new_value = a.get(leaf, (None, None))[1], b.get(leaf, (None, None))[1]
            if old_value != new_value:
                changes.append(Change((b.get(leaf) or a.get(leaf))[0], old_value, new_value))
        if changes:
            result.append(DocumentChanges(document.kind, document.title, document.doc_id, changes))
    for key, document in before.items():
        if key not in after:
            result.append(DocumentChanges(document.kind, document.title, document.doc_id, status="fjernet"))
    return result


def board_name(agreement: AgreementFile) -> str:
    """The local board that approves changes (the kommissorium's body)."""
    body = agreement.body_index.get(agreement.board.body)
    return body.name if body else "bestyrelsen"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def suggested_revisions(
    old: AgreementFile, new: AgreementFile, changed: list[DocumentChanges], today: dt.date
) -> list[dict]:
    """The [[revisioner]] entries that would record the change: one per
    approving body, naming the changed documents that no revision new in
    NEW names yet.  A document without an approver of its own (the
    indberetningsskema) goes with the first entry."""
    added = [e for e in new.revisions if e not in old.revisions]
    board = board_name(new)
    groups: dict[str, list[DocumentChanges]] = {}
    orphans = []
    for doc in changed:
        if doc.status == "fjernet" or any(covers(e, doc.doc_id) for e in added):
            continue
        approver = doc.approval(board).split(" (")[0]
        if approver:
            groups.setdefault(approver, []).append(doc)
        else:
            orphans.append(doc)
    if orphans:
        first = next(iter(groups), DOCUMENT_KINDS["budget"]["godkendes_af"])
        groups.setdefault(first, []).extend(orphans)
    # never before the last revision (the change log is in date order) nor before the agreement starts
    day = max([today, new.agreement.start, *(e.date for e in new.revisions)])
    return [
        {
            "dato": day,
            "godkendt_af": approver,
            "aendring": "Ændret: " + join_danish([d.title for d in docs]),
            "dokumenter": [d.doc_id for d in docs],
        }
        for approver, docs in groups.items()
    ]


def suggestion_text(entries: list[dict]) -> list[str]:
    lines = [
        "Indsæt denne revision efter den sidste [[revisioner]] (eller sidst i filen), og ret 'aendring' til "
        "en kort beskrivelse. 'udkast = true' mærker dokumenterne som udkast til godkendelse. Når ændringen "
        "er godkendt: slet hele linjen 'udkast = true', og ret datoen i linjen 'dato = …' til den dag, "
        "ændringen blev godkendt:",
    ]
    for entry in entries:
        lines += [
            "",
            "[[revisioner]]",
            f"dato = {entry['dato'].isoformat()}",
            f"godkendt_af = {_toml_string(entry['godkendt_af'])}",
            f"aendring = {_toml_string(entry['aendring'])}",
            "dokumenter = [" + ", ".join(_toml_string(d) for d in entry["dokumenter"]) + "]",
            "udkast = true",
        ]
    return lines


def report(
    old: AgreementFile, new: AgreementFile, changed: list[DocumentChanges], today: dt.date | None = None
) -> str:
    """The Danish summary ``docgen diff`` prints."""
    if not changed:
        return "Ingen forskel: alle dokumenter har samme indhold.\n"
    board = board_name(new)
    lines = []
    for doc in changed:
        lines.append(f"== {doc.title} ({doc.status}) ==")
        if doc.status == "ændret":
            lines += [f"  {c.describe()}" for c in doc.changes]
        lines.append("")
    lines.append("Dokumenter, der skal uploades igen, og hvem der godkender ændringen:")
    for doc in changed:
        if doc.status == "fjernet":
            lines.append(f"  - {doc.title}: fjernet; skal ikke længere uploades")
        else:
            approver = doc.approval(board)
            what = f"godkendes af {approver}" if approver else "følger budgettet og delaftalerne; ingen særskilt godkendelse"
            lines.append(f"  - {doc.title}: {what}")
    entries = suggested_revisions(old, new, changed, today or dt.date.today())
    lines.append("")
    if entries:
        lines += suggestion_text(entries)
    else:
        lines.append("De nye [[revisioner]] i den nye version nævner alle ændrede dokumenter.")
    return "\n".join(lines) + "\n"

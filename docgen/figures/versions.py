"""Each document's own revision history, taken from [[revisioner]].

A document has an id (``strategisk``, ``delaftale.beskaeftigelse``,
``budget`` …).  A revision entry names the documents it changed in
``dokumenter``; an entry without it covers every document (the agreement
as first signed).  A document's revisions are the entries that cover it,
numbered 1, 2, … in its own history, so a delaftale revised twice is at
its revision 2 while an untouched budget stays at revision 1.  An entry
with ``udkast = true`` awaits approval: its documents are marked as drafts.
Pure functions.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .formatting import revision_text
from ..model.lbf import AREAS, DOCUMENT_KINDS, in_lbf_order
from ..model.agreement import AgreementFile, RevisionEntry

SUB_AGREEMENT = "delaftale"
# The documents whose content comes from others: the indberetningsskema
# shows the budget's money and the delaftaler's staff years, so it is
# illustrative whenever the budget is.
DERIVED_ILLUSTRATIVE = {"indberetningsskema": "budget"}


def document_id(kind: str, area: str | None = None) -> str:
    """'budget', or 'delaftale.beskaeftigelse' for a delaftale."""
    return f"{kind}.{area}" if area else kind


def known_ids(agreement: AgreementFile) -> list[str]:
    """Every document id of this agreement, in upload order."""
    subs = in_lbf_order(agreement.sub_agreements, lambda s: s.area)
    ids = [document_id(SUB_AGREEMENT, s.area) for s in subs]
    singles = [k for k in DOCUMENT_KINDS if k != SUB_AGREEMENT]
    return singles[:1] + ids + singles[1:]


def all_ids() -> list[str]:
    """Every id a document can have under any choice of areas."""
    singles = [k for k in DOCUMENT_KINDS if k != SUB_AGREEMENT]
    return singles[:1] + [document_id(SUB_AGREEMENT, a) for a in AREAS] + singles[1:]


def document_name(doc_id: str) -> str:
    """'Budget', 'Delaftale - Beskæftigelse'."""
    kind, _, area = doc_id.partition(".")
    name = DOCUMENT_KINDS[kind]["navn"]
    return f"{name} - {AREAS[area]}" if area else name


def covers(entry: RevisionEntry, doc_id: str) -> bool:
    return entry.documents is None or doc_id in entry.documents


def history(agreement: AgreementFile, doc_id: str) -> list[RevisionEntry]:
    """The revisions of one document, oldest first."""
    return [r for r in agreement.revisions if covers(r, doc_id)]


@dataclass(frozen=True)
class Version:
    """Where one document stands: its own revision number (0: as first
    signed, before any entry), its latest entry and its markings."""

    doc_id: str
    number: int
    entry: RevisionEntry | None
    date: dt.date          # of the latest entry, or the agreement's start
    illustrative: bool

    @property
    def draft(self) -> bool:
        return self.entry is not None and self.entry.draft

    @property
    def approver(self) -> str:
        return self.entry.approved_by if self.entry else ""

    def text(self) -> str:
        """The footer's words: 'Revision 2, 15. juni 2025', for a draft
        'Udkast til godkendelse i Bydelsbestyrelsen',
        followed by 'Illustrativt eksempel' where that applies."""
        parts = []
        if self.draft:
            parts.append(f"Udkast til godkendelse i {self.approver}")
        elif self.entry is not None:
            parts.append(revision_text(self.number, self.date))
        if self.illustrative:
            parts.append("Illustrativt eksempel")
        return " · ".join(parts)

    def stamps(self) -> list[str]:
        """The marks on the first page: what is not approved never looks approved."""
        marks = []
        if self.draft:
            marks.append(f"UDKAST til godkendelse i {self.approver} – ikke godkendt, skal ikke uploades endnu.")
        if self.illustrative:
            marks.append("ILLUSTRATIVT EKSEMPEL – opdigtet indhold, ikke aftalt eller godkendt. Erstat det før upload.")
        return marks


def is_illustrative(agreement: AgreementFile, doc_id: str) -> bool:
    marked = set(agreement.agreement.illustrative)
    return doc_id in marked or DERIVED_ILLUSTRATIVE.get(doc_id) in marked


def version(agreement: AgreementFile, doc_id: str) -> Version:
    own = history(agreement, doc_id)
    latest = own[-1] if own else None
    return Version(
        doc_id,
        len(own),
        latest,
        latest.date if latest else agreement.agreement.start,
        is_illustrative(agreement, doc_id),
    )

"""What every document module shares."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..figures.formatting import date_range, join_danish, phone
from ..figures.versions import Version, document_id
from ..model.agreement import AgreementFile, Contact, Party
from ..figures.naming import file_name


@dataclass(frozen=True)
class Md:
    """A Markdown text for the renderer.  ``table``: it sits in a table
    cell (sub-headings get the cell style); ``inline``: it is written
    inside an existing paragraph."""

    text: str
    table: bool = False
    inline: bool = False


@dataclass(frozen=True)
class OrgChart:
    """An organisation chart for the renderer to draw: boxes (id, label)
    and links (upper id, lower id)."""

    boxes: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str], ...]

    def description(self) -> str:
        """The chart in words, for its alternative text: 'Organisationsdiagram:
        A øverst. Under A: B og C. Under C: D.'"""
        names = dict(self.boxes)
        lower = {low for _, low in self.links}
        parts = ["Organisationsdiagram: " + join_danish([n for i, n in self.boxes if i not in lower]) + " øverst."]
        for box_id, name in self.boxes:
            below = [names[low] for up, low in self.links if up == box_id]
            if below:
                parts.append(f"Under {name}: {join_danish(below)}.")
        return " ".join(parts)


@dataclass(frozen=True)
class Document:
    """One generated document: its title, template and context.  ``number``
    is its place in the upload folder, given by ``all_documents``."""

    kind: str  # a key of lbf.DOCUMENT_KINDS
    title: str
    template: str
    context: Any
    area: str | None = None  # a delaftale's indsatsområde
    number: int = 0
    state: Version | None = None  # its own revision and markings; set by all_documents
    # what it was made from (documents/provenance.py), stored in the file; set by the build
    provenance: str = ""

    @property
    def doc_id(self) -> str:
        """'budget', 'delaftale.beskaeftigelse': the id [[revisioner]] uses."""
        return document_id(self.kind, self.area)

    @property
    def version(self) -> str:
        """The footer's 'Revision 2, 15. juni 2025' (or a draft's words); '' before any."""
        return self.state.text() if self.state else ""

    @property
    def stamps(self) -> list[str]:
        """The draft and illustrative marks for the first page."""
        return self.state.stamps() if self.state else []

    @property
    def filename(self) -> str:
        """'01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx'"""
        return file_name(self.number, self.title, PurePath(self.template).suffix)


def period(agreement: AgreementFile) -> str:
    return date_range(agreement.agreement.start, agreement.agreement.end)


def effort_name(agreement: AgreementFile) -> str:
    """'Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028'"""
    a = agreement.agreement
    return f"Den boligsociale helhedsplan for {a.area_name} {a.start.year}-{a.end.year}"


def contact_person(c: Contact) -> str:
    """'Kristian Mehlsen (Skoleleder)': the name first and the title in
    brackets, so a title of several words ("Teamleder, Virksomhedsservice")
    never runs into the name."""
    return f"{c.name} ({c.title})" if c.title else c.name


def contact_line(party: Party) -> str | None:
    """'Kontaktperson: Kristian Mehlsen (Skoleleder): 24223570 / t29m@kk.dk'

    The name comes first and the title in brackets, so a title that is
    itself several words ("Teamleder, Virksomhedsservice") never runs into
    the name."""
    c = party.contact
    if c is None:
        return None
    label = f"Kontaktperson {c.subject}" if c.subject else "Kontaktperson"
    who = contact_person(c)
    reach = " / ".join(x for x in (phone(c.phone) if c.phone else None, c.email) if x)
    return f"{label}: {who}" + (f": {reach}" if reach else "")

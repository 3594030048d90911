"""Beredskabsplan: the model → the template's context."""
from __future__ import annotations

from ..figures import naming
from ..model.agreement import AgreementFile, Party
from ..figures.formatting import join_danish, phone
from .base import Document, Md, contact_person, effort_name, period

TEMPLATE = "beredskabsplan.docx"
MISSING = "–"  # no contact person: the party is called on its own number
NO_PHONE = "(mangler)"  # a contingency plan's contact must be callable; validate warns


def title(agreement: AgreementFile) -> str:
    return naming.title("beredskabsplan", agreement.agreement.area_name)


def _names(agreement: AgreementFile, party_ids: list[str]) -> str:
    """'Helhedsplanen, SSP København og Lokalpolitiet/Din Betjent'"""
    return join_danish([agreement.party_index[p].heading for p in party_ids])


def _contact_row(party: Party) -> dict:
    """One row of the contact list.  Without a contact person the party's
    own phone and e-mail stand in the row; a missing phone says so."""
    c = party.contact
    if c is None:
        person = MISSING
    else:
        person = contact_person(c)
        if c.subject:
            person += f" ({c.subject})"
    return {"part": party.name, "kontaktperson": person, "telefon": phone(party.phone_number) if party.phone_number else NO_PHONE,
            "email": party.email_address or MISSING}


def context(agreement: AgreementFile) -> dict:
    plan = agreement.contingency
    return {
        "dokumentnavn": f"Beredskabsplan – {agreement.agreement.area_name}",
        "indsats_navn": effort_name(agreement),
        "periode": period(agreement),
        "formaal": Md(plan.purpose),
        "situationer": [
            {
                "nr": n,
                "titel": s.title,
                "beskrivelse": Md(s.description, inline=True),  # one paragraph, kept with its table
                "handlinger": [
                    {"nr": i, "handling": a.text, "hvem": _names(agreement, a.by)}
                    for i, a in enumerate(s.actions, start=1)
                ],
                "informeres": _names(agreement, s.informed),
            }
            for n, s in enumerate(plan.situations, start=1)
        ],
        "kontakter": [_contact_row(agreement.party_index[p]) for p in plan.contacts],
        "opfoelgning": Md(plan.follow_up) if plan.follow_up else None,
    }


def document(agreement: AgreementFile) -> Document:
    return Document("beredskabsplan", title(agreement), TEMPLATE, context(agreement))

"""Kommissorium for bestyrelsen: the model → the template's context.

The board is a body of section 3 of the strategic agreement; its name,
description, composition and place in the structure come from there.
"""
from __future__ import annotations

from itertools import groupby

from ..figures import naming
from ..model.agreement import AgreementFile
from ..figures.formatting import join_danish
from .base import Document, Md, effort_name, period

TEMPLATE = "kommissorium.docx"


def title(agreement: AgreementFile) -> str:
    return naming.title("kommissorium", agreement.agreement.area_name)


def _member_groups(agreement: AgreementFile) -> list[dict]:
    """The members, consecutive rows of one party grouped under its name."""
    groups = []
    for party_id, members in groupby(agreement.board.members, key=lambda m: m.party):
        groups.append({
            "part": agreement.party_index[party_id].name,
            "roller": [{"rolle": m.role, "antal": str(m.count)} for m in members],
        })
    return groups


def context(agreement: AgreementFile) -> dict:
    terms = agreement.board
    body = agreement.body_index[terms.body]
    below = [b.name for b in agreement.organisation.bodies if b.above == body.id]
    return {
        "dokumentnavn": f"Kommissorium for {body.name} – {agreement.agreement.area_name}",
        "organ_navn": body.name,
        "indsats_navn": effort_name(agreement),
        "periode": period(agreement),
        "baggrund": Md(terms.background),
        "organ_beskrivelse": Md(body.description),
        "over": agreement.body_index[body.above].name if body.above else None,
        "under": join_danish(below) or None,
        "formaal": Md(terms.purpose),
        "medlemmer": _member_groups(agreement),
        "antal_i_alt": str(sum(m.count for m in terms.members)),
        "sammensaetning": Md(body.composition, inline=True) if body.composition else None,
        "opgaver": list(terms.tasks),
        "moeder": Md(terms.meetings),
        "sekretariat": Md(terms.secretariat),
    }


def document(agreement: AgreementFile) -> Document:
    return Document("kommissorium", title(agreement), TEMPLATE, context(agreement))

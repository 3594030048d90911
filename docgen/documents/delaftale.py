"""Delaftale, one per indsatsområde: the model → the template's context."""
from __future__ import annotations

from ..figures import naming
from ..figures.versions import SUB_AGREEMENT, document_id
from ..model.lbf import AREAS, in_lbf_order
from ..model.agreement import AgreementFile, SubAgreement, SubGoal
from ..figures.staff import describe
from ..figures.formatting import join_danish
from .base import Document, Md, contact_line, effort_name, period

TEMPLATE = "delaftale.docx"


def title(sub: SubAgreement) -> str:
    return naming.title(document_id(SUB_AGREEMENT, sub.area), "")


def _baseline_lines(goal: SubGoal, attr: str) -> list[str]:
    values = [getattr(i, attr) for i in goal.indicators if getattr(i, attr)]
    if values and goal.baseline_period:
        return [goal.baseline_period] + values
    return values


def context(agreement: AgreementFile, sub: SubAgreement) -> dict:
    parties = agreement.party_index
    roles = agreement.role_index
    return {
        "dokumentnavn": f"Delaftale for indsatsområdet {AREAS[sub.area]} – {agreement.agreement.area_name}",
        "omraade_navn": AREAS[sub.area],
        "indsats_navn": effort_name(agreement),
        "periode": period(agreement),
        "parter": [
            {"navn": parties[p].name, "kontakt": contact_line(parties[p])} for p in sub.parties
        ],
        "delmaal": [
            {
                "nr": n,
                "maal": goal.goal,
                "indikatorer": [i.indicator for i in goal.indicators],
                "baseline": _baseline_lines(goal, "baseline"),
                "anden_baseline": _baseline_lines(goal, "other_baseline"),
                "datakilde": goal.source,
            }
            for n, goal in enumerate(sub.sub_goals, start=1)
        ],
        "aktiviteter_indledning": Md(sub.activities_introduction, table=True) if sub.activities_introduction else None,
        "aktivitetsnavne": [a.name for a in sub.activities],
        "medarbejderressourcer": [f"{roles[s.role].title}: {describe(s)}" for s in sub.staff],
        "kommunal_sammenhaeng": Md(sub.municipal_link, table=True),
        "revision": Md(sub.revision or agreement.sub_agreement_revision, table=True),
        "aktiviteter": [
            {
                "id": act.id,  # not shown; lets docgen diff follow a renamed activity
                "navn": act.name,
                "formaal": Md(act.purpose, table=True),
                "maalgrupper": act.target_groups,
                "indhold": Md(act.content, table=True),
                "ansvar": [
                    {
                        "overskrift": r.heading or join_danish([parties[p].heading for p in r.parties]),
                        "tekst": Md(r.text, table=True),
                    }
                    for r in act.responsibilities
                ],
                "bemaerkning": Md(act.remark, table=True) if act.remark else None,
            }
            for act in sub.activities
        ],
    }


def documents(agreement: AgreementFile) -> list[Document]:
    subs = in_lbf_order(agreement.sub_agreements, lambda s: s.area)
    return [Document("delaftale", title(sub), TEMPLATE, context(agreement, sub), area=sub.area) for sub in subs]

"""Delaftale, one per indsatsområde: the model → the template's context."""
from __future__ import annotations

from ..figures import naming
from ..figures.versions import SUB_AGREEMENT, document_id
from ..model.lbf import AREAS, in_lbf_order
from ..model.agreement import AgreementFile, SubAgreement, SubGoal
from ..figures.staff import describe
from ..figures.formatting import cell_lines, join_danish
from .base import Document, Md, contact_line, effort_name, period

TEMPLATE = "delaftale.docx"


def title(sub: SubAgreement) -> str:
    return naming.title(document_id(SUB_AGREEMENT, sub.area), "")


def _baseline(goal: SubGoal, value: str) -> str:
    """A baseline cell: the goal's period on a line above the value (when
    there is a value), each line written in agreement.toml a line of its own."""
    value = cell_lines(value)
    if value and goal.baseline_period:
        return f"{goal.baseline_period}\n{value}"
    return value


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
        # one table row per indicator; the goal and its source span them
        "delmaal": [
            {
                "nr": n,
                "maal": goal.goal,
                "indikatorer": [
                    {
                        "indikator": cell_lines(i.indicator),
                        "baseline": _baseline(goal, i.baseline),
                        "anden_baseline": _baseline(goal, i.other_baseline),
                    }
                    for i in goal.indicators
                ],
                "datakilde": cell_lines(goal.source),
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

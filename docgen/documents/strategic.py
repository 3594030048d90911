"""Strategisk samarbejdsaftale: the model → the template's context."""
from __future__ import annotations

from itertools import groupby

from ..figures.formatting import cell_lines, danish_date, danish_number, join_danish
from ..figures.versions import history
from ..model.lbf import AREAS, goal_of, in_lbf_order, indicator_of, pulje_of
from ..figures import naming
from ..model.agreement import AgreementFile
from .base import Document, Md, OrgChart, period

TEMPLATE = "strategisk_samarbejdsaftale.docx"
ID = "strategisk"


def title(agreement: AgreementFile) -> str:
    return naming.title("strategisk", agreement.agreement.area_name)


def _department_groups(agreement: AgreementFile) -> list[dict]:
    """'5 fsb-afdelinger: 01-30 Skolevangen I, ...', one line per
    organisation, in the order the file lists them.  A name of one word
    (the short name if the party has one) makes 'fsb-afdelinger'; a longer
    one 'afdelinger i Boligselskabet Nordvest'.  With one organisation the
    count is left out: the line after the list gives it ('I alt 3 afdelinger').
    One department is 'afdeling' ('1 Civica-afdeling')."""
    runs = [(org_id, list(ds)) for org_id, ds in groupby(agreement.area.departments, key=lambda d: d.organisation)]
    single = len({org_id for org_id, _ in runs}) == 1
    groups = []
    for org_id, departments in runs:
        names = [f"{d.number} {d.name}" if d.number else d.name for d in departments]
        org = agreement.party_index[org_id].heading
        compound = " " not in org
        if single:
            heading = f"{org}-afdelinger" if compound else f"Afdelinger i {org}"
        else:
            word = "afdeling" if len(departments) == 1 else "afdelinger"
            heading = f"{len(departments)} {org}-{word}" if compound else f"{len(departments)} {word} i {org}"
        groups.append({"overskrift": heading, "afdelinger": ", ".join(names)})
    return groups


def org_chart(agreement: AgreementFile) -> OrgChart:
    """The bodies of section 3, each under the body it reports to."""
    bodies = agreement.organisation.bodies
    return OrgChart(
        boxes=tuple((b.id, b.name) for b in bodies),
        links=tuple((b.above, b.id) for b in bodies if b.above),
    )


def context(agreement: AgreementFile) -> dict:
    a = agreement.agreement
    area = agreement.area
    parties = [agreement.party_index[p].name for p in a.parties]
    subs = {s.area: s for s in agreement.sub_agreements}
    return {
        "dokumentnavn": f"Strategisk samarbejdsaftale – {a.area_name}",
        "omraadenavn": a.area_name,
        "parter_tekst": join_danish(parties),
        "periode": period(agreement),
        "underskrifter": parties,
        "omraade": {
            "indledning": Md(area.introduction),
            "beliggenhed": area.location,
            "husstande": danish_number(area.households),
            "beboere": danish_number(area.residents),
            "beboere_note": f", {area.residents_note}" if area.residents_note else "",
            "afdelingsgrupper": _department_groups(agreement),
            "antal_afdelinger": len(area.departments),
            "beskrivelse": Md(area.description),
        },
        "vision": Md(agreement.vision),
        "organisation": {
            "indledning": Md(agreement.organisation.introduction),
            "struktur": [b.name for b in agreement.organisation.bodies if b.in_structure],
            "organer": [
                {
                    "beskrivelse": Md(b.description),
                    "sammensaetning": Md(b.composition, inline=True) if b.composition else None,
                }
                for b in agreement.organisation.bodies
            ],
            "lokal_tilstedevaerelse": Md(agreement.organisation.local_presence),
            "diagram": org_chart(agreement),
        },
        "samspil": [{"titel": i.title, "tekst": Md(i.text)} for i in agreement.initiatives],
        "maal": [
            {
                "maal": goal_of(agreement, g),
                "indikatorer": [
                    {
                        "indikator": cell_lines(indicator_of(agreement, g, n)[0]),
                        "baseline_omraade": cell_lines(i.baseline_area),
                        "baseline_kommune": cell_lines(i.baseline_municipality),
                        "baselineaar": cell_lines(i.baseline_year),
                        "datakilde": cell_lines(indicator_of(agreement, g, n)[1]),
                    }
                    for n, i in enumerate(g.indicators)
                ],
            }
            for g in in_lbf_order(agreement.areas, lambda g: g.area)
        ],
        "alle_indsatsomraader": join_danish(list(pulje_of(agreement).names.values())),
        "indsatsomraader": [
            {
                "navn": AREAS[g.area],
                "problem_overskrift": g.problem_heading,
                "problem": Md(g.problem),
                "indsatser": join_danish([act.name for act in subs[g.area].activities]) if g.area in subs else "",
            }
            for g in in_lbf_order(agreement.areas, lambda g: g.area)
        ],
        "lokal_evaluering": Md(agreement.evaluation),
        "revision": Md(agreement.revision),
        # the strategic agreement's own revisions, not those of the delaftaler
        "revisioner": [
            {
                "nr": n,
                "dato": danish_date(r.date),
                "godkendt_af": f"Udkast til godkendelse i {r.approved_by}" if r.draft else r.approved_by,
                "aendring": r.summary,
            }
            for n, r in enumerate(history(agreement, ID), start=1)
        ],
    }


def document(agreement: AgreementFile) -> Document:
    return Document(ID, title(agreement), TEMPLATE, context(agreement))

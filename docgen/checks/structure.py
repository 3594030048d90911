"""Structure: ids are unique, every reference resolves, one delaftale per
area, and every document's file name fits a file system."""
from __future__ import annotations

import difflib
from collections import Counter

from ..figures.versions import known_ids
from ..model.lbf import AREAS
from ..figures.naming import MAX_FILE_NAME_BYTES, file_name, title
from ..model.agreement import AgreementFile
from .finding import Finding


def _id_lists(agreement: AgreementFile):
    """(TOML table name, path prefix of each item, items) for every list of ids."""
    yield "[[parter]]", [("parter", n) for n in range(len(agreement.parties))], agreement.parties
    yield "[[medarbejdere]]", [("medarbejdere", n) for n in range(len(agreement.roles))], agreement.roles
    bodies = agreement.organisation.bodies
    yield "[[organisation.organer]]", [("organisation", "organer", n) for n in range(len(bodies))], bodies
    activities = [
        (("delaftaler", s, "aktiviteter", a), activity)
        for s, sub in enumerate(agreement.sub_agreements)
        for a, activity in enumerate(sub.activities)
    ]
    yield "aktiviteterne", [p for p, _ in activities], [a for _, a in activities]
    periods = agreement.budget.periods
    yield "budget.perioder", [("budget", "perioder", n) for n in range(len(periods))], periods


def unique_ids(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for where, paths, items in _id_lists(agreement):
        seen: set[str] = set()
        for path, item in zip(paths, items):
            if item.id in seen:
                findings.append(Finding(
                    path + ("id",),
                    f"id'et '{item.id}' er brugt to gange i {where}. Giv hver sin id, eller slet den ene",
                ))
            seen.add(item.id)
    return findings


def references(agreement: AgreementFile) -> list[Finding]:
    """Every party, role, body and activity id used anywhere is defined."""
    parties = agreement.party_index
    roles = agreement.role_index
    bodies = agreement.body_index
    activities = agreement.activity_index
    findings = []

    def check(path: tuple, wanted: str, what: str, known: dict, where: str) -> None:
        if wanted not in known:
            findings.append(Finding(path, _unknown(what, wanted, known, where)))

    def party(path: tuple, party_id: str) -> None:
        check(path, party_id, "parten", parties, "[[parter]]")

    for n, party_id in enumerate(agreement.agreement.parties):
        party(("aftale", "parter", n), party_id)
    for n, department in enumerate(agreement.area.departments):
        party(("boligomraade", "afdelinger", n, "organisation"), department.organisation)
    for s, sub in enumerate(agreement.sub_agreements):
        for n, party_id in enumerate(sub.parties):
            party(("delaftaler", s, "parter", n), party_id)
        for a, activity in enumerate(sub.activities):
            for r, resp in enumerate(activity.responsibilities):
                for n, party_id in enumerate(resp.parties):
                    party(("delaftaler", s, "aktiviteter", a, "ansvar", r, "parter", n), party_id)
        for n, allocation in enumerate(sub.staff):
            check(("delaftaler", s, "medarbejdere", n, "rolle"), allocation.role, "rollen", roles, "[[medarbejdere]]")
    for n, body in enumerate(agreement.organisation.bodies):
        if body.above is not None:
            check(("organisation", "organer", n, "under"), body.above, "organet", bodies, "[[organisation.organer]]")
    for n, funding in enumerate(agreement.budget.funding):
        if funding.party is not None:
            party(("budget", "finansiering", n, "part"), funding.party)
    for n, milestone in enumerate(agreement.milestones):
        party(("milepaele", n, "ansvarlig"), milestone.responsible)
        if milestone.activity is not None:
            check(("milepaele", n, "aktivitet"), milestone.activity, "aktiviteten", activities, "delaftalernes aktiviteter")
    plan = agreement.contingency
    for n, party_id in enumerate(plan.contacts):
        party(("beredskabsplan", "kontakter", n), party_id)
    for s, situation in enumerate(plan.situations):
        for a, action in enumerate(situation.actions):
            for n, party_id in enumerate(action.by):
                party(("beredskabsplan", "situationer", s, "handlinger", a, "hvem", n), party_id)
        for n, party_id in enumerate(situation.informed):
            party(("beredskabsplan", "situationer", s, "informeres", n), party_id)
    board = agreement.board
    check(("kommissorium", "organ"), board.body, "organet", bodies, "[[organisation.organer]]")
    for n, member in enumerate(board.members):
        party(("kommissorium", "medlemmer", n, "part"), member.party)
    return findings + _body_cycles(agreement)


def _body_cycles(agreement: AgreementFile) -> list[Finding]:
    """'under' must form a tree: no body ends up under itself."""
    bodies = agreement.body_index
    findings = []
    for n, body in enumerate(agreement.organisation.bodies):
        seen = [body.id]
        above = body.above
        while above in bodies and above not in seen:
            seen.append(above)
            above = bodies[above].above
        if above == body.id:
            chain = " → ".join(seen + [body.id])
            findings.append(Finding(
                ("organisation", "organer", n, "under"),
                f"organerne hører under hinanden i ring ({chain}); et organ kan ikke (indirekte) høre under sig selv",
            ))
    return findings


def _unknown(what: str, wanted: str, known: dict, where: str) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=1)
    hint = f" Mente du '{close[0]}'?" if close else ""
    return f"{what} '{wanted}' findes ikke i {where}.{hint} Tilføj den der, eller ret id'et"


def areas(agreement: AgreementFile) -> list[Finding]:
    """Each indsatsområde once in [[omraader]], and a delaftale for each."""
    findings = []
    goal_areas = Counter(a.area for a in agreement.areas)
    sub_areas = Counter(s.area for s in agreement.sub_agreements)
    for n, area in enumerate(agreement.areas):
        if goal_areas[area.area] > 1:
            findings.append(Finding(("omraader", n, "id"), f"indsatsområdet '{area.area}' står flere gange i [[omraader]]"))
        elif area.area not in sub_areas:
            findings.append(Finding(
                ("omraader", n, "id"),
                f"indsatsområdet {AREAS[area.area]} står i [[omraader]], men der er ingen delaftale for "
                f"indsatsområdet {AREAS[area.area]}. Tilføj en [[delaftaler]] med omraade = \"{area.area}\", "
                "eller slet indsatsområdet fra [[omraader]], hvis helhedsplanen ikke arbejder med det",
            ))
    findings += _areas_without_sub_agreement(agreement, list(sub_areas))
    for n, sub in enumerate(agreement.sub_agreements):
        if sub_areas[sub.area] > 1:
            findings.append(Finding(
                ("delaftaler", n, "omraade"),
                f"der er flere delaftaler for {AREAS[sub.area]}; der skal være én pr. indsatsområde",
            ))
        elif sub.area not in goal_areas:
            findings.append(Finding(
                ("delaftaler", n, "omraade"),
                f"indsatsområdet {AREAS[sub.area]} mangler i [[omraader]] (mål og problemkompleks)",
            ))
    return findings



def _areas_without_sub_agreement(agreement: AgreementFile, chosen: list[str]) -> list[Finding]:
    """Budget money and milestones belong to an area the plan has a
    delaftale for: the indberetningsskema and the milestone plan show
    them under that delaftale's area."""
    listed = ", ".join(f'"{a}"' for a in chosen) or "ingen"

    def problem(what: str, area: str) -> str:
        return (f"{what} hører til indsatsområdet {AREAS[area]} (omraade = \"{area}\"), men der er ingen "
                f"delaftale for {AREAS[area]} i [[delaftaler]]. Ret 'omraade' til et af delaftalernes "
                f"indsatsområder ({listed}), eller tilføj en delaftale for {AREAS[area]}")

    findings = []
    for n, expense in enumerate(agreement.budget.expenses):
        # an area on another category is reported by checks.budget.lines: delete it
        if expense.category == "aktiviteter" and expense.area is not None and expense.area not in chosen:
            findings.append(Finding(("budget", "udgifter", n, "omraade"), problem(f"budgetlinjen '{expense.text}'", expense.area)))
    for n, milestone in enumerate(agreement.milestones):
        if milestone.area is not None and milestone.area not in chosen:
            findings.append(Finding(("milepaele", n, "omraade"), problem(f"milepælen '{milestone.title}'", milestone.area)))
    return findings


def file_names(agreement: AgreementFile) -> list[Finding]:
    """The area name is in most documents' file names; one so long that a
    file name passes 255 bytes would stop the build when it writes."""
    area_name = agreement.agreement.area_name
    # ".docx" stands for both suffixes: ".xlsx" is as long
    names = [file_name(n, title(doc_id, area_name), ".docx") for n, doc_id in enumerate(known_ids(agreement), start=1)]
    longest = max(names, key=lambda name: len(name.encode("utf-8")))
    size = len(longest.encode("utf-8"))
    if size <= MAX_FILE_NAME_BYTES:
        return []
    room = MAX_FILE_NAME_BYTES - (size - len(area_name.encode("utf-8")))
    fits = len(area_name.encode("utf-8")[:room].decode("utf-8", "ignore"))
    return [Finding(("aftale", "omraadenavn"), (
        f"navnet gør filnavnet '{longest[:60]}…' for langt til et drev: {size} byte, hvor et filnavn "
        f"højst kan være {MAX_FILE_NAME_BYTES}. Forkort navnet til højst {fits} tegn "
        "(æ, ø, å og andre tegn uden for a-z fylder dobbelt eller mere i et filnavn)"
    ))]

"""Cross-document checks on a valid model.  Pure functions.

Each check returns findings: the TOML path of the offending key and a
Danish message saying what is wrong and what to do.  ``run`` gathers them
all, so one run of ``docgen validate`` shows every problem.
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from .formatting import danish_number
from .lbf import AREAS
from .model import AgreementFile
from .staff import amount, staff_matrix, unit_word


@dataclass(frozen=True)
class Finding:
    path: tuple
    message: str


def unique_ids(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for key, items in (("parter", agreement.parties), ("medarbejdere", agreement.roles)):
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                findings.append(Finding(
                    (key, index, "id"),
                    f"id'et '{item.id}' er brugt to gange (også i [[{key}]] nr. {seen[item.id] + 1}). "
                    "Giv hver sin id, eller slet den ene",
                ))
            else:
                seen[item.id] = index
    return findings


def references(agreement: AgreementFile) -> list[Finding]:
    """Every party and role id used anywhere is defined."""
    parties = agreement.party_index
    roles = agreement.role_index
    findings = []

    def party(path: tuple, party_id: str) -> None:
        if party_id not in parties:
            findings.append(Finding(path, _unknown("parten", party_id, parties, "[[parter]]")))

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
            if allocation.role not in roles:
                findings.append(Finding(
                    ("delaftaler", s, "medarbejdere", n, "rolle"),
                    _unknown("rollen", allocation.role, roles, "[[medarbejdere]]"),
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
                f"der er ingen delaftale for indsatsområdet {AREAS[area.area]}. "
                f"Tilføj en [[delaftaler]] med omraade = \"{area.area}\"",
            ))
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


def staff_years(agreement: AgreementFile) -> list[Finding]:
    """Each role's allocations add up to its total in the staffing plan."""
    roles = agreement.role_index
    findings = []
    for s, sub in enumerate(agreement.sub_agreements):
        seen: set[str] = set()
        for n, allocation in enumerate(sub.staff):
            role = roles.get(allocation.role)
            if role is None:
                continue  # reported by references()
            path = ("delaftaler", s, "medarbejdere", n)
            if allocation.role in seen:
                findings.append(Finding(path + ("rolle",), f"{role.title} står to gange i delaftalen for {AREAS[sub.area]}. Læg tallene sammen i én linje"))
            seen.add(allocation.role)
            if role.hourly and allocation.hours_per_week is None:
                findings.append(Finding(path, f"{role.title} er timelønnet i bemandingsplanen; angiv timer_pr_uge, ikke aarsvaerk"))
            elif not role.hourly and allocation.staff_years is None:
                findings.append(Finding(path, f"{role.title} er angivet i årsværk i bemandingsplanen; angiv aarsvaerk, ikke timer_pr_uge"))
            elif amount(allocation) <= 0:
                findings.append(Finding(
                    path + ("timer_pr_uge" if role.hourly else "aarsvaerk",),
                    f"{role.title} i {AREAS[sub.area]} er {danish_number(amount(allocation))} {unit_word(role)}; "
                    "tallet skal være større end 0. Slet linjen, hvis rollen ikke arbejder i indsatsområdet",
                ))
    if findings:
        return findings  # sums over malformed allocations would only repeat these

    matrix = staff_matrix(agreement)
    for r, role in enumerate(agreement.roles):
        total = amount(role)
        unit = unit_word(role)
        key = "timer_pr_uge" if role.hourly else "aarsvaerk"
        if total <= 0:
            findings.append(Finding(("medarbejdere", r, key), f"{role.title} har {danish_number(total)} {unit} i bemandingsplanen; tallet skal være større end 0"))
            continue
        allocated = matrix.row_total(role)
        if allocated != total:
            parts = [
                f"{AREAS[a]} {danish_number(matrix.cells[(role.id, a)])}"
                for a in matrix.areas if (role.id, a) in matrix.cells
            ]
            spread = " + ".join(parts) if parts else "ingen delaftaler"
            findings.append(Finding(
                ("medarbejdere", r, key),
                f"{role.title}: delaftalerne fordeler {spread} = {danish_number(allocated)} {unit}, "
                f"men bemandingsplanen har {danish_number(total)} {unit}. "
                "Ret fordelingen i delaftalerne eller rollens samlede tal",
            ))
    return findings


CHECKS = (unique_ids, references, areas, staff_years)


def run(agreement: AgreementFile) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(agreement))
    return findings

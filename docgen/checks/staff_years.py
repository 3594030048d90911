"""Staff years: each role's allocations add up to the staffing plan."""
from __future__ import annotations

from ..figures.formatting import danish_number
from ..model.lbf import AREAS
from ..model.agreement import AgreementFile
from ..figures.staff import amount, staff_matrix, unit_word
from .finding import Finding


def staff_years(agreement: AgreementFile, sums: bool = True) -> list[Finding]:
    """Each allocation is in its role's unit and above 0, and (with
    ``sums``) each role's allocations add up to its total in the staffing plan."""
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
    if findings or not sums:
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

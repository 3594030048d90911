"""Cross-document checks on a valid model.  Pure functions.

Each check returns findings (``Finding``: the TOML path of the offending
key and a Danish message).  ``run`` gathers them all, so one run of
``docgen validate`` shows every problem.
"""
from __future__ import annotations

from ..model.agreement import AgreementFile
from .budget_rules import budget
from .finding import Finding
from .pulje import area_ids
from .staff_years import staff_years
from .structure import areas, file_names, references, unique_ids
from .revision_entries import illustrative, revisions
from .texts import markdown_texts
from .timeline import milestones

# The structure first; the sums only on a sound structure (a duplicate role
# or an unknown role id would otherwise also show up as every total off).
STRUCTURE = (unique_ids, references, areas, file_names)
SUMS = (staff_years, budget)
LATER = (milestones, revisions, illustrative, markdown_texts)
CHECKS = (area_ids,) + STRUCTURE + SUMS + LATER


def run(agreement: AgreementFile, sums: bool = True) -> list[Finding]:
    """Every finding; without ``sums`` the totals are not compared (the
    agreement holds stand-ins for values that did not load)."""
    # Every other check names areas by the pulje: an unknown pulje or area
    # id is reported alone.
    findings: list[Finding] = area_ids(agreement)
    if findings:
        return findings
    for check in STRUCTURE:
        findings.extend(check(agreement))
    sound = sums and not findings
    for check in SUMS:
        findings.extend(check(agreement, sums=sound))
    for check in LATER:
        findings.extend(check(agreement))
    return findings


__all__ = ["CHECKS", "Finding", "run"]

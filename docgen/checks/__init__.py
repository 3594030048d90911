"""Cross-document checks on a valid model.  Pure functions.

Each check returns findings (``Finding``: the TOML path of the offending
key and a Danish message).  ``run`` gathers them all, so one run of
``docgen validate`` shows every problem.
"""
from __future__ import annotations

from ..model import AgreementFile
from .budget import budget
from .finding import Finding
from .staff_years import staff_years
from .structure import areas, references, unique_ids
from .timeline import milestones, revisions

CHECKS = (unique_ids, references, areas, staff_years, budget, milestones, revisions)


def run(agreement: AgreementFile) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(agreement))
    return findings


__all__ = ["CHECKS", "Finding", "run"]

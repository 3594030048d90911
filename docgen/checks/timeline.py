"""Milestones fall inside the agreement period."""
from __future__ import annotations

from ..figures.formatting import danish_date, date_range
from ..model.agreement import AgreementFile
from ..figures.milestones import span, when
from .finding import Finding


def milestones(agreement: AgreementFile) -> list[Finding]:
    start, end = agreement.agreement.start, agreement.agreement.end
    findings = []
    for n, milestone in enumerate(agreement.milestones):
        first, last = span(milestone)
        if first < start or last > end:
            key = "dato" if milestone.date else "maaned" if milestone.month else "kvartal"
            findings.append(Finding(
                ("milepaele", n, key),
                f"milepælen '{milestone.title}' ({when(milestone)}) ligger uden for aftaleperioden "
                f"{date_range(start, end)}. Ret tidspunktet, eller slet milepælen",
            ))
    return findings

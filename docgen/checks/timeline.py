"""Milestones fall inside the agreement period; revisions are in date order."""
from __future__ import annotations

from ..formatting import danish_date, date_range
from ..model import AgreementFile
from ..milestones import span, when
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


def revisions(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for n in range(1, len(agreement.revisions)):
        before, entry = agreement.revisions[n - 1], agreement.revisions[n]
        if entry.date < before.date:
            findings.append(Finding(
                ("revisioner", n, "dato"),
                f"revision {n + 1} er dateret {danish_date(entry.date)}, før revision {n} ({danish_date(before.date)}). "
                "Skriv revisionerne i den rækkefølge, de er godkendt, ældste først",
            ))
    return findings

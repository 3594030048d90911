"""The pulje: it has a data file, and every area id is one of its
indsatsområder; an [[omraader]] entry that leaves out LBF's texts has them
in the pulje.  ``repeated_texts`` (a lint rule) warns where a text the
pulje fixes is repeated differently in the file."""
from __future__ import annotations

import difflib

from ..model.lbf import UnknownPulje, pulje
from ..model.agreement import AgreementFile
from .finding import Finding


def area_ids(agreement: AgreementFile) -> list[Finding]:
    try:
        chosen = pulje(agreement.agreement.pulje)
    except UnknownPulje as exc:
        return [Finding(("aftale", "pulje"), str(exc))]
    known = chosen.areas
    names = ", ".join(known)
    findings = []

    def check(path: tuple, area: str | None) -> None:
        if area is not None and area not in known:
            findings.append(Finding(
                path,
                f"'{area}' er ikke et indsatsområde i puljen {chosen.id}. "
                f"Indsatsområderne hedder: {names}",
            ))

    for n, goals in enumerate(agreement.areas):
        check(("omraader", n, "id"), goals.area)
    for n, sub in enumerate(agreement.sub_agreements):
        check(("delaftaler", n, "omraade"), sub.area)
    for n, expense in enumerate(agreement.budget.expenses):
        check(("budget", "udgifter", n, "omraade"), expense.area)
    for n, milestone in enumerate(agreement.milestones):
        check(("milepaele", n, "omraade"), milestone.area)
    if findings:
        return findings
    for n, goals in enumerate(agreement.areas):
        fixed = known[goals.area].indicators
        for k, indicator in enumerate(goals.indicators):
            if indicator.indicator is None and k >= len(fixed):
                findings.append(Finding(
                    ("omraader", n, "indikatorer", k),
                    f"indikator nr. {k + 1} for {known[goals.area].name} har ingen 'indikator', og puljen "
                    f"{chosen.id} har kun {len(fixed)} indikatorer for indsatsområdet. Skriv indikatorens tekst i 'indikator'",
                ))
    return findings


def repeated_texts(agreement: AgreementFile) -> list[Finding]:
    """'maal' or 'indikator' given in [[omraader]] but different from the
    pulje's text: allowed (older files repeat them), probably a slip."""
    try:
        chosen = pulje(agreement.agreement.pulje)
    except UnknownPulje:
        return []
    findings = []
    for n, goals in enumerate(agreement.areas):
        spec = chosen.areas.get(goals.area)
        if spec is None:
            continue
        if goals.goal is not None and goals.goal != spec.goal:
            findings.append(Finding(
                ("omraader", n, "maal"),
                f"målet for {spec.name} er ikke LBF's mål i puljen {chosen.id} (\"{spec.goal}\"). "
                "Slet 'maal', så bruges puljens tekst, eller ret den",
            ))
        fixed = [text for text, _ in spec.indicators]
        for k, indicator in enumerate(goals.indicators):
            if indicator.indicator is not None and indicator.indicator not in fixed:
                close = difflib.get_close_matches(indicator.indicator, fixed, n=1, cutoff=0.8)
                hint = f" Mente du \"{close[0]}\"?" if close else ""
                findings.append(Finding(
                    ("omraader", n, "indikatorer", k, "indikator"),
                    f"indikatoren \"{indicator.indicator}\" er ikke en af LBF's indikatorer for {spec.name} "
                    f"i puljen {chosen.id}.{hint} Er det en lokal indikator, så se bort fra denne advarsel",
                ))
    return findings

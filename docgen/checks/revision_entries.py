"""The change log: entries in date order, every document id known, and a
draft only as the latest revision of the documents it names."""
from __future__ import annotations

import difflib

from ..figures.formatting import danish_date
from ..figures.versions import SUB_AGREEMENT, all_ids, covers, document_name, known_ids
from ..model.lbf import AREAS, pulje_of
from ..model.agreement import AgreementFile
from .finding import Finding


def _unknown_id(agreement: AgreementFile, doc_id: str, key: str) -> str | None:
    """Why ``doc_id`` names no document of this agreement, or None."""
    if doc_id in known_ids(agreement):
        return None
    kind, _, area = doc_id.partition(".")
    if kind == SUB_AGREEMENT and area in pulje_of(agreement).areas:
        chosen = ", ".join(f"delaftale.{s.area}" for s in agreement.sub_agreements)
        return (f"'{doc_id}' i {key}: aftalen har ingen delaftale for {AREAS[area]}. "
                f"Delaftalerne er {chosen}")
    close = difflib.get_close_matches(doc_id, all_ids(), n=1, cutoff=0.6)
    hint = f" Mente du '{close[0]}'?" if close and close[0] in known_ids(agreement) else ""
    return (f"ukendt dokument '{doc_id}' i {key}.{hint} Dokumenterne hedder: "
            + ", ".join(known_ids(agreement)))


def revisions(agreement: AgreementFile) -> list[Finding]:
    findings = []
    entries = agreement.revisions
    for n, entry in enumerate(entries):
        if n and entry.date < entries[n - 1].date:
            findings.append(Finding(
                ("revisioner", n, "dato"),
                f"revision {n + 1} er dateret {danish_date(entry.date)}, før revision {n} "
                f"({danish_date(entries[n - 1].date)}). "
                "Skriv revisionerne i den rækkefølge, de er godkendt, ældste først",
            ))
        # An entry for the agreement as first signed may carry the signing
        # date, before the period starts; a revision of named documents may not.
        named = entry.documents is not None or entry.draft
        if named and entry.date < agreement.agreement.start:
            findings.append(Finding(
                ("revisioner", n, "dato"),
                f"revision {n + 1} er dateret {danish_date(entry.date)}, før aftalen begynder "
                f"({danish_date(agreement.agreement.start)}). Ret datoen",
            ))
        for k, doc_id in enumerate(entry.documents or []):
            problem = _unknown_id(agreement, doc_id, "dokumenter")
            if problem:
                findings.append(Finding(("revisioner", n, "dokumenter", k), problem))
            elif doc_id in entry.documents[:k]:
                findings.append(Finding(("revisioner", n, "dokumenter", k), f"'{doc_id}' står to gange. Slet den ene"))
        if entry.draft:
            later = [
                d for d in known_ids(agreement)
                if covers(entry, d) and any(covers(e, d) and not e.draft for e in entries[n + 1:])
            ]
            if later:
                findings.append(Finding(
                    ("revisioner", n, "udkast"),
                    f"revision {n + 1} er et udkast, men en senere revision af "
                    f"{', '.join(document_name(d) for d in later)} er godkendt. Er udkastet godkendt, så "
                    "slet 'udkast = true'; ellers slet revisionen",
                ))
    return findings


def illustrative(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for k, doc_id in enumerate(agreement.agreement.illustrative):
        problem = _unknown_id(agreement, doc_id, "illustrativt")
        if problem:
            findings.append(Finding(("aftale", "illustrativt", k), problem))
    return findings

"""Facts fixed by Landsbyggefonden for the 2019-26 money.

These do not belong in agreement.toml: every helhedsplan shares them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

# The four indsatsområder, in LBF's order.  Keys are the ids used in the TOML.
AREAS: dict[str, str] = {
    "uddannelse": "Uddannelse og livschancer",
    "beskaeftigelse": "Beskæftigelse",
    "kriminalitet": "Kriminalitetsforebyggelse",
    "sammenhaeng": "Sammenhængskraft og medborgerskab",
}

# Short names, where space is tight (the terminal's staff matrix).
AREA_SHORT: dict[str, str] = {
    "uddannelse": "Uddannelse",
    "beskaeftigelse": "Beskæftigelse",
    "kriminalitet": "Kriminalitet",
    "sammenhaeng": "Sammenhæng",
}

# LBF's overall goal and indicators for each indsatsområde (2019-26), with
# the usual data source.  `docgen init` writes them into a new agreement.
GOALS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "uddannelse": (
        "Der skal ske et fagligt løft af børn og unge, så flere bliver skoleparate, og flere tager en uddannelse",
        [
            ("Andel 1-5-årige i dagtilbud", "Boligsociale data"),
            ("Karaktergennemsnit i dansk og matematik for 9.-klasseselever", "Boligsociale data"),
            ("Andel 18-29-årige, der har grundskole som højest fuldførte uddannelse, og som ikke er i gang med "
             "en uddannelse", "Boligsociale data"),
        ],
    ),
    "beskaeftigelse": (
        "Flere bliver tilknyttet arbejdsmarkedet",
        [
            ("Andel 15-29-årige, der hverken er i gang med en uddannelse eller er i beskæftigelse (restgruppen)",
             "Boligsociale data"),
            ("Andel 18-64-årige, der er uden tilknytning til arbejdsmarked og uddannelse", "Boligsociale data"),
        ],
    ),
    "kriminalitet": (
        "Børn og unge skal støttes i et liv uden kriminalitet, og områderne skal opleves trygge",
        [
            ("Andel 15-29-årige, som er sigtet mindst én gang", "Boligsociale data"),
            ("Andel beboere over 18 år, der føler sig grundlæggende trygge i boligområdet", "Survey LBF"),
        ],
    ),
    "sammenhaeng": (
        "Flere er en del af fællesskabet og deltager aktivt i samfundet",
        [
            ("Andel beboere over 18 år, der laver frivilligt arbejde", "Survey LBF"),
            ("Andel stemmeberettigede, der har stemt ved seneste kommunalvalg/folketingsvalg", "Boligsociale data"),
        ],
    ),
}

# Landsbyggefonden pays at most 75 % of the budget; at least 25 % is local
# co-financing (lokal medfinansiering).
LBF_MAX_SHARE = Decimal("0.75")

# The documents of the upload set, by kind: the Danish name, what the
# document is, the requirement of the strategic agreement's section
# "Aftaledokumenter" it answers (LBF's own words), and who approves a change
# (its revision rules; "{bestyrelse}" is the local board; empty: nobody on
# its own).
DOCUMENT_KINDS: dict[str, dict[str, str]] = {
    "strategisk": {
        "navn": "Strategisk samarbejdsaftale",
        "hvad": "Aftalen mellem kommune og boligorganisationer: parter, vision, organisering, mål og indikatorer",
        "krav": "Det er et krav, at der udarbejdes en strategisk samarbejdsaftale for at opnå Landsbyggefondens "
                "støtte til boligsocial indsats.",
        "godkendes_af": "Landsbyggefonden",
    },
    "delaftale": {
        "navn": "Delaftale",
        "hvad": "Aftalen om aktiviteterne i ét indsatsområde: parter, delmål, aktiviteter og medarbejderressourcer",
        "krav": "En delaftale for hvert af de valgte indsatsområder",
        "godkendes_af": "{bestyrelse}",  # and LBF too when the change is substantial (diff.SUBSTANTIAL)
    },
    "budget": {
        "navn": "Budget",
        "hvad": "Udgifter pr. periode og kategori og finansiering pr. kilde",
        "krav": "Et budget",
        "godkendes_af": "Landsbyggefonden",
    },
    "beredskabsplan": {
        "navn": "Beredskabsplan",
        "hvad": "Hvordan parterne handler i akutte situationer, og hvem der kontaktes",
        "krav": "En beredskabsplan",
        "godkendes_af": "{bestyrelse}",
    },
    "milepaelsplan": {
        "navn": "Milepælsplan",
        "hvad": "Milepælene for hele perioden med tidspunkt, ansvarlig og status",
        "krav": "En milepælsplan",
        "godkendes_af": "{bestyrelse}",
    },
    "kommissorium": {
        "navn": "Kommissorium for bestyrelsen",
        "hvad": "Bestyrelsens baggrund, formål, sammensætning, opgaver, møder og sekretariat",
        "krav": "Der skal tillige uploades et kommissorium for bestyrelsen (ingen skabelon).",
        "godkendes_af": "{bestyrelse}",
    },
    "indberetningsskema": {
        "navn": "Indberetningsskema",
        "hvad": "Nøgletal, årsværk og budget pr. indsatsområde",
        "krav": "Endvidere skal der udfyldes og uploades et indberetningsskema på sagen i driftsstøttesystemet.",
        "godkendes_af": "",  # derived from the budget and the delaftaler; nobody approves it on its own
    },
}

# 37 hours a week is one full-time-equivalent year (årsværk).
HOURS_PER_STAFF_YEAR = Decimal(37)


def in_lbf_order(items: Iterable[T], area_of: Callable[[T], str]) -> list[T]:
    """The items sorted by their indsatsområde in LBF's order."""
    order = {area: n for n, area in enumerate(AREAS)}
    return sorted(items, key=lambda item: order[area_of(item)])

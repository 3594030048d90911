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

# Landsbyggefonden pays at most 75 % of the budget; at least 25 % is local
# co-financing (lokal medfinansiering).
LBF_MAX_SHARE = Decimal("0.75")

# 37 hours a week is one full-time-equivalent year (årsværk).
HOURS_PER_STAFF_YEAR = Decimal(37)


def in_lbf_order(items: Iterable[T], area_of: Callable[[T], str]) -> list[T]:
    """The items sorted by their indsatsområde in LBF's order."""
    order = {area: n for n, area in enumerate(AREAS)}
    return sorted(items, key=lambda item: order[area_of(item)])

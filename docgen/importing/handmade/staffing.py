"""Staff lines of a delaftale ("Projektleder: 0,25 årsværk", "Studentermedhjælp
1: 15 timer", "Kommunikationsmedarbejder 0,5 årsværk") → roles and their
allocation per area; the staffing plan is their sum.  Pure functions;
staff years are Decimal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

LINE = re.compile(
    r"^\s*(?P<title>.+?)\s*:?\s+(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>årsværk|årsv\.?|timer|t\.)\b(?P<tail>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StaffLine:
    title: str
    amount: Decimal
    hourly: bool  # hours a week, not årsværk


def parse(text: str) -> StaffLine | None:
    text = text.replace("*", "").replace("\\", "").strip().lstrip("•-– ").strip()
    match = LINE.match(text)
    if not match:
        return None
    try:
        amount = Decimal(match.group("amount").replace(",", "."))
    except InvalidOperation:
        return None
    title = match.group("title").strip().rstrip(":").strip()
    return StaffLine(title, amount, match.group("unit").lower().startswith("t"))


def role_key(title: str) -> str:
    """One role however its title is inflected: 'Boligsociale medarbejdere'
    and 'Boligsocial medarbejder', 'Beboerrådgiver' and 'Beboerrådgivere'."""
    words = re.sub(r"[^\wæøå ]", " ", title.lower()).split()
    return " ".join(w[:-1] if w.endswith("e") and len(w) > 4 else w for w in words)


def slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return text[:40].strip("_") or "x"


@dataclass
class Role:
    id: str
    titles: list[str] = field(default_factory=list)
    hourly: bool = False
    total: Decimal = Decimal(0)

    @property
    def title(self) -> str:
        """The spelling used most (the first of equals)."""
        return max(self.titles, key=self.titles.count)


def roles(per_area: dict[str, list[StaffLine]]) -> tuple[list[Role], dict[str, list[tuple[str, Decimal, bool]]]]:
    """The roles (each with its total) and each area's allocation (role id,
    amount, hourly), from the staff lines of every delaftale."""
    found: dict[tuple[str, bool], Role] = {}
    used_ids: set[str] = set()
    allocation: dict[str, list[tuple[str, Decimal, bool]]] = {}
    for area, lines in per_area.items():
        allocation[area] = []
        for line in lines:
            key = (role_key(line.title), line.hourly)
            role = found.get(key)
            if role is None:
                base = slug(line.title)
                rid, n = base, 2
                while rid in used_ids:
                    rid, n = f"{base}_{n}", n + 1
                used_ids.add(rid)
                role = found[key] = Role(rid, hourly=line.hourly)
            role.titles.append(line.title)
            role.total += line.amount
            allocation[area].append((role.id, line.amount, line.hourly))
    return list(found.values()), allocation

"""When a milestone falls: a day, a month or a quarter.  Pure functions."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .formatting import MONTHS, danish_date
from ..model.agreement import Milestone


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def span(milestone: Milestone) -> tuple[dt.date, dt.date]:
    """The first and last day the milestone's time covers."""
    if milestone.date is not None:
        return milestone.date, milestone.date
    if milestone.month is not None:
        year, month = map(int, milestone.month.split("-"))
        return dt.date(year, month, 1), _month_end(year, month)
    year, quarter = int(milestone.quarter[:4]), int(milestone.quarter[-1])
    first = 3 * quarter - 2
    return dt.date(year, first, 1), _month_end(year, first + 2)


def when(milestone: Milestone) -> str:
    """'18. november 2025', 'oktober 2025' or '4. kvartal 2025'."""
    if milestone.date is not None:
        return danish_date(milestone.date)
    first, _ = span(milestone)
    if milestone.month is not None:
        return f"{MONTHS[first.month - 1]} {first.year}"
    return f"{milestone.quarter[-1]}. kvartal {first.year}"


def in_order(milestones: list[Milestone]) -> list[Milestone]:
    """By the last day they may fall on, then the first; ties keep the
    file's order."""
    return sorted(milestones, key=lambda m: span(m)[::-1])


_DAY = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")
_MONTH = re.compile(r"^([a-zæøå]+)\.?\s+(\d{4})$")
_QUARTER = re.compile(r"^([1-4])\.?\s*kvartal\s+(\d{4})$|^(\d{4})-?K([1-4])$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _month(name: str) -> int | None:
    name = name.lower().rstrip(".")
    for n, month in enumerate(MONTHS, start=1):
        if name == month or (len(name) >= 3 and month.startswith(name)):
            return n
    return None


def parse_when(value) -> dict | None:
    """The inverse of ``when``: a milestone's time as a person types it
    ('15. marts 2026', 'marts 2026', '1. kvartal 2026'; also a date cell,
    '2026-03-15', '15-03-2026', 'mar. 2026' and '2026-K1'), as
    agreement.toml's field: {"dato": …}, {"maaned": "ÅÅÅÅ-MM"} or
    {"kvartal": "ÅÅÅÅ-Kn"}; None where it cannot be read."""
    if isinstance(value, dt.datetime):
        return {"dato": value.date()}
    if isinstance(value, dt.date):
        return {"dato": value}
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).lower()
    try:
        if m := _ISO.match(text):
            return {"dato": dt.date(int(m[1]), int(m[2]), int(m[3]))}
        if m := _NUMERIC.match(text):
            return {"dato": dt.date(int(m[3]), int(m[2]), int(m[1]))}
        if (m := _DAY.match(text)) and _month(m[2]):
            return {"dato": dt.date(int(m[3]), _month(m[2]), int(m[1]))}
    except ValueError:
        return None
    if (m := _MONTH.match(text)) and _month(m[1]):
        return {"maaned": f"{int(m[2]):04d}-{_month(m[1]):02d}"}
    if m := _QUARTER.match(text):
        year, quarter = (m[2], m[1]) if m[1] else (m[3], m[4])
        return {"kvartal": f"{int(year):04d}-K{quarter}"}
    return None

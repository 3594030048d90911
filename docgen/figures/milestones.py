"""When a milestone falls: a day, a month or a quarter.  Pure functions."""
from __future__ import annotations

import calendar
import datetime as dt

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

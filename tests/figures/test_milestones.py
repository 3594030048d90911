"""A milestone's time read back as a person types it (the inverse of when)."""
from __future__ import annotations

import datetime as dt

import pytest

from docgen.figures.milestones import parse_when, when


def test_every_time_the_plan_shows_reads_back_as_its_field(shipped):
    for milestone in shipped.milestones:
        field = {"dato": milestone.date} if milestone.date else \
            {"maaned": milestone.month} if milestone.month else {"kvartal": milestone.quarter}
        assert parse_when(when(milestone)) == field, when(milestone)


@pytest.mark.parametrize("typed, field", [
    ("15. marts 2026", {"dato": dt.date(2026, 3, 15)}),
    ("15 Marts 2026", {"dato": dt.date(2026, 3, 15)}),
    ("15-03-2026", {"dato": dt.date(2026, 3, 15)}),
    ("2026-03-15", {"dato": dt.date(2026, 3, 15)}),
    (dt.datetime(2026, 3, 15), {"dato": dt.date(2026, 3, 15)}),
    ("mar. 2026", {"maaned": "2026-03"}),
    ("maj 2026", {"maaned": "2026-05"}),
    ("3. kvartal 2028", {"kvartal": "2028-K3"}),
    ("2028-K3", {"kvartal": "2028-K3"}),
])
def test_a_typed_time_becomes_the_field(typed, field):
    assert parse_when(typed) == field


@pytest.mark.parametrize("typed", ["", "snart", "31. februar 2026", "ma 2026", "5. kvartal 2026", 46000])
def test_a_time_that_cannot_be_read_is_none_never_a_guess(typed):
    assert parse_when(typed) is None

import datetime as dt
from decimal import Decimal

import pytest

from docgen.figures.formatting import danish_date, danish_number, hours, phone, staff_years


@pytest.mark.parametrize("day, text", [
    (dt.date(2024, 9, 1), "1. september 2024"),
    (dt.date(2028, 8, 31), "31. august 2028"),
    (dt.date(2025, 1, 15), "15. januar 2025"),
])
def test_danish_date(day, text):
    assert danish_date(day) == text


@pytest.mark.parametrize("value, decimals, text", [
    (Decimal("0.25"), None, "0,25"),
    (Decimal("3.00"), None, "3"),
    (Decimal("0.50"), None, "0,5"),
    (4869, None, "4.869"),
    (1234567, None, "1.234.567"),
    (Decimal("1234567.5"), 2, "1.234.567,50"),
    (Decimal("0.405"), 2, "0,41"),      # half up, not banker's rounding
    (Decimal("0.125"), 2, "0,13"),
    (Decimal("-1500"), None, "-1.500"),
    (Decimal("100"), None, "100"),
    (Decimal("1000"), 0, "1.000"),
])
def test_danish_number(value, decimals, text):
    assert danish_number(value, decimals) == text


def test_units():
    assert staff_years(Decimal("0.25")) == "0,25 årsværk"
    assert staff_years(Decimal("3")) == "3 årsværk"
    assert hours(Decimal("15")) == "15 timer"


def test_cell_lines_keeps_each_written_line_and_drops_the_rest():
    from docgen.figures.formatting import cell_lines

    assert cell_lines("KV21: 34,50%\nFV19: 66,8%") == "KV21: 34,50%\nFV19: 66,8%"
    assert cell_lines("\r\n KV21: 34,50% \r\n\r\nFV19: 66,8%\n") == "KV21: 34,50%\nFV19: 66,8%"
    assert cell_lines("én linje") == "én linje"
    assert cell_lines("") == ""


@pytest.mark.parametrize("typed, printed", [
    ("20604931", "20 60 49 31"),
    ("20 60 49 31", "20 60 49 31"),  # already grouped: as typed
    ("2060 4931", "2060 4931"),  # grouped otherwise: as typed
    ("+45 20604931", "+45 20604931"),  # with a country code: as typed
    ("112", "112"),
    ("1234567", "1234567"),
    ("123456789", "123456789"),
])
def test_a_phone_number_of_eight_digits_is_printed_in_groups_of_two(typed, printed):
    assert phone(typed) == printed


def test_a_traced_phone_keeps_its_mark_around_the_grouped_digits():
    # docgen import renders from a traced copy: the field's mark stays around the value (source/trace.py)
    from docgen.source.trace import Mark

    mark = Mark(7)
    assert phone(mark.wrap("20604931")) == mark.wrap("20 60 49 31")

import datetime as dt
from decimal import Decimal

import pytest

from docgen.figures.formatting import danish_date, danish_number, hours, staff_years


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

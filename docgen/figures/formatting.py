"""Danish formatting of numbers and dates.  Pure functions."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)

MONTHS_SHORT = ("", "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def danish_date(day: dt.date) -> str:
    """1. september 2024"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def revision_text(number: int, day: dt.date) -> str:
    """'Revision 2, 15. juni 2025': how a document names its revision."""
    return f"Revision {number}, {danish_date(day)}"


def date_range(first: dt.date, last: dt.date) -> str:
    """1. september 2024 – 31. august 2028"""
    return f"{danish_date(first)} – {danish_date(last)}"


def _group(digits: str) -> str:
    """Thousands separated by '.': 1234567 -> 1.234.567"""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def danish_number(value: Decimal | int, decimals: int | None = None) -> str:
    """A number in Danish style.

    With ``decimals`` the value is rounded half up to that many places and
    always shows them (0,25 / 3,00); without, it shows as many as it needs
    and no trailing zeros (0,25 / 3 / 0,5).
    """
    # a number docgen import traces carries its field's mark (source/trace.py)
    mark = getattr(value, "source_mark", None)
    value = Decimal(value)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{abs(value):.{decimals}f}"
    else:
        text = format(abs(value).normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 else ""
    text = sign + _group(whole) + ("," + frac if frac else "")
    return mark.wrap(text) if mark is not None else text


def staff_years(value: Decimal) -> str:
    """0,25 årsværk"""
    return f"{danish_number(value)} årsværk"


def kroner(value: Decimal) -> str:
    """1.234.567 kr."""
    return f"{danish_number(value, 0)} kr."


def percent(share: Decimal, decimals: int = 1) -> str:
    """0.125 -> '12,5 %'"""
    return f"{danish_number(share * 100, decimals)} %"


def hours(value: Decimal) -> str:
    """15 timer"""
    return f"{danish_number(value)} timer"


def join_danish(items: list[str]) -> str:
    """A list in a Danish sentence: ['a', 'b', 'c'] -> 'a, b og c'.  Used
    wherever docgen builds a sentence from a list."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def cell_lines(text: str) -> str:
    """A table cell's text as it is shown: one line for each line written
    in agreement.toml (\\r\\n and kin become \\n, which the Word renderer
    writes as a line break in the cell), without empty lines or the spaces
    at either end of a line."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


# An 8-digit Danish phone number, with the private use characters of a
# traced field's mark (source/trace.py) on either side
_PHONE = re.compile("([\ue000-\ue0ff]*)(\\d{8})([\ue000-\ue0ff]*)")


def phone(text: str) -> str:
    """A phone number as Danes write it: eight digits in groups of two
    ('20604931' -> '20 60 49 31'); any other number (with a country code,
    already spaced, a switchboard's "+45 …") as typed."""
    match = _PHONE.fullmatch(text.strip())
    if not match:
        return text
    digits = match.group(2)
    return match.group(1) + " ".join(digits[i:i + 2] for i in range(0, 8, 2)) + match.group(3)

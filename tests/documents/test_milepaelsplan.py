"""The milepælsplan: every milestone, in time order, with its area and party."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from docgen.figures.milestones import in_order, span, when
from docgen.model.agreement import Milestone


def milestone(**kw):
    return Milestone.model_validate({"titel": "M", "ansvarlig": "hp", **kw})


@pytest.mark.parametrize("kw, first, last, text", [
    ({"dato": dt.date(2025, 11, 18)}, dt.date(2025, 11, 18), dt.date(2025, 11, 18), "18. november 2025"),
    ({"maaned": "2026-02"}, dt.date(2026, 2, 1), dt.date(2026, 2, 28), "februar 2026"),
    ({"kvartal": "2025-K4"}, dt.date(2025, 10, 1), dt.date(2025, 12, 31), "4. kvartal 2025"),
])
def test_span_and_danish_time(kw, first, last, text):
    m = milestone(**kw)
    assert span(m) == (first, last)
    assert when(m) == text


def test_exactly_one_time_and_not_both_area_and_activity():
    with pytest.raises(ValueError):
        milestone(dato=dt.date(2025, 1, 1), maaned="2025-01")
    with pytest.raises(ValueError):
        milestone()
    with pytest.raises(ValueError):
        milestone(maaned="2025-13")
    with pytest.raises(ValueError):
        milestone(dato=dt.date(2025, 1, 1), omraade="uddannelse", aktivitet="x")


def test_order_is_by_the_last_possible_day():
    quarter, day = milestone(kvartal="2025-K4"), milestone(dato=dt.date(2025, 11, 18))
    assert in_order([quarter, day]) == [day, quarter]


def test_built_plan_lists_every_milestone_in_order(built, shipped):
    sheet = load_workbook(next(built.glob("* Milepælsplan - *.xlsx")), data_only=True)["Milepæle"]
    rows = [row for row in sheet.iter_rows(min_row=5) if isinstance(row[0].value, int)]
    ordered = in_order(shipped.milestones)
    assert [row[2].value for row in rows] == [m.title for m in ordered]
    # one time column, as the agreement states the time
    assert [c.value for c in sheet[4]][:3] == ["Nr.", "Tidspunkt", "Milepæl"]
    assert [row[1].value for row in rows] == [when(m) for m in ordered]
    assert all(row[0].alignment.horizontal == "center" for row in rows)  # "1" never runs into the date
    festival = next(row for row in rows if row[2].value == "Din Fritid Festival 2025")
    assert festival[3].value == "Kriminalitetsforebyggelse"  # from its activity, Aktivt fritidsliv
    assert festival[4].value == "Aktivt fritidsliv"
    counts = {row[1].value: row[2].value for row in sheet.iter_rows(min_row=5) if row[1].value in ("Nået", "Planlagt", "I alt")}
    assert counts["I alt"] == len(shipped.milestones)
    assert counts["Nået"] == sum(m.status == "naaet" for m in shipped.milestones)


def test_the_plan_prints_at_nine_points_or_more(built):
    """Fitted to the width of A4 landscape, the 11 pt text must not shrink
    below 9 pt."""
    sheet = load_workbook(next(built.glob("* Milepælsplan - *.xlsx")))["Milepæle"]
    width_pt = sum((sheet.column_dimensions[c].width * 7 + 5) * 0.75 for c in "ABCDEFG")
    printable = (297 - 2 * 12.7) / 25.4 * 72  # A4 landscape less the 0,5" side margins
    assert 11 * min(1, printable / width_pt) >= 9

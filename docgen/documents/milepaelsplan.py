"""Milepælsplan (Excel): the dated milestones for the whole period, in time
order, with the indsatsområde, activity and responsible party they belong
to, and a count per status."""
from __future__ import annotations

from decimal import Decimal

from ..model.lbf import AREAS
from ..figures.milestones import in_order, when
from ..figures import naming
from ..model.agreement import AgreementFile, Milestone
from .base import Document, effort_name, period
from openpyxl.utils import get_column_letter

from .workbook import (
    NUMBER,
    NUMBER_CENTRED,
    NUMBER_TOTAL,
    SECTION,
    TOTAL_TEXT,
    Cell,
    Formula,
    Sheet,
    Workbook,
    element_key,
    sum_of,
)

TEMPLATE = "milepaelsplan.xlsx"

STATUS_NAMES = {
    "planlagt": "Planlagt",
    "i_gang": "I gang",
    "naaet": "Nået",
    "udskudt": "Udskudt",
    "aflyst": "Aflyst",
}
STATUS_COLUMN = 7


def title(agreement: AgreementFile) -> str:
    return naming.title("milepaelsplan", agreement.agreement.area_name)


def _area_of(agreement: AgreementFile, milestone: Milestone) -> str | None:
    """The milestone's own area, or its activity's."""
    return milestone.area or agreement.activity_area.get(milestone.activity)


def plan_sheet(agreement: AgreementFile) -> Sheet:
    sheet = Sheet(
        name="Milepæle",
        title=f"Milepælsplan: {effort_name(agreement)}",
        subtitle=f"Aftaleperiode {period(agreement)}. Milepælene står i tidsorden, efter den seneste dag, "
                 "de kan falde på.",
        # one time column, as the agreement gives it ("4. kvartal 2025");
        # the widths let A4 landscape print the text at about 9,5 pt
        headings=["Nr.", "Tidspunkt", "Milepæl", "Indsatsområde", "Aktivitet", "Ansvarlig", "Status"],
        widths=[5, 20, 41, 24, 24, 24, 10],
        fixed_widths=True,
    )
    parties = agreement.party_index
    activities = agreement.activity_index
    milestones = in_order(agreement.milestones)
    number = {id(m): i for i, m in enumerate(agreement.milestones)}  # each row's key: its place in the file
    first = sheet.next_row()
    for n, milestone in enumerate(milestones, start=1):
        area = _area_of(agreement, milestone)
        sheet.add(
            Cell(n, NUMBER_CENTRED),
            Cell(when(milestone)),
            Cell(milestone.title),
            Cell(AREAS[area] if area else "Hele helhedsplanen"),
            Cell(activities[milestone.activity].name if milestone.activity else None),
            Cell(parties[milestone.responsible].heading),
            Cell(STATUS_NAMES[milestone.status]),
            key=element_key(("milepaele", number[id(milestone)])),
        )
    last = sheet.next_row() - 1
    sheet.autofilter_to = last  # the summary under the table is not filtered
    sheet.add()
    heading = sheet.add(Cell(None), Cell("Milepæle pr. status", SECTION))
    status_first = sheet.next_row()
    statuses = f"${get_column_letter(STATUS_COLUMN)}${first}:${get_column_letter(STATUS_COLUMN)}${last}"
    for status, name in STATUS_NAMES.items():
        count = sum(1 for m in milestones if m.status == status)
        sheet.add(Cell(None), Cell(name), Cell(Formula(f'=COUNTIF({statuses},"{name}")', Decimal(count)), NUMBER))
    count = sum_of(3, status_first, sheet.next_row() - 1, Decimal(len(milestones)))
    total = sheet.add(Cell(None), Cell("I alt", TOTAL_TEXT), Cell(count, NUMBER_TOTAL))
    # the summary keeps the table's last milestones with it: it never
    # stands alone under the milestones' repeated column headings
    sheet.blocks.append((max(first, last - 2), total))
    return sheet


def document(agreement: AgreementFile) -> Document:
    return Document("milepaelsplan", title(agreement), TEMPLATE, Workbook([plan_sheet(agreement)]))

"""Milepælsplan (Excel): the dated milestones for the whole period, in time
order, with the indsatsområde, activity and responsible party they belong
to, and a count per status."""
from __future__ import annotations

from decimal import Decimal

from ..lbf import AREAS
from ..milestones import in_order, span, when
from ..model import AgreementFile, Milestone
from .base import Document, effort_name, period
from .workbook import DATE, NUMBER, SECTION, TEXT, TOTAL_TEXT, Cell, Formula, Sheet, Workbook, ref, sum_of

TEMPLATE = "milepaelsplan.xlsx"

STATUS_NAMES = {
    "planlagt": "Planlagt",
    "i_gang": "I gang",
    "naaet": "Nået",
    "udskudt": "Udskudt",
    "aflyst": "Aflyst",
}
STATUS_COLUMN = 8


def title(agreement: AgreementFile) -> str:
    return f"Milepælsplan - {agreement.agreement.area_name}"


def _area_of(agreement: AgreementFile, milestone: Milestone) -> str | None:
    """The milestone's own area, or its activity's."""
    if milestone.area:
        return milestone.area
    if milestone.activity:
        for sub in agreement.sub_agreements:
            if any(a.id == milestone.activity for a in sub.activities):
                return sub.area
    return None


def plan_sheet(agreement: AgreementFile) -> Sheet:
    sheet = Sheet(
        name="Milepæle",
        title=f"Milepælsplan: {effort_name(agreement)}",
        subtitle=f"Aftaleperiode {period(agreement)}. Milepælene står i tidsorden.",
        headings=["Nr.", "Tidspunkt", "Senest", "Milepæl", "Indsatsområde", "Aktivitet", "Ansvarlig", "Status"],
        widths=[6, 18, 12, 52, 26, 28, 30, 11],
        autofilter=True,
    )
    parties = agreement.party_index
    activities = agreement.activity_index
    milestones = in_order(agreement.milestones)
    first = sheet.next_row()
    for n, milestone in enumerate(milestones, start=1):
        area = _area_of(agreement, milestone)
        sheet.add(
            Cell(n, NUMBER),
            Cell(when(milestone)),
            Cell(span(milestone)[1], DATE),
            Cell(milestone.title),
            Cell(AREAS[area] if area else "Hele helhedsplanen"),
            Cell(activities[milestone.activity].name if milestone.activity else None),
            Cell(parties[milestone.responsible].name),
            Cell(STATUS_NAMES[milestone.status]),
        )
    last = sheet.next_row() - 1
    sheet.add()
    sheet.add(Cell("Milepæle pr. status", SECTION))
    status_first = sheet.next_row()
    column = ref(STATUS_COLUMN, first)[:-len(str(first))]
    for status, name in STATUS_NAMES.items():
        count = sum(1 for m in milestones if m.status == status)
        expr = f'=COUNTIF(${column}${first}:${column}${last},"{name}")'
        sheet.add(Cell(name), Cell(Formula(expr, Decimal(count)), NUMBER))
    sheet.add(Cell("I alt", TOTAL_TEXT), Cell(sum_of(2, status_first, sheet.next_row() - 1, Decimal(len(milestones))), NUMBER))
    return sheet


def document(agreement: AgreementFile) -> Document:
    return Document(title(agreement), TEMPLATE, Workbook([plan_sheet(agreement)]))

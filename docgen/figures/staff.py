"""Staff-year arithmetic.  Pure functions over the model.

A role is counted either in årsværk or, for hourly staff, in hours per
week; its allocations use the same unit, so sums are compared exactly in
that unit.  Only when årsværk of different roles are added up (a column of
the matrix) are hours converted: 37 hours a week is 1 årsværk.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .formatting import danish_number, hours, staff_years
from ..model.lbf import AREA_SHORT, HOURS_PER_STAFF_YEAR, in_lbf_order
from ..model.agreement import AgreementFile, Allocation, Role


def amount(item: Role | Allocation) -> Decimal:
    """The figure in the item's own unit (årsværk or hours per week)."""
    return item.staff_years if item.staff_years is not None else item.hours_per_week


def in_staff_years(item: Role | Allocation) -> Decimal:
    """The figure as årsværk, converting hours at 37 hours = 1 årsværk."""
    if item.staff_years is not None:
        return item.staff_years
    return item.hours_per_week / HOURS_PER_STAFF_YEAR


def describe(item: Role | Allocation) -> str:
    """'0,25 årsværk' or '15 timer pr. uge' – as the documents show it."""
    if item.staff_years is not None:
        return staff_years(item.staff_years)
    return f"{hours(item.hours_per_week)} pr. uge"


def unit_word(role: Role) -> str:
    return "timer pr. uge" if role.hourly else "årsværk"


@dataclass(frozen=True)
class StaffMatrix:
    """Role × indsatsområde, in each role's own unit."""

    areas: list[str]                       # area ids, in LBF's order
    roles: list[Role]                      # in the staffing plan's order
    cells: dict[tuple[str, str], Decimal]  # (role id, area id) -> amount

    def row_total(self, role: Role) -> Decimal:
        return sum((self.cells.get((role.id, a), Decimal(0)) for a in self.areas), Decimal(0))

    def staff_years(self, role: Role, area: str) -> Decimal | None:
        """The cell in årsværk (hours converted), None where the role has no share."""
        value = self.cells.get((role.id, area))
        if value is None or not role.hourly:
            return value
        return value / HOURS_PER_STAFF_YEAR

    def column_staff_years(self, area: str) -> Decimal:
        values = (self.staff_years(role, area) for role in self.roles)
        return sum((v for v in values if v is not None), Decimal(0))

    def total_staff_years(self) -> Decimal:
        return sum((self.column_staff_years(a) for a in self.areas), Decimal(0))


def staff_matrix(agreement: AgreementFile) -> StaffMatrix:
    subs = in_lbf_order(agreement.sub_agreements, lambda s: s.area)
    cells: dict[tuple[str, str], Decimal] = {}
    for sub in subs:
        for allocation in sub.staff:
            key = (allocation.role, sub.area)
            # a role's one allocation is kept as it is (a value docgen import traces keeps its mark)
            cells[key] = cells[key] + amount(allocation) if key in cells else amount(allocation)
    return StaffMatrix([s.area for s in subs], list(agreement.roles), cells)


def matrix_table(matrix: StaffMatrix) -> list[list[str]]:
    """The matrix as rows of Danish text, header row first, totals last."""
    header = ["Rolle"] + [AREA_SHORT[a] for a in matrix.areas] + ["I alt", "Bemandingsplan"]
    rows = [header]
    for role in matrix.roles:
        unit = " t" if role.hourly else ""
        row = [role.title]
        for area in matrix.areas:
            value = matrix.cells.get((role.id, area))
            row.append("–" if value is None else danish_number(value, 2) + unit)
        row.append(danish_number(matrix.row_total(role), 2) + unit)
        row.append(danish_number(amount(role), 2) + unit)
        rows.append(row)
    total_row = ["I alt (årsværk)"] + [danish_number(matrix.column_staff_years(a), 2) for a in matrix.areas]
    planned = sum((in_staff_years(r) for r in matrix.roles), Decimal(0))
    total_row += [danish_number(matrix.total_staff_years(), 2), danish_number(planned, 2)]
    rows.append(total_row)
    return rows

"""Budget arithmetic.  Pure functions on the model, in Decimal kroner.

Salary lines are not typed in the TOML: a role's staff years (from the
staffing plan) × its annual cost × the share of a year the period covers.
Every figure shown is rounded to whole kroner once, and every total is the
sum of the figures shown, so a column always adds up to the krone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from .formatting import MONTHS_SHORT
from ..model.agreement import AgreementFile, BudgetPeriod, Role
from .staff import in_staff_years, staff_matrix

# An hourly role costs hours per week × hourly cost × 52 weeks a year.
WEEKS_PER_YEAR = Decimal(52)

CATEGORY_NAMES: dict[str, str] = {
    "loen": "Løn",
    "aktiviteter": "Aktivitetsmidler",
    "lokaler": "Lokaler",
    "administration": "Administration",
    "evaluering": "Evaluering",
    "revision": "Revision",
    "andet": "Andet",
}

SOURCE_NAMES: dict[str, str] = {
    "lbf": "Landsbyggefonden",
    "kommune": "Kommunen",
    "boligorganisation": "Boligorganisation",
    "andet": "Anden finansiering",
}


def whole_kroner(value: Decimal) -> Decimal:
    """Round to whole kroner, half up (as a person would)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def split(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split whole kroner in proportion to the weights, in whole kroner
    that add up to the total exactly (largest remainder)."""
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        return [Decimal(0)] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    shares = [e.to_integral_value(rounding="ROUND_FLOOR") for e in exact]
    left = int(total - sum(shares, Decimal(0)))
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def months(period: BudgetPeriod) -> int:
    """Whole months from the period's first day to its last."""
    after = period.end + dt.timedelta(days=1)
    return (after.year - period.start.year) * 12 + after.month - period.start.month


def year_share(period: BudgetPeriod) -> Decimal:
    return Decimal(months(period)) / 12


def annual_cost(role: Role) -> Decimal:
    """What the role costs in a whole year."""
    if role.hourly:
        return role.hours_per_week * role.hourly_cost * WEEKS_PER_YEAR
    return role.staff_years * role.annual_cost


def period_label(period: BudgetPeriod) -> str:
    """'2024/25' for a period across new year, '2025' for a calendar year,
    '2024 (sep.-dec.)' for a part of one."""
    if period.start.year != period.end.year:
        return f"{period.start.year}/{period.end.year % 100:02d}"
    if months(period) == 12:
        return str(period.start.year)
    return f"{period.start.year} ({MONTHS_SHORT[period.start.month]}-{MONTHS_SHORT[period.end.month]})"


@dataclass(frozen=True)
class Line:
    """One row of the budget: a category, its text, an amount per period."""

    category: str
    text: str
    amounts: tuple[Decimal, ...]
    area: str | None = None
    role: str | None = None
    staff_years: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))


class BudgetFigures:
    """Every figure of the budget, computed once from the model."""

    def __init__(self, agreement: AgreementFile):
        self.agreement = agreement
        self.periods = agreement.budget.periods

    def _amounts(self, by_period: dict[str, Decimal]) -> tuple[Decimal, ...]:
        # the values as they are (an amount docgen import traces keeps its mark)
        return tuple(by_period.get(p.id, Decimal(0)) for p in self.periods)

    @cached_property
    def salaries(self) -> list[Line]:
        return [
            Line(
                "loen",
                role.title,
                tuple(whole_kroner(annual_cost(role) * year_share(p)) for p in self.periods),
                role=role.id,
                staff_years=in_staff_years(role),
            )
            for role in self.agreement.roles
        ]

    @cached_property
    def other_expenses(self) -> list[Line]:
        return [
            Line(e.category, e.text, self._amounts(e.amounts), area=e.area)
            for e in self.agreement.budget.expenses
        ]

    @property
    def expenses(self) -> list[Line]:
        return self.salaries + self.other_expenses

    @cached_property
    def funding(self) -> list[Line]:
        parties = self.agreement.party_index
        lines = []
        for f in self.agreement.budget.funding:
            party = parties.get(f.party) if f.party else None
            text = f.text or (party.name if party else SOURCE_NAMES[f.source])
            lines.append(Line(f.source, text, self._amounts(f.amounts)))
        return lines

    def expense_total(self, period_index: int | None = None) -> Decimal:
        return _total(self.expenses, period_index)

    def funding_total(self, period_index: int | None = None) -> Decimal:
        return _total(self.funding, period_index)

    def source_total(self, source: str) -> Decimal:
        return sum((line.total for line in self.funding if line.category == source), Decimal(0))

    def source_share(self, source: str) -> Decimal:
        """The source's share of all financing, 0..1 (0 when nothing is financed)."""
        total = self.funding_total()
        return self.source_total(source) / total if total else Decimal(0)


def _total(lines: list[Line], period_index: int | None) -> Decimal:
    if period_index is None:
        return sum((line.total for line in lines), Decimal(0))
    return sum((line.amounts[period_index] for line in lines), Decimal(0))


def salaries_by_area(agreement: AgreementFile, figures: BudgetFigures) -> dict[str, Decimal]:
    """Each role's salary for the whole period split over the indsatsområder
    in proportion to its allocation in the delaftaler, in whole kroner that
    add up to the role's salary exactly."""
    matrix = staff_matrix(agreement)
    by_area = {area: Decimal(0) for area in matrix.areas}
    for line in figures.salaries:
        weights = [matrix.cells.get((line.role, area), Decimal(0)) for area in matrix.areas]
        for area, share in zip(matrix.areas, split(line.total, weights)):
            by_area[area] += share
    return by_area

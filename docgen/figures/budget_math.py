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


# A row of budget_table: (label, cells) or None for a rule between blocks.
TableRow = tuple[str, list[str]] | None


def budget_table(agreement: AgreementFile, figures: BudgetFigures | None = None) -> list[TableRow]:
    """The budget per period as rows of Danish text, for `docgen validate`:
    salaries as computed (one row per role), other expenses per category,
    financing per source line, the difference to balance and Landsbyggefondens
    share against the pulje's ceiling.  The header row comes first."""
    from ..model.lbf import pulje_of
    from .formatting import danish_number, percent

    figures = figures or BudgetFigures(agreement)
    n = len(figures.periods)

    def money(values: list[Decimal]) -> list[str]:
        return [danish_number(v, 0) for v in values]

    def row(label: str, lines: list[Line]) -> tuple[str, list[str]]:
        per_period = [sum((line.amounts[i] for line in lines), Decimal(0)) for i in range(n)]
        return label, money(per_period + [sum(per_period, Decimal(0))])

    rows: list[TableRow] = [("Kr.", [period_label(p) for p in figures.periods] + ["I alt"]), None]
    rows += [row(f"Løn: {line.text}", [line]) for line in figures.salaries]
    rows.append(row("Løn i alt (beregnet)", figures.salaries))
    for category, name in CATEGORY_NAMES.items():
        lines = [line for line in figures.other_expenses if line.category == category]
        if lines:
            rows.append(row(name, lines))
    rows.append(row("Udgifter i alt", figures.expenses))
    rows.append(None)
    rows += [row(f"Finansiering: {line.text}", [line]) for line in figures.funding]
    rows.append(row("Finansiering i alt", figures.funding))
    rows.append(None)
    difference = [figures.expense_total(i) - figures.funding_total(i) for i in range(n)]
    rows.append(("Forskel (udgifter - finansiering)", money(difference + [sum(difference, Decimal(0))])))
    maximum = pulje_of(agreement).max_lbf_share
    shares = []
    for i in list(range(n)) + [None]:
        total = figures.funding_total(i)
        lbf = _total([line for line in figures.funding if line.category == "lbf"], i)
        shares.append(percent(lbf / total) if total else "–")
    rows.append((f"Landsbyggefondens andel (højst {percent(maximum, 0)})", shares))
    return rows

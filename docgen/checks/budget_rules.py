"""The budget: periods cover the agreement, amounts are whole kroner, each
period balances, and Landsbyggefonden pays at most its share."""
from __future__ import annotations

import datetime as dt
import difflib
from decimal import ROUND_CEILING, Decimal

from ..figures.budget_math import BudgetFigures, months, period_label
from ..figures.formatting import danish_date, date_range, kroner, percent
from ..model.lbf import pulje_of
from ..model.agreement import AgreementFile
from .finding import Finding

DAY = dt.timedelta(days=1)


def budget(agreement: AgreementFile, sums: bool = True) -> list[Finding]:
    """The periods, amounts and lines, and (with ``sums``) the balance and LBF's share."""
    findings = periods(agreement) + amounts(agreement) + lines(agreement)
    if findings or not sums:
        return findings  # sums over broken periods or amounts would only repeat these
    return balance(agreement) + lbf_share(agreement)


def periods(agreement: AgreementFile) -> list[Finding]:
    """The periods follow each other without gap or overlap, from the
    agreement's first day to its last, in whole months of the chosen kind."""
    start, end = agreement.agreement.start, agreement.agreement.end
    budget = agreement.budget
    findings = []

    def at(n: int, key: str, message: str) -> None:
        findings.append(Finding(("budget", "perioder", n, key), message))

    for n, p in enumerate(budget.periods):
        name = f"budgetperiode nr. {n + 1} ({date_range(p.start, p.end)})"
        if p.end < p.start:
            at(n, "til", f"{name} slutter, før den begynder. Ret 'fra' eller 'til'")
            continue
        if p.start.day != 1:
            at(n, "fra", f"{name} skal begynde den 1. i en måned")
        if (p.end + DAY).day != 1:
            at(n, "til", f"{name} skal slutte den sidste dag i en måned")
        if n > 0:
            before = budget.periods[n - 1]
            if p.start > before.end + DAY:
                at(n, "fra", f"der er et hul i budgetperioderne: {date_range(before.end + DAY, p.start - DAY)} er ikke med. "
                             f"Lad {name} begynde dagen efter den forrige periode")
            elif p.start <= before.end:
                at(n, "fra", f"{name} overlapper den forrige periode, der slutter {danish_date(before.end)}. "
                             "Lad perioden begynde dagen efter den forrige")
        first, last = n == 0, n == len(budget.periods) - 1
        if budget.period_kind == "aftaleaar":
            anniversary = (p.start.month, p.start.day) == (start.month, start.day)
            if not anniversary or (months(p) != 12 and not last):
                at(n, "fra", f"{name} er ikke et aftaleår: med periodeinddeling = \"aftaleaar\" går hver periode "
                             f"12 måneder fra {start.day}/{start.month}")
        else:
            if p.start.year != p.end.year:
                at(n, "til", f"{name} går over nytår; med periodeinddeling = \"kalenderaar\" ligger hver periode i ét kalenderår")
            elif (not first and (p.start.month, p.start.day) != (1, 1)) or (not last and (p.end.month, p.end.day) != (12, 31)):
                at(n, "fra", f"{name} er ikke et kalenderår; kun den første og den sidste periode må være et delår")
    if budget.periods[0].start != start:
        at(0, "fra", f"den første budgetperiode begynder {danish_date(budget.periods[0].start)}, "
                     f"men aftalen begynder {danish_date(start)}. Budgettet skal dække hele aftaleperioden")
    if budget.periods[-1].end != end:
        at(len(budget.periods) - 1, "til", f"den sidste budgetperiode slutter {danish_date(budget.periods[-1].end)}, "
                                           f"men aftalen slutter {danish_date(end)}. Budgettet skal dække hele aftaleperioden")
    return findings


def amounts(agreement: AgreementFile) -> list[Finding]:
    """Every amount names a period and is whole, non-negative kroner."""
    period_ids = [p.id for p in agreement.budget.periods]
    findings = []
    rows = [("udgifter", n, e) for n, e in enumerate(agreement.budget.expenses)]
    rows += [("finansiering", n, f) for n, f in enumerate(agreement.budget.funding)]
    for table, n, row in rows:
        for period_id, value in row.amounts.items():
            path = ("budget", table, n, "beloeb", period_id)
            if period_id not in period_ids:
                close = difflib.get_close_matches(period_id, period_ids, n=1)
                hint = f" Mente du '{close[0]}'?" if close else ""
                findings.append(Finding(path, f"perioden '{period_id}' findes ikke i budget.perioder ({', '.join(period_ids)}).{hint}"))
            elif _thousands_separator(value):
                findings.append(Finding(path, _THOUSANDS.format(value=value, digits=_digits(value))))
            elif value < 0:
                findings.append(Finding(path, f"beløbet er {kroner(value)}; et beløb må ikke være negativt"))
            elif value != value.to_integral_value():
                findings.append(Finding(path, f"beløbet {value} er ikke hele kroner. Rund af til hele kroner"))
    for r, role in enumerate(agreement.roles):
        for key, value in (("aarsloen", role.annual_cost), ("timeloen", role.hourly_cost)):
            if value is not None and _thousands_separator(value):
                findings.append(Finding(("medarbejdere", r, key), _THOUSANDS.format(value=value, digits=_digits(value))))
            elif value is not None and value <= 0:
                findings.append(Finding(("medarbejdere", r, key), f"{role.title}: {key} er {kroner(value)}; den skal være større end 0"))
            elif value is not None and key == "aarsloen" and value != value.to_integral_value():
                findings.append(Finding(("medarbejdere", r, key), f"{role.title}: årslønnen {value} er ikke hele kroner"))
    return findings


_THOUSANDS = (
    "beløbet {value} ser ud til at have punktum som tusindtalsseparator, men i filen betyder punktum "
    "decimaltegn. Skriv beløbet uden punktum: {digits}"
)


def _thousands_separator(value: Decimal) -> bool:
    """44.000 or 1.250.000 typed the Danish way: a number with exactly three
    decimals (TOML reads '44.000' as 44 kr.)."""
    return value.as_tuple().exponent == -3


def _digits(value: Decimal) -> str:
    return str(value).replace(".", "")


def lines(agreement: AgreementFile) -> list[Finding]:
    """Activity funds name their area; a municipality or housing
    organisation names its party."""
    findings = []
    for n, expense in enumerate(agreement.budget.expenses):
        if expense.category == "aktiviteter" and expense.area is None:
            findings.append(Finding(("budget", "udgifter", n), f"aktivitetsmidlerne '{expense.text}' mangler 'omraade' (hvilket indsatsområde de hører til)"))
        elif expense.category != "aktiviteter" and expense.area is not None:
            findings.append(Finding(("budget", "udgifter", n, "omraade"), f"kun aktivitetsmidler har et indsatsområde; slet 'omraade' fra '{expense.text}'"))
    for n, funding in enumerate(agreement.budget.funding):
        if funding.source in ("kommune", "boligorganisation") and funding.party is None:
            findings.append(Finding(("budget", "finansiering", n), f"finansiering fra {funding.source} skal angive 'part' (partens id i [[parter]])"))
    return findings


def balance(agreement: AgreementFile) -> list[Finding]:
    """Each period's expenses equal its financing."""
    figures = BudgetFigures(agreement)
    findings = []
    for n, p in enumerate(agreement.budget.periods):
        spent, funded = figures.expense_total(n), figures.funding_total(n)
        if spent != funded:
            gap = spent - funded
            what = f"der mangler {kroner(gap)} i finansiering" if gap > 0 else f"finansieringen er {kroner(-gap)} for stor"
            findings.append(Finding(
                ("budget", "finansiering"),
                f"budgetperioden {period_label(p)} ({date_range(p.start, p.end)}): udgifterne er {kroner(spent)}, "
                f"men finansieringen er {kroner(funded)}; {what}. Ret beløbene, så de er lige store",
            ))
    return findings


def lbf_share(agreement: AgreementFile) -> list[Finding]:
    """Landsbyggefonden pays at most the pulje's share (75 % in 2019-26): local co-financing the rest."""
    figures = BudgetFigures(agreement)
    share = figures.source_share("lbf")
    maximum = pulje_of(agreement).max_lbf_share
    if share <= maximum:
        return []
    total, lbf = figures.funding_total(), figures.source_total("lbf")
    excess = (lbf - maximum * total).to_integral_value(rounding=ROUND_CEILING)
    decimals = 1 if percent(share) != percent(maximum) else 2  # never show 75,0 % as too much
    shown, local = percent(share, decimals), percent(1 - share, decimals)
    first_lbf = next(n for n, f in enumerate(agreement.budget.funding) if f.source == "lbf")
    return [Finding(
        ("budget", "finansiering", first_lbf, "beloeb"),
        f"Landsbyggefonden finansierer {shown} af budgettet ({kroner(lbf)} af {kroner(total)}), "
        f"men må højst finansiere {percent(maximum, 0)}. Den lokale medfinansiering er {local}; "
        f"den skal være mindst {percent(1 - maximum, 0)}. Flyt mindst {kroner(excess)} "
        f"fra Landsbyggefonden til kommunen eller {_housing_organisations(agreement)}",
    )]


def _housing_organisations(agreement: AgreementFile) -> str:
    """'boligorganisationen' when the plan has one, else 'boligorganisationerne'."""
    organisations = {d.organisation for d in agreement.area.departments}
    return "boligorganisationen" if len(organisations) == 1 else "boligorganisationerne"

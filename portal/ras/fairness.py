"""The council's fairness report: indicative budgets against the budgets finally agreed.

Pure functions, no web framework and no database. Money is integer pence; medians and quartiles are
worked out exactly with fractions and rounded half up to the whole penny at the end. No float anywhere.

For each agreed budget the difference is `agreed - indicative` in pence a week (more than the RAS
said is a positive difference). A case is *outside the tolerance* when the difference is more than the
council's tolerance percent of the indicative budget, either way (the plan rules' comparison); it was
*sent to panel* when its plan went to the high-needs panel.

The quartiles are the "linear" kind (the same as a spreadsheet's QUARTILE.INC): the value at position
(n - 1) x q in the sorted list, between two values in proportion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from portal.ras.plan.summary import compare

RAS_LEAD = "ras_lead"  # the council's lead for the resource allocation system: sees only its own pages

# Age groups, as the national adult social care statistics group them (the first age in each group).
AGE_GROUPS = (("18-64", 18), ("65-74", 65), ("75-84", 75), ("85+", 85))
UNKNOWN = "unknown"  # no date of birth, or not 18 yet at the agreement
MIXED = "mixed"  # a plan whose items are managed in more than one way


@dataclass(frozen=True)
class Case:
    """One agreed budget, as the report needs it."""

    indicative_pence: int
    agreed_pence: int
    agreed_on: date
    born_on: date | None
    management: tuple[str, ...]  # how the money for each item of the plan is managed
    services: tuple[str, ...]  # the price ids of the plan's items
    panel: bool  # the plan went to the high-needs panel

    @property
    def difference_pence(self) -> int:
        return self.agreed_pence - self.indicative_pence


@dataclass(frozen=True)
class Spread:
    """Median and quartiles of some amounts in pence (rounded to the penny); None when there are none."""

    count: int
    median: int | None
    lower_quartile: int | None
    upper_quartile: int | None

    @property
    def interquartile_range(self) -> int | None:
        if self.lower_quartile is None or self.upper_quartile is None:
            return None
        return self.upper_quartile - self.lower_quartile


@dataclass(frozen=True)
class GroupRow:
    """One row of the report: a group of cases and its figures."""

    dimension: str  # "all", "age", "management" or "service"
    group: str  # the group's id: an age group, a way of managing the money, a price id
    count: int
    spread: Spread
    outside_tolerance: int
    to_panel: int

    @property
    def outside_share(self) -> Fraction:
        return Fraction(self.outside_tolerance, self.count) if self.count else Fraction(0)

    @property
    def panel_share(self) -> Fraction:
        return Fraction(self.to_panel, self.count) if self.count else Fraction(0)


def round_fraction(value: Fraction) -> int:
    """To the whole number, halves away from zero."""
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).to_integral_value(rounding=ROUND_HALF_UP)
    )


def quantile(sorted_values: Sequence[int], q: Fraction) -> Fraction:
    """The linear quantile `q` (0 to 1) of values already in order; exact."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * q
    below = int(position)  # position is never negative
    part = position - below
    if below + 1 >= len(sorted_values):
        return Fraction(sorted_values[-1])
    return sorted_values[below] + (sorted_values[below + 1] - sorted_values[below]) * part


def spread(values: Iterable[int]) -> Spread:
    ordered = sorted(values)
    if not ordered:
        return Spread(0, None, None, None)
    return Spread(
        count=len(ordered),
        median=round_fraction(quantile(ordered, Fraction(1, 2))),
        lower_quartile=round_fraction(quantile(ordered, Fraction(1, 4))),
        upper_quartile=round_fraction(quantile(ordered, Fraction(3, 4))),
    )


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_group(born: date | None, day: date) -> str:
    if born is None:
        return UNKNOWN
    age = age_on(born, day)
    found = UNKNOWN
    for group, first_age in AGE_GROUPS:
        if age >= first_age:
            found = group
    return found


def management_of(case: Case) -> str:
    ways = set(case.management)
    if len(ways) == 1:
        return next(iter(ways))
    return MIXED if ways else UNKNOWN


def outside_tolerance(case: Case, tolerance_percent: Decimal) -> bool:
    """The agreed budget is more than the tolerance percent above or below the indicative one: the plan
    rules' own comparison (`portal.ras.plan.summary.compare`; exactly the tolerance is within)."""
    agreed, indicative = case.agreed_pence, case.indicative_pence
    return compare(agreed, agreed, indicative, indicative, tolerance_percent).position != "within"


def _row(dimension: str, group: str, cases: Sequence[Case], tolerance_percent: Decimal) -> GroupRow:
    return GroupRow(
        dimension=dimension,
        group=group,
        count=len(cases),
        spread=spread(c.difference_pence for c in cases),
        outside_tolerance=sum(1 for c in cases if outside_tolerance(c, tolerance_percent)),
        to_panel=sum(1 for c in cases if c.panel),
    )


@dataclass(frozen=True)
class Report:
    everyone: GroupRow
    by_age: tuple[GroupRow, ...]
    by_management: tuple[GroupRow, ...]
    by_service: tuple[GroupRow, ...]  # a case counts once in each type of service its plan has

    @property
    def rows(self) -> tuple[GroupRow, ...]:
        return (self.everyone, *self.by_age, *self.by_management, *self.by_service)


def report(
    cases: Sequence[Case],
    tolerance_percent: Decimal,
    management_ways: Sequence[str],
    services: Sequence[str],
) -> Report:
    """The figures for every group, in a fixed order: groups with no cases are shown with a count of 0."""
    ages: dict[str, list[Case]] = {group: [] for group, _first in AGE_GROUPS}
    ways: dict[str, list[Case]] = {way: [] for way in management_ways}
    kinds: dict[str, list[Case]] = {service: [] for service in services}
    for case in cases:
        ages.setdefault(age_group(case.born_on, case.agreed_on), []).append(case)
        ways.setdefault(management_of(case), []).append(case)
        for service in dict.fromkeys(case.services):
            kinds.setdefault(service, []).append(case)
    return Report(
        everyone=_row("all", "all", cases, tolerance_percent),
        by_age=tuple(_row("age", g, c, tolerance_percent) for g, c in ages.items()),
        by_management=tuple(_row("management", g, c, tolerance_percent) for g, c in ways.items()),
        by_service=tuple(_row("service", g, c, tolerance_percent) for g, c in kinds.items()),
    )


def percent_text(share: Fraction) -> str:
    """A share as a whole number of percent, rounded half up: Fraction(1, 8) -> "13"."""
    return str(round_fraction(share * 100))


# --- the chart -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One group on the chart: a box from the lower to the upper quartile and a line at the median,
    as x positions in the chart's own units (0 to `width`)."""

    label: str
    y: int
    low: int
    high: int
    median: int


def chart_bars(
    rows: Sequence[tuple[str, Spread]], width: int, row_height: int, zero_margin_pence: int = 100
) -> tuple[tuple[Bar, ...], int, int, int]:
    """The bars of a box chart of the differences, and the scale: (bars, lowest pence, highest pence, x of 0).
    Whole chart units only: positions are rounded half up."""
    shown = [(label, s) for label, s in rows if s.count]
    lows = [s.lower_quartile for _l, s in shown if s.lower_quartile is not None]
    highs = [s.upper_quartile for _l, s in shown if s.upper_quartile is not None]
    lowest = min([*lows, -zero_margin_pence])
    highest = max([*highs, zero_margin_pence])
    span = highest - lowest

    def x(pence: int) -> int:
        return round_fraction(Fraction((pence - lowest) * width, span))

    bars = tuple(
        Bar(label, index * row_height, x(s.lower_quartile or 0), x(s.upper_quartile or 0), x(s.median or 0))
        for index, (label, s) in enumerate(shown)
    )
    return bars, lowest, highest, x(0)

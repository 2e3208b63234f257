"""The whole plan: its totals, the total for each way of managing the money, the needs it covers, and
where it stands against the budget (rules 5 to 8 in `portal.ras.plan`). A summary is stored as it is
(`to_dict`), so that a sent plan is shown again exactly as it was sent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, localcontext
from typing import Any, NoReturn

from portal.ras.model import MANAGEMENT_WAYS, Config
from portal.ras.plan.items import Item, Line, line_for
from portal.ras.scoring import Calculation

FORMAT = 1  # of PlanSummary.to_dict(); bump when the stored shape changes
POSITIONS = ("below", "within", "above")
MORE, LESS, SAME = "more", "less", "same"


@dataclass(frozen=True)
class WayTotal:
    """The total for one way of managing the money."""

    management: str
    weekly_pence: int
    one_off_pence: int
    yearly_pence: int  # one-offs included
    needs: tuple[str, ...]  # the needs its items help with, in the order of the assessment

    @property
    def regular_yearly_pence(self) -> int:
        """The year's cost of the help paid each week, month or year: the yearly cost without one-offs."""
        return self.yearly_pence - self.one_off_pence


@dataclass(frozen=True)
class Difference:
    """How the plan's cost over a period stands against the budget's: `pence` is plan - budget."""

    pence: int

    @property
    def direction(self) -> str:
        """ "more" when the plan costs more than the budget, "less" when it costs less, else "same"."""
        return MORE if self.pence > 0 else LESS if self.pence < 0 else SAME

    @property
    def amount_pence(self) -> int:
        """How far apart they are, 0 or more: the figure shown with "more" or "less"."""
        return abs(self.pence)


@dataclass(frozen=True)
class Comparison:
    budget_weekly_pence: int
    budget_yearly_pence: int
    weekly_difference_pence: int  # plan weekly - budget weekly: negative when the plan costs less
    yearly_difference_pence: int  # plan yearly (one-offs included) - budget yearly
    tolerance_percent: Decimal
    tolerance_pence: int  # tolerance_percent of the yearly budget, rounded down: the amount shown to people
    lowest_yearly_pence: int  # the least a plan can cost a year and be within the tolerance
    highest_yearly_pence: int  # the most it can cost and be within
    position: str  # "below", "within" or "above"

    @property
    def within(self) -> bool:
        return self.position == "within"

    @property
    def weekly_difference(self) -> Difference:
        return Difference(self.weekly_difference_pence)

    @property
    def yearly_difference(self) -> Difference:
        return Difference(self.yearly_difference_pence)


@dataclass(frozen=True)
class PlanSummary:
    lines: tuple[Line, ...]
    weekly_pence: int
    one_off_pence: int
    yearly_pence: int
    ways: tuple[WayTotal, ...]  # one for each way used, in MANAGEMENT_WAYS order
    needs: tuple[str, ...]  # the needs from the assessment: areas with points, in order
    uncovered: tuple[str, ...]  # needs that no item helps with yet
    comparison: Comparison
    budget_panel: bool
    plan_panel: bool
    panel_weekly_pence: int
    weeks_per_year: int
    config_version: str  # of the budget compared with
    prices_version: str

    @property
    def panel(self) -> bool:
        return self.budget_panel or self.plan_panel

    @property
    def regular_yearly_pence(self) -> int:
        """The year's cost of the help paid each week, month or year: the yearly cost without one-offs."""
        return self.yearly_pence - self.one_off_pence

    @property
    def year_is_not_weeks(self) -> bool:
        """True when the year's cost of regular help is not exactly the cost a week x weeks_per_year,
        because the cost a week of a monthly or yearly item is rounded to the penny."""
        return self.regular_yearly_pence != self.weekly_pence * self.weeks_per_year

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe copy (Decimals as strings), to store as it is."""
        c = self.comparison
        return {
            "format": FORMAT,
            "config_version": self.config_version,
            "prices_version": self.prices_version,
            "weeks_per_year": self.weeks_per_year,
            "lines": [
                {
                    "key": line.item.key,
                    "price_id": line.item.price_id,
                    "unit_pence": line.item.unit_pence,
                    "quantity": str(line.item.quantity),
                    "frequency": line.item.frequency,
                    "management": line.item.management,
                    "needs": list(line.item.needs),
                    "description": line.item.description,
                    "provider": line.item.provider,
                    "each_pence": line.each_pence,
                    "weekly_pence": line.weekly_pence,
                    "one_off_pence": line.one_off_pence,
                    "yearly_pence": line.yearly_pence,
                }
                for line in self.lines
            ],
            "weekly_pence": self.weekly_pence,
            "one_off_pence": self.one_off_pence,
            "yearly_pence": self.yearly_pence,
            "ways": [
                {
                    "management": w.management,
                    "weekly_pence": w.weekly_pence,
                    "one_off_pence": w.one_off_pence,
                    "yearly_pence": w.yearly_pence,
                    "needs": list(w.needs),
                }
                for w in self.ways
            ],
            "needs": list(self.needs),
            "uncovered": list(self.uncovered),
            "comparison": {
                "budget_weekly_pence": c.budget_weekly_pence,
                "budget_yearly_pence": c.budget_yearly_pence,
                "weekly_difference_pence": c.weekly_difference_pence,
                "yearly_difference_pence": c.yearly_difference_pence,
                "tolerance_percent": str(c.tolerance_percent),
                "tolerance_pence": c.tolerance_pence,
                "lowest_yearly_pence": c.lowest_yearly_pence,
                "highest_yearly_pence": c.highest_yearly_pence,
                "position": c.position,
            },
            "budget_panel": self.budget_panel,
            "plan_panel": self.plan_panel,
            "panel_weekly_pence": self.panel_weekly_pence,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PlanSummary:
        """The PlanSummary that to_dict() stored. ValueError if it is not one."""
        if d.get("format") != FORMAT:
            raise ValueError(f"not a stored plan of format {FORMAT}")
        c = d["comparison"]
        lines = tuple(
            Line(
                item=Item(
                    key=x["key"],
                    price_id=x["price_id"],
                    unit_pence=_int(x["unit_pence"]),
                    quantity=Decimal(x["quantity"]),
                    frequency=x["frequency"],
                    management=x["management"],
                    needs=tuple(x["needs"]),
                    description=x["description"],
                    provider=x["provider"],
                ),
                each_pence=_int(x["each_pence"]),
                weekly_pence=_int(x["weekly_pence"]),
                one_off_pence=_int(x["one_off_pence"]),
                yearly_pence=_int(x["yearly_pence"]),
            )
            for x in d["lines"]
        )
        return cls(
            lines=lines,
            weekly_pence=_int(d["weekly_pence"]),
            one_off_pence=_int(d["one_off_pence"]),
            yearly_pence=_int(d["yearly_pence"]),
            ways=tuple(
                WayTotal(
                    management=w["management"],
                    weekly_pence=_int(w["weekly_pence"]),
                    one_off_pence=_int(w["one_off_pence"]),
                    yearly_pence=_int(w["yearly_pence"]),
                    needs=tuple(w["needs"]),
                )
                for w in d["ways"]
            ),
            needs=tuple(d["needs"]),
            uncovered=tuple(d["uncovered"]),
            comparison=Comparison(
                budget_weekly_pence=_int(c["budget_weekly_pence"]),
                budget_yearly_pence=_int(c["budget_yearly_pence"]),
                weekly_difference_pence=_int(c["weekly_difference_pence"]),
                yearly_difference_pence=_int(c["yearly_difference_pence"]),
                tolerance_percent=Decimal(c["tolerance_percent"]),
                tolerance_pence=_int(c["tolerance_pence"]),
                lowest_yearly_pence=_int(c["lowest_yearly_pence"]),
                highest_yearly_pence=_int(c["highest_yearly_pence"]),
                position=c["position"] if c["position"] in POSITIONS else _bad(c["position"]),
            ),
            budget_panel=bool(d["budget_panel"]),
            plan_panel=bool(d["plan_panel"]),
            panel_weekly_pence=_int(d["panel_weekly_pence"]),
            weeks_per_year=_int(d["weeks_per_year"]),
            config_version=str(d["config_version"]),
            prices_version=str(d["prices_version"]),
        )


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"expected a whole number, not {value!r}")
    return value


def _bad(value: Any) -> NoReturn:
    raise ValueError(f"not a position: {value!r}")


# --- the whole plan -----------------------------------------------------------


def assessed_needs(budget: Calculation) -> tuple[str, ...]:
    """The areas where the person scored points, in the order they were asked."""
    return tuple(area.question_id for area in budget.areas if area.points > 0)


def compare(
    plan_weekly: int, plan_yearly: int, budget_weekly: int, budget_yearly: int, tolerance_percent: Decimal
) -> Comparison:
    """Where the plan's yearly cost is against the yearly budget, and the band around it."""
    with localcontext(Context(prec=40)):
        band = Decimal(budget_yearly) * tolerance_percent / 100
        lowest = int((Decimal(budget_yearly) - band).to_integral_value(rounding=ROUND_CEILING))
        highest = int((Decimal(budget_yearly) + band).to_integral_value(rounding=ROUND_FLOOR))
        shown = int(band.to_integral_value(rounding=ROUND_FLOOR))
    if plan_yearly < lowest:
        position = "below"
    elif plan_yearly > highest:
        position = "above"
    else:
        position = "within"
    return Comparison(
        budget_weekly_pence=budget_weekly,
        budget_yearly_pence=budget_yearly,
        weekly_difference_pence=plan_weekly - budget_weekly,
        yearly_difference_pence=plan_yearly - budget_yearly,
        tolerance_percent=tolerance_percent,
        tolerance_pence=shown,
        lowest_yearly_pence=max(lowest, 0),
        highest_yearly_pence=highest,
        position=position,
    )


def summarise(config: Config, budget: Calculation, items: Iterable[Item]) -> PlanSummary:
    """The plan's totals, set against the budget it is planned from."""
    weeks = config.weeks_per_year
    lines = tuple(line_for(item, weeks) for item in items)
    needs = assessed_needs(budget)
    weekly = sum(line.weekly_pence for line in lines)
    one_off = sum(line.one_off_pence for line in lines)
    yearly = sum(line.yearly_pence for line in lines)
    ways = []
    for way in MANAGEMENT_WAYS:
        mine = [line for line in lines if line.item.management == way]
        if not mine:
            continue
        helped = {need for line in mine for need in line.item.needs}
        way_weekly = sum(line.weekly_pence for line in mine)
        way_one_off = sum(line.one_off_pence for line in mine)
        ways.append(
            WayTotal(
                management=way,
                weekly_pence=way_weekly,
                one_off_pence=way_one_off,
                yearly_pence=sum(line.yearly_pence for line in mine),
                needs=tuple(need for need in needs if need in helped),
            )
        )
    covered = {need for line in lines for need in line.item.needs}
    return PlanSummary(
        lines=lines,
        weekly_pence=weekly,
        one_off_pence=one_off,
        yearly_pence=yearly,
        ways=tuple(ways),
        needs=needs,
        uncovered=tuple(need for need in needs if need not in covered),
        comparison=compare(
            weekly, yearly, budget.weekly_pence, budget.yearly_pence, config.tolerance_percent
        ),
        budget_panel=budget.panel,
        plan_panel=weekly >= config.panel_weekly_pence,
        panel_weekly_pence=config.panel_weekly_pence,
        weeks_per_year=weeks,
        config_version=budget.config_version,
        prices_version=config.prices.version,
    )

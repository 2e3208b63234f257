"""Support plan arithmetic. Pure functions: whole pence for money, Decimal for quantities, never float.

The rules (ras-demo.md, "Price list for the support plan" and "Council rules"):

1. An item costs its unit price x its quantity each time it is paid, rounded half up to the whole
   penny: the amount shown to the person. An item with the person's own cost has quantity 1 and the
   cost they gave as its unit price. Every other figure of the item is worked out from that amount.
2. Its yearly cost comes from how often it is paid: per week x weeks_per_year (52); per month x 12;
   per year x 1. So £54 a month is £648 a year, exactly, as a person would work it out.
3. Its weekly cost is that amount x the frequency factor, rounded half up to the whole penny, per
   item: per week x 1; per month x 12 / 52; per year / 52. (For monthly and yearly items that is the
   yearly cost / 52, rounded; so the plan's cost a year can be a few pence from its cost a week x 52.)
4. A one-off item has no weekly cost. Its cost is counted in the year and shown apart.
5. weekly = the sum of the items' weekly costs; one-off = the sum of the one-off costs;
   yearly = the sum of the items' yearly costs, one-offs included. So every total is the sum of its
   items, to the penny, and each can be checked with a calculator from the figures shown.
6. Tolerance: the plan's yearly cost, one-offs included (they are money spent in that year), is
   compared with the yearly budget. It is "within" when it is no more than tolerance_percent of the
   yearly budget above or below it: exactly the tolerance is within, one penny more is not.
7. Panel: the budget goes to the high-needs panel when it was worked out at or over the panel level
   (the stored Calculation says); the plan does when its weekly cost reaches the panel level.
8. Needs: the areas where the person scored points. A need is covered when an item says it helps.

`parse_quantity` and `parse_money` read what a person typed; they raise `EntryError` with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation, localcontext
from typing import Any

from portal.ras.model import FREQUENCIES, MANAGEMENT_WAYS, Config, PriceList
from portal.ras.scoring import Calculation, round_half_up

FORMAT = 1  # of PlanSummary.to_dict(); bump when the stored shape changes
QUANTITY_PLACES = 2  # quantities may have up to 2 decimal places: 7.5 or 7.25 hours
ONE_OFF = "one_off"
POSITIONS = ("below", "within", "above")


def times_a_year(frequency: str, weeks_per_year: int) -> int:
    """How many times an item at this frequency is paid in a year. ValueError for one_off."""
    times = {"per_week": weeks_per_year, "per_month": 12, "per_year": 1}
    if frequency not in times:
        raise ValueError(f"not paid again and again: {frequency!r}")
    return times[frequency]


def weeks_factor(frequency: str, weeks_per_year: int) -> tuple[int, int]:
    """What one payment at this frequency is worth a week, as a fraction (numerator, denominator).

    A fraction, not a Decimal, so that the cost is multiplied before it is divided, once: the
    weekly cost of a £0.26 yearly item is exactly half a penny, and rounds up to 1p.
    ValueError for one_off, which has no weekly cost, and for anything that is not a frequency.
    """
    factors = {"per_week": (1, 1), "per_month": (12, weeks_per_year), "per_year": (1, weeks_per_year)}
    if frequency not in factors:
        raise ValueError(f"no weekly cost for {frequency!r}")
    return factors[frequency]


@dataclass(frozen=True)
class Item:
    """One line of a plan as the person gave it."""

    key: str  # the caller's id for the item
    price_id: str
    unit_pence: int  # the price of one unit, or the person's own cost
    quantity: Decimal
    frequency: str
    management: str
    needs: tuple[str, ...]
    description: str | None = None  # for own-cost items: what it is
    provider: str | None = None  # who will give the help, if known

    def __post_init__(self):
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"not a frequency: {self.frequency!r}")
        if self.management not in MANAGEMENT_WAYS:
            raise ValueError(f"not a way to manage the money: {self.management!r}")
        if type(self.unit_pence) is not int or self.unit_pence < 0:
            raise ValueError("a unit price is a whole number of pence, 0 or more")
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite() or self.quantity < 0:
            raise ValueError("a quantity is a Decimal, 0 or more")


@dataclass(frozen=True)
class Line:
    item: Item
    each_pence: int  # unit price x quantity, for each time it is paid, to the whole penny
    weekly_pence: int  # 0 for a one-off item
    one_off_pence: int  # 0 unless one-off
    yearly_pence: int  # each x the times it is paid in a year; the one-off cost for a one-off item


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
            "lines": [{
                "key": line.item.key, "price_id": line.item.price_id, "unit_pence": line.item.unit_pence,
                "quantity": str(line.item.quantity), "frequency": line.item.frequency,
                "management": line.item.management, "needs": list(line.item.needs),
                "description": line.item.description, "provider": line.item.provider,
                "each_pence": line.each_pence, "weekly_pence": line.weekly_pence,
                "one_off_pence": line.one_off_pence, "yearly_pence": line.yearly_pence,
            } for line in self.lines],
            "weekly_pence": self.weekly_pence,
            "one_off_pence": self.one_off_pence,
            "yearly_pence": self.yearly_pence,
            "ways": [{"management": w.management, "weekly_pence": w.weekly_pence, "one_off_pence": w.one_off_pence,
                      "yearly_pence": w.yearly_pence, "needs": list(w.needs)} for w in self.ways],
            "needs": list(self.needs),
            "uncovered": list(self.uncovered),
            "comparison": {
                "budget_weekly_pence": c.budget_weekly_pence, "budget_yearly_pence": c.budget_yearly_pence,
                "weekly_difference_pence": c.weekly_difference_pence,
                "yearly_difference_pence": c.yearly_difference_pence,
                "tolerance_percent": str(c.tolerance_percent), "tolerance_pence": c.tolerance_pence,
                "lowest_yearly_pence": c.lowest_yearly_pence, "highest_yearly_pence": c.highest_yearly_pence,
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
        lines = tuple(Line(
            item=Item(key=x["key"], price_id=x["price_id"], unit_pence=_int(x["unit_pence"]),
                      quantity=Decimal(x["quantity"]), frequency=x["frequency"], management=x["management"],
                      needs=tuple(x["needs"]), description=x["description"], provider=x["provider"]),
            each_pence=_int(x["each_pence"]), weekly_pence=_int(x["weekly_pence"]),
            one_off_pence=_int(x["one_off_pence"]), yearly_pence=_int(x["yearly_pence"]),
        ) for x in d["lines"])
        return cls(
            lines=lines,
            weekly_pence=_int(d["weekly_pence"]),
            one_off_pence=_int(d["one_off_pence"]),
            yearly_pence=_int(d["yearly_pence"]),
            ways=tuple(WayTotal(management=w["management"], weekly_pence=_int(w["weekly_pence"]),
                                one_off_pence=_int(w["one_off_pence"]), yearly_pence=_int(w["yearly_pence"]),
                                needs=tuple(w["needs"])) for w in d["ways"]),
            needs=tuple(d["needs"]),
            uncovered=tuple(d["uncovered"]),
            comparison=Comparison(
                budget_weekly_pence=_int(c["budget_weekly_pence"]), budget_yearly_pence=_int(c["budget_yearly_pence"]),
                weekly_difference_pence=_int(c["weekly_difference_pence"]),
                yearly_difference_pence=_int(c["yearly_difference_pence"]),
                tolerance_percent=Decimal(c["tolerance_percent"]), tolerance_pence=_int(c["tolerance_pence"]),
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


def _bad(value: Any):
    raise ValueError(f"not a position: {value!r}")


# --- one item ---------------------------------------------------------------

def line_for(item: Item, weeks_per_year: int) -> Line:
    """The cost of one item: each time, a week (0 if one-off), one-off, and a year.

    Everything is worked out from the amount shown for each time it is paid (`each_pence`), so that a
    person can check each figure from the one before it.
    """
    with localcontext(Context(prec=40)):
        each = round_half_up(Decimal(item.unit_pence) * item.quantity)
        if item.frequency == ONE_OFF:
            return Line(item=item, each_pence=each, weekly_pence=0, one_off_pence=each, yearly_pence=each)
        numerator, denominator = weeks_factor(item.frequency, weeks_per_year)
        weekly = round_half_up(Decimal(each) * numerator / denominator)
    return Line(item=item, each_pence=each, weekly_pence=weekly, one_off_pence=0,
                yearly_pence=each * times_a_year(item.frequency, weeks_per_year))


# --- the whole plan -----------------------------------------------------------

def assessed_needs(budget: Calculation) -> tuple[str, ...]:
    """The areas where the person scored points, in the order they were asked."""
    return tuple(area.question_id for area in budget.areas if area.points > 0)


def compare(plan_weekly: int, plan_yearly: int, budget_weekly: int, budget_yearly: int,
            tolerance_percent: Decimal) -> Comparison:
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
        budget_weekly_pence=budget_weekly, budget_yearly_pence=budget_yearly,
        weekly_difference_pence=plan_weekly - budget_weekly, yearly_difference_pence=plan_yearly - budget_yearly,
        tolerance_percent=tolerance_percent, tolerance_pence=shown,
        lowest_yearly_pence=max(lowest, 0), highest_yearly_pence=highest, position=position,
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
        ways.append(WayTotal(management=way, weekly_pence=way_weekly, one_off_pence=way_one_off,
                             yearly_pence=sum(line.yearly_pence for line in mine),
                             needs=tuple(need for need in needs if need in helped)))
    covered = {need for line in lines for need in line.item.needs}
    return PlanSummary(
        lines=lines,
        weekly_pence=weekly,
        one_off_pence=one_off,
        yearly_pence=yearly,
        ways=tuple(ways),
        needs=needs,
        uncovered=tuple(need for need in needs if need not in covered),
        comparison=compare(weekly, yearly, budget.weekly_pence, budget.yearly_pence, config.tolerance_percent),
        budget_panel=budget.panel,
        plan_panel=weekly >= config.panel_weekly_pence,
        panel_weekly_pence=config.panel_weekly_pence,
        weeks_per_year=weeks,
        config_version=budget.config_version,
        prices_version=config.prices.version,
    )


def unit_price(prices: PriceList, price_id: str, own_pence: int | None = None) -> int:
    """The unit price of an item: from the price list, or the person's own cost for an own-cost item.

    KeyError when the price list has no such item; ValueError when an own-cost item has no cost.
    """
    price_item = prices.items[price_id]
    if price_item.own_cost:
        if own_pence is None:
            raise ValueError(f"{price_id} needs the person's own cost")
        return own_pence
    return price_item.price_pence


# --- what people type -----------------------------------------------------------

class EntryError(ValueError):
    """What a person typed cannot be used. `reason` says why, for the error message:
    "empty", "not_a_number", "negative", "zero", "too_precise"."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


_NUMBER = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.[0-9]*)?")
_MINUS = ("-", "\u2212", "\u2013")


def _number(text: str, places: int) -> Decimal:
    text = (text or "").strip().replace(" ", "")
    if not text:
        raise EntryError("empty")
    negative = text.startswith(_MINUS)
    if negative:
        text = text[1:]
    if not text or not any(ch.isdigit() for ch in text) or not _NUMBER.fullmatch(text):
        raise EntryError("not_a_number")
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern lets only plain numbers through
        raise EntryError("not_a_number") from None
    if negative and value != 0:
        raise EntryError("negative")
    if value == 0:
        raise EntryError("zero")
    if value != value.quantize(Decimal(1).scaleb(-places), ROUND_FLOOR, Context(prec=len(text) + places)):
        raise EntryError("too_precise")
    return value


def parse_quantity(text: str) -> Decimal:
    """'7', '7.5', '1,000', ' 2.25 ' -> Decimal. More than 0, at most 2 decimal places."""
    value = _number(text, QUANTITY_PLACES)
    wide = Context(prec=max(28, value.adjusted() + 3))  # 27 digits or more are refused as too many, not a crash
    return value.quantize(Decimal(1), context=wide) if value == value.to_integral_value() else value.normalize(wide)


def parse_money(text: str) -> int:
    """'£1,250.50', '1250.5', '£12', '0.99' -> whole pence. More than £0, at most 2 decimal places."""
    text = (text or "").strip()
    for sign in _MINUS:
        if text.startswith(sign + "£"):
            text = sign + text[2:]
    if text.startswith("£"):
        text = text[1:]
    return int(_number(text, 2) * 100)


def format_quantity(value: Decimal) -> str:
    """Decimal('7.50') -> '7.5', Decimal('10') -> '10': as a person would write it."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")

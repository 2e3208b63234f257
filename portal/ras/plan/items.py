"""One item of a support plan: what it costs each time, a week and a year (rules 1 to 4 in
`portal.ras.plan`), its unit price, and reading what a person typed (`parse_quantity`, `parse_money`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

from portal.ras.model import FREQUENCIES, MANAGEMENT_WAYS, PriceList
from portal.ras.money import EntryError as EntryError  # what parse_quantity and parse_money raise
from portal.ras.money import parse_decimal, parse_pence
from portal.ras.scoring import round_half_up

QUANTITY_PLACES = 2  # quantities may have up to 2 decimal places: 7.5 or 7.25 hours
ONE_OFF = "one_off"


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

    def __post_init__(self) -> None:
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
    return Line(
        item=item,
        each_pence=each,
        weekly_pence=weekly,
        one_off_pence=0,
        yearly_pence=each * times_a_year(item.frequency, weeks_per_year),
    )


def unit_price(prices: PriceList, price_id: str, own_pence: int | None = None) -> int:
    """The unit price of an item: from the price list, or the person's own cost for an own-cost item.

    KeyError when the price list has no such item; ValueError when an own-cost item has no cost.
    """
    price_pence = prices.items[price_id].price_pence
    if price_pence is None:  # an own-cost item
        if own_pence is None:
            raise ValueError(f"{price_id} needs the person's own cost")
        return own_pence
    return price_pence


# --- what people type -----------------------------------------------------------
# Read by portal.ras.money, the one place that reads typed numbers and money.

parse_money = parse_pence  # '£1,250.50' -> 125050; kept under the name the plan has always used


def parse_quantity(text: str) -> Decimal:
    """'7', '7.5', '1,000', ' 2.25 ' -> Decimal. More than 0, at most 2 decimal places."""
    value = parse_decimal(text, QUANTITY_PLACES)
    wide = Context(
        prec=max(28, value.adjusted() + 3)
    )  # 27 digits or more are refused as too many, not a crash
    return (
        value.quantize(Decimal(1), context=wide)
        if value == value.to_integral_value()
        else value.normalize(wide)
    )


def format_quantity(value: Decimal) -> str:
    """Decimal('7.50') -> '7.5', Decimal('10') -> '10': as a person would write it."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")

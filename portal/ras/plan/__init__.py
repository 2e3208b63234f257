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

The rules live in three modules, all named here: `items` (one item), `summary` (the whole plan
against the budget) and `moves` (what may be done to a plan now, and why not).
"""

from portal.ras.plan.items import (
    ONE_OFF,
    QUANTITY_PLACES,
    EntryError,
    Item,
    Line,
    format_quantity,
    line_for,
    parse_money,
    parse_quantity,
    times_a_year,
    unit_price,
    weeks_factor,
)
from portal.ras.plan.moves import ADD, CHANGE, MOVES, REMOVE, SEND, PlanVerdict, check
from portal.ras.plan.summary import (
    FORMAT,
    LESS,
    MORE,
    POSITIONS,
    SAME,
    Comparison,
    Difference,
    PlanSummary,
    WayTotal,
    assessed_needs,
    compare,
    summarise,
)

__all__ = [
    "ADD",
    "CHANGE",
    "FORMAT",
    "LESS",
    "MORE",
    "MOVES",
    "ONE_OFF",
    "POSITIONS",
    "QUANTITY_PLACES",
    "REMOVE",
    "SAME",
    "SEND",
    "Comparison",
    "Difference",
    "EntryError",
    "Item",
    "Line",
    "PlanSummary",
    "PlanVerdict",
    "WayTotal",
    "assessed_needs",
    "check",
    "compare",
    "format_quantity",
    "line_for",
    "parse_money",
    "parse_quantity",
    "summarise",
    "times_a_year",
    "unit_price",
    "weeks_factor",
]

"""What may be done to a support plan now, and why not.

A draft plan can have help added, changed and removed. It can be sent when it has at least one item
and every item is still on the council's price list (so that every figure can be worked out). A sent
plan is kept as it was sent: nothing more can be done to it.
"""

from __future__ import annotations

from dataclasses import dataclass

ADD = "add"
CHANGE = "change"
REMOVE = "remove"
SEND = "send"
MOVES = (ADD, CHANGE, REMOVE, SEND)

# Why a move is refused.
ALREADY_SENT = "already_sent"
NO_HELP_YET = "no_help_yet"
NOT_ON_PRICE_LIST = "not_on_price_list"
FULL = "full"

# The most items a plan can have: far more than a person's help needs, and few enough that its pages and
# its PDF are always made in good time.
MOST_ITEMS = 200


@dataclass(frozen=True)
class PlanVerdict:
    """What the rules say about a move: allowed, or not and why (one of the reasons above)."""

    allowed: bool
    reason: str | None = None


def check(move: str, *, sent: bool, items: int = 0, not_priced: int = 0) -> PlanVerdict:
    """May `move` be done to a plan that is `sent` or not, with `items` priced items and `not_priced`
    items the price list no longer has? ValueError for anything that is not a move."""
    if move not in MOVES:
        raise ValueError(f"not a plan move: {move!r}")
    if sent:
        return PlanVerdict(False, ALREADY_SENT)
    if move == ADD and items >= MOST_ITEMS:
        return PlanVerdict(False, FULL)
    if move == SEND:
        if not items and not not_priced:
            return PlanVerdict(False, NO_HELP_YET)
        if not_priced:
            return PlanVerdict(False, NOT_ON_PRICE_LIST)
    return PlanVerdict(True)

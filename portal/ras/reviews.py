"""When a person's care and support is looked at again: the review schedule. Pure functions, plain dates.

The council's rules (content/council.yaml, `reviews`):

- the first review is due `first_after_weeks` weeks after the plan (and its agreed budget) starts;
- after each review, the next is due `then_every_months` months later (or `then_every_weeks` weeks), so
  reviews happen at least that often;
- a person can ask for an early review at any time ("my needs have changed"): the review is then due on
  the day they asked, until a review is done.

"Due by" a date means on or before it: a review is overdue from the day after. A month later than
31 January is the last day of February (28 or 29): never later than the council's rule allows.

A new agreed budget (after a reassessment) starts the schedule again from its own start date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# What a review found. Each is also the key of its words in the staff pages.
NO_CHANGE = "no_change"
REASSESS = "reassessment"
OUTCOMES = (NO_CHANGE, REASSESS)

# Why a review is due when it is.
FIRST = "first"  # the first review after the plan started
REGULAR = "regular"  # the next one after a review
EARLY = "early"  # the person asked for an early review


@dataclass(frozen=True)
class ReviewRules:
    """The council's review rules. Exactly one of `then_every_months` and `then_every_weeks` is set."""

    first_after_weeks: int
    then_every_months: int | None = None
    then_every_weeks: int | None = None

    def __post_init__(self) -> None:
        if self.first_after_weeks < 1:
            raise ValueError("the first review must be at least a week after the plan starts")
        if (self.then_every_months is None) == (self.then_every_weeks is None):
            raise ValueError("give then_every_months or then_every_weeks, not both or neither")
        if (self.then_every_months or self.then_every_weeks or 0) < 1:
            raise ValueError("reviews must be at least a week or a month apart")


@dataclass(frozen=True)
class Schedule:
    """When the next review is due, and why."""

    starts_on: date  # the day the plan in force started
    due_on: date  # the review is due by the end of this day
    why: str  # FIRST, REGULAR or EARLY
    last_done_on: date | None  # the last review since the plan started
    early_asked_on: date | None  # an early review asked for and not yet done

    def overdue(self, today: date) -> bool:
        return today > self.due_on

    def days_left(self, today: date) -> int:
        """Days until the due date: 0 on the day, negative once overdue."""
        return (self.due_on - today).days


def add_months(day: date, months: int) -> date:
    """The same day `months` months later; the month's last day when it is shorter (31 Jan -> 28 Feb)."""
    if months < 0:
        raise ValueError("months cannot be negative")
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_due(rules: ReviewRules, starts_on: date) -> date:
    return starts_on + timedelta(weeks=rules.first_after_weeks)


def next_after(rules: ReviewRules, done_on: date) -> date:
    """When the next review is due after one done on `done_on`."""
    if rules.then_every_months is not None:
        return add_months(done_on, rules.then_every_months)
    assert rules.then_every_weeks is not None
    return done_on + timedelta(weeks=rules.then_every_weeks)


def schedule(
    rules: ReviewRules, starts_on: date, reviews_done: Iterable[date] = (), early_asked: Iterable[date] = ()
) -> Schedule:
    """The next review of a plan that started on `starts_on`.

    `reviews_done`: the days reviews were done; those before the plan started belong to an earlier plan.
    `early_asked`: the days the person asked for an early review; a review done on or after that day
    answers it.
    """
    done = [day for day in reviews_done if day >= starts_on]
    last_done = max(done, default=None)
    if last_done is None:
        due, why = first_due(rules, starts_on), FIRST
    else:
        due, why = next_after(rules, last_done), REGULAR
    waiting = [day for day in early_asked if last_done is None or day > last_done]
    asked = min(waiting, default=None)
    if asked is not None and asked <= due:
        due, why = asked, EARLY
    return Schedule(starts_on, due, why, last_done, asked)


# A review is "due" on the staff case list from this many days before its date, and while overdue.
DUE_SOON_DAYS = 28


def due_soon(current: Schedule, today: date) -> bool:
    """Whether a review should show as due on the case list today."""
    return (current.due_on - today).days <= DUE_SOON_DAYS


def may_ask_early(current: Schedule) -> bool:
    """A person can ask for an early review unless they have asked already and it is not done yet."""
    return current.early_asked_on is None


def soonest_first(schedules: Iterable[tuple[object, Schedule]]) -> list[tuple[object, Schedule]]:
    """Pairs of (anything, schedule), the soonest due first; the same day keeps the order given."""
    return sorted(schedules, key=lambda pair: pair[1].due_on)

"""Dates for time limits: working days, weeks and months.

A working day is Monday to Friday and not a bank holiday in England. Wales has
the same bank holidays as England (the `holidays` package lists them under
the subdivisions "ENG" and "WLS", and tests/rules/test_working_days.py checks
that the two lists are the same), so one list serves both.

The bank holidays come from the maintained `holidays` package, including
substitute days (when Christmas Day or Boxing Day falls at a weekend, the
next weekday is the bank holiday). Nothing here is typed in by hand.

    >>> add_working_days(date(2026, 12, 22), 10)
    datetime.date(2027, 1, 8)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "GB"
SUBDIVISION = "ENG"  # England; Wales ("WLS") has the same bank holidays


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays in England and Wales in the given year, substitute days included."""
    return frozenset(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`. `start` itself does not count,
    whatever day it is: a request made on a Saturday has its first working day on Monday."""
    if days < 0:
        raise ValueError("the number of working days must be 0 or more")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start`, up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_weeks(start: date, weeks: int) -> date:
    """The same weekday `weeks` calendar weeks later: 12 weeks from a Tuesday is a Tuesday."""
    return start + timedelta(weeks=weeks)


def add_months(start: date, months: int) -> date:
    """The same day of the month `months` later. When that month is shorter, its last day:
    12 months after 29 February 2028 is 28 February 2029."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)

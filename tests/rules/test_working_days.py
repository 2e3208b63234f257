"""Working days, weeks and months for the disagreement route's time limits."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.ras.working_days import (
    add_months,
    add_weeks,
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize("year", range(2015, 2041))
def test_wales_has_the_same_bank_holidays_as_england(year):
    # So one list serves "England and Wales", as the time limits say.
    england = set(holidays.country_holidays("GB", subdiv="ENG", years=year))
    wales = set(holidays.country_holidays("GB", subdiv="WLS", years=year))
    assert england == wales


def test_bank_holidays_come_from_the_package_with_substitute_days():
    days = bank_holidays(2026)
    assert date(2026, 12, 25) in days  # Friday
    assert date(2026, 12, 28) in days  # Boxing Day is a Saturday, so Monday is the substitute day
    assert date(2026, 8, 31) in days  # summer bank holiday in England (Scotland's is earlier)
    assert date(2026, 8, 3) not in days  # Scotland only
    assert len(days) == 8 + 1  # 8 bank holidays and 1 substitute day


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 22))  # Tuesday
    assert not is_working_day(date(2026, 12, 26))  # Saturday
    assert not is_working_day(date(2026, 12, 27))  # Sunday
    assert not is_working_day(date(2026, 12, 28))  # substitute day for Boxing Day
    assert not is_working_day(date(2027, 1, 1))  # New Year's Day


def test_ten_working_days_over_christmas_and_new_year():
    # Tuesday 22 December 2026: 23, 24, 29, 30, 31 December, then 4 to 8 January.
    assert add_working_days(date(2026, 12, 22), 10) == date(2027, 1, 8)
    # Over Easter 2027: Good Friday 26 March and Easter Monday 29 March are skipped.
    assert add_working_days(date(2027, 3, 24), 3) == date(2027, 3, 31)


def test_the_start_day_does_not_count_even_at_a_weekend():
    assert add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)  # Saturday -> Monday
    assert add_working_days(date(2026, 11, 9), 0) == date(2026, 11, 9)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 9), -1)


def test_a_plain_fortnight_is_ten_working_days():
    assert add_working_days(date(2026, 11, 9), 10) == date(2026, 11, 23)


def test_weeks_and_months_are_calendar_spans():
    assert add_weeks(date(2026, 12, 22), 12) == date(2027, 3, 16)
    assert add_months(date(2026, 12, 22), 12) == date(2027, 12, 22)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 60))
def test_adding_working_days_lands_on_a_working_day_and_counts_exactly(start, days):
    end = add_working_days(start, days)
    assert end >= start
    if days:
        assert is_working_day(end)
    assert working_days_between(start, end) == days
    # Brute force over the calendar agrees.
    counted = sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n)))
    assert counted == days

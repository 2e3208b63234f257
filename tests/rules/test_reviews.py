"""The review schedule: first review weeks after the plan starts, then at least yearly, sooner when asked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.ras import ConfigError, load_config
from portal.ras import reviews as rules
from portal.ras.reviews import EARLY, FIRST, REGULAR, ReviewRules, add_months, schedule
from tests.rules.test_config import _copy, edit

DEMO = ReviewRules(first_after_weeks=6, then_every_months=12)
STARTS = date(2027, 1, 11)  # a Monday


def test_the_demo_council_reviews_6_weeks_after_the_plan_starts_then_every_12_months(demo_config):
    assert demo_config.reviews == DEMO


def test_the_first_review_is_6_weeks_after_the_plan_starts():
    found = schedule(DEMO, STARTS)
    assert (found.due_on, found.why, found.last_done_on, found.early_asked_on) == (
        date(2027, 2, 22),
        FIRST,
        None,
        None,
    )


def test_due_by_a_date_means_on_or_before_it_and_overdue_the_day_after():
    found = schedule(DEMO, STARTS)
    assert not found.overdue(date(2027, 2, 22))
    assert found.days_left(date(2027, 2, 22)) == 0
    assert found.overdue(date(2027, 2, 23))
    assert found.days_left(date(2027, 2, 23)) == -1
    assert found.days_left(STARTS) == 42


def test_after_a_review_the_next_is_due_12_months_later():
    found = schedule(DEMO, STARTS, reviews_done=[date(2027, 2, 20)])
    assert (found.due_on, found.why, found.last_done_on) == (date(2028, 2, 20), REGULAR, date(2027, 2, 20))
    later = schedule(DEMO, STARTS, reviews_done=[date(2027, 2, 20), date(2028, 2, 1)])
    assert later.due_on == date(2029, 2, 1)


def test_a_late_review_moves_the_next_one_from_the_day_it_was_done():
    found = schedule(DEMO, STARTS, reviews_done=[date(2027, 3, 15)])
    assert found.due_on == date(2028, 3, 15)


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # a leap day: the last day of February next year
        (date(2027, 2, 28), 12, date(2028, 2, 28)),  # not moved on to the leap day
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 12, 31), 1, date(2028, 1, 31)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2027, 3, 31), 0, date(2027, 3, 31)),
    ],
)
def test_months_later_is_never_past_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_a_review_on_a_leap_day_is_next_due_on_28_february():
    assert schedule(DEMO, date(2028, 1, 1), reviews_done=[date(2028, 2, 29)]).due_on == date(2029, 2, 28)


def test_six_weeks_over_a_leap_day_and_over_the_new_year():
    assert schedule(DEMO, date(2028, 2, 1)).due_on == date(2028, 3, 14)
    assert schedule(DEMO, date(2026, 12, 22)).due_on == date(2027, 2, 2)


def test_an_early_review_is_due_on_the_day_the_person_asked():
    asked = date(2027, 1, 20)
    found = schedule(DEMO, STARTS, early_asked=[asked])
    assert (found.due_on, found.why, found.early_asked_on) == (asked, EARLY, asked)
    assert not rules.may_ask_early(found)


def test_a_review_done_answers_an_early_request_and_the_next_is_a_year_later():
    found = schedule(DEMO, STARTS, reviews_done=[date(2027, 1, 25)], early_asked=[date(2027, 1, 20)])
    assert (found.due_on, found.why, found.early_asked_on) == (date(2028, 1, 25), REGULAR, None)
    assert rules.may_ask_early(found)
    # a review done the same day as the request answers it too
    same_day = schedule(DEMO, STARTS, reviews_done=[date(2027, 1, 20)], early_asked=[date(2027, 1, 20)])
    assert same_day.early_asked_on is None


def test_an_early_request_after_a_review_brings_the_next_one_forward():
    found = schedule(DEMO, STARTS, reviews_done=[date(2027, 2, 20)], early_asked=[date(2027, 6, 1)])
    assert (found.due_on, found.why) == (date(2027, 6, 1), EARLY)


def test_the_first_of_several_waiting_requests_counts():
    found = schedule(DEMO, STARTS, early_asked=[date(2027, 2, 1), date(2027, 1, 20)])
    assert found.due_on == date(2027, 1, 20)


def test_reviews_before_the_plan_started_belong_to_the_plan_before():
    found = schedule(DEMO, STARTS, reviews_done=[date(2026, 11, 1)], early_asked=[date(2026, 10, 1)])
    assert (found.due_on, found.why, found.last_done_on) == (date(2026, 10, 1), EARLY, None)
    without = schedule(DEMO, STARTS, reviews_done=[date(2026, 11, 1)])
    assert (without.due_on, without.why) == (date(2027, 2, 22), FIRST)


def test_reviews_counted_in_weeks():
    weekly = ReviewRules(first_after_weeks=4, then_every_weeks=26)
    assert schedule(weekly, STARTS).due_on == date(2027, 2, 8)
    assert schedule(weekly, STARTS, reviews_done=[date(2027, 2, 8)]).due_on == date(2027, 8, 9)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"first_after_weeks": 0, "then_every_months": 12},
        {"first_after_weeks": 6},
        {"first_after_weeks": 6, "then_every_months": 12, "then_every_weeks": 52},
        {"first_after_weeks": 6, "then_every_months": 0},
    ],
)
def test_impossible_rules_are_refused(kwargs):
    with pytest.raises(ValueError):
        ReviewRules(**kwargs)


@given(
    start=st.dates(date(2020, 1, 1), date(2040, 12, 31)),
    gaps=st.lists(st.integers(0, 500), max_size=4),
    asks=st.lists(st.integers(-30, 900), max_size=3),
    months=st.integers(1, 12),
)
def test_a_review_is_never_due_later_than_the_rules_allow(start, gaps, asks, months):
    council = ReviewRules(first_after_weeks=6, then_every_months=months)
    done, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        done.append(day)
    asked = [start + timedelta(days=n) for n in asks]
    found = schedule(council, start, done, asked)
    last = max(done, default=None)
    limit = start + timedelta(weeks=6) if last is None else last + timedelta(days=31 * months)
    assert found.due_on <= limit
    assert found.due_on >= (last or start) or found.why == EARLY
    if found.why == EARLY:
        assert found.due_on in asked


# --- the council's file --------------------------------------------------------


@pytest.mark.parametrize(
    "old,new,key,problem",
    [
        (
            "  first_after_weeks: 6\n",
            "  first_after_weeks: 0\n",
            "reviews.first_after_weeks",
            "must be a whole number of weeks of 1 or more, not 0",
        ),
        (
            "  then_every_months: 12\n",
            "  then_every_months: 18\n",
            "reviews.then_every_months",
            "must be 12 or less: a review is due at least once a year, not 18",
        ),
        (
            "  then_every_months: 12\n",
            "  then_every_weeks: 60\n",
            "reviews.then_every_weeks",
            "must be 52 or less: a review is due at least once a year, not 60",
        ),
        (
            "  then_every_months: 12\n",
            "  then_every_months: 12\n  then_every_weeks: 52\n",
            "reviews",
            "needs then_every_months or then_every_weeks (how often reviews happen after the first), "
            "but not both",
        ),
        (
            "  then_every_months: 12\n",
            "",
            "reviews",
            "needs then_every_months or then_every_weeks (how often reviews happen after the first), "
            "but not both",
        ),
    ],
)
def test_a_broken_reviews_block_names_the_file_key_and_problem(tmp_path, content_dir, old, new, key, problem):
    content = _copy(content_dir, tmp_path)
    edit(content, "council.yaml", old, new)
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    assert (caught.value.file, caught.value.key, caught.value.problem) == ("council.yaml", key, problem)


def test_a_council_without_reviews_is_told_to_add_them(tmp_path, content_dir):
    content = _copy(content_dir, tmp_path)
    text = (content / "council.yaml").read_text(encoding="utf-8")
    (content / "council.yaml").write_text(text.split("\n# When a person's support plan")[0] + "\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    assert (caught.value.file, caught.value.key, caught.value.problem) == (
        "council.yaml",
        "reviews",
        "is missing",
    )

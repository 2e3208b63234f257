"""What changed between two budgets: each changed answer with its points, and the money step by step."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from portal.ras import calculate, relevant_answers
from portal.ras.changes import FAMILY_HELP, FROM_POINTS, POINTS, WEEKLY, YEARLY, AnswerChange, compare
from tests.examples import WORKED_EXAMPLE


def _compare(config, before_answers, after_answers, after_config=None):
    q = config.questionnaire
    before = calculate(config, before_answers)
    after = calculate(after_config or config, after_answers)
    return (
        compare(
            before,
            after,
            relevant_answers(q, before_answers),
            relevant_answers(q, after_answers),
            q.questions,
        ),
        before,
        after,
    )


def test_needs_that_grew_show_each_answer_its_points_and_the_money_step_by_step(demo_config):
    more = {**WORKED_EXAMPLE, "nutrition": "full_help", "nights": "most_nights"}
    changes, _before, _after = _compare(demo_config, WORKED_EXAMPLE, more)
    assert changes.answers == (
        AnswerChange("nutrition", "daily_help", "full_help", 6, 9),
        AnswerChange("nights", "some_nights", "most_nights", 4, 10),
    )
    assert [c.points_change for c in changes.answers] == [3, 6]
    # ras-demo.md: 22 points, £132.00, 10% off = £13.20, £118.80 a week, £6,177.60 a year.
    # Now 31 points: 31 x £6 = £186.00, 10% off = £18.60, £167.40 a week, £8,704.80 a year.
    assert [(s.key, s.before, s.after, s.change) for s in changes.steps] == [
        (POINTS, 22, 31, 9),
        (FROM_POINTS, 13200, 18600, 5400),
        (FAMILY_HELP, 1320, 1860, 540),
        (WEEKLY, 11880, 16740, 4860),
        (YEARLY, 617760, 870480, 252720),
    ]
    assert not changes.rules_changed and not changes.nothing_changed


def test_a_change_in_help_from_family_has_no_points_and_changes_step_3(demo_config):
    changes, _b, _a = _compare(demo_config, WORKED_EXAMPLE, {**WORKED_EXAMPLE, "informal_help": "every_day"})
    assert changes.answers == (AnswerChange("informal_help", "most_days", "every_day", None, None),)
    assert changes.answers[0].points_change is None
    assert changes.step(FAMILY_HELP).after == 2640  # 20% of £132
    assert changes.weekly.change == -1320


def test_a_question_no_longer_asked_shows_as_not_asked(demo_config):
    alone = {**WORKED_EXAMPLE, "informal_help": "none"}
    del alone["informal_help_continues"]
    changes, _b, _a = _compare(demo_config, WORKED_EXAMPLE, alone)
    assert AnswerChange("informal_help_continues", "yes", None, None, None) in changes.answers
    assert changes.step(FAMILY_HELP).after == 0


def test_the_same_answers_change_nothing(demo_config):
    changes, _b, _a = _compare(demo_config, WORKED_EXAMPLE, dict(WORKED_EXAMPLE))
    assert changes.nothing_changed and changes.answers == ()


def test_new_rules_are_named_even_when_no_answer_changed(demo_config):
    newer = dataclasses.replace(demo_config, version="example-2027-1")
    changes, _b, _a = _compare(demo_config, WORKED_EXAMPLE, dict(WORKED_EXAMPLE), newer)
    assert changes.rules_changed
    assert (changes.rules_before, changes.rules_after) == ("example-2026-1", "example-2027-1")


def test_every_figure_is_the_stored_one_not_worked_out_again(demo_config):
    more = {**WORKED_EXAMPLE, "toilet": "full_help"}
    changes, before, after = _compare(demo_config, WORKED_EXAMPLE, more)
    assert changes.weekly.before == before.weekly_pence and changes.weekly.after == after.weekly_pence
    assert changes.step(YEARLY).after == after.yearly_pence


LEVELS = ("independent", "some_help", "daily_help", "full_help")


@given(
    st.dictionaries(
        st.sampled_from(("nutrition", "personal_hygiene", "toilet", "dressing", "community")),
        st.sampled_from(LEVELS),
    )
)
def test_the_points_of_the_changed_answers_add_up_to_the_change_in_points(demo_config, changed):
    after_answers = {**WORKED_EXAMPLE, **changed}
    changes, _b, _a = _compare(demo_config, WORKED_EXAMPLE, after_answers)
    assert sum(c.points_change or 0 for c in changes.answers) == changes.step(POINTS).change
    for side in ("before", "after"):
        from_points, off, weekly = (
            getattr(changes.step(k), side) for k in (FROM_POINTS, FAMILY_HELP, WEEKLY)
        )
        assert from_points - off == weekly

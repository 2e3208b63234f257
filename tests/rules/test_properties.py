"""Laws of the budget, over answers drawn from the real demo questionnaire.

The reference implementation at the bottom is written straight from the text
of ras-demo.md, with its own tables, a point-by-point price loop and exact
fractions, so that it shares no code or data with portal.ras.
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.ras import band_lines, calculate, is_complete, load_config, relevant_answers

CONFIG = load_config(Path(__file__).resolve().parents[2] / "content")
QUESTIONNAIRE = CONFIG.questionnaire
FAMILY = ("informal_help", "informal_help_continues")


@st.composite
def all_answers(draw):
    """An answer to every question, including ones the skip rules will drop."""
    answers = {}
    for qid, question in QUESTIONNAIRE.questions.items():
        if question.options:
            answers[qid] = draw(st.sampled_from(question.option_ids))
        else:  # the demo's one question without options is a date of birth
            answers[qid] = draw(st.dates(date(1900, 1, 1), date(2026, 12, 31))).isoformat()
    return answers


@given(all_answers())
def test_every_full_set_of_answers_is_complete(answers):
    assert is_complete(QUESTIONNAIRE, answers)


@given(all_answers())
def test_same_answers_same_budget(answers):
    assert calculate(CONFIG, answers) == calculate(CONFIG, dict(answers))
    # stale answers make no difference
    assert calculate(CONFIG, answers) == calculate(CONFIG, relevant_answers(QUESTIONNAIRE, answers))


@given(all_answers(), st.sampled_from([q.id for q in QUESTIONNAIRE.scored_questions]), st.data())
def test_more_need_never_gives_less_money(answers, qid, data):
    question = QUESTIONNAIRE.questions[qid]
    position = question.option_ids.index(answers[qid])
    higher = data.draw(st.sampled_from(question.option_ids[position:]))
    before = calculate(CONFIG, answers)
    after = calculate(CONFIG, answers | {qid: higher})
    assert after.weekly_before_pence >= before.weekly_before_pence
    assert after.weekly_pence >= before.weekly_pence
    assert after.yearly_pence >= before.yearly_pence


@given(all_answers())
def test_the_explanation_adds_up(answers):
    calc = calculate(CONFIG, answers)
    assert [line.question_id for line in calc.areas] == [q.id for q in QUESTIONNAIRE.scored_questions]
    assert sum(line.points for line in calc.areas) == calc.total_points
    assert sum(line.points for line in calc.bands) == calc.total_points
    for line in calc.bands:
        assert line.to_point - line.from_point + 1 == line.points > 0
        assert line.subtotal_pence == line.points * line.pence_per_point
    assert [b.from_point for b in calc.bands] == [1, *(b.to_point + 1 for b in calc.bands)][: len(calc.bands)]
    assert sum(line.subtotal_pence for line in calc.bands) == calc.weekly_before_pence
    assert calc.weekly_before_pence - calc.adjustment.reduction_pence == calc.weekly_pence
    assert calc.weekly_pence * 52 == calc.yearly_pence
    assert 0 <= calc.weekly_pence <= calc.weekly_before_pence
    assert calc.panel == (calc.weekly_pence >= 60000)
    for line in calc.areas:
        if line.option_id is None:
            assert line.points == 0
        else:
            assert QUESTIONNAIRE.questions[line.question_id].option(line.option_id).points == line.points


@given(all_answers())
@settings(max_examples=1000)
def test_agrees_with_the_reference_to_the_penny(answers):
    calc = calculate(CONFIG, answers)
    points, before, weekly, yearly = reference(answers)
    assert (calc.total_points, calc.weekly_before_pence, calc.weekly_pence, calc.yearly_pence) == (
        points,
        before,
        weekly,
        yearly,
    )


@given(all_answers())
def test_stored_form_round_trips(answers):
    calc = calculate(CONFIG, answers)
    assert type(calc).from_dict(calc.to_dict()) == calc


def test_band_function_agrees_with_the_reference_for_every_total():
    for points in range(102):
        assert sum(line.subtotal_pence for line in band_lines(CONFIG.bands, points)) == reference_before(
            points
        )


def test_every_reachable_total_and_every_family_help_answer(answers_for_points):
    # The budget depends only on the total points and the two family-help
    # answers, so checking every reachable total with every family-help
    # answer covers every budget the demo can give.
    family = [("none", None)] + [
        (h, c) for h in ("few_hours", "most_days", "every_day") for c in ("yes", "less", "no")
    ]
    reachable = 0
    for points in range(102):
        try:
            base = answers_for_points(points)
        except ValueError:
            continue
        reachable += 1
        for help_option, continues in family:
            answers = base | {"informal_help": help_option}
            if continues is not None:
                answers["informal_help_continues"] = continues
            calc = calculate(CONFIG, answers)
            assert calc.total_points == points
            assert (calc.weekly_before_pence, calc.weekly_pence, calc.yearly_pence) == reference(answers)[
                1:
            ], (points, help_option, continues)
    # Every total from 0 to 101 but two: the smallest step up from 0 is 2 points,
    # and the smallest step down from 101 is 2 points too.
    assert reachable == 100
    for points in (1, 100):
        with pytest.raises(ValueError):
            answers_for_points(points)


# --- the reference, from the words of ras-demo.md --------------------------

POINTS = {
    "nutrition": {"independent": 0, "some_help": 3, "daily_help": 6, "full_help": 9},
    "personal_hygiene": {"independent": 0, "some_help": 4, "daily_help": 8, "full_help": 12},
    "toilet": {"independent": 0, "some_help": 4, "daily_help": 8, "full_help": 12},
    "dressing": {"independent": 0, "some_help": 2, "daily_help": 4, "full_help": 6},
    "home_safety": {"independent": 0, "some_help": 3, "daily_help": 6, "full_help": 9},
    "home_environment": {"independent": 0, "some_help": 2, "daily_help": 4, "full_help": 6},
    "relationships": {"independent": 0, "some_help": 2, "daily_help": 4, "full_help": 6},
    "work_learning": {"independent": 0, "some_help": 2, "daily_help": 4, "full_help": 6},
    "community": {"independent": 0, "some_help": 3, "daily_help": 6, "full_help": 9},
    "caring_for_child": {"independent": 0, "some_help": 2, "daily_help": 4, "full_help": 6},
    "nights": {"none": 0, "some_nights": 4, "most_nights": 10, "awake_all_night": 20},
}
REDUCTION = {"none": 0, "few_hours": 5, "most_days": 10, "every_day": 20}


def reference_before(points: int) -> int:
    """Each of the first 40 points £6.00, each from 41 to 80 £7.50, each above 80 £9.00."""
    return sum(600 if p <= 40 else 750 if p <= 80 else 900 for p in range(1, points + 1))


def reference(answers: dict[str, str]) -> tuple[int, int, int, int]:
    points = sum(
        table[answers[q]]
        for q, table in POINTS.items()
        if q != "caring_for_child" or answers["cares_for_child"] == "yes"
    )
    before = reference_before(points)
    reduction = Fraction(REDUCTION[answers["informal_help"]])
    if answers["informal_help"] != "none":
        keeps_on = answers["informal_help_continues"]
        if keeps_on == "less":
            reduction /= 2
        elif keeps_on == "no":
            reduction = Fraction(0)
    exact = Fraction(before) * (100 - reduction) / 100
    weekly = math.floor(exact + Fraction(1, 2))  # half a penny or more rounds up
    return points, before, weekly, weekly * 52

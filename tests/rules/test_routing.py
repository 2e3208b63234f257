"""Which questions are asked, given the answers: the demo's skip rules and a small fixture journey."""

from __future__ import annotations

import pytest

from portal.ras import (
    OPERATORS,
    Condition,
    Option,
    Question,
    Questionnaire,
    Section,
    can_visit,
    first_unanswered,
    is_complete,
    next_question,
    path,
    previous_question,
    relevant_answers,
    section_status,
)

ALL_QUESTIONS = [
    "date_of_birth",
    "living_situation",
    "nutrition",
    "personal_hygiene",
    "toilet",
    "dressing",
    "home_safety",
    "home_environment",
    "relationships",
    "work_learning",
    "community",
    "cares_for_child",
    "caring_for_child",
    "nights",
    "informal_help",
    "carer_name",
    "informal_help_continues",
]


def test_with_no_answers_every_question_applies(questionnaire):
    assert path(questionnaire, {}) == ALL_QUESTIONS
    assert first_unanswered(questionnaire, {}) == "date_of_birth"
    assert not is_complete(questionnaire, {})


def test_no_child_skips_the_child_question(questionnaire):
    assert "caring_for_child" not in path(questionnaire, {"cares_for_child": "no"})
    assert "caring_for_child" in path(questionnaire, {"cares_for_child": "yes"})


def test_no_family_help_skips_the_keep_helping_question(questionnaire):
    assert "informal_help_continues" not in path(questionnaire, {"informal_help": "none"})
    for option in ("few_hours", "most_days", "every_day"):
        assert "informal_help_continues" in path(questionnaire, {"informal_help": option})


def test_a_skip_rule_ignores_an_answer_that_is_not_an_option(questionnaire):
    # Garbage is no answer, and a rule about no answer is never true.
    assert "caring_for_child" in path(questionnaire, {"cares_for_child": "nope"})


def test_stale_answers_are_dropped_after_a_change(questionnaire, worked_example):
    answers = worked_example | {"cares_for_child": "yes", "caring_for_child": "daily_help"}
    assert relevant_answers(questionnaire, answers)["caring_for_child"] == "daily_help"
    answers["cares_for_child"] = "no"  # the person changes their answer
    relevant = relevant_answers(questionnaire, answers)
    assert "caring_for_child" not in relevant
    assert relevant["cares_for_child"] == "no"
    answers["informal_help"] = "none"
    assert "informal_help_continues" not in relevant_answers(questionnaire, answers)


def test_relevant_answers_keep_order_and_drop_what_is_not_an_answer(questionnaire, worked_example):
    answers = {"for_whom": "myself", "nights": "sometimes", "date_of_birth": "1960-02-30"} | {
        k: v for k, v in worked_example.items() if k not in ("nights", "date_of_birth")
    }
    relevant = relevant_answers(questionnaire, answers)
    assert "for_whom" not in relevant
    assert "nights" not in relevant  # not an option
    assert "date_of_birth" not in relevant  # not a real date
    assert list(relevant) == [qid for qid in ALL_QUESTIONS if qid in relevant]
    assert first_unanswered(questionnaire, answers) == "date_of_birth"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("1960-03-27", True),
        ("2000-02-29", True),
        ("1900-02-29", False),
        ("1960-3-27", False),
        ("27/03/1960", False),
        ("", False),
        ("19600327", False),
        ("1960-W13-1", False),  # an ISO week date: Python reads it, we do not
        ("1960-03-27 ", False),
    ],
)
def test_date_answers_must_be_real_dates(questionnaire, value, valid):
    assert ("date_of_birth" in relevant_answers(questionnaire, {"date_of_birth": value})) is valid


def test_first_unanswered_walks_the_path(questionnaire, worked_example):
    answers = {}
    for qid in path(questionnaire, worked_example):
        if questionnaire.questions[qid].optional:  # never holds up the form: the next one is first
            assert first_unanswered(questionnaire, answers) != qid
        else:
            assert first_unanswered(questionnaire, answers) == qid
        answers[qid] = worked_example[qid]
    assert first_unanswered(questionnaire, answers) is None
    assert is_complete(questionnaire, answers)


def test_next_and_previous_follow_the_skip_rules(questionnaire):
    no_child = {"cares_for_child": "no"}
    child = {"cares_for_child": "yes"}
    assert next_question(questionnaire, no_child, "cares_for_child") == "nights"
    assert next_question(questionnaire, child, "cares_for_child") == "caring_for_child"
    assert previous_question(questionnaire, no_child, "nights") == "cares_for_child"
    assert previous_question(questionnaire, child, "nights") == "caring_for_child"
    assert next_question(questionnaire, {"informal_help": "none"}, "informal_help") is None
    assert next_question(questionnaire, {"informal_help": "every_day"}, "informal_help") == "carer_name"
    assert (
        next_question(questionnaire, {"informal_help": "every_day"}, "carer_name")
        == "informal_help_continues"
    )
    assert next_question(questionnaire, {}, "informal_help_continues") is None
    assert previous_question(questionnaire, {}, "date_of_birth") is None
    assert next_question(questionnaire, {}, "date_of_birth") == "living_situation"


def test_next_from_a_question_that_is_now_skipped(questionnaire):
    assert next_question(questionnaire, {"cares_for_child": "no"}, "caring_for_child") == "nights"
    assert (
        previous_question(questionnaire, {"cares_for_child": "no"}, "caring_for_child") == "cares_for_child"
    )


def test_next_and_previous_refuse_unknown_questions(questionnaire):
    with pytest.raises(KeyError):
        next_question(questionnaire, {}, "for_whom")
    with pytest.raises(KeyError):
        previous_question(questionnaire, {}, "nope")


def test_can_visit_only_answered_ground(questionnaire, worked_example):
    assert can_visit(questionnaire, {}, "date_of_birth")
    assert not can_visit(questionnaire, {}, "living_situation")
    assert can_visit(questionnaire, {"date_of_birth": "1960-03-27"}, "living_situation")
    assert not can_visit(questionnaire, {"date_of_birth": "1960-03-27"}, "nights")  # jumping ahead
    assert can_visit(questionnaire, worked_example, "nights")
    assert can_visit(questionnaire, worked_example, "informal_help_continues")
    assert not can_visit(questionnaire, worked_example, "caring_for_child")  # skipped
    assert can_visit(questionnaire, worked_example | {"cares_for_child": "yes"}, "caring_for_child")
    assert not can_visit(
        questionnaire, worked_example | {"cares_for_child": "yes"}, "nights"
    )  # child question unanswered
    assert not can_visit(questionnaire, worked_example, "for_whom")  # not a question here


def test_section_status(questionnaire, worked_example):
    assert section_status(questionnaire, {}) == [
        ("about_you", "not_started"),
        ("looking_after_yourself", "not_started"),
        ("your_home", "not_started"),
        ("your_life", "not_started"),
        ("nights", "not_started"),
        ("family_and_friends", "not_started"),
    ]
    partly = {"date_of_birth": "1960-03-27", "nutrition": "independent", "informal_help": "none"}
    assert dict(section_status(questionnaire, partly)) == {
        "about_you": "in_progress",
        "looking_after_yourself": "in_progress",
        "your_home": "not_started",
        "your_life": "not_started",
        "nights": "not_started",
        "family_and_friends": "completed",  # the second question is skipped
    }
    assert {status for _, status in section_status(questionnaire, worked_example)} == {"completed"}
    assert (
        dict(section_status(questionnaire, worked_example | {"cares_for_child": "yes"}))["your_life"]
        == "in_progress"
    )


# A small fixture journey for the operators and chained skips.


def _radios(qid, section, options, skip_when=None):
    return Question(
        id=qid,
        section=section,
        kind="radios",
        options=tuple(Option(o, 0) for o in options),
        skip_when=skip_when,
        scored=False,
    )


@pytest.fixture
def journey() -> Questionnaire:
    questions = [
        _radios("pet", "start", ["none", "cat", "dog", "fish"]),
        _radios("walks", "start", ["yes", "no"], Condition("pet", "not_in", ("dog",))),
        _radios("walker", "start", ["me", "friend"], Condition("walks", "equals", ("no",))),
        _radios("feeding", "care", ["yes", "no"], Condition("pet", "in", ("none", "fish"))),
        _radios("vet", "care", ["yes", "no"], Condition("pet", "equals", ("none",))),
        _radios("end", "end", ["done", "not_done"]),
    ]
    return Questionnaire(
        sections=(
            Section("start", ("pet", "walks", "walker")),
            Section("care", ("feeding", "vet")),
            Section("end", ("end",)),
        ),
        questions={q.id: q for q in questions},
    )


def test_operator_table_is_tiny():
    assert set(OPERATORS) == {"equals", "in", "not_in"}
    assert OPERATORS["equals"]("a", ("a",))
    assert OPERATORS["in"]("b", ("a", "b"))
    assert OPERATORS["not_in"]("c", ("a", "b"))
    assert not OPERATORS["not_in"]("a", ("a", "b"))


def test_operators_in_a_journey(journey):
    assert path(journey, {"pet": "dog"}) == ["pet", "walks", "walker", "feeding", "vet", "end"]
    assert path(journey, {"pet": "dog", "walks": "no"}) == ["pet", "walks", "feeding", "vet", "end"]
    assert path(journey, {"pet": "cat"}) == ["pet", "walker", "feeding", "vet", "end"]
    assert path(journey, {"pet": "fish"}) == ["pet", "walker", "vet", "end"]
    assert path(journey, {"pet": "none"}) == ["pet", "walker", "end"]


def test_a_rule_about_an_unanswered_question_is_false(journey):
    # Even not_in: with no answer yet, the question is asked.
    assert path(journey, {}) == ["pet", "walks", "walker", "feeding", "vet", "end"]


def test_a_rule_about_a_skipped_question_is_false(journey):
    # walker is skipped when walks = "no". When walks itself is skipped, its
    # old "no" is stale: it counts as no answer, so walker is asked again.
    answers = {"pet": "dog", "walks": "no"}
    assert "walker" not in path(journey, answers)
    answers["pet"] = "cat"
    assert "walks" not in path(journey, answers)
    assert "walker" in path(journey, answers)
    assert relevant_answers(journey, answers) == {"pet": "cat"}


def test_a_section_whose_questions_are_all_skipped_is_completed(journey):
    status = dict(section_status(journey, {"pet": "none"}))
    assert status == {"start": "in_progress", "care": "completed", "end": "not_started"}
    done = {"pet": "none", "walker": "me", "end": "done"}
    assert dict(section_status(journey, done)) == {
        "start": "completed",
        "care": "completed",
        "end": "completed",
    }
    assert is_complete(journey, done)
    assert not is_complete(journey, done | {"pet": "dog"})  # now walks, feeding and vet apply

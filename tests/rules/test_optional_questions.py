"""Optional questions (`optional: true` in questionnaire.yaml): a text question that may be left empty. An
empty answer is a good answer and is kept; the question never holds up the form, a section or the
questions after it. The demo's carer_name ("Who helps you most?") is one."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from portal.ras import ConfigError, calculate, load_config
from portal.ras.answers import LEFT_EMPTY, MISSING, TOO_LONG, Text, answer_type
from portal.ras.routing import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    can_visit,
    first_unanswered,
    is_complete,
    missing,
    relevant_answers,
    section_status,
    task_list,
)


def _without(answers: dict[str, str], *ids: str) -> dict[str, str]:
    return {k: v for k, v in answers.items() if k not in ids}


def _status(questionnaire, answers, section="family_and_friends"):
    return dict(section_status(questionnaire, answers))[section]


# --- the answer type ---------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["", "   ", None])
def test_an_optional_question_left_empty_is_a_good_answer(given):
    text = answer_type("text")
    assert text.check_or_empty(given, optional=True).value == LEFT_EMPTY
    assert text.check_or_empty(given, optional=True).ok
    assert text.check_or_empty(given).reason == MISSING  # not optional: an answer is needed


def test_an_optional_answer_that_is_given_is_checked_as_any_other():
    text = answer_type("text")
    assert text.check_or_empty(" Sam ", optional=True).value == "Sam"
    too_long = "S" * (Text.MAX_LENGTH + 1)
    assert text.check_or_empty(too_long, optional=True).reason == TOO_LONG


def test_a_stored_answer_reads_as_left_empty_only_for_an_optional_question():
    text = answer_type("text")
    assert text.read_or_empty("", optional=True) == LEFT_EMPTY
    assert text.read_or_empty("", optional=False) is None
    assert text.read_or_empty("Sam", optional=True) == "Sam"


# --- the demo's optional question on the path -------------------------------------------------------


def test_the_demo_asks_who_helps_most_as_an_optional_text_question(questionnaire):
    question = questionnaire.questions["carer_name"]
    assert (question.kind, question.optional, question.scored) == ("text", True, False)
    assert not any(q.optional for qid, q in questionnaire.questions.items() if qid != "carer_name")


def test_left_empty_it_is_kept_as_an_answer(questionnaire, worked_example):
    assert worked_example["carer_name"] == LEFT_EMPTY
    assert relevant_answers(questionnaire, worked_example)["carer_name"] == LEFT_EMPTY
    assert is_complete(questionnaire, worked_example)


def test_it_never_holds_up_the_form(questionnaire, worked_example):
    never_asked = _without(worked_example, "carer_name")
    assert "carer_name" not in relevant_answers(questionnaire, never_asked)
    assert is_complete(questionnaire, never_asked)
    assert first_unanswered(questionnaire, never_asked) is None
    assert missing(questionnaire, never_asked) == ()
    assert _status(questionnaire, never_asked) == COMPLETED
    # the question after it can be opened before it is answered
    assert can_visit(questionnaire, never_asked, "informal_help_continues", any_section_order=True)


def test_it_is_asked_in_its_place_and_the_task_list_leads_to_it(questionnaire, worked_example):
    helped = _without(worked_example, "carer_name", "informal_help_continues")
    assert first_unanswered(questionnaire, helped) == "informal_help_continues"
    assert _status(questionnaire, helped) == IN_PROGRESS
    family = next(
        entry for entry in task_list(questionnaire, helped) if entry.section_id == "family_and_friends"
    )
    assert family.first == "carer_name"  # the next page on the way, although it need not be answered
    # once every question that needs an answer has one, the link opens the section's first question
    done = _without(worked_example, "carer_name")
    family = next(
        entry for entry in task_list(questionnaire, done) if entry.section_id == "family_and_friends"
    )
    assert family.first == "informal_help"


def test_a_section_with_only_its_optional_question_unanswered_has_not_started(questionnaire, worked_example):
    nothing = _without(worked_example, "informal_help", "carer_name", "informal_help_continues")
    assert _status(questionnaire, nothing) == NOT_STARTED
    only_the_name = nothing | {"carer_name": "Sam"}
    assert _status(questionnaire, only_the_name) == IN_PROGRESS


def test_a_stored_name_no_longer_accepted_reads_as_left_empty(questionnaire, worked_example):
    stored = worked_example | {"carer_name": "S" * (Text.MAX_LENGTH + 1)}
    assert relevant_answers(questionnaire, stored)["carer_name"] == LEFT_EMPTY


@pytest.mark.parametrize(("given", "named"), [("Sam", "Sam"), (" Sam ", "Sam"), ("", None)])
def test_the_budget_keeps_the_carers_name_or_none_and_the_same_figures(
    demo_config, worked_example, given, named
):
    calc = calculate(demo_config, worked_example | {"carer_name": given})
    assert calc.adjustment.carer_name == named
    assert (calc.weekly_pence, calc.adjustment.percent) == (11880, Decimal(10))
    assert calculate(demo_config, _without(worked_example, "carer_name")).weekly_pence == 11880


# --- questionnaire.yaml ------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path, content_dir: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "  living_situation:\n    kind: radios\n",
            "  living_situation:\n    kind: radios\n    optional: true\n",
            "questions.living_situation.optional",
            "must be false or left out: only a text question can be left empty, not a radios question",
        ),
        (
            "  date_of_birth:\n    kind: date_of_birth\n",
            "  date_of_birth:\n    kind: date_of_birth\n    optional: true\n",
            "questions.date_of_birth.optional",
            "must be false or left out: only a text question can be left empty, not a date_of_birth question",
        ),
        (
            "    optional: true\n    skip_when: {answer: informal_help, equals: none}\n",
            "    optional: sometimes\n    skip_when: {answer: informal_help, equals: none}\n",
            "questions.carer_name.optional",
            "",
        ),
    ],
)
def test_only_a_text_question_can_be_optional(content, old, new, key, problem):
    path = content / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(content)
    assert (caught.value.file, caught.value.key) == ("questionnaire.yaml", key)
    assert problem in caught.value.problem


def test_a_change_that_brings_it_in_asks_it_once_then_goes_on(questionnaire, worked_example):
    from portal.ras.routing import CHECK, QUESTION, Destination, after_answer

    nobody = _without(worked_example, "carer_name", "informal_help_continues") | {"informal_help": "none"}
    helped = nobody | {"informal_help": "every_day"}
    assert after_answer(questionnaire, helped, "informal_help", changing=True) == Destination(
        QUESTION, "carer_name", changing=True
    )
    named = helped | {"carer_name": LEFT_EMPTY}  # left empty: answered, so it is not asked again
    assert after_answer(questionnaire, named, "carer_name", changing=True) == Destination(
        QUESTION, "informal_help_continues", changing=True
    )
    done = named | {"informal_help_continues": "yes"}
    assert after_answer(questionnaire, done, "informal_help_continues", changing=True) == Destination(CHECK)

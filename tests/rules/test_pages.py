"""Where each questionnaire page leads, as the rules say: which question can be opened, where Continue and
Back go, the task list's links and the check page's missing questions."""

from __future__ import annotations

from portal.ras import can_visit
from portal.ras.routing import (
    CHECK,
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    QUESTION,
    TASK_LIST,
    Destination,
    after_answer,
    answered_count,
    back_from,
    missing,
    task_list,
)


def test_sections_can_be_done_in_any_order(questionnaire):
    # The first question of every section can be opened at the start; a later one only after the ones
    # before it in its own section.
    assert can_visit(questionnaire, {}, "nights", any_section_order=True)
    assert can_visit(questionnaire, {}, "nutrition", any_section_order=True)
    assert not can_visit(questionnaire, {}, "toilet", any_section_order=True)
    answered = {"nutrition": "independent", "personal_hygiene": "daily_help"}
    assert can_visit(questionnaire, answered, "toilet", any_section_order=True)
    assert not can_visit(questionnaire, answered, "toilet")  # the whole path before it is not answered
    # a skipped question is never opened
    assert not can_visit(questionnaire, {"cares_for_child": "no"}, "caring_for_child", any_section_order=True)
    assert not can_visit(
        questionnaire, {"relationships": "independent"}, "cares_for_child", any_section_order=True
    )


def test_continue_leads_to_the_next_question_in_the_section(questionnaire):
    answers = {"nutrition": "independent"}
    assert after_answer(questionnaire, answers, "nutrition") == Destination(QUESTION, "personal_hygiene")
    # across sections too, when the next one's first question can be opened
    answers = {"date_of_birth": "1960-03-27", "living_situation": "alone"}
    assert after_answer(questionnaire, answers, "living_situation") == Destination(QUESTION, "nutrition")


def test_continue_follows_the_skip_rules(questionnaire, worked_example):
    answers = {
        qid: v
        for qid, v in worked_example.items()
        if qid not in ("nights", "informal_help", "informal_help_continues")
    }
    answers["cares_for_child"] = "no"
    assert after_answer(questionnaire, answers, "cares_for_child") == Destination(QUESTION, "nights")
    answers["cares_for_child"] = "yes"
    assert after_answer(questionnaire, answers, "cares_for_child") == Destination(
        QUESTION, "caring_for_child"
    )


def test_continue_after_the_last_question_goes_to_check_or_the_task_list(questionnaire, worked_example):
    assert after_answer(questionnaire, worked_example, "informal_help_continues") == Destination(CHECK)
    # a section left undone: the task list shows it
    answers = {k: v for k, v in worked_example.items() if k != "nutrition"}
    assert after_answer(questionnaire, answers, "informal_help_continues") == Destination(TASK_LIST)


def test_a_changed_answer_asks_the_question_it_brings_in_first(questionnaire, worked_example):
    answers = worked_example | {"cares_for_child": "yes"}  # changed from "no" on the check page
    assert after_answer(questionnaire, answers, "cares_for_child", changing=True) == Destination(
        QUESTION, "caring_for_child", changing=True
    )
    answers["caring_for_child"] = "daily_help"
    assert after_answer(questionnaire, answers, "caring_for_child", changing=True) == Destination(CHECK)
    # a change that brings nothing in goes straight back to the check page
    assert after_answer(
        questionnaire, worked_example | {"nutrition": "full_help"}, "nutrition", changing=True
    ) == Destination(CHECK)


def test_back_leads_to_the_question_before_the_task_list_or_the_check_page(questionnaire):
    assert back_from(questionnaire, {}, "date_of_birth") == Destination(TASK_LIST)
    assert back_from(questionnaire, {}, "living_situation") == Destination(QUESTION, "date_of_birth")
    assert back_from(questionnaire, {"cares_for_child": "no"}, "nights") == Destination(
        QUESTION, "cares_for_child"
    )
    assert back_from(questionnaire, {}, "nights", changing=True) == Destination(CHECK)


def test_task_list_links_open_the_first_question_without_an_answer(questionnaire, worked_example):
    entries = {
        e.section_id: e
        for e in task_list(questionnaire, {"date_of_birth": "1960-03-27", "nutrition": "independent"})
    }
    assert (entries["about_you"].status, entries["about_you"].first) == (IN_PROGRESS, "living_situation")
    assert entries["looking_after_yourself"].first == "personal_hygiene"
    assert (entries["nights"].status, entries["nights"].first) == (NOT_STARTED, "nights")
    done = task_list(questionnaire, worked_example)
    assert all(e.status == COMPLETED for e in done)
    # a completed section opens at its first question
    assert [e.first for e in done][:2] == ["date_of_birth", "nutrition"]
    assert [e.section_id for e in done] == [s.id for s in questionnaire.sections]


def test_missing_names_questions_a_change_brought_in(questionnaire, worked_example):
    assert missing(questionnaire, worked_example) == ()
    assert missing(questionnaire, worked_example | {"cares_for_child": "yes"}) == ("caring_for_child",)
    assert missing(questionnaire, worked_example | {"informal_help": "none"}) == ()
    # a question further on in a section with a gap before it cannot be opened yet, so it is not named
    gaps = {k: v for k, v in worked_example.items() if k not in ("nutrition", "personal_hygiene")}
    assert missing(questionnaire, gaps) == ("nutrition",)


def test_answered_count_counts_only_questions_that_apply(questionnaire, worked_example):
    assert answered_count(questionnaire, {}) == 0  # an optional question counts only once answered
    assert (
        answered_count(
            questionnaire,
            {"date_of_birth": "1960-03-27", "caring_for_child": "daily_help", "cares_for_child": "no"},
        )
        == 2
    )
    assert answered_count(questionnaire, worked_example) == len(
        [q for q in worked_example if q in questionnaire.questions]
    )

"""The stage a form has reached, as the account page shows it."""

from __future__ import annotations

import pytest

from portal.ras import disagreement as route
from portal.ras import progress


@pytest.mark.parametrize(
    "sent,plan,state,stage",
    [
        (False, None, None, progress.FORM_DRAFT),
        (True, None, None, progress.BUDGET_READY),
        (True, "draft", None, progress.PLAN_DRAFT),
        (True, "submitted", None, progress.PLAN_SENT),
        (True, None, route.CARE_MANAGER_WAITING, progress.DISAGREEMENT_OPEN),
        (True, "submitted", route.COMPLAINT_ANSWERED, progress.DISAGREEMENT_OPEN),
        (True, "submitted", route.CLOSED, progress.PLAN_SENT),
        (True, None, route.CLOSED, progress.BUDGET_READY),
    ],
)
def test_the_stage_of_a_form(sent, plan, state, stage):
    assert progress.stage(sent, plan, state) == stage


# --- how far through the questions ----------------------------------------------------------------


def test_questions_are_counted_along_the_persons_path(demo_config):
    q = demo_config.questionnaire
    everything = list(q.questions)  # 17 questions; three are skipped on some paths
    assert progress.question_position(q, {}, "date_of_birth") == progress.Position(1, len(everything))
    # No child: "help to care for your child" is skipped, and so is not counted.
    no_child = {"cares_for_child": "no"}
    assert progress.question_position(q, no_child, "nights") == progress.Position(13, 16)
    assert progress.question_position(q, no_child, "caring_for_child") is None
    with_child = {"cares_for_child": "yes"}
    assert progress.question_position(q, with_child, "nights") == progress.Position(14, 17)
    # Nobody helps: "who helps most" and "can they keep helping" are skipped too.
    nobody = {"cares_for_child": "no", "informal_help": "none"}
    assert progress.question_position(q, nobody, "informal_help") == progress.Position(14, 14)


def test_the_count_of_every_question_on_a_path_runs_from_1_to_the_total(demo_config):
    q = demo_config.questionnaire
    from portal.ras import routing

    answers = {"cares_for_child": "no", "informal_help": "every_day"}
    on_path = routing.path(q, answers)
    numbers = [progress.question_position(q, answers, qid) for qid in on_path]
    assert [p.number for p in numbers if p] == list(range(1, len(on_path) + 1))
    assert {p.of for p in numbers if p} == {len(on_path)}


def test_section_progress_counts_answered_questions_that_apply(demo_config):
    q = demo_config.questionnaire
    answers = {"nutrition": "some_help", "toilet": "independent", "cares_for_child": "no"}
    counts = {p.section_id: (p.answered, p.asked) for p in progress.section_progress(q, answers)}
    assert counts["looking_after_yourself"] == (2, 4)
    assert counts["your_life"] == (1, 4), "the skipped child question is not asked"
    assert counts["about_you"] == (0, 2)
    # An answer that is not one of the question's answers does not count.
    assert progress.section_progress(q, {"nutrition": "lots"})[1].answered == 0

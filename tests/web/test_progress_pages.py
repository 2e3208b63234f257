"""How far through the questions a person is: "Question 3 of 15" on each question page, counting only
the questions on their path, and each part's count on the task list."""

from __future__ import annotations

from pathlib import Path

from tests.web.helpers import Portal


def _position(portal: Portal, assessment_id: str, question_id: str) -> str:
    page = portal.get(f"/assessments/{assessment_id}/questions/{question_id}").soup
    return page.select_one("#question-position").get_text(strip=True)


def test_each_question_says_which_it_is_of_the_questions_on_the_persons_path(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    assert _position(portal, assessment_id, "date_of_birth") == "Question 1 of 17"
    for question_id, value in [
        ("date_of_birth", "1950-04-03"),
        ("living_situation", "alone"),
        ("nutrition", "some_help"),
        ("personal_hygiene", "independent"),
        ("toilet", "independent"),
        ("dressing", "independent"),
        ("home_safety", "independent"),
        ("home_environment", "independent"),
        ("relationships", "independent"),
        ("work_learning", "independent"),
        ("community", "independent"),
    ]:
        portal.answer(assessment_id, question_id, value)
    assert _position(portal, assessment_id, "cares_for_child") == "Question 12 of 17"
    # No child to look after: the next question is skipped, and the count changes with the path.
    portal.answer(assessment_id, "cares_for_child", "no")
    assert _position(portal, assessment_id, "nights") == "Question 13 of 16"
    portal.answer(assessment_id, "nights", "none")
    portal.answer(assessment_id, "informal_help", "none")
    assert _position(portal, assessment_id, "informal_help") == "Question 14 of 14"
    # The child question again: a "yes" brings it back into the count.
    portal.answer(assessment_id, "cares_for_child", "yes")
    assert _position(portal, assessment_id, "caring_for_child") == "Question 13 of 15"


def test_the_task_list_says_how_many_questions_of_each_part_are_answered(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    page = portal.get(f"/assessments/{assessment_id}").soup
    hints = [hint.get_text(strip=True) for hint in page.select(".govuk-task-list__hint")]
    assert hints[:2] == ["1 of 2 questions answered", "0 of 4 questions answered"]
    # The hint is part of the link's description, so a screen reader reads it with the part's name.
    link = page.select_one(".govuk-task-list__link")
    assert page.select_one(".govuk-task-list__hint")["id"] in link["aria-describedby"]


def test_the_task_lists_statuses_look_different_with_classes_the_stylesheet_has(portal):
    # "Incomplete" and "Not yet started" are told apart by their words and by their colour.
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    page = portal.get(f"/assessments/{assessment_id}").soup
    looks = {
        tag.get_text(strip=True): tuple(sorted(set(tag["class"]) - {"govuk-tag"}))
        for tag in page.select(".govuk-task-list__status .govuk-tag")
    }
    assert looks["Incomplete"] != looks["Not yet started"], looks
    css = (Path(__file__).resolve().parents[2] / "portal/static/assets/portal.min.css").read_text()
    assert all(f".{name}" in css for classes in looks.values() for name in classes), looks

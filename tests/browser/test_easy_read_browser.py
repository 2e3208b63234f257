"""Easy read in Chromium: on a 360 px phone the pictures are big enough to see (at least 96 px), the
switch for them is near the top, and the budget, its easy-read summary and a question page pass axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import answer_quickly, send_answers_quickly, start_quickly
from tests.examples import WORKED_EXAMPLE

PHONE = {"width": 360, "height": 740}


def _sizes(page: Page, selector: str) -> list[tuple[float, float]]:
    return page.locator(selector).evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect(); return [r.width, r.height] })"
    )


def test_answer_pictures_are_big_enough_on_a_360_px_phone(page: Page):
    page.set_viewport_size(PHONE)
    assessment = start_quickly(page)
    answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="personal_hygiene")
    page.goto(f"/assessments/{assessment}/questions/personal_hygiene")
    expect(page.locator("#question-position")).to_have_text("Question 4 of 17")
    answers = _sizes(page, "img.app-picture--option")
    assert len(answers) == 4
    assert all(w >= 96 and h >= 96 for w, h in answers), answers
    question = _sizes(page, "img.app-picture--question")
    assert question and question[0][0] >= 96, question
    # Nothing runs off the side of the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The switch comes before the question, near the top.
    switch = page.get_by_role("button", name="Hide pictures")
    assert switch.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    assert_no_axe_violations(page, "a question with answer pictures on a phone")


def test_the_budget_in_easy_read_and_its_summary_on_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    budget = send_answers_quickly(page)
    page.goto(budget)
    ideas = _sizes(page, "#easy-read img.app-picture--idea")
    assert len(ideas) == 4 and all(w >= 96 for w, _ in ideas), ideas
    expect(page.locator("#easy-points")).to_have_text("Your answers add up to 22 points.")
    # The tables are there for those who want them, one click away.
    expect(page.locator("#points-table")).to_be_hidden()
    page.get_by_text("See every step in tables").click()
    expect(page.locator("#points-table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page, "the budget page on a phone")

    page.get_by_role("link", name="See the budget and plan on one page, to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your budget and plan in easy read")
    assert len(_sizes(page, "#easy-read img.app-picture--idea")) == 5
    assert_no_axe_violations(page, "the easy-read summary")


def _overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_a_questions_picture_never_covers_its_words_on_a_wide_screen(page: Page):
    # Beside the heading for answers to choose (a legend) and for an answer to type (a label and its
    # caption), with and without an error.
    page.set_viewport_size({"width": 1000, "height": 900})
    assessment = start_quickly(page)
    answer_quickly(page, assessment, {**WORKED_EXAMPLE, "informal_help": "most_days"}, stop_at="carer_name")
    for question, wrong in (("nutrition", None), ("carer_name", "x" * 80)):
        page.goto(f"/assessments/{assessment}/questions/{question}")
        for state in ("as it opens", "with an error"):
            if state == "with an error":
                if wrong is None:
                    page.locator("input[type=radio]").first.evaluate("el => el.form.noValidate = true")
                    page.evaluate(
                        "document.querySelectorAll('input[type=radio]').forEach(r => r.checked = false)"
                    )
                else:
                    page.locator(f"#{question}, input[name={question}]").first.fill(wrong)
                page.get_by_role("button", name="Continue").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
            picture = page.locator("img.app-picture--question").bounding_box()
            words = [page.get_by_role("heading", level=1), page.locator(".app-question .govuk-caption-l")]
            words += [page.locator(".app-question .govuk-hint").first]
            for part in words:
                # Where its words are drawn (an element's box includes the room left for the picture).
                box = part.evaluate(
                    "el => { const r = document.createRange(); r.selectNodeContents(el);"
                    " const b = r.getBoundingClientRect();"
                    " return {x: b.x, y: b.y, width: b.width, height: b.height} }"
                )
                assert box["width"] and not _overlaps(picture, box), (question, state, part, picture, box)

"""Who helps most (the demo's optional carer_name question) in Chromium: axe on the page and on its error
state, by keyboard, and the budget page that names the carer."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import answer_quickly, send_answers_quickly, start_quickly
from tests.browser.test_keyboard import press_and_wait, tab_to
from tests.examples import WORKED_EXAMPLE


def _the_question(page: Page) -> str:
    assessment = start_quickly(page)
    reached = answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="carer_name")
    assert reached.endswith("/questions/carer_name"), reached
    page.goto(reached)
    return assessment


def test_who_helps_most_by_keyboard_with_axe_and_its_error(page: Page):
    assessment = _the_question(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who helps you most?")
    box = page.get_by_role("textbox", name="Who helps you most?")
    expect(box).to_be_visible()
    assert_no_axe_violations(page, "who helps most")

    # Too long a name: the GOV.UK error summary, which takes focus, and the error by the box.
    tab_to(page, box)
    page.keyboard.type("S" * 61)
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    assert page.title().startswith("Error: ")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Your answer must be 60 characters or fewer")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_no_axe_violations(page, "who helps most, with an error")

    # A first name, then Continue: the next question names them, and says it is their answer.
    box = page.get_by_role("textbox", name="Who helps you most?")
    tab_to(page, box)
    page.keyboard.press("Control+A")
    page.keyboard.type("Sam")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    assert page.url.endswith(f"/assessments/{assessment}/questions/informal_help_continues")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Can Sam keep helping you?")
    expect(page.get_by_text("Ask Sam what they think. Put in their answer.")).to_be_visible()
    assert_no_axe_violations(page, "can Sam keep helping you")


def test_left_empty_it_moves_on(page: Page):
    _the_question(page)
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")  # left empty: a good answer
    assert page.url.endswith("/questions/informal_help_continues")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_the_budget_names_the_carer(page: Page):
    page.goto(send_answers_quickly(page, {**WORKED_EXAMPLE, "carer_name": "Sam"}))
    expect(page.locator("#weekly-amount")).to_have_text("£118.80 a week")
    expect(page.locator("#adjustment")).to_contain_text(
        "We counted help from Sam. You told us Sam can keep helping you."
    )
    assert_no_axe_violations(page, "the budget page that names the carer")

"""Reviews in a browser: axe on every new page and error state, walked by keyboard only: Alex asks for an
early review, Chris records a review that needs a reassessment, Alex answers again and sees what changed."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import expect_errors, send_answers_quickly
from tests.browser.test_disagreement_browser import clock, sign_in  # noqa: F401  (clock is a fixture)


def _press(page: Page, locator) -> None:
    """Keyboard only: move the focus to it and press Enter."""
    locator.focus()
    page.keyboard.press("Enter")


def test_reviews_by_keyboard_with_axe_on_every_page(page: Page, live_app, clock):  # noqa: F811
    clock(date(2027, 1, 11))
    budget = send_answers_quickly(page)
    form = budget.split("/")[2]
    factories.agreement(live_app, form, date(2027, 1, 11))
    staff = factories.demo_staff(live_app)
    factories.assign(live_app, form, "care_manager", staff["care_manager"])

    page.goto("/account")
    expect(page.get_by_text("Your next review is due by 22 February 2027.")).to_be_visible()
    assert_no_axe_violations(page, "the account page with a review due")
    _press(page, page.get_by_role("link", name="Ask for an early review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for an early review")
    assert_no_axe_violations(page, "asking for an early review")
    _press(page, page.get_by_role("button", name="Ask for an early review"))
    expect_errors(page, "Tell us what has changed")
    assert_no_axe_violations(page, "asking for an early review, with an error")
    page.get_by_label("What has changed?").focus()
    page.keyboard.type("I need help at night now.")
    _press(page, page.get_by_role("button", name="Ask for an early review"))
    expect(page.locator("#reference")).to_have_text(re.compile(r"^REV-"))
    assert_no_axe_violations(page, "the early review is sent")

    sign_in(page, "Chris")
    _press(page, page.get_by_role("link", name="Reviews due"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews due")
    assert_no_axe_violations(page, "reviews due")
    _press(page, page.get_by_role("link", name="Alex Morgan"))
    expect(page.locator("#early-request")).to_contain_text("I need help at night now.")
    assert_no_axe_violations(page, "recording a review")
    _press(page, page.get_by_role("button", name="Save the review"))
    expect_errors(page, "Choose what the review found", "Write what you and the person talked about")
    assert_no_axe_violations(page, "recording a review, with errors")
    page.get_by_role("radio", name=re.compile("answer the questions again")).focus()
    page.keyboard.press("Space")
    page.get_by_label("Notes of the review").focus()
    page.keyboard.type("Alex needs help at night now.")
    _press(page, page.get_by_role("button", name="Save the review"))
    expect(page.get_by_text("The review is saved.")).to_be_visible()
    assert_no_axe_violations(page, "reviews due, after a review")

    sign_in(page, "Alex")
    page.goto("/account")
    _press(page, page.get_by_role("link", name="Carry on with this form"))
    expect(page).to_have_url(re.compile(r"/assessments/[^/]+$"))
    path = page.url.split("/assessments/")[1]
    again = "The answers from last time are filled in: check each one is still right."
    expect(page.locator("#answering-again")).to_have_text(again)
    assert_no_axe_violations(page, "the task list of a form answered again")
    page.goto(f"/assessments/{path}/questions/nights?change=1")
    expect(page.locator("#answering-again")).to_have_text(again)
    assert_no_axe_violations(page, "a question of a form answered again")
    page.get_by_role("radio", name="I need someone there most nights").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.goto(f"/assessments/{path}/send")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.locator("#changes-headline")).to_have_text(
        "The new estimate is £32.40 a week more than the last one."
    )
    expect(page.get_by_role("table", name="Answers that changed")).to_contain_text(
        "I need someone there most nights"
    )
    assert_no_axe_violations(page, "the budget page with what changed")

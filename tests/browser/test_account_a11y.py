"""Your account: axe on the account page with forms on it, deleting a draft, and its error state."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import answer_quickly, expect_errors, start_quickly
from tests.examples import WORKED_EXAMPLE


def test_account_and_deleting_a_draft(page: Page):
    assessment = start_quickly(page)
    answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="nutrition")
    page.goto("/account")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_no_axe_violations(page, "the account page with a draft")

    page.get_by_role("link", name="Delete this form").click()
    expect(page.get_by_role("group", name="Are you sure you want to delete this form?")).to_be_visible()
    assert_no_axe_violations(page, "the delete page")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Choose if you want to delete the form")
    assert_no_axe_violations(page, "the delete page with an error")

    page.get_by_role("radio", name="Yes, delete it").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("The form was deleted.")).to_be_visible()
    expect(page.get_by_text("You have not started a form yet.")).to_be_visible()
    assert_no_axe_violations(page, "the account page after deleting")

"""Acting for someone: axe on "Who can see your information", inviting a helper (with its error state),
the code shown once, using a code (with a wrong code), ending a helper's access, and the page a helper
sees once their access has ended."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.journey import expect_errors, start_quickly


def test_inviting_a_helper_who_then_loses_access(page: Page, new_context):
    assessment = start_quickly(page, "alex")
    page.goto("/account")
    page.get_by_role("link", name="Who can see your information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who can see your information")
    assert_no_axe_violations(page, "who can see your information, nobody yet")

    page.get_by_role("link", name="Ask someone to help you").click()
    page.get_by_role("button", name="Get a code").click()
    expect_errors(
        page,
        "Enter the name of the person you want to help you",
        "Tell us how you know them",
        "Choose what they can do",
    )
    assert_no_axe_violations(page, "the invite page with errors")
    page.get_by_label("What is the name of the person you want to help you?").fill("Jo Patel")
    page.get_by_label("How do you know them?").fill("Friend")
    page.get_by_role("radio", name="All of that, and send forms and disagree with a decision for me").check()
    page.get_by_role("button", name="Get a code").click()
    code = page.locator("#code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert_no_axe_violations(page, "the code, shown once")

    helper = new_context().new_page()
    start_quickly(helper, "jo")
    helper.goto("/account/invitation")
    helper.get_by_label("Type in your code").fill("AAAA-BBBB-CCCC")
    helper.get_by_role("button", name="Continue").click()
    expect_errors(helper, "This code is not right. Check it and try again")
    assert_no_axe_violations(helper, "a wrong code")
    helper.get_by_label("Type in your code").fill(code)
    helper.get_by_role("button", name="Continue").click()
    expect(helper.get_by_text("You can now help this person.")).to_be_visible()
    helper.goto(f"/assessments/{assessment}")
    helper.goto("/account/who-can-see")
    expect(helper.get_by_text("Looked at their form")).to_be_visible()
    assert_no_axe_violations(helper, "who can see your information, for a helper")

    page.goto("/account/who-can-see")
    expect(page.get_by_text("Looked at your form")).to_be_visible()
    assert_no_axe_violations(page, "who can see your information, with a helper")
    page.get_by_role("link", name="End their access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End the access of Jo Patel?")
    assert_no_axe_violations(page, "ending a helper's access")
    page.get_by_role("button", name="Yes, end access").click()
    expect(page.get_by_text("Their access has ended.")).to_be_visible()

    problems_of(helper).allow(f"/assessments/{assessment}", 403)
    helper.goto(f"/assessments/{assessment}")
    expect(helper.get_by_role("heading", level=1)).to_have_text("Your access has ended")
    assert_no_axe_violations(helper, "the page after access ended")

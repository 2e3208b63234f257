"""Acting for someone: axe on "Who can see your information", inviting a helper (with its error states,
an impossible end date among them), the code shown once, using a code (with a wrong code), ending a
helper's access, and the page a helper sees once their access has ended; and the care manager's pages to
confirm, query and end a helper's access (with their errors), used by keyboard."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.journey import expect_errors, send_answers_quickly, start_quickly
from tests.browser.test_disagreement_browser import sign_in
from tests.browser.test_keyboard import press_and_wait, tab_to

# The banner after using a code names the person whose code it was.
NAMED_BANNER = re.compile(r"You can now help [A-Z]\w+ [A-Z]\w+\.")


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
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Get a code").click()
    expect_errors(page, "Enter a real date")
    assert_no_axe_violations(page, "the invite page with an impossible end date")
    for box in ("Day", "Month", "Year"):
        page.get_by_label(box).fill("")
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
    expect(helper.get_by_text(NAMED_BANNER)).to_be_visible()
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


def test_a_care_manager_confirms_queries_and_ends_a_helpers_access(page: Page, new_context):
    budget = send_answers_quickly(page)
    assessment = budget.split("/")[2]
    page.goto("/account/who-can-see/invite")
    page.get_by_label("What is the name of the person you want to help you?").fill("Jo Patel")
    page.get_by_label("How do you know them?").fill("Friend")
    page.get_by_role("radio", name="See my information").check()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Get a code").click()
    expect_errors(page, "The last day must be within 10 years")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Get a code").click()
    expect(page.locator("#until")).to_have_text(
        "They can help you until 3 March 2027. Then their access ends by itself."
    )
    code = page.locator("#code").inner_text()
    helper = new_context().new_page()
    start_quickly(helper, "jo")
    helper.goto("/account/invitation")
    helper.get_by_label("Type in your code").fill(code)
    helper.get_by_role("button", name="Continue").click()

    chris = new_context().new_page()
    sign_in(chris, "Chris")
    chris.goto(f"/staff/people/{assessment}")
    expect(chris.locator("#helpers")).to_have_text("People who help this person")
    assert_no_axe_violations(chris, "a case page with a helper")
    chris.get_by_role("link", name="Confirm (Helper: Jo Patel)").click()
    expect(chris.get_by_role("heading", level=1)).to_have_text("Confirm the access of Jo Patel")
    assert_no_axe_violations(chris, "confirming a helper's access")
    chris.get_by_role("button", name="Confirm their access").click()
    expect_errors(chris, "Write what you checked")
    assert_no_axe_violations(chris, "confirming a helper's access, with an error")
    tab_to(chris, chris.get_by_label("What did you check?"))
    chris.keyboard.type("Alex told me on the phone.")
    tab_to(chris, chris.get_by_role("button", name="Confirm their access"))
    press_and_wait(chris, "Enter")
    expect(chris.get_by_text("The helper's access is confirmed by the council.")).to_be_visible()

    chris.get_by_role("link", name="Record a concern (Helper: Jo Patel)").click()
    assert_no_axe_violations(chris, "recording a concern about a helper")
    chris.get_by_role("button", name="Save the concern").click()
    expect_errors(chris, "Write what the concern is")
    assert_no_axe_violations(chris, "recording a concern, with an error")
    chris.get_by_label("What is the concern?").fill("Jo lives far away.")
    chris.get_by_role("button", name="Save the concern").click()
    expect(chris.get_by_text("Your concern is saved.")).to_be_visible()

    page.goto("/account/who-can-see")
    expect(
        page.get_by_text("The council has a worry about this help: Jo lives far away.", exact=False)
    ).to_be_visible()
    assert_no_axe_violations(page, "who can see your information, with what the council did")

    chris.get_by_role("link", name="End access (Helper: Jo Patel)").click()
    assert_no_axe_violations(chris, "ending a helper's access, for staff")
    chris.get_by_role("button", name="End their access").click()
    expect_errors(chris, "Write why you are ending their access")
    assert_no_axe_violations(chris, "ending a helper's access, with an error")
    chris.get_by_label("Why are you ending their access?").fill("Alex asked us to.")
    chris.get_by_role("button", name="End their access").click()
    expect(chris.get_by_text("We have told the person and the helper.")).to_be_visible()
    # Jo is now a past helper: in the table under the helpers, with how it ended, and nothing to do
    past = chris.get_by_role("table", name="Past helpers")
    expect(past.get_by_role("rowheader", name="Jo Patel")).to_be_visible()
    expect(past).to_contain_text("Ended by the council (Chris Evans) on")
    expect(past.get_by_role("link")).to_have_count(0)
    assert_no_axe_violations(chris, "the case page after ending a helper's access, with a past helper")

    problems_of(helper).allow(f"/assessments/{assessment}", 403)
    helper.goto(f"/assessments/{assessment}")
    expect(helper.get_by_role("heading", level=1)).to_have_text("Your access has ended")
    helper.goto("/account/who-can-see")
    expect(
        helper.get_by_text("The council ended your access. This is why: Alex asked us to.")
    ).to_be_visible()
    assert_no_axe_violations(
        helper, "who can see your information, for a helper whose access the council ended"
    )

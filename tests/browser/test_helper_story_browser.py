"""The helper pages in a browser: axe on every page of inviting, using a code and ending access, and on each
of their error states (empty fields, a wrong code, a used code, an expired code, your own code); the
pages a helper sees when their access does not let them do something; and a keyboard-only walk of Ravi
inviting Jo and Jo using the code, with JavaScript and without it."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.journey import answer_quickly, expect_errors, start_quickly
from tests.browser.test_keyboard import follow_error_summary, press_and_wait, tab_to
from tests.web.helpers import WORKED_EXAMPLE

NAME = "What is the name of the person you want to help you?"
KNOW = "How do you know them?"
FILL_IN = "See, fill in and change my forms and plan"
SEE = "See my information"
CODE = "Type in your code"

# The banner after using a code names the person whose code it was.
NAMED_BANNER = re.compile(r"You can now help [A-Z]\w+ [A-Z]\w+\.")


def _invite(page: Page, name: str, choice: str) -> str:
    page.goto("/account/who-can-see/invite")
    page.get_by_label(NAME).fill(name)
    page.get_by_label(KNOW).fill("Daughter")
    page.get_by_role("radio", name=choice).check()
    page.get_by_role("button", name="Get a code").click()
    return page.locator("#code").inner_text()


def _use(helper: Page, code: str) -> None:
    helper.goto("/account/invitation")
    helper.get_by_label(CODE).fill(code)
    helper.get_by_role("button", name="Continue").click()
    helper.wait_for_load_state()  # the next goto would otherwise cancel the page the code led to


def test_every_helper_page_and_error_state_passes_axe(page: Page, new_context, live_app):
    form = start_quickly(page, "ravi")
    helper = new_context().new_page()
    start_quickly(helper, "jo")

    # Using a code: empty, wrong, and Ravi's own.
    helper.goto("/account/invitation")
    expect(helper.get_by_role("heading", level=1)).to_have_text(CODE)
    assert_no_axe_violations(helper, "the code page")
    helper.get_by_role("button", name="Continue").click()
    expect_errors(helper, "Enter the invitation code")
    assert_no_axe_violations(helper, "the code page with no code")
    _use(helper, "AAAA-BBBB-CCCC")
    expect_errors(helper, "This code is not right. Check it and try again")
    assert_no_axe_violations(helper, "a wrong code")

    code = _invite(page, "Jo Patel", FILL_IN)
    _use(page, code)
    expect_errors(page, "This is your own code. Give it to the person you want to help you")
    assert_no_axe_violations(page, "your own code")

    # An expired code.
    expired = _invite(page, "Sam Taylor", SEE)
    with live_app.extensions["db_engine"].begin() as connection:
        connection.execute(
            text("UPDATE invitations SET expires_at = :at WHERE id = (SELECT MAX(id) FROM invitations)"),
            {"at": datetime(2020, 1, 1)},
        )
    _use(helper, expired)
    expect_errors(helper, "This code has expired. Ask for a new one")
    assert_no_axe_violations(helper, "an expired code")

    # The code that works, then the same code again.
    _use(helper, code)
    expect(helper.get_by_text(NAMED_BANNER)).to_be_visible()
    assert_no_axe_violations(helper, "who can see your information, just after using a code")
    _use(helper, code)
    expect_errors(helper, "This code has already been used. Ask for a new one")
    assert_no_axe_violations(helper, "a used code")

    # Jo fills in Ravi's form; she cannot send it, and the pages say why.
    answer_quickly(helper, form, WORKED_EXAMPLE)
    helper.goto(f"/assessments/{form}/check")
    expect(helper.locator("#cannot-send")).to_contain_text(
        "You cannot send it or disagree with a decision for him."  # the demo's Ravi chose "he"
    )
    expect(helper.get_by_role("button", name="Continue")).to_have_count(0)
    assert_no_axe_violations(helper, "check your answers, for a helper who cannot send")
    problems_of(helper).allow(f"/assessments/{form}/send", 403)
    helper.goto(f"/assessments/{form}/send")
    expect(helper.get_by_role("heading", level=1)).to_have_text("You cannot do this for them")
    assert_no_axe_violations(helper, "the page that says a helper cannot send")

    # The helper stops helping: the page that asks, and the overview after.
    helper.goto("/account/who-can-see")
    helper.get_by_role("link", name="Stop helping").click()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Stop helping Ravi Patel?")
    assert_no_axe_violations(helper, "stop helping someone")
    helper.get_by_role("button", name="Yes, end access").click()
    expect(helper.get_by_text("Your access has ended.")).to_be_visible()
    assert_no_axe_violations(helper, "who can see your information, after stopping")

    page.goto("/account/who-can-see")
    expect(page.get_by_text("Ended on").first).to_be_visible()
    assert_no_axe_violations(page, "who can see your information, with an ended helper")


def test_a_helper_who_may_only_look_sees_pages_that_say_so(page: Page, new_context):
    form = start_quickly(page, "ravi")
    code = _invite(page, "Jo Patel", SEE)
    helper = new_context().new_page()
    start_quickly(helper, "jo")
    _use(helper, code)
    helper.goto(f"/assessments/{form}")
    expect(helper.get_by_text("You cannot change it or send it.")).to_be_visible()
    expect(helper.get_by_role("link", name="Look at the answers")).to_be_visible()
    assert_no_axe_violations(helper, "the task list, for a helper who may only look")
    problems_of(helper).allow(f"/assessments/{form}/questions/date_of_birth", 403)
    helper.goto(f"/assessments/{form}/questions/date_of_birth")
    expect(helper.get_by_role("heading", level=1)).to_have_text("You cannot do this for them")
    assert_no_axe_violations(helper, "the page that says a helper may only look")


def invite_and_use_by_keyboard(page: Page, helper: Page, javascript: bool) -> None:
    """Ravi invites Jo and Jo uses the code, with nothing clicked or filled in: Tab, typing, arrows, Enter."""
    page.goto("/account/who-can-see")
    tab_to(page, page.get_by_role("link", name="Ask someone to help you"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask someone to help you")

    # Sent empty first: the errors, then back to the first field.
    tab_to(page, page.get_by_role("button", name="Get a code"))
    press_and_wait(page, "Enter")
    expect_errors(
        page,
        "Enter the name of the person you want to help you",
        "Tell us how you know them",
        "Choose what they can do",
    )
    if javascript:
        follow_error_summary(
            page, "Enter the name of the person you want to help you", page.get_by_label(NAME)
        )
    else:
        tab_to(page, page.get_by_label(NAME))
    page.keyboard.type("Jo Patel")
    tab_to(page, page.get_by_label(KNOW))
    page.keyboard.type("Daughter")
    first = page.get_by_role("radio", name=SEE)
    tab_to(page, first)
    page.keyboard.press("ArrowDown")
    chosen = page.get_by_role("radio", name=FILL_IN)
    expect(chosen).to_be_focused()
    expect(chosen).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Get a code"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your code for Jo Patel")
    code = page.locator("#code").inner_text()

    helper.goto("/account/who-can-see")
    tab_to(helper, helper.get_by_role("link", name="I have an invitation code"))
    press_and_wait(helper, "Enter")
    field = helper.get_by_label(CODE)
    tab_to(helper, field)
    helper.keyboard.type(code)
    press_and_wait(helper, "Enter")  # Enter in the field sends the form
    expect(helper.get_by_text(NAMED_BANNER)).to_be_visible()
    held = helper.locator(".govuk-summary-card").filter(has_text="Ravi Patel")
    expect(held).to_contain_text("see, fill in and change forms and plans")

    page.goto("/account/who-can-see")
    expect(page.locator(".govuk-summary-card").filter(has_text="Jo Patel")).to_contain_text("In use")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_inviting_a_helper_and_using_the_code_by_keyboard(new_context, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    helper = new_context(java_script_enabled=javascript).new_page()
    start_quickly(page, "ravi")
    start_quickly(helper, "jo")
    invite_and_use_by_keyboard(page, helper, javascript)

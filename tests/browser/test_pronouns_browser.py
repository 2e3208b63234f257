"""How we talk about you (he, she, they or not given): axe on the page, its error, and the account page
after saving; and the same choice made without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import start_quickly

QUESTION = "How should we talk about you to people who help you?"


def _choose(page: Page) -> None:
    page.goto("/account")
    page.get_by_role("link", name="Choose how we talk about you").click()
    expect(page.get_by_role("group", name=QUESTION)).to_be_visible()


def test_choosing_how_we_talk_about_you(page: Page):
    start_quickly(page, "alex")  # Alex's record is made with the form: no pronouns yet
    _choose(page)
    assert_no_axe_violations(page, "the pronouns page")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Choose which words we should use")).to_be_visible()
    assert_no_axe_violations(page, "the pronouns page with an error")
    page.get_by_role("radio", name="She, her, hers").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We saved how we talk about you.")).to_be_visible()
    assert_no_axe_violations(page, "the account page after saving")


def test_choosing_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    start_quickly(page, "ravi")
    _choose(page)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    expect(page.get_by_role("radio", name="He, him, his")).to_be_checked()  # the demo's Ravi chose he
    page.get_by_role("radio", name="Not given").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We saved how we talk about you.")).to_be_visible()
    _choose(page)
    expect(page.locator("input[name=pronouns]:checked")).to_have_count(0)  # not given: nothing chosen yet

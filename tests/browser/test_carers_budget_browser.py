"""The demo council's carer's assessment in Chromium: the start page offers it, a carer's question (with
its pictures, and with an error) and the carer's budget page pass axe."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import _post, expect_errors
from tests.rules.test_carers_budget import WORKED_EXAMPLE


def test_a_carer_starts_answers_and_sees_the_carers_budget(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", name="Carer's assessment")).to_be_visible()
    assert_no_axe_violations(page, "the start page offering a carer's assessment")

    _post(page, "/sign-in/demo", page.request.get("/sign-in/demo").text(), {"person": "alex"})
    page.goto("/account")
    page.get_by_role("link", name="Start a carer's assessment").click()
    page.get_by_role("radio", name="Myself").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Your caring").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("How many hours a week do you care?")
    assert_no_axe_violations(page, "a carer's question with pictures")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Select how many hours a week you care")
    assert_no_axe_violations(page, "a carer's question with an error")

    # The rest of the answers, as Continue leads, through the page's own request context.
    path = urlsplit(page.url).path
    html = page.content()
    while "/questions/" in path:
        qid = path.split("?")[0].rsplit("/", 1)[-1]
        response = _post(page, path, html, {qid: WORKED_EXAMPLE[qid]})
        path, html = urlsplit(response.url).path, response.text()
    assert path.endswith("/check"), path
    send = path.removesuffix("/check") + "/send"
    _post(page, send, page.request.get(send).text(), {"confirm": "y"})

    page.goto(path.removesuffix("/check") + "/budget")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your estimated carer's budget")
    expect(page.locator("#weekly-amount")).to_have_text("£95 a week")
    assert_no_axe_violations(page, "the carer's budget page")

"""The public pages in a browser: axe on each (and the try-out's error state), and the try-out by keyboard
only, with and without JavaScript, from the start page to "Save this and carry on" and the saved draft."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import expect_errors, question_id
from tests.browser.test_keyboard import choose, press_and_wait, tab_to
from tests.web.helpers import WORKED_EXAMPLE


def test_axe_on_the_public_pages(page: Page, texts):
    for path, heading in (
        ("/how-budgets-are-worked-out", "How budgets are worked out"),
        ("/price-list", "Price list for support plans"),
        ("/algorithmic-transparency-record", "Algorithmic transparency record"),
        ("/try-an-estimate", "Try an estimate"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page, path)
    expect(page.get_by_role("link", name="How budgets are worked out").first).to_be_visible()

    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, texts("questions.date_of_birth.error"))
    assert_no_axe_violations(page, "a try-out question with an error")


@pytest.fixture
def questionnaire(live_app):
    return live_app.extensions["ras_config"].questionnaire


def try_by_keyboard(page: Page, texts, questionnaire, javascript: bool) -> None:
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="Try an estimate without an account"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Try an estimate")
    tab_to(page, page.get_by_role("button", name="Start now"))
    press_and_wait(page, "Enter")

    tab_to(page, page.get_by_role("textbox", name="Day"))
    year, month, day = WORKED_EXAMPLE["date_of_birth"].split("-")
    page.keyboard.type(str(int(day)))
    page.keyboard.press("Tab")
    page.keyboard.type(str(int(month)))
    page.keyboard.press("Tab")
    page.keyboard.type(year)
    press_and_wait(page, "Enter")
    while (qid := question_id(page)) is not None:
        if questionnaire.questions[qid].kind == "text":  # who helps most: a box, left empty here
            tab_to(page, page.get_by_role("textbox", name=texts(f"questions.{qid}.title")))
            page.keyboard.type(WORKED_EXAMPLE[qid])
        else:
            options = [option.id for option in questionnaire.questions[qid].options]
            labels = {option: texts(f"options.{qid}.{option}.label") for option in options}
            choose(page, options, labels, WORKED_EXAMPLE[qid])
        tab_to(page, page.get_by_role("button", name="Continue"))
        press_and_wait(page, "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your try-out estimate")
    expect(page.get_by_text("£118.80 a week", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("This is a try-out. We have not saved your answers."))).to_be_visible()
    if javascript:  # axe runs in the page's JavaScript
        assert_no_axe_violations(page, "the try-out estimate")

    tab_to(page, page.get_by_role("button", name="Save this and carry on"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    tab_to(page, page.get_by_role("radio", name="Alex Morgan"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Sign in"))
    press_and_wait(page, "Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Save your try-out answers")
    if javascript:
        assert_no_axe_violations(page, "saving the try-out")
    tab_to(page, page.get_by_role("button", name="Save this and carry on"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")


def test_the_try_out_by_keyboard(page: Page, texts, questionnaire):
    try_by_keyboard(page, texts, questionnaire, javascript=True)


def test_the_try_out_by_keyboard_without_javascript(new_context, texts, questionnaire):
    try_by_keyboard(new_context(java_script_enabled=False).new_page(), texts, questionnaire, javascript=False)

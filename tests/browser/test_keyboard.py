"""The whole core journey by keyboard only: Tab to move, Space and arrow keys to choose, typing, Enter to go.

Nothing is clicked or filled in. Locators are only used to check where the focus is and what the
page says. The same walk runs with JavaScript off, where the journey must still complete.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journey import question_id
from tests.web.helpers import WORKED_EXAMPLE

MOST_TABS = 60  # the longest page (check your answers) has about 30 stops


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus, as a keyboard user would."""
    element = target.element_handle()
    passed = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        elsewhere = element.evaluate(
            "el => el === document.activeElement ? null"
            " : (document.activeElement?.outerHTML || '').slice(0, 100)"
        )
        if elsewhere is None:
            return
        passed.append(elsewhere)
    raise AssertionError(f"Tab never reached {target}; it went through:\n  " + "\n  ".join(passed))


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that submits a form or follows a link, and wait for the next page to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def choose(page: Page, options: list[str], labels: dict[str, str], value: str) -> None:
    """Tab into a radio group (the first radio takes the focus when none is chosen), then use the
    arrow keys, or Space for the first answer."""
    tab_to(page, page.get_by_role("radio", name=labels[options[0]], exact=True))
    steps = options.index(value)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    wanted = page.get_by_role("radio", name=labels[value], exact=True)
    expect(wanted).to_be_focused()
    expect(wanted).to_be_checked()


def follow_error_summary(page: Page, message: str, field: Locator) -> None:
    """GOV.UK Frontend's JavaScript puts the focus on the error summary; its link takes you to the field."""
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    summary = page.get_by_role("alert")
    page.keyboard.press("Tab")
    link = summary.get_by_role("link", name=message, exact=True)
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()


def walk_by_keyboard(page: Page, texts, questionnaire, javascript: bool) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    if javascript:
        expect(page.get_by_role("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main-content$"))
    # The next stop after skipping is the first thing in the main content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start now")).to_be_focused()
    press_and_wait(page, "Enter")

    # Sign in: arrow keys move through the radios and choose as they go.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    alex, jo = page.get_by_role("radio", name="Alex Morgan"), page.get_by_role("radio", name="Jo Patel")
    tab_to(page, alex)
    page.keyboard.press("ArrowDown")
    expect(jo).to_be_focused()
    expect(jo).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(alex).to_be_focused()
    expect(alex).to_be_checked()
    expect(jo).not_to_be_checked()
    tab_to(page, page.get_by_role("button", name="Sign in"))
    press_and_wait(page, "Enter")

    # Signing in goes on to where Start now was going.
    expect(page.get_by_role("group", name="Who are you filling in this form for?")).to_be_visible()
    choose(page, ["myself", "someone_else"], {"myself": "Myself", "someone_else": "Someone else"}, "myself")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers")
    tab_to(page, page.get_by_role("link", name=texts("sections.about_you.title")))
    press_and_wait(page, "Enter")

    # The date, typed into day, month and year.
    expect(
        page.get_by_role("group", name=re.compile(re.escape(texts("questions.date_of_birth.title"))))
    ).to_be_visible()
    day = page.get_by_role("textbox", name="Day")
    if javascript:
        tab_to(page, page.get_by_role("button", name="Continue"))
        press_and_wait(page, "Enter")
        follow_error_summary(page, texts("questions.date_of_birth.error"), day)
    else:
        tab_to(page, day)
    year, month, date_day = WORKED_EXAMPLE["date_of_birth"].split("-")
    page.keyboard.type(str(int(date_day)))
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Month")).to_be_focused()
    page.keyboard.type(str(int(month)))
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Year")).to_be_focused()
    page.keyboard.type(year)
    press_and_wait(page, "Enter")  # Enter in a text box sends the form

    asked = ["date_of_birth"]
    while (qid := question_id(page)) is not None:
        title = re.compile(re.escape(texts(f"questions.{qid}.title")))
        if qid == "carer_name":  # a box to type a name into, which may be left empty
            tab_to(page, page.get_by_role("textbox", name=title))
            page.keyboard.type(WORKED_EXAMPLE[qid])
            tab_to(page, page.get_by_role("button", name="Continue"))
            press_and_wait(page, "Enter")
            asked.append(qid)
            continue
        expect(page.get_by_role("group", name=title)).to_be_visible()
        options = [option.id for option in questionnaire.questions[qid].options]
        labels = {option: texts(f"options.{qid}.{option}.label") for option in options}
        choose(page, options, labels, WORKED_EXAMPLE[qid])
        tab_to(page, page.get_by_role("button", name="Continue"))
        press_and_wait(page, "Enter")
        asked.append(qid)
    assert asked == list(WORKED_EXAMPLE)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")

    # Send, with the declaration.
    expect(page.get_by_role("heading", level=1)).to_have_text("Send your answers")
    promise = page.get_by_role("checkbox", name="I confirm the answers are true, as far as I know.")
    send = page.get_by_role("button", name="Send and see the budget")
    if javascript:
        tab_to(page, send)
        press_and_wait(page, "Enter")
        follow_error_summary(page, "Tick the box to say the answers are true", promise)
    else:
        tab_to(page, promise)
    page.keyboard.press("Space")
    expect(promise).to_be_checked()
    tab_to(page, send)
    press_and_wait(page, "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your estimated budget")
    expect(page.get_by_text("£118.80 a week", exact=True)).to_be_visible()
    expect(page.get_by_text("That is £6,177.60 a year.", exact=True)).to_be_visible()
    print_button = page.get_by_role("button", name="Print this page")
    if javascript:
        expect(print_button).to_be_visible()
    else:
        expect(print_button).to_be_hidden()  # printing needs JavaScript, so the button is not offered


@pytest.fixture
def questionnaire(live_app):
    return live_app.extensions["ras_config"].questionnaire


def test_the_whole_journey_by_keyboard(page: Page, texts, questionnaire):
    walk_by_keyboard(page, texts, questionnaire, javascript=True)
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))


def test_the_whole_journey_by_keyboard_without_javascript(new_context, texts, questionnaire):
    page = new_context(java_script_enabled=False).new_page()
    walk_by_keyboard(page, texts, questionnaire, javascript=False)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))

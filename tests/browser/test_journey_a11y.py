"""The core journey in Chromium, with axe-core (WCAG 2.2 AA rules) on every page and every error state."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import (
    EVERY_QUESTION,
    _post,
    answer_quickly,
    expect_errors,
    question_id,
    send_answers_quickly,
    start_quickly,
)
from tests.examples import WORKED_EXAMPLE


def sign_in(page: Page, name: str = "Alex Morgan") -> None:
    page.goto("/sign-in/demo")
    page.get_by_role("radio", name=name).check()
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/demo$"))  # the new session has started


def test_start_and_information_pages(page: Page, problems):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find out your personal budget")
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    # A council service, not GOV.UK: the council's name in the header, no crown, Arial.
    expect(page.get_by_role("link", name="Example Council", exact=True)).to_be_visible()
    expect(page.locator(".govuk-header, .govuk-generic-header svg, .govuk-footer svg")).to_have_count(0)
    heading_font = page.get_by_role("heading", level=1).evaluate("el => getComputedStyle(el).fontFamily")
    assert heading_font.lower().startswith("arial"), heading_font
    assert_no_axe_violations(page, "the start page")

    page.get_by_role("link", name="Accessibility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    assert_no_axe_violations(page, "the accessibility page")

    page.get_by_role("link", name="Privacy and cookies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy and cookies")
    assert_no_axe_violations(page, "the privacy page")

    problems.allow("/no-such-page", 404)
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_axe_violations(page, "the 404 page")


def test_the_axe_check_finds_violations(page: Page):
    """The check is real: a text box with no label on an otherwise clean page fails it."""
    page.goto("/")
    page.evaluate("""() => {
        const input = document.createElement('input')
        input.type = 'text'
        document.querySelector('main').append(input)
    }""")
    try:
        assert_no_axe_violations(page, "a page with an unlabelled text box")
    except AssertionError as error:
        assert "- label (critical)" in str(error)
    else:
        raise AssertionError("axe found nothing wrong with a text box that has no label")


def test_sign_in_and_filling_in_for_someone_else(page: Page, texts):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    assert_no_axe_violations(page, "the demo sign-in page")

    page.get_by_role("button", name="Sign in").click()
    expect_errors(page, "Choose a demo person")
    assert_no_axe_violations(page, "the demo sign-in page with an error")

    page.get_by_role("radio", name="Jo Patel").check()
    page.get_by_role("button", name="Sign in").click()
    # Back to where Start now was going.
    legend = page.get_by_role("group", name="Who are you filling in this form for?")
    expect(legend).to_be_visible()
    assert_no_axe_violations(page, "who is this for")

    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Choose if this form is for you or for someone else")
    assert_no_axe_violations(page, "who is this for, with an error")

    page.get_by_role("radio", name="Someone else").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About the person you are helping")
    assert_no_axe_violations(page, "the someone-else page")

    page.get_by_role("button", name="Continue").click()
    expect_errors(
        page,
        "Enter their name",
        "Tell us how you know them",
        "Choose what gives you the right to fill this in",
    )
    assert_no_axe_violations(page, "the someone-else page with three errors")

    page.get_by_label("What is their name?").fill("Ravi")
    page.get_by_label("How do you know them?").fill("Son")
    page.get_by_role("radio", name="They asked me to").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answers for Ravi")
    assert_no_axe_violations(page, "the task list for someone else")

    page.get_by_role("link", name=texts("sections.about_you.title")).click()
    title = texts("questions.date_of_birth.title", name="Ravi")
    expect(page.get_by_role("group", name=re.compile(re.escape(title)))).to_be_visible()
    assert_no_axe_violations(page, "a question about someone else")

    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("heading", name="Form for Ravi")).to_be_visible()
    assert_no_axe_violations(page, "the account page")

    page.get_by_role("navigation").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    assert_no_axe_violations(page, "the signed-out page")


def _answer(page: Page, texts, qid: str, value: str) -> None:
    if qid == "date_of_birth":
        year, month, day = value.split("-")
        page.get_by_label("Day").fill(day)
        page.get_by_label("Month").fill(month)
        page.get_by_label("Year").fill(year)
    elif qid == "carer_name":  # a box to type a name into
        page.get_by_role("textbox", name=texts(f"questions.{qid}.title")).fill(value)
    else:
        page.get_by_role("radio", name=texts(f"options.{qid}.{value}.label"), exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def _date_error(page: Page, day: str, month: str, year: str, message: str, label: str) -> None:
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, message)
    assert_no_axe_violations(page, label)


def test_every_question_then_check_send_and_budget(page: Page, texts, live_app):
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("You have not started a form yet.")).to_be_visible()
    assert_no_axe_violations(page, "the account page with no forms")

    page.get_by_role("button", name="Start a new form").click()
    page.get_by_role("radio", name="Myself").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers")
    assert_no_axe_violations(page, "the task list")

    page.get_by_role("link", name=texts("sections.about_you.title")).click()
    seen = []
    while (qid := question_id(page)) is not None:
        title = re.compile(re.escape(texts(f"questions.{qid}.title")))
        # a question with options is a group named by its title; a text question's box is named by it
        expect(page.get_by_role("textbox" if qid == "carer_name" else "group", name=title)).to_be_visible()
        assert_no_axe_violations(page, f"the question {qid}")
        if qid == "date_of_birth":
            _date_error(page, "", "", "", texts("questions.date_of_birth.error"), "the date question, empty")
            _date_error(
                page, "3", "", "1950", "The date must include a month", "the date question, with no month"
            )
            _date_error(page, "31", "2", "1950", "Enter a real date", "the date question, not a real date")
        elif qid == "living_situation":
            page.get_by_role("button", name="Continue").click()
            expect_errors(page, texts(f"questions.{qid}.error"))
            assert_no_axe_violations(page, "a radios question with an error")
        seen.append(qid)
        _answer(page, texts, qid, EVERY_QUESTION[qid])
    every_question = list(live_app.extensions["ras_config"].questionnaire.questions)
    assert seen == every_question, "every question in the demo should have been asked once, in order"

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_role("link", name=f"Change {texts('questions.nutrition.title')}")).to_be_visible()
    assert_no_axe_violations(page, "check your answers")

    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send your answers")
    assert_no_axe_violations(page, "the send page")

    page.get_by_role("button", name="Send and see the budget").click()
    expect_errors(page, "Tick the box to say the answers are true")
    assert_no_axe_violations(page, "the send page with an error")

    page.get_by_role("checkbox", name="I confirm the answers are true, as far as I know.").check()
    page.get_by_role("button", name="Send and see the budget").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your estimated budget")
    # 22 points in the worked example, plus 2 for a little help caring for a child: £144 less 10%.
    expect(page.get_by_text("£129.60 a week", exact=True)).to_be_visible()
    # The easy read comes first; the tables are one click away.
    expect(page.get_by_text("Your answers add up to 24 points.")).to_be_visible()
    page.get_by_text("See every step in tables").click()
    expect(page.get_by_role("table", name="Points for each answer")).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    assert_no_axe_violations(page, "the budget page")

    page.get_by_role("link", name="I do not think this budget is right").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("If you think the budget is not right")
    assert_no_axe_violations(page, "the disagree page")

    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("link", name="See your budget")).to_be_visible()
    assert_no_axe_violations(page, "the account page with a sent form")


def _not_displayed(locator) -> bool:
    """True when the computed style of the element, or of one of its ancestors, is display: none."""
    return locator.evaluate("""el => {
        for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true
        return false
    }""")


def test_budget_prints_only_the_content(page: Page):
    budget = send_answers_quickly(page)
    page.goto(budget)
    hidden = {
        "the council header": page.locator(".govuk-generic-header"),
        "the service navigation": page.get_by_role("navigation", name="Menu", include_hidden=True),
        "the skip link": page.get_by_role("link", name="Skip to main content", include_hidden=True),
        "the phase banner": page.locator(".govuk-phase-banner"),
        "the back link": page.get_by_role("link", name="Back to your account", include_hidden=True),
        "the footer": page.locator(".govuk-footer"),
        "the print button": page.get_by_role("button", name="Print this page", include_hidden=True),
        "the disagree link": page.get_by_role(
            "link", name="I do not think this budget is right", include_hidden=True
        ),
    }
    for what, locator in hidden.items():
        assert locator.count() == 1, f"{what} is not on the page"
        assert not _not_displayed(locator), f"{what} is not shown on screen"
    figure = page.get_by_text("£118.80 a week", exact=True)
    sent_on = page.get_by_text("Example Council. Sent on")
    expect(sent_on).to_be_hidden()

    page.emulate_media(media="print")
    printed = [what for what, locator in hidden.items() if not _not_displayed(locator)]
    assert not printed, f"printed, but should not be: {', '.join(printed)}"
    expect(figure).to_be_visible()
    assert not _not_displayed(figure)
    expect(sent_on).to_be_visible()
    expect(page.get_by_role("table", name="Points for each answer")).to_be_visible()


def test_check_answers_with_a_newly_needed_question_passes_axe(page: Page):
    """Changing "Do you look after a child?" to yes brings in a question. Check your answers then says so,
    in the GOV.UK error pattern, and links to it."""
    assessment = start_quickly(page)
    assert answer_quickly(page, assessment, WORKED_EXAMPLE).endswith("/check")
    change = f"/assessments/{assessment}/questions/cares_for_child?change=1"
    _post(page, change, page.request.get(change).text(), {"cares_for_child": "yes"})
    page.goto(f"/assessments/{assessment}/check")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("button", name="Continue")).to_have_count(0)
    assert page.title().startswith("Error: ")
    assert_no_axe_violations(page, "check your answers with a question to answer")
    summary.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/questions/caring_for_child"))

"""Each persona's journey in Chromium, by keyboard only, with axe-core (WCAG 2.2 AA rules) on the main pages.

For every persona in tests/personas.py: say who the form is for, answer every question with Tab, the arrow
keys, Space and typing (the dates of birth that must be refused first), check and send, and read the
budget; then, with the plan's items added through the pages' own forms, read the plan and the disagreement
route. The figures a person sees are the persona's, worked out by hand.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import _post, question_id
from tests.browser.test_keyboard import choose, press_and_wait, tab_to
from tests.personas import PERSONA_IDS, PERSONAS, TODAY, Persona, pounds


def sign_in_quickly(page: Page, person: str) -> None:
    _post(page, "/sign-in/demo", page.request.get("/sign-in/demo").text(), {"person": person})


def send_form(page: Page, path: str, fields: dict) -> str:
    """Send a page's form with its hidden fields, as a browser would, without drawing the page.
    Returns the path it leads to."""
    form = BeautifulSoup(page.request.get(path).text(), "html.parser").select_one("main form[method=post]")
    hidden = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    response = page.request.post(
        path,
        data=urlencode({**hidden, **fields}, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.ok, f"POST {path}: {response.status}"
    return re.sub(r"^https?://[^/]+", "", response.url)


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label, exact=True)
    tab_to(page, box)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def who_is_it_for(page: Page, persona: Persona) -> None:
    page.goto("/assessments/new")
    options = {"myself": "Myself", "someone_else": "Someone else"}
    choose(page, list(options), options, "someone_else" if persona.helper else "myself")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    if persona.helper:
        expect(page.get_by_role("heading", level=1)).to_have_text("About the person you are helping")
        type_into(page, "What is their name?", persona.helper.person_name)
        type_into(page, "How do you know them?", persona.helper.relationship)
        radio = page.get_by_role("radio", name=persona.helper.basis_label, exact=True)
        tab_to(page, page.get_by_role("radio", name="They asked me to", exact=True))
        for _ in range(8):
            if radio.evaluate("el => el === document.activeElement"):
                break
            page.keyboard.press("ArrowDown")
        expect(radio).to_be_checked()
        tab_to(page, page.get_by_role("button", name="Continue"))
        press_and_wait(page, "Enter")
    heading = f"Answers for {persona.name}" if persona.helper else "Your answers"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_no_axe_violations(page, f"the task list ({persona})")


def type_date_of_birth(page: Page, iso: str) -> None:
    year, month, day = iso.split("-")
    for label, value in (("Day", str(int(day))), ("Month", str(int(month))), ("Year", year)):
        type_into(page, label, value)
    press_and_wait(page, "Enter")


def answer_by_keyboard(page: Page, persona: Persona, texts, questionnaire, today) -> list[str]:
    tab_to(page, page.get_by_role("link", name=texts("sections.about_you.title")))
    press_and_wait(page, "Enter")
    assert question_id(page) == "date_of_birth"
    assert_no_axe_violations(page, f"the first question ({persona})")
    for typed, error in persona.refused_dates_of_birth:
        type_date_of_birth(page, today.isoformat() if typed == TODAY else typed)
        expect(page.get_by_role("alert")).to_contain_text(error)
        assert_no_axe_violations(page, f"the date of birth {typed}, refused ({persona})")
    type_date_of_birth(page, persona.answers["date_of_birth"])
    asked = ["date_of_birth"]
    while (qid := question_id(page)) is not None:
        title = texts(f"questions.{qid}.title", persona.name)
        carer = persona.answers.get("carer_name")
        if qid == "informal_help_continues" and carer:  # the question names the carer: "Can Sam ..."
            form = "other_named" if persona.name else "self_named"
            title = texts(f"questions.{qid}.title.{form}").format(name=persona.name or "", carer=carer)
        if qid == "carer_name":  # a box to type into, which may be left empty
            if persona.answers[qid]:
                type_into(page, title, persona.answers[qid])
            else:
                tab_to(page, page.get_by_role("textbox", name=title))
            if persona.answers[qid] or persona.helper:
                assert_no_axe_violations(page, f"who helps most ({persona})")
            tab_to(page, page.get_by_role("button", name="Continue"))
            press_and_wait(page, "Enter")
            asked.append(qid)
            continue
        expect(page.get_by_role("group", name=re.compile(re.escape(title)))).to_be_visible()
        if qid == "caring_for_child":
            assert_no_axe_violations(page, f"the question about caring for a child ({persona})")
        options = [option.id for option in questionnaire.questions[qid].options]
        labels = {option: texts(f"options.{qid}.{option}.label", persona.name) for option in options}
        choose(page, options, labels, persona.answers[qid])
        tab_to(page, page.get_by_role("button", name="Continue"))
        press_and_wait(page, "Enter")
        asked.append(qid)
    return asked


@pytest.fixture
def questionnaire(live_app):
    return live_app.extensions["ras_config"].questionnaire


@pytest.mark.parametrize("persona", PERSONAS, ids=PERSONA_IDS)
def test_each_persona_by_keyboard_with_axe_on_the_main_pages(
    page: Page, texts, questionnaire, live_app, persona
):
    today = live_app.extensions["clock"]()
    sign_in_quickly(page, persona.sign_in)
    who_is_it_for(page, persona)
    assert answer_by_keyboard(page, persona, texts, questionnaire, today) == list(persona.answers)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text(persona.date_of_birth_shown)).to_be_visible()
    assert_no_axe_violations(page, f"check your answers ({persona})")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    promise = page.get_by_role("checkbox", name="I confirm the answers are true, as far as I know.")
    tab_to(page, promise)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send and see the budget"))
    press_and_wait(page, "Enter")

    budget = persona.budget
    expect(page.get_by_text(f"{pounds(budget.weekly_pence)} a week", exact=True)).to_be_visible()
    expect(page.get_by_text(f"That is {pounds(budget.yearly_pence)} a year.", exact=True)).to_be_visible()
    # The tables follow the easy-read sentences, in "See every step in tables": open it by keyboard.
    summary = page.locator("#every-step summary")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    points = page.get_by_role("table", name="Points for each answer")
    expect(points.get_by_role("row", name=re.compile(r"^Total points"))).to_contain_text(str(budget.points))
    expect(page.get_by_role("heading", name="A panel will look at this budget")).to_have_count(
        int(budget.panel)
    )
    expect(page.get_by_role("heading", name="Help for the person who cares")).to_have_count(
        int(budget.carer_assessment)
    )
    assert_no_axe_violations(page, f"the budget ({persona})")

    # The plan: items added through the item pages' own forms; then the plan page, read and checked.
    budget_path = re.sub(r"^https?://[^/]+", "", page.url)
    plan_path = budget_path.replace("/budget", "/plan")
    for item in persona.plan_items:
        item_path = send_form(page, f"{plan_path}/add", {"help": item.price_id})
        assert send_form(page, item_path, item.fields) == plan_path
    page.goto(budget_path)
    whose = f"{persona.name}'s" if persona.name else "your"
    tab_to(page, page.get_by_role("button", name=f"Carry on with {whose} support plan"))
    press_and_wait(page, "Enter")
    comparison = page.get_by_role("table", name="The plan and the budget")
    plan = persona.plan
    expect(comparison.get_by_role("row", name=re.compile(r"^The plan costs"))).to_have_text(
        re.compile(rf"{re.escape(pounds(plan.weekly_pence))}\s*{re.escape(pounds(plan.yearly_pence))}")
    )
    assert_no_axe_violations(page, f"the support plan ({persona})")

    page.goto(budget_path.replace("/budget", "/disagree"))
    expect(
        page.get_by_text(
            re.compile(
                rf"costs {re.escape(pounds(plan.weekly_pence))} a week\. The budget is "
                rf"{re.escape(pounds(budget.weekly_pence))} a week"
            )
        )
    ).to_be_visible()
    assert_no_axe_violations(page, f"the disagreement route ({persona})")

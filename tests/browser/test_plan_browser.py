"""The support plan in Chromium: axe-core (WCAG 2.2 AA rules) on every plan page and error state, the live
total read out politely, the PDF download, and a keyboard-only walk that builds, changes and sends a plan."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import _post, answer_quickly, expect_errors, send_answers_quickly
from tests.browser.test_keyboard import press_and_wait, tab_to
from tests.web.helpers import WORKED_EXAMPLE

PA = "A helper you pay yourself"


def open_plan(page: Page, person: str = "alex") -> str:
    """A sent worked example (£118.80 a week), then the budget page's link to the plan.

    Returns the plan's path.
    """
    budget = send_answers_quickly(page, person=person)
    page.goto(budget)
    page.get_by_role("button", name="Make your support plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your support plan")
    return page.url


def live_total(page: Page):
    return page.locator("#item-cost-lines")


def test_every_plan_page_and_error_state_passes_axe(page: Page):
    open_plan(page)
    assert_no_axe_violations(page, "the empty plan")

    page.get_by_role("button", name="Add help to the plan").click()
    expect(page.get_by_role("group", name="What help do you want to add?")).to_be_visible()
    assert_no_axe_violations(page, "the price list")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Select the help you want to add")
    assert_no_axe_violations(page, "the price list with an error")

    page.get_by_role("radio", name=PA).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PA)
    assert_no_axe_violations(page, "an item page")
    page.get_by_role("button", name="Save and go to the plan").click()
    expect_errors(
        page,
        "Enter how many hours",
        "Select how often it is paid for",
        "Select which needs this help is for",
        "Select how the money for this will be looked after",
    )
    assert_no_axe_violations(page, "an item page with every error")

    # The live total: typed and chosen, worked out by the portal, read out politely.
    region = live_total(page)
    expect(region).to_have_attribute("aria-live", "polite")
    page.get_by_role("textbox", name="How many hours?").fill("7.5")
    page.get_by_role("radio", name="Each week").check()
    expect(region).to_contain_text("This costs £123.75 a week.")
    expect(region).to_contain_text("That is £4.95 a week more than your budget.")
    page.get_by_role("radio", name="Each month").check()
    expect(region).to_contain_text("This costs £123.75 a month. That is £1,485 a year, and £28.56 a week.")
    page.get_by_role("textbox", name="How many hours?").fill("seven")
    expect(region).to_contain_text("Enter the number of hours as a number, like 7 or 7.5")
    page.get_by_role("textbox", name="How many hours?").fill("7.5")
    page.get_by_role("radio", name="Each week").check()
    page.get_by_role("checkbox", name="Eating and drinking").check()
    page.get_by_role("checkbox", name="Washing and keeping clean").check()
    page.get_by_role("textbox", name="Who will give this help? (optional)").fill("Ana Silva")
    page.get_by_role("radio", name="You get the money").check()
    assert_no_axe_violations(page, "an item page with its live total")
    page.get_by_role("button", name="Save and go to the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your support plan")
    expect(page.get_by_text("The plan costs £123.75 a week.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Print the plan")).to_be_visible()
    assert_no_axe_violations(page, "the plan with an item")

    # Something of your own, with a cost that is not money.
    page.get_by_role("button", name="Add more help").click()
    page.get_by_role("radio", name="Something for the home").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("textbox", name="What is it?").fill("A rail by the toilet")
    page.get_by_role("textbox", name="How much does it cost?").fill("a lot")
    page.get_by_role("checkbox", name="Using the toilet").check()
    page.get_by_role("radio", name="You get the money").check()
    page.get_by_role("button", name="Save and go to the plan").click()
    expect_errors(page, "Enter the cost as an amount of money, like £12.50 or £1,250")
    assert_no_axe_violations(page, "an own-cost item with an error")
    page.get_by_role("textbox", name="How much does it cost?").fill("£1,250.50")
    page.get_by_role("button", name="Save and go to the plan").click()
    expect(
        page.get_by_text("With one-off costs of £1,250.50, that is £7,685.50 a year.", exact=True)
    ).to_be_visible()

    # GOV.UK summary cards name each action with the card's title in brackets: "Change (A helper ...)".
    page.get_by_role("link", name=f"Change ({PA})").click()
    expect(page.get_by_role("textbox", name="How many hours?")).to_have_value("7.5")
    assert_no_axe_violations(page, "changing an item")
    page.get_by_role("link", name="Choose different help").click()
    assert_no_axe_violations(page, "choosing different help for an item")
    page.get_by_role("link", name="Go back to the plan").click()

    page.get_by_role("link", name="Remove (A rail by the toilet)").click()
    assert_no_axe_violations(page, "removing an item")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Select yes if you want to remove this help")
    assert_no_axe_violations(page, "removing an item, with an error")
    page.get_by_role("radio", name="No, keep it").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Check and send the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the plan before you send it")
    assert_no_axe_violations(page, "checking the plan")
    page.get_by_role("button", name="Continue").click()
    assert_no_axe_violations(page, "sending the plan")
    page.get_by_role("button", name="Send the plan").click()
    expect_errors(page, "Tick the box to say the plan is right")
    assert_no_axe_violations(page, "sending the plan, with an error")
    page.get_by_role("checkbox", name="I confirm this plan is right, as far as I know.").check()
    page.get_by_role("button", name="Send the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan sent")
    expect(page.locator("#reference")).to_have_text(re.compile(r"^PLAN-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    assert_no_axe_violations(page, "the sent plan")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan as a PDF").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("support-plan-PLAN-")


def test_a_carer_plans_for_the_person_they_act_for(page: Page):
    request = page.request
    _post(page, "/sign-in/demo", request.get("/sign-in/demo").text(), {"person": "jo"})
    _post(page, "/assessments/new", request.get("/assessments/new").text(), {"for_whom": "someone_else"})
    response = _post(
        page,
        "/assessments/new/someone-else",
        request.get("/assessments/new/someone-else").text(),
        {"person_name": "Ravi", "relationship": "Daughter", "basis": "asked_by_person"},
    )
    assessment = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert answer_quickly(page, assessment, WORKED_EXAMPLE).endswith("/check")
    send = f"/assessments/{assessment}/send"
    _post(page, send, request.get(send).text(), {"confirm": "y"})
    page.goto(f"/assessments/{assessment}/plan/add/meals")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meals brought to the home")
    page.get_by_role("textbox", name="How many meals?").fill("7")
    page.get_by_role("radio", name="Each week").check()
    expect(live_total(page)).to_contain_text("That is £73.30 a week less than Ravi's budget.")
    page.get_by_role("checkbox", name="Eating and drinking").check()
    page.get_by_role("radio", name="Ravi gets the money").check()
    assert_no_axe_violations(page, "an item page for someone else")
    page.get_by_role("button", name="Save and go to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan for Ravi")
    assert_no_axe_violations(page, "a plan for someone else")


def test_without_javascript_the_cost_is_worked_out_by_a_post(new_context):
    page = new_context(java_script_enabled=False).new_page()
    plan = open_plan(page)
    page.goto(plan + "/add/meals")
    page.get_by_role("textbox", name="How many meals?").fill("14")
    page.get_by_role("radio", name="Each week").check()
    page.get_by_role("button", name="Work out the cost").click()
    expect(live_total(page)).to_contain_text("This costs £91 a week.")
    expect(page.get_by_role("textbox", name="How many meals?")).to_have_value("14")
    page.get_by_role("checkbox", name="Eating and drinking").check()
    page.get_by_role("radio", name="We sort it out for you").check()
    page.get_by_role("button", name="Save and go to the plan").click()
    expect(page.get_by_text("The plan costs £91 a week.", exact=True)).to_be_visible()
    # Printing needs JavaScript, so the button is not offered; the PDF link works without it.
    expect(page.get_by_role("button", name="Print the plan")).to_be_hidden()
    expect(page.get_by_role("link", name="Download the plan as a PDF")).to_be_visible()


def _check(page: Page, name: str) -> None:
    box = page.get_by_role("checkbox", name=name, exact=True)
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def _choose_first(page: Page, name: str) -> None:
    """Tab into a radio group whose first option is wanted, and choose it with Space."""
    radio = page.get_by_role("radio", name=name, exact=True)
    tab_to(page, radio)
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def test_build_change_and_send_a_plan_by_keyboard_only(page: Page):
    budget = send_answers_quickly(page)
    page.goto(budget)
    tab_to(page, page.get_by_role("button", name="Make your support plan"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_role("button", name="Add help to the plan"))
    press_and_wait(page, "Enter")

    # Choose from the price list: Tab into the radios, Space chooses the first.
    _choose_first(page, PA)
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(PA)

    quantity = page.get_by_role("textbox", name="How many hours?")
    tab_to(page, quantity)
    page.keyboard.type("7.5")
    _choose_first(page, "Each week")
    expect(live_total(page)).to_contain_text("This costs £123.75 a week.")
    _check(page, "Eating and drinking")
    _check(page, "Washing and keeping clean")
    tab_to(page, page.get_by_role("textbox", name="Who will give this help? (optional)"))
    page.keyboard.type("Ana Silva")
    _choose_first(page, "You get the money")
    tab_to(page, page.get_by_role("button", name="Save and go to the plan"))
    press_and_wait(page, "Enter")
    expect(page.get_by_text("The plan costs £123.75 a week.", exact=True)).to_be_visible()

    # Change it: 10 hours instead of 7.5.
    tab_to(page, page.get_by_role("link", name=f"Change ({PA})"))
    press_and_wait(page, "Enter")
    tab_to(page, quantity)
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    press_and_wait(page, "Enter")  # Enter in a text box saves: "Save" is the form's first button
    expect(page.get_by_text("The plan costs £165 a week.", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{PA} has been changed.")).to_be_visible()

    # Check and send, with the promise.
    tab_to(page, page.get_by_role("button", name="Check and send the plan"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_wait(page, "Enter")
    promise = page.get_by_role("checkbox", name="I confirm this plan is right, as far as I know.")
    tab_to(page, promise)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send the plan"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan sent")
    expect(page.locator("#reference")).to_have_text(re.compile(r"^PLAN-"))


def test_the_plan_and_the_budget_fit_a_320_pixel_screen(page: Page):
    """WCAG 1.4.10 Reflow: nothing scrolls sideways at 320 CSS pixels wide, with every way of looking after
    the money used and a one-off cost (the widest the plan page gets)."""
    plan = open_plan(page)
    budget = plan.rsplit("/plan", 1)[0] + "/budget"
    for price_id, fields in (
        ("personal_assistant", {"quantity": "7.5", "frequency": "per_week", "management": "direct_payment"}),
        ("meals", {"quantity": "7", "frequency": "per_week", "management": "council_arranged"}),
        (
            "equipment",
            {
                "description": "A rail by the toilet",
                "amount": "1250.50",
                "management": "individual_service_fund",
            },
        ),
    ):
        page.goto(f"{plan}/add/{price_id}")
        for name, value in fields.items():
            if name in ("frequency", "management"):
                page.locator(f"input[name={name}][value={value}]").check()
            else:
                page.locator(f"[name={name}]").fill(value)
        page.locator("input[name=needs]").first.check()
        page.get_by_role("button", name="Save and go to the plan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your support plan")
    page.set_viewport_size({"width": 320, "height": 800})
    for url in (plan, budget, plan + "/check"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width} pixels wide at 320"
    expect(page.locator("#ways .govuk-summary-card")).to_have_count(3)

"""The disagreement route in a real browser: axe on every page and error state of the person's
side and the staff side, and the whole route from care manager to Ombudsman by keyboard only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, problems_of
from tests.browser.journey import _token, expect_errors, send_answers_quickly
from tests.browser.test_keyboard import press_and_wait, tab_to
from tests.mail import deliver


@pytest.fixture
def clock(live_app):
    """Move the live portal's "today" for one test."""

    def set_today(day: date) -> None:
        live_app.extensions["clock"] = lambda: day

    set_today(date(2026, 12, 22))
    yield set_today
    live_app.extensions.pop("clock", None)
    from portal.clock import london_today

    live_app.extensions["clock"] = london_today


def sign_in(page: Page, person: str) -> None:
    page.goto("/sign-in/demo")
    page.get_by_role("radio", name=re.compile(rf"^{person}\b")).check()
    page.get_by_role("button", name="Sign in").click()
    # Signing in starts a new session; wait for it, or the next form carries the old session's token.
    expect(page).not_to_have_url(re.compile(r"/sign-in/demo$"))


def reference_on(page: Page) -> str:
    return re.search(r"DIS-[A-Z0-9]{4}-[A-Z0-9]{4}", page.content()).group(0)


def test_axe_on_every_page_and_error_state_of_the_route(page: Page, new_context, clock, live_app):
    budget = send_answers_quickly(page)
    route = budget.replace("/budget", "/disagree")
    page.goto(budget)
    page.get_by_role("link", name="I do not think this budget is right").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("If you think the budget is not right")
    expect(page.locator('[aria-current="step"]')).to_contain_text("You are here")
    assert_no_axe_violations(page, "the step-by-step route")

    page.goto(route + "/advocate")
    assert_no_axe_violations(page, "advocates, before anything is sent")

    page.goto(route)
    page.get_by_role("button", name="Tell your care manager").click()
    assert_no_axe_violations(page, "telling the care manager")
    page.get_by_role("button", name="Send to the care manager").click()
    expect_errors(
        page,
        "Tell us why you think the budget is not right",
        "Choose if you would like to talk",
        "Choose how we should get in touch",
    )
    assert_no_axe_violations(page, "telling the care manager, with errors")
    page.get_by_label("Why do you think the budget is not right?").fill("I need help every night.")
    page.get_by_label(re.compile("How much money")).fill("lots")
    page.get_by_role("radio", name="Yes, I would like a phone call").check()
    page.get_by_role("radio", name="By phone").check()
    page.get_by_role("button", name="Send to the care manager").click()
    expect_errors(
        page, "Enter the amount in pounds, like 150 or 150.50", "Enter the phone number we should use"
    )
    assert_no_axe_violations(page, "telling the care manager, with other errors")
    page.get_by_label(re.compile("How much money")).fill("150")
    page.get_by_label("Phone number, email or address").fill("01632 960001")
    page.get_by_role("button", name="Send to the care manager").click()
    expect(page.get_by_text("The care manager should answer by 8 January 2027.")).to_be_visible()
    assert_no_axe_violations(page, "sent")

    for path, label in (
        ("", "the route, waiting"),
        ("/advocate", "asking for an advocate"),
        ("/add", "adding more"),
        ("/close", "closing"),
        ("/timeline", "the timeline"),
    ):
        page.goto(route + path)
        assert_no_axe_violations(page, label)
    page.goto(route + "/add")
    page.get_by_role("button", name="Send").click()
    expect_errors(page, "Enter what you want to add")
    assert_no_axe_violations(page, "adding more, with an error")
    page.goto(route + "/close")
    page.get_by_role("button", name="Close my disagreement").click()
    expect_errors(page, "Tick the box to close your disagreement")
    assert_no_axe_violations(page, "closing, with an error")
    page.goto(route + "/team-manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this now")
    assert_no_axe_violations(page, "too early for a team manager")

    # The staff side, in another browser.
    staff = new_context().new_page()
    sign_in(staff, "Chris")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Your work list")
    assert_no_axe_violations(staff, "the care manager's work list")
    reference = reference_on(staff)
    staff.get_by_role("link", name=reference).click()
    assert_no_axe_violations(staff, "the case")
    staff.get_by_role("button", name="Answer").click()
    assert_no_axe_violations(staff, "the answer form")
    staff.get_by_role("button", name="Send the answer").click()
    expect_errors(staff, "Choose your answer", "Write your answer to the person")
    assert_no_axe_violations(staff, "the answer form, with an error")
    staff.get_by_role("radio", name="Arrange a meeting or a call first").check()
    staff.get_by_role("button", name="Send the answer").click()
    expect_errors(
        staff,
        "Enter the date of the meeting",
        "Enter the time and place of the meeting",
        "Write your answer to the person",
    )
    assert_no_axe_violations(staff, "the answer form, with meeting errors")
    staff.get_by_role("radio", name="Agree a new amount").check()
    staff.get_by_label("New amount each week").fill("130")
    staff.get_by_label("Your answer to the person").fill("We can pay for 1 more night.")
    staff.get_by_role("button", name="Send the answer").click()
    expect(staff.get_by_text("Your answer is sent.")).to_be_visible()
    assert_no_axe_violations(staff, "the case, answered")
    staff.goto(f"/staff/cases/{reference}/answer")
    expect(staff.get_by_role("heading", level=1)).to_have_text("This step cannot be answered now")
    assert_no_axe_violations(staff, "an answered step")
    staff.goto("/staff")
    expect(staff.get_by_text("Nothing is waiting for you.")).to_be_visible()
    assert_no_axe_violations(staff, "an empty work list")
    deliver(live_app)
    staff.goto("/dev/messages")
    expect(staff.get_by_role("heading", name=re.compile("^New disagreement with a budget"))).to_be_visible()
    assert_no_axe_violations(staff, "the messages page")

    page.goto(budget)
    expect(page.locator("#agreed-amount")).to_contain_text("£130 a week")
    assert_no_axe_violations(page, "the budget with an agreed amount")
    page.goto(route + "/team-manager")
    assert_no_axe_violations(page, "asking a team manager")
    page.get_by_role("button", name="Send to a team manager").click()
    expect_errors(page, "Tell us why you want a team manager to look again")
    assert_no_axe_violations(page, "asking a team manager, with an error")
    page.get_by_label("Why do you want a team manager to look again?").fill("Still not enough.")
    page.get_by_role("button", name="Send to a team manager").click()
    expect(page).not_to_have_url(re.compile(r"/team-manager$"))  # sent before the team manager looks

    sign_in(staff, "Pat")
    staff.goto(f"/staff/cases/{reference}/answer")
    staff.get_by_role("radio", name="The amount stays the same").check()
    staff.get_by_label("Your answer to the person").fill("It stays.")
    staff.get_by_role("button", name="Send the answer").click()
    expect(staff.get_by_text("Your answer is sent.")).to_be_visible()

    page.goto(route + "/complaint")
    assert_no_axe_violations(page, "the complaint form")
    page.get_by_role("button", name="Send my complaint").click()
    expect_errors(page, "Tell us what your complaint is", "Tell us what would put it right")
    assert_no_axe_violations(page, "the complaint form, with errors")
    page.get_by_label("What is your complaint?").fill("Nobody looked at my nights.")
    page.get_by_label("What would put it right?").fill("£150 a week.")
    page.get_by_role("button", name="Send my complaint").click()

    sign_in(staff, "Kim")
    assert_no_axe_violations(staff, "the complaints work list")
    staff.goto(f"/staff/cases/{reference}/acknowledge")
    assert_no_axe_violations(staff, "acknowledging")
    staff.get_by_role("button", name="Send").click()
    expect_errors(staff, "Write your message to the person")
    assert_no_axe_violations(staff, "acknowledging, with an error")
    staff.get_by_label("Your message to the person").fill("We have your complaint.")
    staff.get_by_role("button", name="Send").click()
    staff.wait_for_load_state()
    staff.goto(f"/staff/cases/{reference}/final-answer")
    assert_no_axe_violations(staff, "the final answer")
    staff.get_by_role("button", name="Send the final answer").click()
    expect_errors(staff, "Choose the final answer", "Write your answer to the person")
    assert_no_axe_violations(staff, "the final answer, with errors")
    staff.get_by_role("radio", name="We do not agree with the complaint").check()
    staff.get_by_label("Your answer to the person").fill("We looked again.")
    staff.get_by_role("button", name="Send the final answer").click()
    staff.wait_for_load_state()

    page.goto(route)
    expect(page.locator('[aria-current="step"]')).to_have_attribute("id", "step-ombudsman")
    assert_no_axe_violations(page, "the route at the Ombudsman")
    page.get_by_role("button", name="How to go to the Ombudsman").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Go to the Ombudsman")
    assert_no_axe_violations(page, "the Ombudsman page")

    # A crafted post to a closed step: a clear page, with the status that says so, and nothing changes.
    problems_of(page).allow(route + "/add", 409)
    token = _token(page.request.get("/assessments/new").text())
    response = page.request.post(
        route + "/add", form={"text": "late", "send_token": "x" * 32, "csrf_token": token}
    )
    assert response.status == 409
    assert "This step is closed. Nothing was changed." in response.text()


def test_axe_on_the_letters_a_person_asked_for(page: Page, new_context, clock):
    route = send_answers_quickly(page).replace("/budget", "/disagree")
    page.goto(route + "/care-manager")
    page.get_by_label("Why do you think the budget is not right?").fill("I need help every night.")
    page.get_by_role("radio", name="No, answer me in writing").check()
    page.get_by_role("radio", name="By letter").check()
    page.get_by_label("Phone number, email or address").fill("Flat 2")
    page.get_by_role("button", name="Send to the care manager").click()
    expect_errors(page, "Enter the address with its postcode, like 1 High Street, Exampletown, EX1 2AB")
    assert_no_axe_violations(page, "telling the care manager, with an address and no postcode")
    page.get_by_label("Phone number, email or address").fill("Flat 2, 10 Mill Lane, Exampletown EX1 2AB")
    page.get_by_role("button", name="Send to the care manager").click()
    expect(page.get_by_text("The care manager should answer by 8 January 2027.")).to_be_visible()

    staff = new_context().new_page()
    sign_in(staff, "Chris")
    expect(staff.get_by_role("table", name="Letters to post")).to_be_visible()
    assert_no_axe_violations(staff, "a work list with a letter to post")
    staff.get_by_role("link", name=re.compile("^Post a letter for")).click()
    expect(staff.locator("#letter")).to_contain_text("Flat 2, 10 Mill Lane, Exampletown EX1 2AB")
    assert_no_axe_violations(staff, "a letter to post")
    staff.get_by_role("button", name="I have posted the letter").click()
    expect(staff.get_by_text("You said the letter is posted.")).to_be_visible()
    assert_no_axe_violations(staff, "the work list, the letter posted")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_the_whole_route_by_keyboard_only(new_context, clock, javascript):
    """The person and each member of staff use only the keyboard: Tab, arrow keys, Space, typing, Enter."""
    page = new_context(java_script_enabled=javascript).new_page()
    budget = send_answers_quickly(page)
    page.goto(budget)
    tab_to(page, page.get_by_role("link", name="I do not think this budget is right"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_role("button", name="Tell your care manager"))
    press_and_wait(page, "Enter")

    tab_to(page, page.get_by_label("Why do you think the budget is not right?"))
    page.keyboard.type("I need help every night.")
    tab_to(page, page.get_by_label(re.compile("How much money")))
    page.keyboard.type("150")
    first = page.get_by_role("radio", name="Yes, I would like to meet")
    tab_to(page, first)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Yes, I would like a phone call")).to_be_checked()
    tab_to(page, page.get_by_role("radio", name="By email"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="By phone")).to_be_checked()
    tab_to(page, page.get_by_label("Phone number, email or address"))
    page.keyboard.type("01632 960001")
    tab_to(page, page.get_by_role("button", name="Send to the care manager"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your message is sent")
    reference = reference_on(page)

    staff = new_context(java_script_enabled=javascript).new_page()

    def staff_sign_in(name: str) -> None:
        staff.goto("/sign-in/demo")
        radio = staff.get_by_role("radio", name=re.compile(rf"^{name}\b"))
        tab_to(staff, staff.get_by_role("radio", name="Alex Morgan"))
        while not radio.is_checked():
            staff.keyboard.press("ArrowDown")
        tab_to(staff, staff.get_by_role("button", name="Sign in"))
        press_and_wait(staff, "Enter")
        expect(staff.get_by_role("heading", level=1)).to_have_text("Your work list")

    def staff_answer(decision: str, message: str, amount: str | None = None) -> None:
        tab_to(staff, staff.get_by_role("link", name=reference))
        press_and_wait(staff, "Enter")
        tab_to(staff, staff.get_by_role("button", name="Answer", exact=True))
        press_and_wait(staff, "Enter")
        tab_to(staff, staff.get_by_role("radio", name="Agree a new amount"))
        if decision == "Agree a new amount":
            staff.keyboard.press("Space")
        else:
            staff.keyboard.press("ArrowDown")
        expect(staff.get_by_role("radio", name=decision)).to_be_checked()
        if amount:
            tab_to(staff, staff.get_by_label("New amount each week"))
            staff.keyboard.type(amount)
        tab_to(staff, staff.get_by_label("Your answer to the person"))
        staff.keyboard.type(message)
        tab_to(staff, staff.get_by_role("button", name="Send the answer"))
        press_and_wait(staff, "Enter")
        expect(staff.get_by_text("Your answer is sent.")).to_be_visible()

    staff_sign_in("Chris")
    staff_answer("Agree a new amount", "We can pay for 1 more night.", amount="130")

    page.goto(budget.replace("/budget", "/disagree/timeline"))
    expect(page.get_by_text("New amount: £130 a week")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Ask a team manager to look again"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_label("Why do you want a team manager to look again?"))
    page.keyboard.type("Still not enough.")
    tab_to(page, page.get_by_role("button", name="Send to a team manager"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request is sent")

    staff_sign_in("Pat")
    staff_answer("The amount stays the same", "It stays.")

    page.goto(budget.replace("/budget", "/disagree/timeline"))
    tab_to(page, page.get_by_role("link", name="Make a formal complaint"))
    press_and_wait(page, "Enter")
    tab_to(page, page.get_by_label("What is your complaint?"))
    page.keyboard.type("Nobody looked at my nights.")
    tab_to(page, page.get_by_label("What would put it right?"))
    page.keyboard.type("150 pounds a week.")
    tab_to(page, page.get_by_role("button", name="Send my complaint"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint is sent")

    staff_sign_in("Kim")
    tab_to(staff, staff.get_by_role("link", name=reference))
    press_and_wait(staff, "Enter")
    tab_to(staff, staff.get_by_role("button", name="Give the final answer"))
    press_and_wait(staff, "Enter")
    tab_to(staff, staff.get_by_role("radio", name="We agree with the complaint"))
    staff.keyboard.press("ArrowDown")
    expect(staff.get_by_role("radio", name="We agree with some of the complaint")).to_be_checked()
    tab_to(staff, staff.get_by_label("Your answer to the person"))
    staff.keyboard.type("We will look at your nights again.")
    tab_to(staff, staff.get_by_role("button", name="Send the final answer"))
    press_and_wait(staff, "Enter")

    page.goto(budget.replace("/budget", "/disagree"))
    tab_to(page, page.get_by_role("button", name="How to go to the Ombudsman"))
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Go to the Ombudsman")
    expect(page.get_by_text("We will look at your nights again.")).to_be_visible()
    expect(page.get_by_text("0300 061 0614")).to_be_visible()

"""Agreeing a plan in a real browser: axe on the staff's case list, case page and decision pages (with
their errors) and on the person's returned plan, sent plan and agreed budget; the decisions made by
keyboard only."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import _post, expect_errors, send_answers_quickly
from tests.browser.test_disagreement_browser import sign_in
from tests.browser.test_keyboard import press_and_wait, tab_to

HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')


def _submit(page: Page, path: str, data: dict[str, str]) -> None:
    """Send a form with the hidden fields of its page (CSRF and one-time token), as a browser would."""
    html = page.request.get(path).text()
    hidden = {}
    for tag in HIDDEN.findall(html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            hidden[name.group(1)] = value.group(1) if value else ""
    response = page.request.post(path, form={**hidden, **data})
    assert response.ok, f"POST {path}: {response.status}"


def _send_plan(page: Page, assessment: str) -> None:
    send = f"/assessments/{assessment}/plan/send"
    _post(page, send, page.request.get(send).text(), {"confirm": "y"})


def test_a_plan_returned_approved_and_agreed_passes_axe_and_works_by_keyboard(page: Page, new_context):
    budget = send_answers_quickly(page)
    assessment = budget.split("/")[2]
    _submit(
        page,
        f"/assessments/{assessment}/plan/add/personal_assistant",
        {"quantity": "8.28", "frequency": "per_week", "needs": "nutrition", "management": "direct_payment"},
    )
    _send_plan(page, assessment)

    chris = new_context().new_page()
    sign_in(chris, "Chris")
    chris.get_by_role("link", name=re.compile("See your cases")).click()
    expect(chris.get_by_role("heading", level=1)).to_have_text("Your cases")
    assert_no_axe_violations(chris, "the care manager's case list")
    chris.get_by_role("link", name="Alex Morgan").click()
    expect(chris.get_by_role("heading", level=1)).to_have_text("Case: Alex Morgan")
    assert_no_axe_violations(chris, "a person's case page")
    chris.get_by_role("button", name="Return it for changes").click()
    assert_no_axe_violations(chris, "returning a plan")
    chris.get_by_role("button", name="Return the plan").click()
    expect_errors(chris, "Write a comment on the plan or on one of its items")
    assert_no_axe_violations(chris, "returning a plan, with an error")
    # By keyboard: the first item's comment box, then the button.
    tab_to(chris, chris.get_by_label("Comment on A helper you pay yourself"))
    chris.keyboard.type("Could fewer hours be enough?")
    tab_to(chris, chris.get_by_role("button", name="Return the plan"))
    press_and_wait(chris, "Enter")
    expect(chris.get_by_text("Your decision is saved.")).to_be_visible()

    page.goto(f"/assessments/{assessment}/plan")
    expect(page.get_by_text("Could fewer hours be enough?")).to_be_visible()
    assert_no_axe_violations(page, "a plan returned with comments")
    _send_plan(page, assessment)

    chris.goto(f"/staff/people/{assessment}/approve")
    assert_no_axe_violations(chris, "approving a plan")
    chris.get_by_label("Final budget each week").fill("")
    chris.get_by_role("button", name="Approve the plan").click()
    expect_errors(chris, "Enter the final budget each week")
    assert_no_axe_violations(chris, "approving a plan, with an error")
    tab_to(chris, chris.get_by_label("Final budget each week"))
    chris.keyboard.type("136.62")
    tab_to(chris, chris.get_by_label("Why the final budget is different from the estimate"))
    chris.keyboard.type("Alex needs help at every meal.")
    tab_to(chris, chris.get_by_role("button", name="Approve the plan"))
    press_and_wait(chris, "Enter")
    expect(chris.get_by_text("Waiting for a team manager").first).to_be_visible()

    pat = new_context().new_page()
    sign_in(pat, "Pat")
    pat.goto("/staff/people")
    assert_no_axe_violations(pat, "the team manager's case list")
    pat.get_by_role("link", name="Alex Morgan").click()
    pat.get_by_role("button", name="Decide on the tolerance").click()
    assert_no_axe_violations(pat, "deciding on the tolerance")
    pat.get_by_role("button", name="Save the decision").click()
    expect_errors(pat, "Choose yes or no", "Write your reason")
    assert_no_axe_violations(pat, "deciding on the tolerance, with errors")
    tab_to(pat, pat.get_by_role("radio", name="Yes, I agree the plan and the final budget"))
    pat.keyboard.press("Space")
    tab_to(pat, pat.get_by_label("Your reason"))
    pat.keyboard.type("The reason is sound.")
    tab_to(pat, pat.get_by_role("button", name="Save the decision"))
    press_and_wait(pat, "Enter")
    expect(pat.get_by_text("Your decision is saved.")).to_be_visible()
    assert_no_axe_violations(pat, "an agreed case")

    page.goto(budget)
    expect(page.locator("#agreed-budget")).to_contain_text("Agreed: £136.62 a week")
    assert_no_axe_violations(page, "the budget page with the agreed budget")
    page.goto(f"/assessments/{assessment}/plan/sent")
    expect(page.locator("#plan-status")).to_have_text("The plan is agreed.")
    assert_no_axe_violations(page, "an agreed plan")
    page.goto("/account")
    expect(page.get_by_text(re.compile("Agreed: £136.62 a week"))).to_be_visible()
    assert_no_axe_violations(page, "the account with an agreed budget")


def test_a_budget_for_the_panel_passes_axe_and_its_decision_works_by_keyboard(page: Page, new_context):
    from tests.web.plan_helpers import HIGH_NEEDS

    budget = send_answers_quickly(page, HIGH_NEEDS)  # £675 a week: at the panel level
    assessment = budget.split("/")[2]
    _submit(
        page,
        f"/assessments/{assessment}/plan/add/personal_assistant",
        {"quantity": "40.91", "frequency": "per_week", "needs": "nutrition", "management": "direct_payment"},
    )
    _send_plan(page, assessment)

    chris = new_context().new_page()
    sign_in(chris, "Chris")
    chris.goto(f"/staff/people/{assessment}/approve")
    tab_to(chris, chris.get_by_label("Final budget each week"))
    chris.keyboard.type("675")
    tab_to(chris, chris.get_by_role("button", name="Approve the plan"))
    press_and_wait(chris, "Enter")
    expect(chris.get_by_text("Waiting for the panel").first).to_be_visible()
    assert_no_axe_violations(chris, "a case waiting for the panel")

    page.goto(f"/assessments/{assessment}/plan/sent")
    expect(page.locator("#plan-status")).to_contain_text("A panel of senior staff is looking at the plan")
    assert_no_axe_violations(page, "the person's plan while the panel looks at it")

    pat = new_context().new_page()
    sign_in(pat, "Pat")
    pat.goto("/staff/people")
    pat.get_by_role("link", name="Alex Morgan").click()
    tab_to(pat, pat.get_by_role("button", name="Record the panel's decision"))
    press_and_wait(pat, "Enter")
    expect(pat.get_by_role("heading", level=1)).to_have_text("Record the panel's decision")
    expect(pat.locator("#waiting-figure")).to_contain_text("£675 a week")
    assert_no_axe_violations(pat, "recording the panel's decision")
    tab_to(pat, pat.get_by_role("button", name="Save the decision"))
    press_and_wait(pat, "Enter")
    expect_errors(pat, "Choose what the panel decided", "Write the panel's reason")
    assert_no_axe_violations(pat, "recording the panel's decision, with errors")
    tab_to(pat, pat.get_by_role("radio", name="The panel agreed the plan and the final budget"))
    pat.keyboard.press("Space")
    tab_to(pat, pat.get_by_label("The panel's reason"))
    pat.keyboard.type("Two carers are needed at night.")
    tab_to(pat, pat.get_by_role("button", name="Save the decision"))
    press_and_wait(pat, "Enter")
    expect(pat.get_by_text("Your decision is saved.")).to_be_visible()

    page.goto(budget)
    expect(page.locator("#agreed-budget")).to_contain_text("Agreed: £675 a week")

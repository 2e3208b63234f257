"""A carer's own assessment, through the pages: a carer starts it from the start or account page, answers
the demo council's carer's questions, sends them, sees the carer's budget with how it was worked out,
makes a support plan against it and can disagree with it through the same route."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.store.models import Assessment, Calculation
from tests.rules.test_carers_budget import WORKED_EXAMPLE
from tests.web.plan_helpers import add_item, figures, plan_url


def _answer_carers(portal, form_id: str, answers: dict[str, str]) -> None:
    """Answer by following Continue, from the first carer's question to the check page."""
    url = f"/assessments/{form_id}/questions/caring_hours"
    while "/questions/" in url:
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        url = portal.post(url, {question_id: answers[question_id]}).location
    assert url.endswith(f"/assessments/{form_id}/check"), url


def _start_carers(portal) -> str:
    response = portal.post("/assessments/new/carers", {"for_whom": "myself"})
    return response.location.rstrip("/").split("/")[-1]


def sent_carers_budget(portal, answers: dict[str, str] | None = None) -> str:
    form_id = _start_carers(portal)
    _answer_carers(portal, form_id, answers or WORKED_EXAMPLE)
    response = portal.post(f"/assessments/{form_id}/send", {"confirm": "y"})
    assert response.location.endswith(f"/assessments/{form_id}/budget")
    return form_id


def test_the_start_and_account_pages_offer_a_carers_assessment_plainly(portal):
    start = portal.get("/").soup
    heading = start.select_one("#start-carers")
    assert heading.get_text(strip=True) == "Carer's assessment"
    link = start.find("a", string="Start a carer's assessment")
    assert link["href"] == "/assessments/new/carers"
    assert "Do you look after a family member or friend, without pay?" in start.get_text()
    portal.sign_in("alex")
    account = portal.get("/account").soup
    assert account.find("a", string="Start a carer's assessment")["href"] == "/assessments/new/carers"
    assert portal.get("/assessments/new/carers").soup.h1 is not None


def test_a_carer_gets_the_documented_carers_budget_with_its_explanation(portal, app):
    portal.sign_in("alex")
    form_id = sent_carers_budget(portal)
    page = portal.get(f"/assessments/{form_id}/budget").soup
    assert page.h1.get_text(" ", strip=True).startswith("Your estimated carer's budget")
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Carer's assessment"
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£95 a week"
    assert page.select_one("#yearly-amount").get_text(strip=True) == "That is £4,940 a year."
    assert "A carer's budget is money for help for you, as a carer." in page.select_one("#carers-budget").text
    text = page.get_text(" ", strip=True)
    # How it was worked out: the carer's own points and bands, and no family-help step.
    assert "Help from family or friends does not change this budget. So we take nothing off." in text
    cells = [" ".join(td.get_text(" ", strip=True).split()) for td in page.select("table td, table th")]
    for area in ("Hours of caring", "Caring at night", "Health", "Work and studies", "Breaks"):
        assert area in cells, area
    assert "35 to 99 hours a week" in cells
    assert "21" in cells  # the total points
    with app.extensions["db_sessionmaker"]() as session:
        form = session.scalar(select(Assessment).where(Assessment.public_id == form_id))
        calc = session.scalar(select(Calculation).where(Calculation.assessment_id == form.id))
        assert form.questionnaire_id == "carers"
        assert (calc.weekly_pence, calc.yearly_pence) == (9500, 494000)
        assert calc.config_version == "example-carers-2026-1"
        assert calc.result["total_points"] == 21
    # The account page names the carer's budget.
    card = portal.get("/account").soup.select_one(f"#form-{form_id}").get_text(" ", strip=True)
    assert "Carer's budget £95 a week" in card
    assert "Form Carer's assessment" in card


def test_a_carer_makes_a_support_plan_against_the_carers_budget(portal):
    portal.sign_in("alex")
    form_id = sent_carers_budget(portal)
    budget = portal.get(f"/assessments/{form_id}/budget").soup
    start = budget.find("a", string=re.compile("Make your support plan"))
    assert start["href"] == plan_url(form_id)
    chosen = portal.post(plan_url(form_id, "/add"), {"help": "personal_assistant"}).location
    item = portal.get(chosen).soup
    needs = [label.get_text(strip=True) for label in item.select("input[name=needs] + label")]
    assert needs == [
        "Hours of caring",
        "Caring at night",
        "Health",
        "Work and studies",
        "Looking after others",
        "Breaks",
        "Keeping on caring",
    ]
    add_item(
        portal,
        form_id,
        "personal_assistant",
        {"quantity": "5", "frequency": "per_week", "needs": ["breaks"], "management": "direct_payment"},
    )  # 5 x £16.50 = £82.50 a week
    shown = figures(portal.get(plan_url(form_id)).soup)
    assert shown["weekly"] == "£82.50"
    assert shown["weekly-difference"] == "£12.50 less"  # 9500 - 8250
    check = portal.get(plan_url(form_id, "/check")).soup.get_text(" ", strip=True)
    assert "Breaks" in check


def test_a_carer_can_disagree_with_the_carers_budget(portal):
    portal.sign_in("alex")
    form_id = sent_carers_budget(portal)
    page = portal.get(f"/assessments/{form_id}/budget").soup
    link = page.select_one("#disagree-link")
    assert link["href"] == f"/assessments/{form_id}/disagree"
    portal.get(link["href"])
    form = portal.get(f"/assessments/{form_id}/disagree/care-manager").soup
    assert form.h1 is not None
    response = portal.submit(
        f"/assessments/{form_id}/disagree/care-manager",
        {
            "reason": "I care every night and need a break each week.",
            "amount": "120",
            "talk": "call",
            "contact_by": "phone",
            "contact_details": "01632 960001",
        },
    )
    assert response.location.endswith(f"/assessments/{form_id}/disagree/sent?what=raise")
    portal.get(response.location)


def test_the_self_assessment_budget_is_unchanged(portal, app):
    """The worked example of the self-assessment still comes to £118.80 a week."""
    from tests import factories

    portal.sign_in("alex")
    form_id = factories.sent_assessment(app, portal)
    page = portal.get(f"/assessments/{form_id}/budget").soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    assert page.h1.get_text(" ", strip=True).startswith("Your estimated budget")
    assert page.select_one("#carers-budget") is None


def test_the_budget_page_that_tells_the_helper_of_their_right_links_to_the_carers_assessment(portal):
    from tests.web.helpers import WORKED_EXAMPLE as SELF_ASSESSMENT

    portal.sign_in("alex")
    _, response = portal.budget_for({**SELF_ASSESSMENT, "informal_help_continues": "no"})
    link = response.soup.select_one("#start-carers-assessment")
    assert link.get_text(strip=True) == "Start a carer's assessment"
    assert link["href"] == "/assessments/new/carers"
    _, response = portal.budget_for(SELF_ASSESSMENT)
    assert response.soup.select_one("#start-carers-assessment") is None


def test_staff_see_the_carers_budget_worked_out_by_its_own_rules(portal, app):
    from tests.web.helpers import Portal

    portal.sign_in("alex")
    form_id = sent_carers_budget(portal)
    add_item(
        portal,
        form_id,
        "personal_assistant",
        {"quantity": "5", "frequency": "per_week", "needs": ["breaks"], "management": "direct_payment"},
    )
    portal.post(plan_url(form_id, "/send"), {"confirm": "y"})
    staff = Portal(app)
    staff.sign_in("chris")
    listed = staff.get("/staff/people").soup.find("a", href=f"/staff/people/{form_id}").find_parent("tr")
    # The case list names the form, so that a carer's budget is not read as the person's own.
    assert [cell.get_text(" ", strip=True) for cell in listed.select("td")][:1] == ["Carer's assessment"]
    text = staff.get(f"/staff/people/{form_id}").soup.get_text(" ", strip=True)
    assert "£95" in text
    assert "Help from family or friends does not change this budget. So we take nothing off." in text
    assert "Hours of caring" in text
    assert "Breaks" in text

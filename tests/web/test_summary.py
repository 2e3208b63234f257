"""The budget and plan on one page in easy read: a page to print, and the same as a tagged PDF."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests import factories
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url

BUDGET = [
    "Your answers add up to 22 points.",
    "Each point is worth £6.",
    "That makes £132.",
    "Family or friends help now. So we take £13.20 off each week.",
    "We counted help from the person who helps you. You told us they can keep helping you.",
    "Your budget is £118.80 a week.",
    "£118.80 for each of 52 weeks is £6,177.60 a year.",
]


def _sentences(page) -> list[str]:
    return [p.get_text(" ", strip=True) for p in page.select("#easy-read p")]


def test_the_budget_page_links_to_the_summary_and_it_says_there_is_no_plan_yet(portal, app):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    link = budget.select_one("#summary-link")
    assert link.get_text(strip=True) == "See the budget and plan on one page, to print"
    page = portal.get(link["href"]).soup
    assert page.h1.get_text(strip=True) == "Your budget and plan in easy read"
    assert _sentences(page) == [*BUDGET, "You have not made a support plan yet."]
    alts = [img["alt"] for img in page.select("#easy-read img.app-picture--idea")]
    assert alts[-1] == "Your support plan" and len(alts) == 5
    # "PDF" is a hard word: the page says what it is.
    assert "A PDF is a file you can save, print or send." in page.select_one("#words-explained").get_text()


def test_the_summary_with_a_plan_says_what_it_costs_next_to_the_budget(portal, app):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    page = portal.get(f"/assessments/{assessment_id}/summary").soup
    plan = [p.get_text(" ", strip=True) for p in page.select("#easy-plan p")]
    assert plan[0] == "The plan is a draft. It is not sent yet."
    assert plan[1] == "The plan costs £123.75 a week."
    assert "£4.95 a week more than your budget" in plan[3]
    assert "%" not in page.select_one("main").get_text()


def test_the_summary_as_a_tagged_pdf(portal, app):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    add_item(portal, assessment_id, "personal_assistant", PA_WEEKLY)
    portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"})
    page = portal.get(f"/assessments/{assessment_id}/summary").soup
    response = portal.client.get(page.select_one("#summary-pdf")["href"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="budget-and-plan-easy-read.pdf"'
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Your budget and plan in easy read"
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert len(reader.pages) == 1, "one page"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for sentence in [*BUDGET, "The plan is sent.", "The plan costs £123.75 a week."]:
        assert sentence in text, sentence


def test_only_the_person_or_those_acting_for_them_see_the_summary(portal, other_portal, app):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    other_portal.sign_in("jo")
    for rest in ("summary", "summary.pdf"):
        assert other_portal.client.get(f"/assessments/{assessment_id}/{rest}").status_code == 404

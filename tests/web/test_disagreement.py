"""The disagreement route, for the person: every page, every error, due dates, idempotent sends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.store.disagreement_models import Disagreement, DisagreementEntry, LocalMessage
from portal.store.models import AuditEvent, Calculation

TUESDAY_BEFORE_CHRISTMAS = date(2026, 12, 22)


def _db(app):
    return app.extensions["db_sessionmaker"]()


def set_today(app, day: date) -> None:
    app.extensions["clock"] = lambda: day


def raise_data(**extra):
    data = {"reason": "I need help every night, and the budget does not pay for it.", "amount": "150",
            "talk": "call", "contact_by": "phone", "contact_details": "01632 960001"}
    data.update(extra)
    return data


@pytest.fixture
def sent_budget(portal, app):
    """Alex's budget, sent, on Tuesday 22 December 2026."""
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    return assessment_id


def url(assessment_id: str, page: str = "") -> str:
    return f"/assessments/{assessment_id}/disagree" + (f"/{page}" if page else "")


def test_the_budget_page_links_to_the_route(portal, sent_budget):
    page = portal.get(f"/assessments/{sent_budget}/budget").soup
    link = page.select_one("#disagree-link")
    assert link.get_text(strip=True) == "I don't think this budget is right"
    assert link["href"] == url(sent_budget)


def test_the_step_by_step_shows_every_step_and_where_you_are(portal, sent_budget):
    page = portal.get(url(sent_budget)).soup
    steps = page.select("nav ol > li")
    titles = [li.select_one("h3").get_text(" ", strip=True) for li in steps]
    assert titles == [
        "Step 1 Make a support plan", "Step 2 Talk to your care manager", "And, at any step Get help from an advocate",
        "Step 3 Ask a team manager to look again", "Step 4 Make a formal complaint", "Step 5 Go to the Ombudsman"]
    current = page.select('[aria-current="step"]')
    assert len(current) == 1 and current[0]["id"] == "step-plan"
    assert "You are here" in current[0].get_text()
    for li in steps:
        text = li.get_text(" ", strip=True)
        for part in ("What happens", "How long it takes", "Who can help"):
            assert part in text
    # The time limits come from content/disagreement.yaml.
    assert "within 10 working days" in page.select_one("#step-care_manager").get_text()
    complaint = page.select_one("#step-complaint").get_text(" ", strip=True)
    assert "within 3 working days" in complaint and "within 20 working days" in complaint
    assert "12 weeks after your complaint" in page.select_one("#step-ombudsman").get_text(" ", strip=True)
    assert page.select_one("#step-care_manager a.govuk-button")["href"] == url(sent_budget, "care-manager")


def test_raise_a_disagreement_over_christmas(portal, app, sent_budget):
    form = portal.get(url(sent_budget, "care-manager")).soup
    assert "should answer by 8 January 2027" in form.get_text(" ", strip=True)
    response = portal.submit(url(sent_budget, "care-manager"), raise_data())
    assert response.location.endswith(url(sent_budget, "sent?what=raise"))
    page = portal.get(response.location).soup
    panel = page.select_one(".govuk-panel").get_text(" ", strip=True)
    with _db(app) as session:
        case = session.scalar(select(Disagreement))
        entry = session.scalar(select(DisagreementEntry))
        due = case.steps[0].due_on
    assert case.reference in panel
    # 22 December 2026 + 10 working days: not 25, 26 (Saturday) or 28 December (Boxing Day's substitute),
    # not 1 January.
    assert page.select_one("#answer-by").get_text(strip=True) == "The care manager should answer by 8 January 2027."
    assert (case.state, case.raised_on) == ("care_manager_waiting", TUESDAY_BEFORE_CHRISTMAS)
    assert due == date(2027, 1, 8)
    assert entry.weekly_pence == 15000 and entry.details["talk"] == "call"
    assert entry.details["contact_by"] == "phone" and entry.details["contact_details"] == "01632 960001"
    # The stored budget is untouched.
    with _db(app) as session:
        assert session.scalar(select(Calculation)).weekly_pence == 11880

"""Who reaches a person's case and the decisions on their plan: the access matrix for every staff person
route (owner, helper, another person, each staff role, assigned and not assigned, a conflict of interest)."""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from portal.store.models import AuditEvent
from tests import factories
from tests.web.helpers import Portal
from tests.web.plan_helpers import budget_with_plan
from tests.web.test_access import STAFF_PERSON_ROUTES

# What each staff role gets on each page of a case it holds, with the plan just sent: 200, or 404 for a
# page that is not for its role. (The decision pages that wait for another state show why: 200.)
ASSIGNED = {
    "care_manager": {"staff.person": 200, "staff.return-plan": 200, "staff.approve-plan": 200},
    "team_manager": {"staff.person": 200, "staff.tolerance": 200, "staff.panel": 200},
}


def _url(app, endpoint: str, public_id: str) -> str:
    with app.test_request_context():
        return url_for(endpoint, public_id=public_id)


@pytest.fixture
def sent_for_ravi(app):
    """Jo fills in the form and the plan for her dad, Ravi, and sends the plan: the demo care manager
    (Chris) and team manager (Pat) hold the case."""
    jo = Portal(app)
    jo.sign_in("jo")
    assessment_id, _item = budget_with_plan(jo, for_whom="someone_else")
    factories.send_plan(app, assessment_id, who=jo)
    return assessment_id, jo


def _try(portal: Portal, app, method: str, endpoint: str, public_id: str) -> int:
    target = _url(app, endpoint, public_id)
    if method == "GET":
        return portal.client.get(target).status_code
    response = portal.client.post(
        target,
        data={
            "csrf_token": portal.csrf("/account"),
            "send_token": "a" * 24,
            "whole_plan": "x",
            "amount": "1",
            "reason": "x",
            "decision": "agree_exception",
        },
    )
    return response.status_code


@pytest.mark.parametrize("who", ["jo", "sam", "kim"])
def test_the_helper_another_person_and_the_complaints_officer_get_not_found(app, sent_for_ravi, who):
    assessment_id, jo = sent_for_ravi
    portal = jo if who == "jo" else Portal(app)
    if who != "jo":
        portal.sign_in(who)
    for method, endpoint, _extra in STAFF_PERSON_ROUTES:
        assert _try(portal, app, method, endpoint, assessment_id) == 404, (who, method, endpoint)
    assert portal.client.get("/staff/people").status_code == 404


def test_the_person_themself_gets_not_found(app):
    alex = Portal(app)
    alex.sign_in("alex")
    assessment_id, _item = budget_with_plan(alex)
    factories.send_plan(app, assessment_id, who=alex)
    for method, endpoint, _extra in STAFF_PERSON_ROUTES:
        assert _try(alex, app, method, endpoint, assessment_id) == 404, (method, endpoint)


@pytest.mark.parametrize("role,person", [("care_manager", "chris"), ("team_manager", "pat")])
def test_the_staff_who_hold_the_case_reach_their_pages_and_only_theirs(app, sent_for_ravi, role, person):
    assessment_id, _jo = sent_for_ravi
    staff = Portal(app)
    staff.sign_in(person)
    for method, endpoint, _extra in STAFF_PERSON_ROUTES:
        if method != "GET":
            continue
        wanted = ASSIGNED[role].get(endpoint, 404)
        assert _try(staff, app, method, endpoint, assessment_id) == wanted, endpoint
    with app.extensions["db_sessionmaker"]() as session:
        looks = session.execute(select(AuditEvent.action, AuditEvent.target, AuditEvent.basis)).all()
    assert ("staff_view_person", f"assessment:{assessment_id}", f"staff:{role}") in looks


@pytest.mark.parametrize("role", ["care_manager", "team_manager"])
def test_staff_in_the_same_role_who_do_not_hold_the_case_get_not_found(app, sent_for_ravi, role):
    assessment_id, _jo = sent_for_ravi
    factories.staff_member(app, "sam", role)  # Sam is given a staff role, but not this case
    sam = Portal(app)
    sam.sign_in("sam")
    for method, endpoint, _extra in STAFF_PERSON_ROUTES:
        assert _try(sam, app, method, endpoint, assessment_id) == 404, (method, endpoint)
    page = sam.get("/staff/people").soup
    assert assessment_id not in str(page) and "Ravi" not in page.get_text()


def test_a_care_manager_with_a_conflict_gets_not_found_and_it_is_audited(app, sent_for_ravi):
    assessment_id, _jo = sent_for_ravi
    factories.staff_member(app, "jo", "care_manager")  # Jo acts for Ravi: she may not handle his case
    factories.assign(app, assessment_id, "care_manager", "jo")
    jo = Portal(app)
    jo.sign_in("jo")
    assert jo.client.get(_url(app, "staff.person", assessment_id)).status_code == 404
    assert "Ravi" not in jo.get("/staff/people").soup.get_text()
    with app.extensions["db_sessionmaker"]() as session:
        actions = session.scalars(
            select(AuditEvent.basis).where(AuditEvent.action == "refused_staff_view_person")
        )
        assert list(actions) == ["conflict:acts_for_person"]


def test_signed_out_people_are_sent_to_sign_in(app, sent_for_ravi):
    assessment_id, _jo = sent_for_ravi
    anyone = Portal(app)
    for method, endpoint, _extra in STAFF_PERSON_ROUTES:
        target = _url(app, endpoint, assessment_id)
        response = anyone.client.get(target) if method == "GET" else anyone.client.post(target)
        assert response.status_code in (302, 400)
        if response.status_code == 302:
            assert response.location.endswith("/sign-in")

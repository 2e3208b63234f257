"""Access control: every route that takes an id, tried by someone with no right to it."""

from __future__ import annotations

import pytest
from flask import url_for

from tests.web.helpers import WORKED_EXAMPLE

# Every route with an assessment id, in the state where its owner could use it.
DRAFT_ROUTES = [
    ("GET", "assessment.task_list", {}),
    ("GET", "assessment.question", {"question_id": "date_of_birth"}),
    ("POST", "assessment.question", {"question_id": "date_of_birth"}),
    ("GET", "assessment.check", {}),
    ("GET", "assessment.send", {}),
    ("POST", "assessment.send", {}),
    ("GET", "assessment.delete", {}),
    ("POST", "assessment.delete", {}),
]
SENT_ROUTES = [
    ("GET", "budget.show", {}),
    ("GET", "disagree.start", {}),
    ("GET", "disagree.raise_request", {}),
    ("POST", "disagree.raise_request", {}),
    ("GET", "disagree.sent", {}),
    ("GET", "disagree.advocate", {}),
    ("POST", "disagree.advocate", {}),
    ("GET", "disagree.escalate", {}),
    ("POST", "disagree.escalate", {}),
    ("GET", "disagree.complain", {}),
    ("POST", "disagree.complain", {}),
    ("GET", "disagree.add_information", {}),
    ("POST", "disagree.add_information", {}),
    ("GET", "disagree.close", {}),
    ("POST", "disagree.close", {}),
    ("GET", "disagree.timeline", {}),
    ("GET", "disagree.ombudsman", {}),
]
# Every staff route with a disagreement's reference; wrong role and wrong case are in test_staff.py.
STAFF_ROUTES = [
    ("GET", "staff.case", {}),
    ("GET", "staff.answer", {}),
    ("POST", "staff.answer", {}),
    ("GET", "staff.acknowledge", {}),
    ("POST", "staff.acknowledge", {}),
    ("GET", "staff.answer_complaint", {}),
    ("POST", "staff.answer_complaint", {}),
]


def _url(app, endpoint, public_id, extra):
    with app.test_request_context():
        return url_for(endpoint, public_id=public_id, **extra)


def test_the_route_lists_cover_every_route_that_takes_an_assessment_id(app):
    covered = {endpoint for _, endpoint, _ in DRAFT_ROUTES + SENT_ROUTES}
    with_ids = {rule.endpoint for rule in app.url_map.iter_rules() if "public_id" in rule.arguments}
    assert with_ids <= covered, f"add these to the access tests: {with_ids - covered}"
    covered = {(method, endpoint) for method, endpoint, _ in DRAFT_ROUTES + SENT_ROUTES + STAFF_ROUTES}
    every = {(method, rule.endpoint) for rule in app.url_map.iter_rules()
             if {"public_id", "reference"} & rule.arguments for method in rule.methods & {"GET", "POST"}}
    assert every <= covered, f"add these to the access tests: {every - covered}"


def _reference_url(app, endpoint, reference):
    with app.test_request_context():
        return url_for(endpoint, reference=reference)


@pytest.mark.parametrize("method,endpoint,extra", STAFF_ROUTES)
def test_people_who_are_not_staff_get_not_found_on_staff_pages(portal, other_portal, app, method, endpoint, extra):
    from sqlalchemy import select

    from portal.store.disagreement_models import Disagreement

    portal.sign_in("alex")
    sent = portal.start()
    portal.answer_all(sent, WORKED_EXAMPLE)
    portal.send(sent)
    portal.submit(f"/assessments/{sent}/disagree/care-manager",
                  {"reason": "Not enough.", "talk": "writing", "contact_by": "email", "contact_details": "a@b.org"})
    with app.extensions["db_sessionmaker"]() as session:
        reference = session.scalar(select(Disagreement.reference))
    for who in (portal, other_portal):  # the person themself, and someone else
        if who is other_portal:
            who.sign_in("sam")
        target = _reference_url(app, endpoint, reference)
        if method == "GET":
            response = who.client.get(target)
        else:
            response = who.client.post(target, data={"csrf_token": who.csrf("/assessments/new"), "message": "x",
                                                     "decision": "keep_amount", "outcome": "upheld"})
        assert response.status_code == 404
        body = response.get_data(as_text=True)
        assert reference not in body and "Not enough" not in body and "Alex" not in body
    assert portal.client.get("/staff").status_code == 404


def test_signed_out_people_are_sent_to_sign_in_from_staff_pages(portal, app):
    assert portal.client.get("/staff").location.endswith("/sign-in")
    for method, endpoint, _ in STAFF_ROUTES:
        target = _reference_url(app, endpoint, "DIS-AAAA-AAAA")
        response = portal.client.get(target) if method == "GET" else portal.client.post(target)
        assert response.status_code in (302, 400), (endpoint, response.status_code)
        if response.status_code == 302:
            assert response.location.endswith("/sign-in")


@pytest.mark.parametrize("method,endpoint,extra", DRAFT_ROUTES + SENT_ROUTES)
def test_another_person_gets_not_found_and_learns_nothing(portal, other_portal, app, method, endpoint, extra):
    portal.sign_in("alex")
    draft = portal.start()
    portal.answer(draft, "date_of_birth", "1950-04-03")
    sent = portal.start()
    portal.answer_all(sent, WORKED_EXAMPLE)
    portal.send(sent)
    public_id = draft if (method, endpoint, extra) in DRAFT_ROUTES else sent

    other_portal.sign_in("sam")
    url = _url(app, endpoint, public_id, extra)
    if method == "GET":
        response = other_portal.client.get(url)
    else:
        token = other_portal.csrf("/assessments/new")
        response = other_portal.client.post(url, data={"csrf_token": token, "confirm": "y", "delete": "yes",
                                                       "date_of_birth-day": "1", "date_of_birth-month": "1",
                                                       "date_of_birth-year": "1999"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Alex" not in body and "1950" not in body and "£" not in body
    # A made-up id looks exactly the same as someone else's real one.
    made_up = other_portal.client.get(_url(app, endpoint, "not-a-real-id", extra)) if method == "GET" else None
    if made_up is not None:
        assert made_up.status_code == 404
    # And the owner's record is untouched.
    page = portal.get(_url(app, "assessment.task_list", draft, {})).soup
    assert page.h1


def test_signed_out_people_are_sent_to_sign_in(portal, app):
    for method, endpoint, extra in DRAFT_ROUTES + SENT_ROUTES:
        url = _url(app, endpoint, "anything", extra)
        response = portal.client.get(url) if method == "GET" else portal.client.post(url)
        assert response.status_code in (302, 400), (endpoint, response.status_code)
        if response.status_code == 302:
            assert response.location.endswith("/sign-in")


def test_a_carer_reaches_the_person_they_act_for_but_not_others(portal, other_portal):
    portal.sign_in("jo")
    for_dad = portal.start("someone_else", person_name="Ravi")
    assert portal.get(f"/assessments/{for_dad}").status_code == 200
    other_portal.sign_in("alex")
    assert other_portal.client.get(f"/assessments/{for_dad}").status_code == 404

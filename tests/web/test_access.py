"""Access control: every route that takes an id, tried by someone with no right to it."""

from __future__ import annotations

import re

import pytest
from flask import url_for

from tests import factories
from tests.web.helpers import WORKED_EXAMPLE, Portal
from tests.web.plan_helpers import PA_WEEKLY, budget_with_plan, plan_url
from tests.web.test_reviews import REVIEW_ROUTES  # a person's id: owner, helper, others, staff (tested there)

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
    ("GET", "assessment.sent", {}),
    ("GET", "disagree.route", {}),
    ("GET", "disagree.care-manager", {}),
    ("POST", "disagree.care-manager", {}),
    ("GET", "disagree.sent", {}),
    ("GET", "disagree.advocate", {}),
    ("POST", "disagree.advocate", {}),
    ("GET", "disagree.team-manager", {}),
    ("POST", "disagree.team-manager", {}),
    ("GET", "disagree.complaint", {}),
    ("POST", "disagree.complaint", {}),
    ("GET", "disagree.add", {}),
    ("POST", "disagree.add", {}),
    ("GET", "disagree.close", {}),
    ("POST", "disagree.close", {}),
    ("GET", "disagree.timeline", {}),
    ("GET", "disagree.ombudsman", {}),
    ("GET", "disagree.step", {"step": "care_manager"}),
    ("GET", "budget.summary_page", {}),
    ("GET", "budget.summary_pdf", {}),
]
# Every staff route with a disagreement's reference; wrong role and wrong case are in test_staff.py.
STAFF_ROUTES = [
    ("GET", "staff.case", {}),
    ("GET", "staff.answer", {}),
    ("POST", "staff.answer", {}),
    ("GET", "staff.acknowledge", {}),
    ("POST", "staff.acknowledge", {}),
    ("GET", "staff.final-answer", {}),
    ("POST", "staff.final-answer", {}),
    ("GET", "staff.letter", {"entry_id": 1}),
    ("POST", "staff.letter", {"entry_id": 1}),
    ("POST", "staff_outbox.retry", {"row_id": 1}),  # an outbox message: team managers only (test_outbox.py)
]
# Every staff route with a form's public id: a person's case and the decisions on their plan. Who may reach
# each (owner, helper, other people, each staff role, assigned or not) is in test_plan_approval_access.py.
STAFF_PERSON_ROUTES = [
    ("GET", "staff.person", {}),
    ("GET", "staff.return-plan", {}),
    ("POST", "staff.return-plan", {}),
    ("GET", "staff.approve-plan", {}),
    ("POST", "staff.approve-plan", {}),
    ("GET", "staff.tolerance", {}),
    ("POST", "staff.tolerance", {}),
    ("GET", "staff.panel", {}),
    ("POST", "staff.panel", {}),
]

# Every route with a grant's id (a helper's access to a person's record): its person and its helper only.
GRANT_ROUTES = [
    ("GET", "grants.end", {}),
    ("POST", "grants.end", {}),
]


# Every account route with a person's public id: how pages talk about them (he, she, they). The person, a
# helper who may fill in, a helper who may only look, another person and signed-out people are tried in
# test_pronouns.py.
ACCOUNT_PERSON_ROUTES = [
    ("GET", "account.pronouns", {}),
    ("POST", "account.pronouns", {}),
]


# Every staff route with a form's public id and a grant's id: a case holder confirms, queries or ends a
# helper's access (stories in test_grants_staff.py).
STAFF_GRANT_ROUTES = [
    ("GET", "staff.grant-confirm", {}),
    ("POST", "staff.grant-confirm", {}),
    ("GET", "staff.grant-concern", {}),
    ("POST", "staff.grant-concern", {}),
    ("GET", "staff.grant-end", {}),
    ("POST", "staff.grant-end", {}),
]


# Every support plan route. ITEM stands for the id of an item in the owner's draft plan.
ITEM = "<item>"
PLAN_DRAFT_ROUTES = [
    ("GET", "plan.plan", {}),
    ("GET", "plan.choose-help", {}),
    ("POST", "plan.choose-help", {}),
    ("GET", "plan.add-help", {"price_id": "meals"}),
    ("POST", "plan.add-help", {"price_id": "meals"}),
    ("GET", "plan.cost", {}),
    ("GET", "plan.change-item", {"item_id": ITEM}),
    ("POST", "plan.change-item", {"item_id": ITEM}),
    ("GET", "plan.change-help", {"item_id": ITEM}),
    ("POST", "plan.change-help", {"item_id": ITEM}),
    ("GET", "plan.remove-item", {"item_id": ITEM}),
    ("POST", "plan.remove-item", {"item_id": ITEM}),
    ("GET", "plan.check", {}),
    ("GET", "plan.send", {}),
    ("POST", "plan.send", {}),
    ("GET", "plan.pdf", {}),
]
PLAN_SENT_ROUTES = [
    ("GET", "plan.sent", {}),
    ("GET", "plan.pdf", {}),
]
PLAN_ROUTES = PLAN_DRAFT_ROUTES + PLAN_SENT_ROUTES

# URL arguments that name the council's content (the same for everyone), not somebody's record.
CONTENT_ARGUMENTS = {"question_id", "price_id", "questionnaire_id"}


def _url(app, endpoint, public_id, extra):
    with app.test_request_context():
        return url_for(endpoint, public_id=public_id, **extra)


def test_the_route_lists_cover_every_route_that_takes_an_id(app):
    """Any URL argument that names somebody's record (public_id, item_id, plan_id, a reference ...) needs
    its route, with each method, in these access tests."""
    covered = {
        (method, endpoint)
        for method, endpoint, _ in DRAFT_ROUTES
        + SENT_ROUTES
        + STAFF_ROUTES
        + PLAN_ROUTES
        + STAFF_PERSON_ROUTES
        + GRANT_ROUTES
        + STAFF_GRANT_ROUTES
        + ACCOUNT_PERSON_ROUTES
    } | set(REVIEW_ROUTES)
    every = {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if any(
            (arg.endswith("_id") and arg not in CONTENT_ARGUMENTS) or arg == "reference"
            for arg in rule.arguments
        )
        for method in rule.methods & {"GET", "POST"}
    }
    assert every <= covered, f"add these to the access tests: {sorted(every - covered)}"
    # and each listed plan route really takes the ids it is tested with
    for _, endpoint, extra in PLAN_ROUTES:
        assert any(
            r.endpoint == endpoint and {"public_id", *extra} <= r.arguments for r in app.url_map.iter_rules()
        )


def _reference_url(app, endpoint, reference, **extra):
    with app.test_request_context():
        return url_for(endpoint, reference=reference, **extra)


@pytest.mark.parametrize("method,endpoint,extra", STAFF_ROUTES)
def test_people_who_are_not_staff_get_not_found_on_staff_pages(
    portal, other_portal, app, method, endpoint, extra
):
    from sqlalchemy import select

    from portal.store.disagreement_models import Disagreement

    portal.sign_in("alex")
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    factories.disagreement(
        app,
        sent,
        app.extensions["clock"](),
        reason="Not enough.",
        weekly_pence=None,
        talk="writing",
        contact={"contact_by": "email", "contact_name": None, "contact_details": "a@b.org"},
    )
    with app.extensions["db_sessionmaker"]() as session:
        reference = session.scalar(select(Disagreement.reference))
    for who in (portal, other_portal):  # the person themself, and someone else
        if who is other_portal:
            who.sign_in("sam")
        target = _reference_url(app, endpoint, reference, **extra)
        if method == "GET":
            response = who.client.get(target)
        else:
            response = who.client.post(
                target,
                data={
                    "csrf_token": who.csrf("/assessments/new"),
                    "message": "x",
                    "decision": "keep_amount",
                    "outcome": "upheld",
                },
            )
        assert response.status_code == 404
        body = response.get_data(as_text=True)
        assert reference not in body and "Not enough" not in body and "Alex" not in body
    assert portal.client.get("/staff").status_code == 404


def test_signed_out_people_are_sent_to_sign_in_from_staff_pages(portal, app):
    assert portal.client.get("/staff").location.endswith("/sign-in")
    for method, endpoint, extra in STAFF_ROUTES:
        target = _reference_url(app, endpoint, "DIS-AAAA-AAAA", **extra)
        response = portal.client.get(target) if method == "GET" else portal.client.post(target)
        assert response.status_code in (302, 400), (endpoint, response.status_code)
        if response.status_code == 302:
            assert response.location.endswith("/sign-in")


@pytest.mark.parametrize("method,endpoint,extra", DRAFT_ROUTES + SENT_ROUTES)
def test_another_person_gets_not_found_and_learns_nothing(portal, other_portal, app, method, endpoint, extra):
    portal.sign_in("alex")
    draft = factories.draft_assessment(app, portal, {"date_of_birth": "1950-04-03"})
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    public_id = draft if (method, endpoint, extra) in DRAFT_ROUTES else sent

    other_portal.sign_in("sam")
    url = _url(app, endpoint, public_id, extra)
    if method == "GET":
        response = other_portal.client.get(url)
    else:
        token = other_portal.csrf("/assessments/new")
        response = other_portal.client.post(
            url,
            data={
                "csrf_token": token,
                "confirm": "y",
                "delete": "yes",
                "date_of_birth-day": "1",
                "date_of_birth-month": "1",
                "date_of_birth-year": "1999",
            },
        )
    assert response.status_code == 404
    # The error page's reference is 16 random hex digits: it may hold "1950" by chance, so it is left out.
    body = re.sub(r"\b[0-9a-f]{16}\b", "", response.get_data(as_text=True))
    assert "Alex" not in body and "1950" not in body and "£" not in body
    # A made-up id looks exactly the same as someone else's real one.
    made_up = (
        other_portal.client.get(_url(app, endpoint, "not-a-real-id", extra)) if method == "GET" else None
    )
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


# --- support plans ----------------------------------------------------------------------------


def _plan_request(client, app, method, endpoint, public_id, extra, item_id, token):
    url = _url(app, endpoint, public_id, {k: (item_id if v == ITEM else v) for k, v in extra.items()})
    if endpoint == "plan.cost":
        url += "?help=meals&quantity=7&frequency=per_week" + (f"&item={item_id}" if item_id else "")
    if method == "GET":
        return client.get(url)
    return client.post(
        url, data={"csrf_token": token, "help": "meals", "remove": "yes", "confirm": "y", **PA_WEEKLY}
    )


def _owner_with_plans(portal):
    """Alex with two budgets: one with a draft plan of one item, one with a sent plan."""
    portal.sign_in("alex")
    draft, item = budget_with_plan(portal)
    sent, _sent_item = budget_with_plan(portal)
    factories.send_plan(portal.app, sent)
    return draft, item, sent


def test_another_person_cannot_reach_any_plan_route(portal, other_portal, app):
    # One set-up for every route (building two budgets and plans is the slow part); each route is named
    # in the failure message.
    draft, item, sent = _owner_with_plans(portal)
    other_portal.sign_in("sam")
    token = other_portal.csrf("/assessments/new")
    for method, endpoint, extra in PLAN_ROUTES:
        public_id = sent if (method, endpoint, extra) in PLAN_SENT_ROUTES else draft
        for tried in (public_id, "not-a-real-id"):  # a made-up id looks exactly the same as a real one
            response = _plan_request(other_portal.client, app, method, endpoint, tried, extra, item, token)
            assert response.status_code == 404, (method, endpoint, tried, response.status_code)
            body = response.get_data(as_text=True)
            assert "Alex" not in body and "£" not in body and "Ana Silva" not in body, (method, endpoint)
    # The owner's plans are untouched.
    page = portal.get(plan_url(draft)).soup
    assert "Ana Silva" in page.get_text() and page.select_one(f"#item-{item}")
    assert portal.get(plan_url(sent, "/sent")).soup.select_one("#reference")


def test_an_item_id_from_someone_elses_plan_is_not_found_in_your_own(portal, other_portal, app):
    draft, alex_item, _sent = _owner_with_plans(portal)
    other_portal.sign_in("sam")
    sams_plan, _sams_item = budget_with_plan(other_portal)
    token = other_portal.csrf("/assessments/new")
    item_routes = [r for r in PLAN_DRAFT_ROUTES if ITEM in r[2].values()] + [("GET", "plan.cost", {})]
    assert len(item_routes) == 7
    for method, endpoint, extra in item_routes:
        response = _plan_request(
            other_portal.client, app, method, endpoint, sams_plan, extra, alex_item, token
        )
        assert response.status_code == 404, (method, endpoint, response.status_code)
        assert "Ana Silva" not in response.get_data(as_text=True)
    assert portal.get(plan_url(draft)).soup.select_one(f"#item-{alex_item}")


def test_signed_out_people_cannot_reach_a_plan(portal, app):
    for method, endpoint, extra in PLAN_ROUTES:
        response = _plan_request(portal.client, app, method, endpoint, "anything", extra, "anything", "")
        assert response.status_code in (302, 400), (endpoint, response.status_code)
        if response.status_code == 302:
            assert response.location.endswith("/sign-in")


def test_a_carer_reaches_the_plan_of_the_person_they_act_for_and_it_is_audited(portal, other_portal, app):
    from sqlalchemy import select

    from portal.store.models import AuditEvent

    portal.sign_in("jo")
    for_dad, item = budget_with_plan(portal, for_whom="someone_else")
    assert portal.get(plan_url(for_dad)).soup.h1.get_text(strip=True) == "Support plan for Ravi"
    assert portal.get(plan_url(for_dad, f"/items/{item}")).status_code == 200
    other_portal.sign_in("alex")
    assert other_portal.client.get(plan_url(for_dad)).status_code == 404
    assert other_portal.client.get(plan_url(for_dad, f"/items/{item}")).status_code == 404
    with app.extensions["db_sessionmaker"]() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.target, AuditEvent.basis)).all()
    assert ("view plan", f"assessment:{for_dad}", "authority:asked_by_person") in events
    assert ("change plan", f"assessment:{for_dad}", "authority:asked_by_person") in events


# --- grants ----------------------------------------------------------------------------------


def test_a_grants_page_is_reached_by_its_person_and_helper_only(portal, other_portal, app):
    """Other citizens and every staff role get "Page not found" on a grant's pages, and it stays in force;
    its helper and its person reach it."""
    from sqlalchemy import select

    from portal.store.models import Grant

    portal.sign_in("jo")
    factories.draft_assessment(app, portal, helper=factories.Helper("Ravi", "Son", "deputy", "A court"))
    with app.extensions["db_sessionmaker"]() as session:
        grant_id = session.scalar(select(Grant.public_id))
    from portal.store.models import User

    staff = factories.demo_staff(app)
    with app.extensions["db_sessionmaker"]() as session:
        staff_subjects = [session.get(User, user_id).subject for user_id in staff.values()]
    assert sorted(staff_subjects) == ["chris", "kim", "pat", "robin"]  # each demo staff role
    for name in ["alex", "sam", *staff_subjects]:
        other_portal.sign_in(name)
        token = other_portal.csrf("/assessments/new")
        for method, endpoint, _extra in GRANT_ROUTES:
            with app.test_request_context():
                url = url_for(endpoint, grant_id=grant_id)
            response = (
                other_portal.client.get(url)
                if method == "GET"
                else other_portal.client.post(url, data={"csrf_token": token})
            )
            assert response.status_code == 404, (name, method, endpoint)
            assert "Ravi" not in response.get_data(as_text=True)
    assert portal.get(f"/account/helpers/{grant_id}/end").status_code == 200
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(Grant.ended_at)) is None


def test_a_helpers_grant_is_acted_on_by_the_case_holders_only(portal, other_portal, app):
    """The staff's pages about a helper's grant: the care manager and team manager who hold the case reach
    them; the person, the helper, another citizen and every other staff role get "Page not found", and
    nothing changes."""
    from sqlalchemy import select

    from portal.store.models import Grant, GrantNote

    portal.sign_in("alex")
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    response = portal.post(
        "/account/who-can-see/invite",
        {"helper_name": "Jo", "relationship": "Son", "scope": "see"},
        200,
    )
    other_portal.sign_in("jo")
    other_portal.post(
        "/account/invitation", {"code": response.soup.select_one("#code").get_text(strip=True)}, 303
    )
    factories.demo_staff(app)
    factories.assign(app, sent, "care_manager", "chris")
    factories.assign(app, sent, "team_manager", "pat")
    with app.extensions["db_sessionmaker"]() as session:
        grant_id = session.scalar(select(Grant.public_id))
    who = Portal(app)
    for name, allowed in [
        ("alex", False),
        ("jo", False),
        ("sam", False),
        ("kim", False),
        ("robin", False),
        ("chris", True),
        ("pat", True),
    ]:
        who.sign_in(name)
        token = who.csrf("/account/who-can-see/invite")
        for method, endpoint, _extra in STAFF_GRANT_ROUTES:
            url = _url(app, endpoint, sent, {"grant_id": grant_id})
            if method == "GET":
                status = who.client.get(url).status_code
            else:  # an empty note: a case holder sees the error, and nothing is stored
                status = who.client.post(url, data={"csrf_token": token, "send_token": "a" * 32}).status_code
            assert (status == 200) if allowed else (status == 404), (name, method, endpoint, status)
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(GrantNote)) is None
        assert session.scalar(select(Grant.ended_at)) is None

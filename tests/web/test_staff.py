"""The council's side: staff roles, work lists, answers, access by role and assignment, audit,
and notifications (local and real SMTP)."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from portal.store.disagreement_models import (
    CaseAssignment,
    Disagreement,
    DisagreementEntry,
    LocalMessage,
    StaffMember,
)
from portal.store.models import AuditEvent, User
from tests import factories
from tests.mail import deliver
from tests.web.helpers import Portal
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, raise_data, set_today, url


def _db(app):
    return app.extensions["db_sessionmaker"]()


def disagreement(portal, app, person="alex", today=TUESDAY_BEFORE_CHRISTMAS, **data) -> tuple[str, str]:
    """A sent budget and a disagreement with it, told to the care manager on `today`.

    Returns the assessment id and the reference.
    """
    set_today(app, today)
    portal.sign_in(person)
    assessment_id = factories.sent_assessment(app, portal)
    sent = raise_data(**data)
    reference = factories.disagreement(
        app,
        assessment_id,
        today,
        reason=sent["reason"],
        weekly_pence=int(Decimal(sent["amount"]) * 100),
        talk=sent["talk"],
        contact={
            "contact_by": sent["contact_by"],
            "contact_name": sent.get("contact_name"),
            "contact_details": sent["contact_details"],
        },
    )
    return assessment_id, reference


@pytest.fixture
def staff(app):
    return Portal(app)


def make_staff(app, subject: str, role: str) -> None:
    """Give a demo person's account a staff role (a second care manager, say)."""
    factories.staff_member(app, subject, role)


def test_demo_staff_sign_in_to_their_work_list(portal, staff, app):
    page = staff.get("/sign-in/demo").soup
    names = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert {"Chris (care manager)", "Pat (team manager)", "Kim (complaints officer)"} <= set(names)
    staff.sign_in("pat")
    response = staff.client.get("/account")
    assert response.status_code == 200
    home = staff.get("/staff").soup
    assert home.h1.get_text(strip=True) == "Your work list"
    assert "team manager" in home.get_text()
    assert home.select_one("#empty")
    assert any(a.get_text(strip=True) == "Work list" for a in home.select(".govuk-service-navigation a"))
    with _db(app) as session:
        roles = {m.user.subject: m.role for m in session.scalars(select(StaffMember))}
    assert roles == {
        "chris": "care_manager",
        "pat": "team_manager",
        "kim": "complaints_officer",
        "robin": "ras_lead",  # the RAS lead holds no cases: their pages are the fairness report's
    }
    # The sign-in lands on the work list.
    other = Portal(app)
    response = other.post("/sign-in/demo", {"person": "kim"})
    assert response.location.endswith("/staff")


def test_demo_cases_are_held_by_the_demo_care_manager_and_team_manager(portal, app):
    disagreement(portal, app)
    with _db(app) as session:
        held = {(a.role, a.staff_user.subject) for a in session.scalars(select(CaseAssignment))}
    assert held == {("care_manager", "chris"), ("team_manager", "pat")}


def test_the_work_list_is_ordered_by_due_date_with_late_cases_marked(portal, other_portal, staff, app):
    _, first = disagreement(portal, app, today=date(2026, 12, 1))
    _, second = disagreement(other_portal, app, person="sam", today=date(2026, 11, 20))
    set_today(app, date(2026, 12, 7))
    staff.sign_in("chris")
    rows = staff.get("/staff").soup.select("#work-list tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [second, first]
    assert "Late" in rows[0].get_text() and "4 December 2026" in rows[0].get_text()
    assert "Late" not in rows[1].get_text() and "15 December 2026" in rows[1].get_text()


def test_a_care_manager_arranges_a_meeting_then_answers(portal, staff, app):
    assessment_id, reference = disagreement(portal, app)
    staff.sign_in("chris")
    staff.submit(
        f"/staff/cases/{reference}/answer",
        {
            "decision": "arrange_meeting",
            "meeting_date-day": "5",
            "meeting_date-month": "1",
            "meeting_date-year": "2027",
            "meeting_details": "10am at your home",
            "message": "Let us talk about your nights.",
        },
    )
    # A meeting is an answer, but not a decision: the step stays open, on the work list.
    assert reference in staff.get("/staff").soup.get_text()
    timeline = portal.get(url(assessment_id, "timeline")).soup.get_text(" ", strip=True)
    assert "Meeting on 5 January 2027. 10am at your home" in timeline
    assert "Waiting for an answer" in timeline
    staff.submit(
        f"/staff/cases/{reference}/answer",
        {"decision": "keep_amount", "message": "After our talk: it stays."},
    )
    deliver(app)
    with _db(app) as session:
        assert session.scalar(select(Disagreement.state)) == "care_manager_answered"
        subjects = [
            m.subject
            for m in session.scalars(
                select(LocalMessage)
                .where(LocalMessage.recipient == "alex@example.org")
                .order_by(LocalMessage.id)
            )
        ]
    assert subjects[-2:] == [
        f"We would like to talk with you ({reference})",
        f"We have answered you ({reference})",
    ]


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"decision": ""}, "decision", "Choose your answer"),
        ({"decision": "escalate"}, "decision", "Choose your answer"),
        ({"decision": "agree_new_amount", "amount": ""}, "amount", "Enter the new amount each week"),
        (
            {"decision": "agree_new_amount", "amount": "-5"},
            "amount",
            "Enter the amount in pounds, like 150 or 150.50",
        ),
        ({"decision": "keep_amount", "message": ""}, "message", "Write your answer to the person"),
        (
            {"decision": "arrange_meeting", "meeting_details": "At home"},
            "meeting_date-day",
            "Enter the date of the meeting",
        ),
        (
            {
                "decision": "arrange_meeting",
                "meeting_date-day": "1",
                "meeting_date-month": "12",
                "meeting_date-year": "2026",
                "meeting_details": "At home",
            },
            "meeting_date-day",
            "The meeting date must be today or later",
        ),
        (
            {
                "decision": "arrange_meeting",
                "meeting_date-day": "31",
                "meeting_date-month": "2",
                "meeting_date-year": "2027",
                "meeting_details": "At home",
            },
            "meeting_date-day",
            "Enter a real date",
        ),
        (
            {
                "decision": "arrange_meeting",
                "meeting_date-day": "5",
                "meeting_date-month": "1",
                "meeting_date-year": "2027",
            },
            "meeting_details",
            "Enter the time and place of the meeting",
        ),
    ],
)
def test_every_bad_staff_answer_gets_a_clear_error(portal, staff, app, data, field, message):
    _, reference = disagreement(portal, app)
    staff.sign_in("chris")
    response = staff.submit(f"/staff/cases/{reference}/answer", {"message": "An answer.", **data}, status=200)
    summary = response.soup.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    assert summary.select_one("a")["href"] == f"#{field}"
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == 1


def test_a_staff_answer_sent_twice_is_stored_and_notified_once(portal, staff, app):
    _, reference = disagreement(portal, app)
    staff.sign_in("chris")
    first = staff.submit(
        f"/staff/cases/{reference}/answer",
        {"decision": "agree_new_amount", "amount": "140", "message": "Agreed."},
    )
    again = staff.client.post(f"/staff/cases/{reference}/answer", data=first.sent_data)
    assert again.status_code == 302
    deliver(app)
    with _db(app) as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(DisagreementEntry)
                .where(DisagreementEntry.kind == "agree_new_amount")
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(LocalMessage)
                .where(LocalMessage.subject.startswith("We agreed a new amount"))
            )
            == 1
        )


def test_complaint_acknowledge_and_answer_forms_check_their_input(portal, staff, app):
    assessment_id, reference = disagreement(portal, app)
    staff.sign_in("chris")
    staff.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "Stands."})
    portal.submit(url(assessment_id, "team-manager"), {"reason": "Please look again."})
    staff.sign_in("pat")
    staff.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "Stands."})
    portal.submit(url(assessment_id, "complaint"), {"complaint": "Unfair.", "put_right": "More money."})
    staff.sign_in("kim")
    rows = staff.get("/staff").soup.select("#work-list tbody tr")
    assert "Say we have the complaint" in rows[0].get_text() and "28 December 2026" not in rows[0].get_text()
    assert "29 December 2026" in rows[0].get_text()  # 3 working days after 22 December
    response = staff.submit(f"/staff/cases/{reference}/acknowledge", {"message": ""}, status=200)
    assert "Write your message to the person" in response.soup.select_one(".govuk-error-summary").get_text()
    response = staff.submit(
        f"/staff/cases/{reference}/final-answer", {"outcome": "maybe", "message": "x"}, status=200
    )
    assert "Choose the final answer" in response.soup.select_one(".govuk-error-summary").get_text()
    # The final answer can come without a separate acknowledgement: it says we have the complaint too.
    staff.submit(
        f"/staff/cases/{reference}/final-answer", {"outcome": "not_upheld", "message": "We looked again."}
    )
    with _db(app) as session:
        case = session.scalar(select(Disagreement))
        step = case.step("complaint")
        assert (case.state, step.outcome, step.acknowledged_on) == (
            "complaint_answered",
            "not_upheld",
            TUESDAY_BEFORE_CHRISTMAS,
        )
    # Now both complaint pages are closed, with a message, and nothing changes.
    assert "cannot be answered now" in staff.get(f"/staff/cases/{reference}/acknowledge").soup.h1.get_text()
    refused = staff.client.post(
        f"/staff/cases/{reference}/acknowledge",
        data={"csrf_token": staff.csrf("/assessments/new"), "send_token": "e" * 32, "message": "Late."},
    )
    assert refused.status_code == 409


# --- who may see what -------------------------------------------------------------


def _try(who: Portal, app, method: str, path: str, status: int) -> None:
    if method == "GET":
        response = who.client.get(path)
    else:
        response = who.client.post(
            path,
            data={
                "csrf_token": who.csrf("/assessments/new"),
                "send_token": "f" * 32,
                "decision": "keep_amount",
                "message": "x",
                "outcome": "upheld",
            },
        )
    assert response.status_code == status, (method, path, response.status_code)
    if status == 404:
        assert "Alex" not in response.get_data(as_text=True)


STAFF_PAGES = ["", "/answer", "/acknowledge", "/final-answer"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_each_staff_route_with_the_wrong_role_or_the_wrong_case(portal, other_portal, staff, app, method):
    """At the care manager's step: only the assigned care manager sees the case, and only the
    answer page is for their role."""
    _, reference = disagreement(portal, app)
    staff.sign_in("sam")  # a user with no staff role yet
    make_staff(app, "sam", "care_manager")  # another care manager: the wrong case
    with _db(app) as session:
        before = session.scalar(select(func.count()).select_from(DisagreementEntry))
    for page in STAFF_PAGES:
        if method == "POST" and page == "":
            continue
        path = f"/staff/cases/{reference}{page}"
        _try(staff, app, method, path, 404)  # Sam: a care manager, but not Alex's
        pat, kim, chris = Portal(app), Portal(app), Portal(app)
        pat.sign_in("pat")
        kim.sign_in("kim")
        chris.sign_in("chris")
        _try(pat, app, method, path, 404)  # team manager: not escalated yet
        _try(kim, app, method, path, 404)  # complaints officer: no complaint
        if page in ("/acknowledge", "/final-answer"):
            _try(chris, app, method, path, 404)  # the right case, the wrong role
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == before
    # A made-up reference looks the same as one you may not see.
    _try(staff, app, "GET", "/staff/cases/DIS-AAAA-AAAA", 404)


def test_the_team_manager_and_complaints_officer_see_a_case_once_it_reaches_them(portal, staff, app):
    assessment_id, reference = disagreement(portal, app)
    set_today(app, date(2027, 1, 11))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "No answer."})
    pat = Portal(app)
    pat.sign_in("pat")
    assert pat.get(f"/staff/cases/{reference}").status_code == 200
    # The team manager's page is not the complaints officer's.
    kim = Portal(app)
    kim.sign_in("kim")
    assert kim.client.get(f"/staff/cases/{reference}").status_code == 404
    assert kim.client.get(f"/staff/cases/{reference}/answer").status_code == 404
    # A team manager who does not hold the case cannot see it.
    staff.sign_in("sam")
    make_staff(app, "sam", "team_manager")
    assert staff.client.get(f"/staff/cases/{reference}").status_code == 404
    # The care manager can no longer answer: the person moved on.
    chris = Portal(app)
    chris.sign_in("chris")
    assert chris.get(f"/staff/cases/{reference}").status_code == 200
    assert "cannot be answered now" in chris.get(f"/staff/cases/{reference}/answer").soup.h1.get_text()


def test_a_staff_member_who_is_no_longer_active_sees_nothing(portal, staff, app):
    _, reference = disagreement(portal, app)
    staff.sign_in("chris")
    with _db(app) as session:
        member = session.scalar(select(StaffMember).where(StaffMember.role == "care_manager"))
        member.active = False
        session.commit()
    assert staff.client.get("/staff").status_code == 404
    assert staff.client.get(f"/staff/cases/{reference}").status_code == 404


def test_every_staff_look_and_change_is_audited_with_whose_record_it_is(portal, staff, app):
    _, reference = disagreement(portal, app)
    staff.sign_in("chris")
    staff.get(f"/staff/cases/{reference}")
    staff.get(f"/staff/cases/{reference}")
    staff.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "Stands."})
    with _db(app) as session:
        chris = session.scalar(select(User).where(User.subject == "chris"))
        person_id = session.scalar(select(Disagreement.person_id))
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        rows = [(e.actor_id, e.person_id, e.action, e.target, e.basis) for e in events]
    target = f"disagreement:{reference}"
    assert (
        rows.count((chris.id, person_id, "staff_view", target, "staff:care_manager")) >= 3
    )  # 2 looks + form
    assert (chris.id, person_id, "staff_answer", target, "staff:care_manager") in rows
    assert (chris.id, person_id, "keep_amount", target, "staff:care_manager") in rows
    assert all(e.at is not None for e in events)


def test_the_staff_case_page_shows_the_budget_and_timeline(portal, staff, app):
    _, reference = disagreement(portal, app)
    staff.sign_in("chris")
    page = staff.get(f"/staff/cases/{reference}").soup
    text = page.get_text(" ", strip=True)
    assert "£118.80 a week" in text and "22 points" in text and "example-2026-1" in text
    assert "I need help every night" in text and "Would like a phone call" in text
    assert page.select_one(f'a[href="/staff/cases/{reference}/answer"]')


# --- notifications -------------------------------------------------------------------


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1, on a free port, that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Keep:
        def __init__(self):
            self.received = []
            self.event = threading.Event()

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            self.received.append(envelope)
            self.event.set()
            return "250 Message accepted"

    class FreePort(Controller):
        # The OS picks the port (port 0); aiosmtpd's start-up check must then use the port it got.
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    handler = Keep()
    controller = FreePort(handler, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def test_real_email_goes_through_smtp(settings, smtp_server):
    from dataclasses import replace

    from portal import create_app

    controller, handler = smtp_server
    app = create_app(
        replace(
            settings,
            smtp_host="127.0.0.1",
            smtp_port=controller.port,
            smtp_from="portal@example.org",
            smtp_starttls=False,
        )
    )
    app.config.update(TESTING=True)
    try:
        portal = Portal(app)
        disagreement(portal, app)
        assert deliver(app).sent == 2
        assert handler.event.wait(5)
        recipients = sorted(r for envelope in handler.received for r in envelope.rcpt_tos)
        assert recipients == ["alex@example.org", "chris@example.org"]
        message = next(e for e in handler.received if e.rcpt_tos == ["alex@example.org"]).content.decode()
        assert "From: portal@example.org" in message and "Subject: We have your message (DIS-" in message
        assert "8 January 2027" in message
        with _db(app) as session:
            assert session.scalar(select(func.count()).select_from(LocalMessage)) == 0
    finally:
        from tests.conftest import _empty_tables

        _empty_tables(app.extensions["db_engine"])
        app.extensions["db_engine"].dispose()


def test_a_mail_server_that_is_down_does_not_lose_what_the_person_sent(settings, caplog):
    from dataclasses import replace

    from portal import create_app

    app = create_app(
        replace(
            settings, smtp_host="127.0.0.1", smtp_port=9, smtp_from="portal@example.org", smtp_starttls=False
        )
    )
    app.config.update(TESTING=True)
    try:
        portal = Portal(app)
        disagreement(portal, app)
        with _db(app) as session:
            assert session.scalar(select(func.count()).select_from(Disagreement)) == 1
        assert deliver(app).not_sent == 2
        assert "Could not send a notification" in caplog.text
    finally:
        from tests.conftest import _empty_tables

        _empty_tables(app.extensions["db_engine"])
        app.extensions["db_engine"].dispose()


# Every staff page, and the staff roles it is for. Every other role gets "Page not found",
# even when its holder may see the case (a complaints officer and a complaint, say).
STAFF_ROUTE_ROLES = {
    "staff.work-list": {"care_manager", "team_manager", "complaints_officer", "panel"},
    "staff.case": {"care_manager", "team_manager", "complaints_officer"},
    "staff.answer": {"care_manager", "team_manager"},
    "staff.acknowledge": {"complaints_officer"},
    "staff.final-answer": {"complaints_officer"},
    # Each role posts its own letters; another role's letter is not found (tests/web/test_letters.py).
    "staff.letter": {"care_manager", "team_manager", "complaints_officer"},
}
# The pages about a person's form and plan: who reaches each is tried in test_plan_approval_access.py.
PERSON_ROUTE_ROLES = {
    "staff.cases": {"care_manager", "team_manager", "panel"},
    "staff.person": {"care_manager", "team_manager", "panel"},
    "staff.return-plan": {"care_manager"},
    "staff.approve-plan": {"care_manager"},
    "staff.tolerance": {"team_manager"},
    "staff.panel": {"team_manager", "panel"},
    # A helper's access on a case: the case holders only (test_grants_staff.py, test_access.py).
    "staff.grant-confirm": {"care_manager", "team_manager"},
    "staff.grant-concern": {"care_manager", "team_manager"},
    "staff.grant-end": {"care_manager", "team_manager"},
}
DEMO_STAFF_BY_ROLE = {"care_manager": "chris", "team_manager": "pat", "complaints_officer": "kim"}


def test_the_role_table_covers_every_staff_route(app):
    staff_endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff.")
    }
    assert staff_endpoints == set(STAFF_ROUTE_ROLES) | set(PERSON_ROUTE_ROLES), (
        "say which roles each page is for"
    )


def _complaint_everyone_may_see(portal, app) -> str:
    """A case at the complaint step: the care manager, team manager and complaints officer all hold it."""
    assessment_id, reference = disagreement(portal, app)
    set_today(app, date(2027, 1, 11))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "No answer."})
    set_today(app, date(2027, 1, 26))
    portal.submit(
        url(assessment_id, "complaint"), {"complaint": "No answers at all.", "put_right": "An answer."}
    )
    return reference


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_each_staff_page_is_not_found_for_every_other_role_even_one_that_holds_the_case(portal, app, method):
    reference = _complaint_everyone_may_see(portal, app)
    people = {}
    for role, subject in DEMO_STAFF_BY_ROLE.items():
        people[role] = Portal(app)
        people[role].sign_in(subject)
        # Each of them holds this case: it is on their case page.
        assert reference in people[role].get(f"/staff/cases/{reference}").soup.get_text()
    with _db(app) as session:
        before = session.scalar(select(func.count()).select_from(DisagreementEntry))
    with app.test_request_context():
        from flask import url_for

        ids = {"staff.work-list": {}, "staff.letter": {"reference": reference, "entry_id": 1}}
        paths = {
            endpoint: url_for(endpoint, **ids.get(endpoint, {"reference": reference}))
            for endpoint in STAFF_ROUTE_ROLES
        }
    tried = 0
    for endpoint, roles in STAFF_ROUTE_ROLES.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        if method not in rule.methods:
            continue
        for role, who in people.items():
            if role in roles:
                continue
            _try(who, app, method, paths[endpoint], 404)
            tried += 1
    assert tried == 5  # the answer page for the complaints officer; two complaint pages for two managers
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == before

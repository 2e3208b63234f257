"""The factories in tests/factories.py make what the pages make: the same records, and the same pages seen."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.store.disagreement_models import CaseAssignment, Disagreement, DisagreementEntry, DisagreementStep
from portal.store.models import Answer, Assessment, AuditEvent, Calculation, Grant
from tests import factories
from tests.personas import persona
from tests.web.helpers import Portal
from tests.web.plan_helpers import add_item, plan_url

CHANGING = [
    (re.compile(r"/assessments/[A-Za-z0-9_-]+"), "/assessments/ID"),
    (re.compile(r"/items/[A-Za-z0-9_-]+"), "/items/ID"),
    (re.compile(r"\b(PLAN|DIS)-[A-Z0-9]{4}-[A-Z0-9]{4}\b"), r"\1-REF"),
]


def seen(page) -> str:
    """What a person sees in the page's main part, and where its links and forms lead, with the record ids
    (different for every record) taken out."""
    main = page.select_one("main")
    for hidden in main.select("input[name=csrf_token], input[name=send_token]"):
        hidden.decompose()
    text = " ".join(main.get_text(" ", strip=True).split())
    links = " ".join(
        tag.get("href") or tag.get("action") or "" for tag in main.select("a[href], form[action]")
    )
    shown = f"{text}\n{links}"
    for pattern, replacement in CHANGING:
        shown = pattern.sub(replacement, shown)
    return shown


def _db(app):
    return app.extensions["db_sessionmaker"]()


def _records(app, public_id: str) -> dict:
    """The stored records of a sent form, without the ids and times that differ between two of them."""
    with _db(app) as session:
        assessment = session.scalar(select(Assessment).where(Assessment.public_id == public_id))
        calculation = session.scalar(select(Calculation).where(Calculation.assessment_id == assessment.id))
        authority = session.scalar(select(Grant).where(Grant.person_id == assessment.person_id))
        return {
            "status": assessment.status,
            "config_version": assessment.config_version,
            "person": assessment.person.name,
            "submitted": (
                assessment.submitted_at is not None,
                assessment.submitted_by_id,
                assessment.started_by_id,
            ),
            "answers": sorted(
                (a.question_id, a.value, a.more, a.updated_by_id)
                for a in session.scalars(select(Answer).where(Answer.assessment_id == assessment.id))
            ),
            "calculation": (
                calculation.config_version,
                calculation.answers,
                calculation.result,
                calculation.weekly_pence,
                calculation.yearly_pence,
            ),
            "authority": (authority.relationship_to_person, authority.basis) if authority else None,
            "sent_audit": sorted(
                (e.action, e.basis)
                for e in session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.person_id == assessment.person_id, AuditEvent.action == "send"
                    )
                )
            ),
        }


@pytest.mark.parametrize("persona_id", ["worked_example", "filled_in_by_a_helper", "cares_for_a_child"])
def test_a_factory_budget_is_the_budget_the_pages_make(portal, app, persona_id):
    who = persona(persona_id)
    portal.sign_in(who.sign_in)
    through_pages = portal.start("someone_else", **vars(who.helper)) if who.helper else portal.start()
    portal.answer_all(through_pages, who.answers)
    portal.send(through_pages)
    from_factory = factories.sent_assessment(app, portal, who.answers, helper=who.helper)

    assert _records(app, from_factory) == _records(app, through_pages)
    for page in ("budget", "disagree", "plan"):
        made = portal.get(f"/assessments/{from_factory}/{page}").soup
        walked = portal.get(f"/assessments/{through_pages}/{page}").soup
        assert seen(made) == seen(walked), page


def test_a_factory_plan_is_the_plan_the_pages_make(portal, app):
    who = persona("worked_example")
    portal.sign_in("alex")
    through_pages = factories.sent_assessment(app, portal)
    for item in who.plan_items:
        add_item(portal, through_pages, item.price_id, item.fields)
    from_factory = factories.sent_assessment(app, portal)
    factories.plan(app, from_factory, who.plan_items)
    portal.get(plan_url(through_pages))  # shows, once, what was added
    for page in ("", "/check"):
        assert seen(portal.get(plan_url(from_factory, page)).soup) == seen(
            portal.get(plan_url(through_pages, page)).soup
        )
    portal.post(plan_url(through_pages, "/send"), {"confirm": "y"})
    factories.send_plan(app, from_factory)
    assert seen(portal.get(plan_url(from_factory, "/sent")).soup) == seen(
        portal.get(plan_url(through_pages, "/sent")).soup
    )
    assert seen(portal.get(f"/assessments/{from_factory}/disagree").soup) == seen(
        portal.get(f"/assessments/{through_pages}/disagree").soup
    )


def _route_records(app, reference: str) -> dict:
    with _db(app) as session:
        case = session.scalar(select(Disagreement).where(Disagreement.reference == reference))
        return {
            "case": (
                case.state,
                case.version,
                case.raised_on,
                case.raised_by_id,
                case.advocate_requested_on,
                case.closed_on,
            ),
            "steps": [
                (
                    s.kind,
                    s.opened_on,
                    s.due_on,
                    s.acknowledge_due_on,
                    s.acknowledged_on,
                    s.answered_on,
                    s.answered_by_id,
                    s.outcome,
                    s.agreed_weekly_pence,
                    s.left_on,
                )
                for s in session.scalars(
                    select(DisagreementStep)
                    .where(DisagreementStep.disagreement_id == case.id)
                    .order_by(DisagreementStep.id)
                )
            ],
            "entries": [
                (
                    e.step_kind,
                    e.kind,
                    e.author_id,
                    e.author_role,
                    e.basis,
                    e.sent_on,
                    e.text,
                    e.weekly_pence,
                    e.details,
                    e.send_token is not None,
                )
                for e in session.scalars(
                    select(DisagreementEntry)
                    .where(DisagreementEntry.disagreement_id == case.id)
                    .order_by(DisagreementEntry.id)
                )
            ],
            "held": sorted(
                (a.role, a.staff_user_id)
                for a in session.scalars(
                    select(CaseAssignment).where(CaseAssignment.person_id == case.person_id)
                )
            ),
        }


def test_a_factory_disagreement_is_the_disagreement_the_pages_make(portal, app):
    """Raised by the person, answered by the care manager, taken to a team manager who answers too."""
    day = date(2026, 12, 22)
    app.extensions["clock"] = lambda: day
    portal.sign_in("alex")
    through_pages = factories.sent_assessment(app, portal)
    portal.submit(
        f"/assessments/{through_pages}/disagree/care-manager",
        {
            "reason": factories.RAISE["reason"],
            "amount": "150",
            "talk": "call",
            "contact_by": "phone",
            "contact_details": "01632 960001",
        },
    )
    with _db(app) as session:
        walked = session.scalar(select(Disagreement.reference))
    staff = Portal(app)
    staff.sign_in("chris")
    staff.submit(
        f"/staff/cases/{walked}/answer", {"decision": "keep_amount", "message": "The amount stands."}
    )
    portal.submit(f"/assessments/{through_pages}/disagree/team-manager", {"reason": "Please look again."})
    staff.sign_in("pat")
    staff.submit(
        f"/staff/cases/{walked}/answer", {"decision": "keep_amount", "message": "The amount stands."}
    )

    from_factory = factories.sent_assessment(app, portal)
    made = factories.disagreement(app, from_factory, day, state="team_manager_answered")

    made_records, walked_records = _route_records(app, made), _route_records(app, walked)
    assert made_records.pop("held") == walked_records.pop("held")
    assert made_records == walked_records
    for page in ("disagree", "disagree/timeline", "budget"):
        assert seen(portal.get(f"/assessments/{from_factory}/{page}").soup) == seen(
            portal.get(f"/assessments/{through_pages}/{page}").soup
        ), page
    staff.sign_in("pat")
    # the same page, whose link to the person's case page names each one's own form
    assert seen(staff.get(f"/staff/cases/{made}").soup).replace(from_factory, "FORM") == seen(
        staff.get(f"/staff/cases/{walked}").soup
    ).replace(through_pages, "FORM")


@pytest.mark.parametrize("state", list(factories.ROUTE_MOVES))
def test_a_disagreement_can_be_made_at_every_state_of_the_route(portal, app, state):
    portal.sign_in("alex")
    sent = factories.sent_assessment(app, portal)
    reference = factories.disagreement(app, sent, date(2026, 12, 22), state=state)
    with _db(app) as session:
        assert session.scalar(select(Disagreement.state).where(Disagreement.reference == reference)) == state


def test_staff_members_and_assignments(portal, app):
    portal.sign_in("alex")
    sent = factories.sent_assessment(app, portal)
    factories.staff_member(app, "sam", "care_manager")
    factories.assign(app, sent, "care_manager", "sam")
    reference = factories.disagreement(app, sent, date(2026, 12, 22))
    sam = Portal(app)
    sam.sign_in("sam")
    assert reference in sam.get("/staff").soup.select_one("#work-list").get_text()
    chris = Portal(app)
    chris.sign_in("chris")
    assert chris.client.get(f"/staff/cases/{reference}").status_code == 404

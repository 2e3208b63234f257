"""Test states built straight through the store, instead of walking every page to get there.

A test that is about the support plan needs a sent budget; a test about a staff answer needs a
disagreement. Walking the questionnaire and the forms over HTTP for each of them costs most of the web
suite's time, and tests nothing the journey tests do not already test. These factories make the same
records the portal makes:

- the budget is worked out by the rules package and sent by the portal's own send (`submit`), in a
  request context signed in as the same user, so the stored calculation, its answers and the audit
  trail are what the send page writes;
- plan items are written as the item page saves them, and a plan is sent by the plan's own send;
- disagreements move along their route only through `portal.journeys.disagree.service`, the functions
  the person's and the staff pages call, so the rules check every move and every notification is sent;
- staff roles and case assignments through `portal.journeys.staff.roles`.

tests/web/test_factories.py checks that a factory-built state and one built through the pages render
the same pages. The walks that test the journey itself (tests/web/test_journey.py, test_personas.py)
still go through every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from flask import g
from sqlalchemy import select

from portal import ras
from portal.journeys.auth.demo import DEMO_ISSUER, demo_person
from portal.ras import disagreement as route
from portal.ras import plan as plan_rules
from portal.store import db
from portal.store.disagreement_models import Disagreement, StaffMember
from portal.store.models import Answer, Assessment, Grant, Person, User
from portal.store.plan_models import Plan, PlanItem
from tests.examples import WORKED_EXAMPLE
from tests.personas import Helper

# What a person writes when they tell the care manager the budget is not right (as the web tests send it).
RAISE = {
    "reason": "I need help every night, and the budget does not pay for it.",
    "weekly_pence": 15000,
    "talk": "call",
    "contact": {"contact_by": "phone", "contact_name": None, "contact_details": "01632 960001"},
}

# The states a disagreement can be put in, and the moves that lead there from the start.
ROUTE_MOVES = {
    route.CARE_MANAGER_WAITING: (),
    route.CARE_MANAGER_ANSWERED: (route.KEEP_AMOUNT,),
    route.TEAM_MANAGER_WAITING: (route.KEEP_AMOUNT, route.ESCALATE),
    route.TEAM_MANAGER_ANSWERED: (route.KEEP_AMOUNT, route.ESCALATE, route.KEEP_AMOUNT),
    route.COMPLAINT_WAITING: (route.KEEP_AMOUNT, route.ESCALATE, route.KEEP_AMOUNT, route.COMPLAIN),
    route.COMPLAINT_ACKNOWLEDGED: (
        route.KEEP_AMOUNT,
        route.ESCALATE,
        route.KEEP_AMOUNT,
        route.COMPLAIN,
        route.ACKNOWLEDGE,
    ),
    route.COMPLAINT_ANSWERED: (
        route.KEEP_AMOUNT,
        route.ESCALATE,
        route.KEEP_AMOUNT,
        route.COMPLAIN,
        route.ANSWER_COMPLAINT,
    ),
    route.CLOSED: (route.CLOSE,),
}


@contextmanager
def as_user(app, user_id: int | None = None, basis: str | None = None) -> Iterator:
    """A request context in which the portal's own code runs as if this user had sent a page."""
    with app.test_request_context():
        if user_id is not None:
            g.current_user = db().get(User, user_id)
        if basis is not None:
            g.basis = basis
        yield db()


def config(app) -> ras.Config:
    return app.extensions["ras_config"]


# --- people ------------------------------------------------------------------------------


def demo_user(app, subject: str) -> int:
    """The demo person's user, as demo sign-in makes it (found, or made). Returns its id."""
    person = demo_person(subject)
    with as_user(app) as session:
        user = session.scalar(select(User).where(User.issuer == DEMO_ISSUER, User.subject == subject))
        if user is None:
            user = User(
                issuer=DEMO_ISSUER,
                subject=subject,
                name=person.name if person else subject,
                email=person.email if person else f"{subject}@example.org",
            )
            session.add(user)
            session.commit()
        return user.id


def signed_in_user(portal) -> int:
    """The id of the user a test client (`tests.web.helpers.Portal`) is signed in as."""
    from portal.access import TOKEN
    from portal.store import session_models

    with portal.client.session_transaction() as cookie:
        token = cookie.get(TOKEN)
    assert isinstance(token, str), "sign in first"
    with as_user(app_of(portal)) as session:
        row = session_models.find(session, token)
        assert row is not None and row.ended_at is None, "sign in first"
        return row.user_id


def app_of(portal):
    return portal.app


def _user_id(app, who) -> int:
    """A user id, from an id, a demo person's name ("alex"), or a signed-in Portal."""
    if isinstance(who, int):
        return who
    if isinstance(who, str):
        return demo_user(app, who)
    return signed_in_user(who)


def staff_member(app, subject: str, role: str) -> int:
    """Give a demo person's account a staff role (a second care manager, say). Returns the user id."""
    user_id = demo_user(app, subject)
    with as_user(app) as session:
        if session.scalar(select(StaffMember).where(StaffMember.user_id == user_id)) is None:
            session.add(StaffMember(user_id=user_id, role=role))
            session.commit()
    return user_id


def demo_staff(app) -> dict[str, int]:
    """The demo care manager, team manager and complaints officer, as demo sign-in makes them.
    Returns their user ids by role."""
    from portal.journeys.staff.roles import ensure_demo_staff

    with as_user(app):
        return {role: user.id for role, user in ensure_demo_staff().items()}


def assign(app, assessment_id: str, role: str, staff: str | int) -> None:
    """Give the person of this assessment a care manager or team manager."""
    from portal.journeys.staff.roles import assign as assign_case

    staff_id = _user_id(app, staff)
    with as_user(app) as session:
        assessment = session.scalar(select(Assessment).where(Assessment.public_id == assessment_id))
        assign_case(assessment.person, role, session.get(User, staff_id))


# --- assessments and budgets -------------------------------------------------------------------


def draft_assessment(app, who, answers: dict[str, str] | None = None, helper: Helper | None = None) -> str:
    """A form started by this user (for themself, or as a helper for someone else), with these answers
    saved as Continue saves them. Returns its public id."""
    user_id = _user_id(app, who)
    with as_user(app, user_id) as session:
        user = session.get(User, user_id)
        if helper is None:
            person = session.scalar(select(Person).where(Person.user_id == user_id))
            if person is None:
                person = Person(user_id=user_id, name=user.name)
                session.add(person)
                session.flush()
        else:
            person = Person(name=helper.person_name)
            session.add(person)
            session.flush()
            session.add(
                Grant(
                    user_id=user_id,
                    person_id=person.id,
                    basis=helper.basis,
                    relationship_to_person=helper.relationship,
                )
            )
        assessment = Assessment(
            person_id=person.id, started_by_id=user_id, config_version=config(app).version
        )
        session.add(assessment)
        session.flush()
        for question_id, value in (answers or {}).items():
            session.add(
                Answer(
                    assessment_id=assessment.id, question_id=question_id, value=value, updated_by_id=user_id
                )
            )
        session.commit()
        return assessment.public_id


def sent_assessment(app, who, answers: dict[str, str] | None = None, helper: Helper | None = None) -> str:
    """A sent form and its budget, worked out by the rules and stored by the portal's own send.
    Answers off the journey's path are not saved, as following Continue never asks them."""
    from portal.access import load_assessment
    from portal.journeys.assessment.service import submit

    answers = ras.relevant_answers(config(app).questionnaire, answers or WORKED_EXAMPLE)
    public_id = draft_assessment(app, who, answers, helper)
    with as_user(app, _user_id(app, who)):
        # As the send page does: load it for sending (access checked and audited), then send it.
        assessment = load_assessment(public_id, "send")
        submit(assessment, answers)
    return public_id


# --- support plans -------------------------------------------------------------------------------


def rules_item(
    app, price_id: str, fields: dict, key: str = "new", needs: Iterable[str] = ()
) -> plan_rules.Item:
    """The rules' item for an item page filled in with these fields (as tests/web/plan_helpers.add_item
    posts them). Needs are kept in the order of the assessment, as the item page keeps them."""
    price_item = config(app).prices.items[price_id]
    chosen = set(fields.get("needs", ()))
    own = price_item.own_cost
    return plan_rules.Item(
        key=key,
        price_id=price_id,
        unit_pence=plan_rules.parse_money(fields["amount"]) if own else price_item.price_pence,
        quantity=Decimal(1) if own else plan_rules.parse_quantity(fields["quantity"]),
        frequency=fields.get("frequency")
        if "frequency" in fields and len(price_item.frequencies) > 1
        else price_item.frequencies[0],
        management=fields["management"],
        needs=tuple(need for need in needs if need in chosen),
        description=fields["description"].strip() if own else None,
        provider=(fields.get("provider") or "").strip() or None,
    )


def _assessment_and_budget(session, assessment_id: str):
    assessment = session.scalar(select(Assessment).where(Assessment.public_id == assessment_id))
    assert assessment is not None and assessment.calculation is not None, "the budget must be sent first"
    return assessment, ras.Calculation.from_dict(assessment.calculation.result)


def plan(app, assessment_id: str, items: Iterable, who=None) -> list[str]:
    """A draft support plan with these items, each `(price_id, fields)` or a persona's PlanItem, saved as
    the item page saves them. Returns the items' public ids, in order."""
    from portal.access import load_assessment

    with as_user(app) as session:
        assessment, _budget = _assessment_and_budget(session, assessment_id)
        user_id = _user_id(app, who) if who is not None else assessment.started_by_id
    with as_user(app, user_id) as session:
        assessment, budget = _assessment_and_budget(session, assessment_id)
        needs = plan_rules.assessed_needs(budget)
        row = session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))
        if row is None:
            row = Plan(assessment_id=assessment.id, created_by_id=user_id)
            session.add(row)
        rows = []
        for entry in items:
            load_assessment(
                assessment_id, "change plan"
            )  # each item page's save is access checked and audited
            price_id, fields = (entry.price_id, entry.fields) if hasattr(entry, "price_id") else entry
            item = rules_item(app, price_id, fields, needs=needs)
            saved = PlanItem(
                plan=row,
                updated_by_id=user_id,
                price_id=price_id,
                description=item.description,
                own_pence=item.unit_pence if config(app).prices.items[price_id].own_cost else None,
                frequency=item.frequency,
                management=item.management,
                needs=list(item.needs),
                provider=item.provider,
            )
            saved.quantity = item.quantity
            session.add(saved)
            rows.append(saved)
        session.commit()
        return [saved.public_id for saved in rows]


def send_plan(app, assessment_id: str, who=None) -> str:
    """Send the draft plan with the plan's own send. Returns the plan's reference."""
    from portal.access import load_assessment
    from portal.journeys.assessment.views import acting_for_name
    from portal.journeys.plan import drafts as plan_drafts

    with as_user(app) as session:
        assessment, _budget = _assessment_and_budget(session, assessment_id)
        user_id = _user_id(app, who) if who is not None else assessment.started_by_id
    with as_user(app, user_id) as session:
        load_assessment(assessment_id, "send plan")  # as the send page: access checked and audited
        assessment, budget = _assessment_and_budget(session, assessment_id)
        row = session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))
        page = plan_drafts.PlanPage(
            assessment=assessment, budget=budget, plan=row, name=acting_for_name(assessment)
        )
        summary = plan_drafts.ready(page)
        assert summary is not None, "a plan needs at least one item, each on the price list, to be sent"
        plan_drafts.send_plan(page, summary)
        session.refresh(row)
        return row.submission.reference


# --- disagreements -----------------------------------------------------------------------------


def _actor(session, user_id: int, role: str, basis: str):
    from portal.journeys.disagree import service

    return service.Actor(session.get(User, user_id), role, basis)


def disagreement(
    app, assessment_id: str, on: date, state: str = route.CARE_MANAGER_WAITING, who=None, **raise_data
) -> str:
    """A disagreement with this budget, raised on `on` and taken along its route to `state`, each move on
    the same day by the person or the demo staff who hold the case. Returns its reference.

    `raise_data` changes what the person wrote (reason, weekly_pence, talk, contact)."""
    from portal.journeys.disagree import service
    from portal.journeys.disagree.forms import new_token

    with as_user(app) as session:
        assessment, _budget = _assessment_and_budget(session, assessment_id)
        user_id = _user_id(app, who) if who is not None else assessment.started_by_id
    staff = demo_staff(app)
    from portal.access import load_assessment
    from portal.journeys.staff.roles import load_case_for_staff
    from portal.journeys.staff.roles import staff_member as member_of

    with as_user(app, user_id) as session:
        # Each send is access checked and audited as its page does it.
        assessment = load_assessment(assessment_id, "disagree")
        person = _actor(session, user_id, route.PERSON, g.basis)
        case = service.raise_disagreement(assessment, person, on, new_token(), **{**RAISE, **raise_data})
        reference = case.reference
        for move in ROUTE_MOVES[state]:
            case = session.scalar(select(Disagreement).where(Disagreement.reference == reference))
            step = service.current_step(case)
            if move in (route.ESCALATE, route.COMPLAIN, route.CLOSE):
                load_assessment(assessment_id, move)
            if move == route.ESCALATE:
                service.escalate(
                    case, person, on, new_token(), reason="Please look again.", weekly_pence=None
                )
            elif move == route.COMPLAIN:
                service.complain(
                    case,
                    person,
                    on,
                    new_token(),
                    complaint="Nobody looked at my nights.",
                    put_right="£150 a week.",
                )
            elif move == route.CLOSE:
                service.close(case, person, on, new_token(), "We talked. I am happy.")
            else:
                role = {
                    route.STEP_CARE_MANAGER: route.CARE_MANAGER,
                    route.STEP_TEAM_MANAGER: route.TEAM_MANAGER,
                    route.STEP_COMPLAINT: route.COMPLAINTS_OFFICER,
                }[step.kind]
                actor = _actor(session, staff[role], role, f"staff:{role}")
                g.staff = member_of(actor.user)
                case = load_case_for_staff(reference, "staff_answer")
                if move == route.ACKNOWLEDGE:
                    service.acknowledge(case, actor, on, new_token(), "We have your complaint.")
                elif move == route.ANSWER_COMPLAINT:
                    service.answer_complaint(
                        case, actor, on, new_token(), outcome="not_upheld", text="We looked again."
                    )
                else:
                    service.staff_answer(case, move, actor, on, new_token(), text="The amount stands.")
        case = session.scalar(select(Disagreement).where(Disagreement.reference == reference))
        assert case.state == state, f"the route reached {case.state}, not {state}"
    return reference


# --- agreed budgets and reviews --------------------------------------------------------------------


def agreement(app, assessment_id: str, starts_on: date, weekly_pence: int | None = None, by=None) -> int:
    """An agreed budget for this sent form's person, starting on `starts_on` (as approving a plan writes
    it), agreed by the demo care manager unless `by` is given. Returns its id."""
    from portal.store import reviews as review_store

    agreed_by = _user_id(app, by) if by is not None else demo_staff(app)[route.CARE_MANAGER]
    with as_user(app) as session:
        assessment, budget = _assessment_and_budget(session, assessment_id)
        row = review_store.record_agreement(
            person_id=assessment.person_id,
            assessment_id=assessment.id,
            weekly_pence=budget.weekly_pence if weekly_pence is None else weekly_pence,
            starts_on=starts_on,
            agreed_by_id=agreed_by,
            config_version=budget.config_version,
            indicative_weekly_pence=budget.weekly_pence,
        )
        return row.id

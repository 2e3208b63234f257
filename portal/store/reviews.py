"""The queries of reviews: the agreed budget in force, early reviews asked for, reviews done, the
reassessment a review opens, and the reviews-due list.

When a review is due is never stored: `portal.ras.reviews.schedule` works it out from what these
queries return (the plan's start, the last review done, the first early review still waiting), so the
person's account page and the staff's list always agree with the rules.

Each function uses the request's session (`portal.store.db()`). Those that change something say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import aliased

from portal.store import db, once, references
from portal.store.agreement_models import AgreedBudget
from portal.store.disagreement_models import CaseAssignment
from portal.store.models import Answer, Assessment, Grant, Person, User
from portal.store.once import AlreadyStored as AlreadyStored
from portal.store.once import commit_once as commit_once
from portal.store.review_models import Review, ReviewRequest

NEVER = date(1, 1, 1)


@dataclass(frozen=True)
class DueRow:
    """What the schedule of one person's reviews needs, read in one query."""

    person: Person
    agreement_id: int
    assessment_id: int
    weekly_pence: int
    starts_on: date
    last_done_on: date | None
    early_asked_on: date | None


# --- agreements ----------------------------------------------------------------------------------


def record_agreement(
    person_id: int,
    assessment_id: int,
    weekly_pence: int,
    starts_on: date,
    agreed_by_id: int,
    config_version: str,
    indicative_weekly_pence: int,
    reason: str | None = None,
) -> AgreedBudget:
    """Write an agreed budget and commit. For tests and demo seeding only: the portal writes agreements
    when a plan is approved."""
    row = AgreedBudget(
        person_id=person_id,
        assessment_id=assessment_id,
        weekly_pence=weekly_pence,
        starts_on=starts_on,
        agreed_by_id=agreed_by_id,
        config_version=config_version,
        indicative_weekly_pence=indicative_weekly_pence,
        reason=reason,
    )
    db().add(row)
    db().commit()
    return row


def agreement_in_force(person_id: int) -> AgreedBudget | None:
    """The person's newest agreed budget: the one in force."""
    return db().scalar(
        select(AgreedBudget)
        .where(AgreedBudget.person_id == person_id)
        .order_by(AgreedBudget.id.desc())
        .limit(1)
    )


# --- what the schedule needs ---------------------------------------------------------------------


def _due_query(
    *where: ColumnElement[bool],
) -> Any:
    later = aliased(AgreedBudget)
    newest = select(func.max(later.id)).where(later.person_id == Person.id).scalar_subquery()
    # Each subquery is about the agreement of the outer row (correlate_except), also where one is inside
    # another: without it, the inner one would read every agreement's reviews.
    last_done = (
        select(func.max(Review.done_on))
        .where(Review.agreement_id == AgreedBudget.id)
        .correlate_except(Review)
        .scalar_subquery()
    )
    waiting = (
        select(func.min(ReviewRequest.asked_on))
        .where(
            ReviewRequest.agreement_id == AgreedBudget.id,
            ReviewRequest.asked_on > func.coalesce(last_done, NEVER),
        )
        .correlate_except(ReviewRequest)
        .scalar_subquery()
    )
    return (
        select(
            Person,
            AgreedBudget.id,
            AgreedBudget.assessment_id,
            AgreedBudget.weekly_pence,
            AgreedBudget.starts_on,
            last_done,
            waiting,
        )
        .join(AgreedBudget, AgreedBudget.person_id == Person.id)
        .where(AgreedBudget.id == newest, *where)
        .order_by(Person.id)
    )


def _rows(query: Any) -> list[DueRow]:
    return [DueRow(*row) for row in db().execute(query)]


def due_rows_for_people(person_ids: Sequence[int]) -> list[DueRow]:
    """The schedule facts of these people, those with an agreed budget only. One statement, also for none
    (so that a page of the case list asks the same number of times whatever is on it)."""
    return _rows(_due_query(Person.id.in_(list(person_ids))))


def due_row(person_id: int) -> DueRow | None:
    found = due_rows_for_people([person_id])
    return found[0] if found else None


def due_rows_for_staff(user_id: int, assigned_role: str | None) -> list[DueRow]:
    """In one query, every person with an agreed budget whom this member of staff may review: with
    `assigned_role`, only the people assigned to them in that role (a care manager's own people); without,
    everyone (team managers). Never their own case, someone they act for, or a person whose assessment
    they started (the conflicts of `portal.journeys.staff.roles.conflict`)."""
    where: list[ColumnElement[bool]] = [
        or_(Person.user_id.is_(None), Person.user_id != user_id),
        ~exists().where(Grant.person_id == Person.id, Grant.user_id == user_id),
        ~exists().where(Assessment.person_id == Person.id, Assessment.started_by_id == user_id),
    ]
    if assigned_role is not None:
        where.append(
            exists().where(
                CaseAssignment.person_id == Person.id,
                CaseAssignment.role == assigned_role,
                CaseAssignment.staff_user_id == user_id,
            )
        )
    return _rows(_due_query(*where))


# --- early reviews -------------------------------------------------------------------------------


def waiting_request(agreement_id: int) -> ReviewRequest | None:
    """The newest early review asked for under this agreement that no review has answered yet."""
    last_done = select(func.max(Review.done_on)).where(Review.agreement_id == agreement_id).scalar_subquery()
    return db().scalar(
        select(ReviewRequest)
        .where(
            ReviewRequest.agreement_id == agreement_id,
            ReviewRequest.asked_on > func.coalesce(last_done, NEVER),
        )
        .order_by(ReviewRequest.id.desc())
        .limit(1)
    )


def lock_and_find_waiting(person_id: int, agreement_id: int) -> ReviewRequest | None:
    """The waiting early review, once the person's other requests have finished: two tabs sending at the
    same moment store one early review, not two."""
    once.one_at_a_time(db(), Person, person_id)
    return waiting_request(agreement_id)


def add_request(
    person_id: int, agreement_id: int, user_id: int, basis: str, reason: str, today: date, token: str
) -> ReviewRequest:
    """Add an early review request to the session, with a new reference (not committed)."""
    row = ReviewRequest(
        reference=references.new_reference("REV"),
        person_id=person_id,
        agreement_id=agreement_id,
        reason=reason,
        asked_on=today,
        asked_by_id=user_id,
        basis=basis,
        send_token=token,
    )
    return once.add_once(row, ReviewRequest.send_token)


# --- reviews done, and reassessments -------------------------------------------------------------


def add_review(
    person_id: int,
    agreement_id: int,
    user_id: int,
    basis: str,
    outcome: str,
    notes: str,
    today: date,
    token: str,
    reassessment_id: int | None,
) -> Review:
    """Add a review done to the session (not committed)."""
    row = Review(
        person_id=person_id,
        agreement_id=agreement_id,
        done_on=today,
        outcome=outcome,
        notes=notes,
        done_by_id=user_id,
        basis=basis,
        send_token=token,
        reassessment_id=reassessment_id,
    )
    return once.add_once(row, Review.send_token)


def open_reassessment(previous: Assessment, config_version: str) -> Assessment:
    """A new draft form for the same person, started from the previous form's answers (not committed).
    It is the person's form: started by whoever started the previous one, never by staff."""
    form = Assessment(
        person_id=previous.person_id,
        started_by_id=previous.started_by_id,
        questionnaire_id=previous.questionnaire_id,
        config_version=config_version,
        previous_assessment_id=previous.id,
    )
    db().add(form)
    db().flush()
    for answer in previous.answers:
        db().add(
            Answer(
                assessment_id=form.id,
                question_id=answer.question_id,
                value=answer.value,
                more=answer.more,
                updated_by_id=answer.updated_by_id,
            )
        )
    return form


def reviews_of(person_id: int) -> list[Review]:
    """Every review done for the person, newest first."""
    return list(
        db().scalars(
            select(Review)
            .where(Review.person_id == person_id)
            .order_by(Review.done_on.desc(), Review.id.desc())
        )
    )


def assessment_by_id(assessment_id: int | None) -> Assessment | None:
    return db().get(Assessment, assessment_id) if assessment_id is not None else None


def person_by_public_id(public_id: str) -> Person | None:
    return db().scalar(select(Person).where(Person.public_id == public_id))


def people_reachable(user_id: int) -> list[Person]:
    """The user's own person record first, then the people they act for."""
    acting_for = select(Grant.person_id).where(Grant.user_id == user_id, Grant.active_clause())
    people = db().scalars(
        select(Person).where(or_(Person.user_id == user_id, Person.id.in_(acting_for))).order_by(Person.id)
    )
    return sorted(people, key=lambda person: person.user_id != user_id)


def care_manager_of(person_id: int) -> User | None:
    return db().scalar(
        select(User)
        .join(CaseAssignment, CaseAssignment.staff_user_id == User.id)
        .where(CaseAssignment.person_id == person_id, CaseAssignment.role == "care_manager")
    )


def helpers_of(person_id: int) -> list[User]:
    return list(
        db().scalars(
            select(User)
            .join(Grant, Grant.user_id == User.id)
            .where(Grant.person_id == person_id, Grant.active_clause())
        )
    )


def records_of(person_ids: Sequence[int]) -> tuple[list[ReviewRequest], list[Review]]:
    """Every early review asked for and every review done for these people, oldest first (for the
    download of everything held)."""
    ids = list(person_ids)
    asked = db().scalars(
        select(ReviewRequest).where(ReviewRequest.person_id.in_(ids)).order_by(ReviewRequest.id)
    )
    done = db().scalars(select(Review).where(Review.person_id.in_(ids)).order_by(Review.id))
    return list(asked), list(done)

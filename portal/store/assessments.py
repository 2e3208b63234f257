"""The queries of the assessment, budget and account journeys: people, who acts for whom, forms, their
answers, sending a form with its budget, and what the account page and its download show.

Each function uses the request's session (`portal.store.db()`). Those that change something commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, union, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, selectinload

from portal.store import db, once, references
from portal.store.disagreement_models import CaseAssignment, Disagreement, LocalMessage, StaffMember
from portal.store.models import (
    SCOPES,
    Answer,
    Assessment,
    AuditEvent,
    Calculation,
    Grant,
    Person,
    User,
    utcnow,
)
from portal.store.plan_models import Plan

# --- people and who acts for them ----------------------------------------------------------------


def own_person(user_id: int) -> Person | None:
    """The person record of the signed-in user themself, if they have one."""
    return db().scalar(select(Person).where(Person.user_id == user_id))


def own_person_made(user_id: int, name: str, pronouns: str | None = None) -> Person:
    """The user's own person record: the one they have, or a new one with this name and these pronouns."""
    person = own_person(user_id)
    if person is None:
        person = Person(user_id=user_id, name=name, pronouns=pronouns)
        db().add(person)
        db().commit()
    return person


def authority(user_id: int, person_id: int, moment: datetime | None = None) -> Grant | None:
    """The grant in force that lets this user act for this person (the widest, if several); None when
    there is none."""
    grants = db().scalars(
        select(Grant)
        .where(Grant.user_id == user_id, Grant.person_id == person_id, Grant.active_clause(moment))
        .order_by(Grant.id)
    )
    return max(
        grants, key=lambda grant: SCOPES.index(grant.scope) if grant.scope in SCOPES else -1, default=None
    )


def ended_authority(user_id: int, person_id: int) -> Grant | None:
    """The latest grant this user held for this person, when it is no longer in force."""
    return db().scalar(
        select(Grant)
        .where(Grant.user_id == user_id, Grant.person_id == person_id)
        .order_by(Grant.id.desc())
        .limit(1)
    )


def authorities_of(user_id: int) -> list[Grant]:
    """The grants in force of the people this user acts for, oldest first."""
    return list(
        db().scalars(select(Grant).where(Grant.user_id == user_id, Grant.active_clause()).order_by(Grant.id))
    )


def helpers_of(person_id: int) -> list[tuple[Grant, User]]:
    """Who acts for this person now, and on what basis."""
    rows = db().execute(
        select(Grant, User)
        .join(User, User.id == Grant.user_id)
        .where(Grant.person_id == person_id, Grant.active_clause())
        .order_by(Grant.id)
    )
    return [(row[0], row[1]) for row in rows]


# --- forms and answers ---------------------------------------------------------------------------


def answers_of(assessment: Assessment) -> dict[str, str]:
    return {answer.question_id: answer.value for answer in assessment.answers}


def more_of(assessment: Assessment) -> dict[str, str]:
    """What the person told us more about each question, where they did."""
    return {answer.question_id: answer.more for answer in assessment.answers if answer.more}


def saved_answer(assessment: Assessment, question_id: str) -> Answer | None:
    return next((a for a in assessment.answers if a.question_id == question_id), None)


def save_answer(assessment: Assessment, question_id: str, value: str, more: str | None, user_id: int) -> None:
    """Store an answer, or change the one stored, and say who gave it. The same answer sent twice at once
    is one answer (`once.save_answer`)."""
    once.save_answer(assessment, question_id, value, more, user_id)


def submit(
    assessment: Assessment,
    user_id: int,
    config_version: str,
    answers: Mapping[str, str],
    result: dict[str, Any],
    weekly_pence: int,
    yearly_pence: int,
) -> bool:
    """Mark a draft form sent and store its budget, once. False when it was sent already (a double
    click, the back button, a retry): nothing changes then."""
    session = db()
    if not _claim(assessment, user_id, config_version):
        return False
    session.add(
        Calculation(
            assessment_id=assessment.id,
            config_version=config_version,
            answers=dict(answers),
            result=result,
            weekly_pence=weekly_pence,
            yearly_pence=yearly_pence,
        )
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def send(assessment: Assessment, user_id: int, config_version: str) -> bool:
    """Mark a draft form of a questionnaire that makes no budget sent, once, with a reference the person
    can quote (FORM-7K3M-9QX2): its answers stay as they were saved. False when it was sent already."""
    session = db()
    for _attempt in range(5):
        try:
            if not _claim(assessment, user_id, config_version, references.new_reference("FORM")):
                return False
            session.commit()
            return True
        except IntegrityError:
            session.rollback()  # the reference was taken: try another
    raise RuntimeError("could not send the form")  # pragma: no cover - five reference clashes in a row


def _claim(assessment: Assessment, user_id: int, config_version: str, reference: str | None = None) -> bool:
    """Mark the form sent if it is still a draft; on False (sent already) nothing is changed."""
    session = db()
    claimed = cast(
        "CursorResult[Any]",
        session.execute(
            update(Assessment)
            .where(Assessment.id == assessment.id, Assessment.status == "draft")
            .values(
                status="submitted",
                submitted_at=utcnow(),
                submitted_by_id=user_id,
                config_version=config_version,
                **({"reference": reference} if reference else {}),
            )
        ),
    ).rowcount
    if claimed != 1:
        session.rollback()
        return False
    return True


def delete_assessment(assessment: Assessment) -> None:
    """Delete a form that has not been sent, with its answers."""
    db().delete(assessment)
    db().commit()


def reachable_assessments(user_id: int) -> list[Assessment]:
    """The user's own forms and those of the people they act for, newest first, with what the account page
    reads of each: its person and its budget, and the answers of a form not sent yet (to count them). At
    most five statements, however many forms (`tests/web/test_account_queries.py`)."""
    # One list of the people, then their forms by the index on assessments.person_id. (`IN own OR IN
    # acting_for` made PostgreSQL scan every assessment in the council: 10.8 ms at 100,000.)
    people = union(
        select(Person.id.label("person_id")).where(Person.user_id == user_id),
        select(Grant.person_id).where(Grant.user_id == user_id, Grant.active_clause()),
    ).subquery()
    found = list(
        db().scalars(
            select(Assessment)
            .join(people, Assessment.person_id == people.c.person_id)
            .options(selectinload(Assessment.person), selectinload(Assessment.calculation))
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        )
    )
    # Sent forms' answers are not read here: with several sent forms, that would load them all for nothing.
    if drafts := [a.id for a in found if not a.submitted]:
        db().scalars(
            select(Assessment).where(Assessment.id.in_(drafts)).options(selectinload(Assessment.answers))
        ).all()
    return found


# --- what comes after a form: plans and disagreements --------------------------------------------


def plans_by_assessment(assessment_ids: Iterable[int]) -> dict[int, Plan]:
    """The forms' plans, each with the versions sent (two statements, however many plans)."""
    plans = db().scalars(
        select(Plan)
        .where(Plan.assessment_id.in_(list(assessment_ids)))
        .options(selectinload(Plan.submissions))
    )
    return {p.assessment_id: p for p in plans}


def disagreements_by_assessment(assessment_ids: Iterable[int]) -> dict[int, Disagreement]:
    return {
        d.assessment_id: d
        for d in db().scalars(
            select(Disagreement).where(Disagreement.assessment_id.in_(list(assessment_ids)))
        )
    }


# --- for the download of everything held ---------------------------------------------------------


def staff_member(user_id: int) -> StaffMember | None:
    return db().scalar(select(StaffMember).where(StaffMember.user_id == user_id))


def case_workers(person_ids: list[int]) -> list[tuple[CaseAssignment, Person]]:
    rows = db().execute(
        select(CaseAssignment, Person)
        .join(Person, Person.id == CaseAssignment.person_id)
        .where(CaseAssignment.person_id.in_(person_ids))
        .order_by(CaseAssignment.id)
    )
    return [(row[0], row[1]) for row in rows]


def messages_to(email: str | None) -> list[LocalMessage]:
    if not email:
        return []
    return list(
        db().scalars(select(LocalMessage).where(LocalMessage.recipient == email).order_by(LocalMessage.id))
    )


def audit_trail(person_ids: list[int]) -> list[tuple[AuditEvent, User, Person]]:
    """Who looked at or changed the information about these people, oldest first."""
    actors = aliased(User)
    rows = db().execute(
        select(AuditEvent, actors, Person)
        .join(actors, actors.id == AuditEvent.actor_id)
        .join(Person, Person.id == AuditEvent.person_id)
        .where(AuditEvent.person_id.in_(person_ids))
        .order_by(AuditEvent.id)
    )
    return [(row[0], row[1], row[2]) for row in rows]


def plan_of(assessment_id: int) -> Plan | None:
    """The form's support plan, if one is started."""
    return db().scalar(select(Plan).where(Plan.assessment_id == assessment_id))

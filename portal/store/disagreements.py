"""The queries the disagreement route and the staff pages need, in one place.

Journeys call these functions; they never build a query themselves. Each takes the request's session
(`portal.store.db()`) unless it is given one (the command line has its own).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from portal.store import db
from portal.store.disagreement_models import CaseAssignment, Disagreement, DisagreementEntry, StaffMember
from portal.store.models import Grant, Person, User
from portal.store.once import unchanged_since_shown


def for_assessment(assessment_id: int) -> Disagreement | None:
    """The disagreement with a budget, if there is one (there is at most one)."""
    return db().scalar(select(Disagreement).where(Disagreement.assessment_id == assessment_id))


def by_reference(reference: str) -> Disagreement | None:
    return db().scalar(select(Disagreement).where(Disagreement.reference == reference))


def in_states(states: Iterable[str]) -> list[Disagreement]:
    """Every disagreement in one of `states`."""
    return list(db().scalars(select(Disagreement).where(Disagreement.state.in_(tuple(states)))))


def token_used(token: str) -> bool:
    """True if an entry was stored with this one-time token: the same form, sent again."""
    return db().scalar(select(DisagreementEntry.id).where(DisagreementEntry.send_token == token)) is not None


def move_state(case: Disagreement, to_state: str) -> bool:
    """Write the new state only if nobody changed the disagreement since it was read (same state and
    version). False when someone did: nothing is written. A move that keeps the state (a message added)
    needs only the same state: two messages added at the same moment from two tabs are both kept."""
    written = cast(
        "CursorResult[Any]",
        db().execute(
            update(Disagreement)
            .where(
                Disagreement.id == case.id,
                Disagreement.state == case.state,
                unchanged_since_shown(case, to_state),
            )
            .values(state=to_state, version=case.version + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    return written.rowcount == 1


def acting_for(person_id: int) -> list[User]:
    """Everyone with recorded authority to act for the person."""
    users = db().scalars(
        select(User)
        .join(Grant, Grant.user_id == User.id)
        .where(Grant.person_id == person_id, Grant.active_clause())
        .order_by(Grant.id)
    )
    return list(users)


def assignment(person_id: int, role: str, session: Session | None = None) -> CaseAssignment | None:
    """Who holds the person's case in a role (a care manager or a team manager), if anyone."""
    return (session or db()).scalar(
        select(CaseAssignment).where(CaseAssignment.person_id == person_id, CaseAssignment.role == role)
    )


def active_staff(role: str) -> list[StaffMember]:
    return list(
        db().scalars(select(StaffMember).where(StaffMember.role == role, StaffMember.active.is_(True)))
    )


def with_letters(raise_move: str) -> list[Disagreement]:
    """Disagreements whose person asked, when they raised it (`raise_move`), for letters."""
    asked = select(DisagreementEntry.disagreement_id).where(
        DisagreementEntry.kind == raise_move, DisagreementEntry.details["contact_by"].as_string() == "letter"
    )
    return list(
        db().scalars(select(Disagreement).where(Disagreement.id.in_(asked)).order_by(Disagreement.id))
    )


# --- for the command line, with its own session ------------------------------------------------


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def staff_member_of(session: Session, user_id: int) -> StaffMember | None:
    return session.scalar(select(StaffMember).where(StaffMember.user_id == user_id))


def person_by_public_id(session: Session, public_id: str) -> Person | None:
    return session.scalar(select(Person).where(Person.public_id == public_id))

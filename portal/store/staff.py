"""The queries behind staff roles: who is on the staff, and what ties a member of staff to a person's case.

Journeys call these functions; they never build a query themselves. Each uses the request's session
(`portal.store.db()`).
"""

from __future__ import annotations

from sqlalchemy import select

from portal.store import db
from portal.store.disagreement_models import StaffMember
from portal.store.models import Assessment, Grant


def active_member(user_id: int) -> StaffMember | None:
    """The user's staff role, if they are on the staff now."""
    return db().scalar(
        select(StaffMember).where(StaffMember.user_id == user_id, StaffMember.active.is_(True))
    )


def any_member(user_id: int) -> StaffMember | None:
    """The user's staff role, whether or not it is active."""
    return db().scalar(select(StaffMember).where(StaffMember.user_id == user_id))


def acts_for(user_id: int, person_id: int) -> bool:
    """Whether the user has recorded authority to act for the person."""
    found = db().scalar(
        select(Grant.id).where(Grant.user_id == user_id, Grant.person_id == person_id).limit(1)
    )
    return found is not None


def started_an_assessment(user_id: int, person_id: int) -> bool:
    """Whether the user started one of the person's assessments."""
    found = db().scalar(
        select(Assessment.id)
        .where(Assessment.person_id == person_id, Assessment.started_by_id == user_id)
        .limit(1)
    )
    return found is not None

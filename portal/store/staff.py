"""The queries behind staff roles: who is on the staff, and what ties a member of staff to a person's case.

Journeys call these functions; they never build a query themselves. Each uses the request's session
(`portal.store.db()`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, ColumnElement, and_, exists, or_, select

from portal.store import db
from portal.store.disagreement_models import StaffMember
from portal.store.models import Assessment, Grant, Person


def active_member(user_id: int) -> StaffMember | None:
    """The user's staff role, if they are on the staff now."""
    return db().scalar(
        select(StaffMember).where(StaffMember.user_id == user_id, StaffMember.active.is_(True))
    )


def any_member(user_id: int) -> StaffMember | None:
    """The user's staff role, whether or not it is active."""
    return db().scalar(select(StaffMember).where(StaffMember.user_id == user_id))


def ties(user_id: int, person_id: int) -> tuple[bool, bool]:
    """Whether the user acts for the person (a grant, recorded authority), and whether they started one of
    the person's assessments. One statement for both."""
    acts = select(Grant.id).where(Grant.user_id == user_id, Grant.person_id == person_id)
    started = select(Assessment.id).where(
        Assessment.person_id == person_id, Assessment.started_by_id == user_id
    )
    found = db().execute(select(exists(acts), exists(started))).one()
    return bool(found[0]), bool(found[1])


def no_conflict(staff_user_id: int | BindParameter[Any]) -> ColumnElement[bool]:
    """For a query over `Person`: the people whose cases this member of staff may handle. Not their own,
    not someone they act for, not someone whose form they started (as `ties` asks, for one
    person)."""
    started_by_them = (
        select(Assessment.id)
        .where(Assessment.person_id == Person.id, Assessment.started_by_id == staff_user_id)
        .correlate(Person)
    )
    acts = (
        select(Grant.id).where(Grant.person_id == Person.id, Grant.user_id == staff_user_id).correlate(Person)
    )
    return and_(
        or_(Person.user_id.is_(None), Person.user_id != staff_user_id),
        ~exists(acts),
        ~exists(started_by_them),
    )

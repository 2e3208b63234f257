"""The queries the disagreement route and the staff pages need, in one place.

Journeys call these functions; they never build a query themselves. Each takes the request's session
(`portal.store.db()`) unless it is given one (the command line has its own).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    CursorResult,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased, contains_eager, joinedload, selectinload

from portal.store import db, last_page_or
from portal.store.disagreement_models import (
    CaseAssignment,
    Disagreement,
    DisagreementEntry,
    DisagreementStep,
    StaffMember,
)
from portal.store.models import Grant, Person, User
from portal.store.once import unchanged_since_shown
from portal.store.staff import no_conflict


def for_assessment(assessment_id: int) -> Disagreement | None:
    """The disagreement with a budget, if there is one (there is at most one)."""
    return db().scalar(select(Disagreement).where(Disagreement.assessment_id == assessment_id))


def by_reference(reference: str) -> Disagreement | None:
    """The disagreement with this reference, with what its staff pages read: the person, the assessment,
    the steps (and who answered each) and the entries (and who wrote each). Three statements, however long
    the case."""
    return db().scalar(
        select(Disagreement)
        .where(Disagreement.reference == reference)
        .options(
            joinedload(Disagreement.person),
            joinedload(Disagreement.assessment),
            selectinload(Disagreement.steps).joinedload(DisagreementStep.answered_by),
            selectinload(Disagreement.entries).joinedload(DisagreementEntry.author),
        )
    )


@dataclass(frozen=True)
class WaitingCase:
    """A row of a staff work list: a disagreement, the step it is at, and when that step is due."""

    id: int
    reference: str
    person_name: str | None
    state: str
    step_kind: str
    due_on: date
    acknowledge_due_on: date | None


def waiting_for(
    staff_user_id: int,
    role: str,
    step_of_state: Mapping[str, str],
    page: int,
    per_page: int,
    acknowledge_counts_in: str | None = None,
    held: bool = True,
) -> tuple[list[WaitingCase], int]:
    """The disagreements waiting for this member of staff, the soonest due first; one page of them and
    how many there are in all (a page past the end gives the last page). Two statements, whatever the
    number of cases.

    `step_of_state` maps each state that waits for `role` to the step it is at (whose due date counts):
    one step for all of them.
    In the state `acknowledge_counts_in` a complaint's date to say we have it counts too, when sooner.
    `held`: only the people whose case this member of staff holds in `role` (`case_assignments`); a
    complaints officer holds no cases and sees every complaint. Cases where they have a conflict of
    interest are left out (`no_conflict`)."""
    if not step_of_state:  # a role no disagreement waits for (the panel)
        return [], 0
    count, rows = _waiting_statements(tuple(step_of_state.items()), acknowledge_counts_in, held)
    params: dict[str, Any] = {"staff_user_id": staff_user_id, "role": role}
    total = db().scalar(count, params) or 0
    page = last_page_or(page, total, per_page)
    found = db().execute(rows, params | {"limit": per_page, "offset": max(page - 1, 0) * per_page})
    return [WaitingCase(*row) for row in found], total


@functools.cache
def _waiting_statements(
    step_of_state: tuple[tuple[str, str], ...], acknowledge_counts_in: str | None, held: bool
) -> tuple[Select[Any], Select[Any]]:
    """`waiting_for`'s two statements, built once for each shape (their values are bound parameters)."""
    staff_user_id: BindParameter[int] = bindparam("staff_user_id", type_=Integer)
    # Every state that waits for one role is at the same step (the complaints officer's two states are both
    # at the complaint). Compared as a plain value, the planner can estimate it: a CASE of state and step
    # here made PostgreSQL expect 25 rows where there were 5,000, and loop over them one by one.
    (step_kind,) = {kind for _state, kind in step_of_state}
    people = select().select_from(Disagreement).join(Person, Person.id == Disagreement.person_id)
    if held:
        people = people.join(
            CaseAssignment,
            and_(
                CaseAssignment.person_id == Disagreement.person_id,
                CaseAssignment.role == bindparam("role"),
                CaseAssignment.staff_user_id == staff_user_id,
            ),
        )
    base = people.join(
        DisagreementStep,
        and_(DisagreementStep.disagreement_id == Disagreement.id, DisagreementStep.kind == step_kind),
    ).where(Disagreement.state.in_([state for state, _kind in step_of_state]), no_conflict(staff_user_id))
    due = case(
        (
            and_(
                Disagreement.state == acknowledge_counts_in,
                DisagreementStep.acknowledge_due_on.is_not(None),
                DisagreementStep.acknowledge_due_on < DisagreementStep.due_on,
            ),
            DisagreementStep.acknowledge_due_on,
        ),
        else_=DisagreementStep.due_on,
    )
    rows = (
        base.with_only_columns(
            Disagreement.id,
            Disagreement.reference,
            Person.name,
            Disagreement.state,
            DisagreementStep.kind,
            DisagreementStep.due_on,
            DisagreementStep.acknowledge_due_on,
        )
        .order_by(due, Disagreement.id)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )
    return base.with_only_columns(func.count(Disagreement.id)), cast("Select[Any]", rows)


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


def with_letters_to_post(
    staff_user_id: int,
    role: str,
    raise_move: str,
    letter_kinds: Iterable[str],
    posted_kind: str,
    held: bool = True,
    step_kind: str | None = None,
) -> list[Disagreement]:
    """The disagreements with a letter not posted yet that this member of staff may see, with their
    entries and person loaded: the person asked for letters when they raised it (`raise_move`), and an
    entry of `letter_kinds` has no `posted_kind` entry that names it (`details.for_entry`). One statement
    for them and one for their entries, whatever the number of cases.

    Whom it is for, as `waiting_for`: `held`, the people whose case they hold in `role`; `step_kind`, only
    disagreements that reached that step; never a case where they have a conflict of interest."""
    found = _letters_statement(raise_move, tuple(letter_kinds), posted_kind, held, step_kind)
    return list(db().scalars(found, {"staff_user_id": staff_user_id, "role": role}))


@functools.cache
def _letters_statement(
    raise_move: str, letter_kinds: tuple[str, ...], posted_kind: str, held: bool, step_kind: str | None
) -> Select[Disagreement]:
    """`with_letters_to_post`'s statement, built once for each shape (its values are bound parameters)."""
    staff_user_id: BindParameter[int] = bindparam("staff_user_id", type_=Integer)
    told = aliased(DisagreementEntry)
    posted = aliased(DisagreementEntry)
    asked = select(DisagreementEntry.id).where(
        DisagreementEntry.disagreement_id == Disagreement.id,
        DisagreementEntry.kind == raise_move,
        DisagreementEntry.details["contact_by"].as_string() == "letter",
    )
    not_posted = select(told.id).where(
        told.disagreement_id == Disagreement.id,
        told.kind.in_(letter_kinds),
        ~exists(
            select(posted.id).where(
                posted.disagreement_id == Disagreement.id,
                posted.kind == posted_kind,
                posted.details["for_entry"].as_integer() == told.id,
            )
        ),
    )
    where = [exists(asked), exists(not_posted), no_conflict(staff_user_id)]
    if held:
        where.append(
            exists(
                select(CaseAssignment.id).where(
                    CaseAssignment.person_id == Disagreement.person_id,
                    CaseAssignment.role == bindparam("role"),
                    CaseAssignment.staff_user_id == staff_user_id,
                )
            )
        )
    if step_kind is not None:
        where.append(
            exists(
                select(DisagreementStep.id).where(
                    DisagreementStep.disagreement_id == Disagreement.id, DisagreementStep.kind == step_kind
                )
            )
        )
    return (
        select(Disagreement)
        .join(Person, Person.id == Disagreement.person_id)
        .where(*where)
        .options(contains_eager(Disagreement.person), selectinload(Disagreement.entries))
        .order_by(Disagreement.id)
    )


# --- for the command line, with its own session ------------------------------------------------


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def staff_member_of(session: Session, user_id: int) -> StaffMember | None:
    return session.scalar(select(StaffMember).where(StaffMember.user_id == user_id))


def person_by_public_id(session: Session, public_id: str) -> Person | None:
    return session.scalar(select(Person).where(Person.public_id == public_id))

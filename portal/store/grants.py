"""The queries of helpers' grants and invitations, and of what each helper and member of staff did with a
person's record (from the audit log), for "Who can see my information".

Each function uses the request's session (`portal.store.db()`). Those that change something commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from portal.store import db
from portal.store.models import AuditEvent, Grant, Invitation, Person, User

INVITATION_LASTS = timedelta(days=30)
# Letters that cannot be mistaken for each other when read out or copied: no 0/O, 1/I/L.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def new_code() -> str:
    """A random one-time code, shown as three groups of four letters: ABCD-EFGH-JKMN."""
    letters = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
    return "-".join(letters[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def code_hash(code: str) -> str:
    """What is stored of a code: its SHA-256, after dropping spaces, dashes and case."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def grant_by_public_id(public_id: str) -> Grant | None:
    return db().scalar(select(Grant).where(Grant.public_id == public_id))


def grants_for_person(person_id: int) -> list[tuple[Grant, User]]:
    """Every grant anyone has held for this person, in force or not, newest first."""
    rows = db().execute(
        select(Grant, User)
        .join(User, User.id == Grant.user_id)
        .where(Grant.person_id == person_id)
        .order_by(Grant.starts_at.desc(), Grant.id.desc())
    )
    return [(row[0], row[1]) for row in rows]


def grants_held_by(user_id: int) -> list[Grant]:
    """Every grant this user has held for someone else, in force or not, newest first."""
    return list(
        db().scalars(
            select(Grant).where(Grant.user_id == user_id).order_by(Grant.starts_at.desc(), Grant.id.desc())
        )
    )


def end_grant(grant: Grant, by: User, moment: datetime) -> bool:
    """End a grant now (once: ending an ended grant changes nothing). True when this call ended it."""
    written = db().execute(
        update(Grant)
        .where(Grant.id == grant.id, Grant.ended_at.is_(None))
        .values(ended_at=moment, ended_by_id=by.id)
        .execution_options(synchronize_session=False)
    )
    db().commit()
    db().refresh(grant)
    return bool(getattr(written, "rowcount", 0) == 1)


def confirm_grant(grant: Grant) -> None:
    grant.confirmed_by_person = True
    db().commit()


def create_invitation(
    person: Person, by: User, helper_name: str, relationship: str, scope: str, moment: datetime
) -> str:
    """Store a new invitation and return its code: the only time the code exists in full."""
    code = new_code()
    db().add(
        Invitation(
            person_id=person.id,
            created_by_id=by.id,
            helper_name=helper_name,
            relationship_to_person=relationship,
            scope=scope,
            code_hash=code_hash(code),
            created_at=moment,
            expires_at=moment + INVITATION_LASTS,
        )
    )
    db().commit()
    return code


def invitations_for_person(person_id: int) -> list[Invitation]:
    return list(
        db().scalars(
            select(Invitation).where(Invitation.person_id == person_id).order_by(Invitation.id.desc())
        )
    )


WRONG, USED, EXPIRED, OWN = "wrong", "used", "expired", "own"


def accept_invitation(code: str, helper: User, moment: datetime) -> Grant | str:
    """Use a code: the helper's new grant (confirmed by the person), or why not (WRONG, USED, EXPIRED,
    OWN for the person's own code). A code works once, even when two tries arrive together; a grant the
    helper already held for the person is ended, replaced by this one."""
    invitation = db().scalar(select(Invitation).where(Invitation.code_hash == code_hash(code)))
    if invitation is None:
        return WRONG
    if invitation.used_at is not None:
        return USED
    if invitation.expires_at <= moment:
        return EXPIRED
    person = db().get(Person, invitation.person_id)
    if person is None or person.user_id == helper.id:
        return OWN
    claimed = db().execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=moment, used_by_id=helper.id)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        db().rollback()
        return USED
    db().execute(
        update(Grant)
        .where(Grant.user_id == helper.id, Grant.person_id == person.id, Grant.ended_at.is_(None))
        .values(ended_at=moment, ended_by_id=helper.id)
        .execution_options(synchronize_session=False)
    )
    grant = Grant(
        user_id=helper.id,
        person_id=person.id,
        relationship_to_person=invitation.relationship_to_person,
        basis="asked_by_person",
        scope=invitation.scope,
        starts_at=moment,
        confirmed_by_person=True,
    )
    db().add(grant)
    db().flush()
    invitation.grant_id = grant.id
    db().commit()
    return grant


def events_for_person(person_id: int) -> list[tuple[AuditEvent, User]]:
    """What everyone other than the person looked at or changed in their record, newest first."""
    rows = db().execute(
        select(AuditEvent, User)
        .join(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.person_id == person_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(500)
    )
    return [(row[0], row[1]) for row in rows]


def events_by(actor_id: int, person_id: int) -> list[AuditEvent]:
    """What this helper looked at or changed in this person's record, newest first."""
    return list(
        db().scalars(
            select(AuditEvent)
            .where(AuditEvent.actor_id == actor_id, AuditEvent.person_id == person_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(500)
        )
    )

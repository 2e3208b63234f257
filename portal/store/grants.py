"""The queries of helpers' grants and invitations, and of what each helper and member of staff did with a
person's record (from the audit log), for "Who can see my information".

Each function uses the request's session (`portal.store.db()`). Those that change something commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from portal.store import db
from portal.store.models import (
    COUNCIL_CONFIRMED,
    COUNCIL_ENDED,
    AuditEvent,
    Grant,
    GrantNote,
    Invitation,
    Person,
    User,
)
from portal.store.once import AlreadyStored, add_once, commit_once

LONDON = ZoneInfo("Europe/London")

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


def end_of_day(day: date) -> datetime:
    """The moment a grant "until `day`" ends: midnight at the end of that day in London, in UTC (as the
    database stores moments)."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON)
    return midnight.astimezone(UTC).replace(tzinfo=None)


def last_day(grant: Grant | Invitation) -> date | None:
    """The last day a grant with an end date is in force (the date the person chose), in London."""
    ends = grant.grant_ends_at if isinstance(grant, Invitation) else grant.ends_at
    if ends is None:
        return None
    return ends.replace(tzinfo=UTC).astimezone(LONDON).date() - timedelta(days=1)


def notes_of(grant_ids: list[int]) -> dict[int, list[GrantNote]]:
    """What the council did about each of these grants, oldest first."""
    found: dict[int, list[GrantNote]] = {grant_id: [] for grant_id in grant_ids}
    if not grant_ids:
        return found
    rows = db().scalars(
        select(GrantNote).where(GrantNote.grant_id.in_(grant_ids)).order_by(GrantNote.at, GrantNote.id)
    )
    for note in rows:
        found[note.grant_id].append(note)
    return found


def council_note_used(token: str) -> bool:
    return db().scalar(select(GrantNote.id).where(GrantNote.send_token == token)) is not None


def council_act(grant: Grant, kind: str, by: User, moment: datetime, note: str, token: str) -> bool:
    """A case holder confirms a grant's basis, records a concern about it, or ends it, with a note; stored
    once for the form's one-time token. False when nothing changed (the same form sent again, or the grant
    already confirmed or ended by then)."""
    try:
        add_once(
            GrantNote(grant_id=grant.id, kind=kind, by_id=by.id, at=moment, note=note, send_token=token),
            GrantNote.send_token,
        )
        if kind == COUNCIL_CONFIRMED:
            changed = db().execute(
                update(Grant)
                .where(
                    Grant.id == grant.id, Grant.council_confirmed_at.is_(None), Grant.active_clause(moment)
                )
                .values(council_confirmed_at=moment, council_confirmed_by_id=by.id)
                .execution_options(synchronize_session=False)
            )
        elif kind == COUNCIL_ENDED:
            changed = db().execute(
                update(Grant)
                .where(Grant.id == grant.id, Grant.active_clause(moment))
                .values(ended_at=moment, ended_by_id=by.id)
                .execution_options(synchronize_session=False)
            )
        else:
            changed = None
        if changed is not None and getattr(changed, "rowcount", 0) != 1:
            db().rollback()
            return False
        return True
    except AlreadyStored:
        db().rollback()
        return False


def finish_council_act() -> bool:
    """Commit what `council_act` did with its messages; False when the same form won at the same moment."""
    try:
        commit_once()
    except AlreadyStored:
        return False
    return True


def confirm_grant(grant: Grant) -> None:
    grant.confirmed_by_person = True
    db().commit()


def create_invitation(
    person: Person,
    by: User,
    helper_name: str,
    relationship: str,
    scope: str,
    moment: datetime,
    grant_ends_at: datetime | None = None,
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
            grant_ends_at=grant_ends_at,
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
    if invitation.grant_ends_at is not None and invitation.grant_ends_at <= moment:
        return EXPIRED  # the access it would give has already ended
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
        ends_at=invitation.grant_ends_at,
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

"""The queries behind signing in and opening a record: the user an identity provider names, an assessment
by the id in its address, and (in demo mode) the messages kept for someone's email address.

The sessions themselves are in `portal.store.session_models`. Journeys and `portal.access` call these
functions; they never build a query themselves. Each uses the request's session (`portal.store.db()`).
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.store import db
from portal.store.disagreement_models import LocalMessage
from portal.store.models import Assessment, User

# The most messages the demo inbox shows.
INBOX_SIZE = 200


def user_by_subject(issuer: str, subject: str) -> User | None:
    """The user an identity provider (`issuer`) knows as `subject`, if they have signed in before."""
    return db().scalar(select(User).where(User.issuer == issuer, User.subject == subject))


def user_for_identity(issuer: str, subject: str, name: str | None, email: str | None) -> User:
    """The user an identity provider knows as `subject`, made on their first sign-in, with the name and
    email it gives now. A first sign-in sent twice at once (a double click, two tabs) makes one user."""
    for _attempt in range(2):
        user = user_by_subject(issuer, subject)
        if user is None:
            user = User(issuer=issuer, subject=subject)
            db().add(user)
        user.name = name or user.name
        user.email = email or user.email
        try:
            db().commit()
            return user
        except IntegrityError:
            # The other request made their record first: read it, and carry on with it.
            db().rollback()
    raise RuntimeError(f"no user could be made or found for {issuer}/{subject}")


def assessment_by_public_id(public_id: str) -> Assessment | None:
    return db().scalar(_BY_PUBLIC_ID, {"public_id": public_id})


# Made once (every page about a form runs it), with the form's person, whom every such page names.
_BY_PUBLIC_ID = (
    select(Assessment)
    .where(Assessment.public_id == bindparam("public_id"))
    .options(joinedload(Assessment.person))
)


def inbox(email: str, limit: int = INBOX_SIZE) -> list[LocalMessage]:
    """The messages the local notifier kept for this email address, newest first."""
    return list(
        db().scalars(
            select(LocalMessage)
            .where(LocalMessage.recipient == email)
            .order_by(LocalMessage.id.desc())
            .limit(limit)
        )
    )

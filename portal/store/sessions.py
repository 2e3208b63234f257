"""The queries behind signing in and opening a record: the user an identity provider names, an assessment
by the id in its address, and (in demo mode) the messages kept for someone's email address.

The sessions themselves are in `portal.store.session_models`. Journeys and `portal.access` call these
functions; they never build a query themselves. Each uses the request's session (`portal.store.db()`).
"""

from __future__ import annotations

from sqlalchemy import select

from portal.store import db
from portal.store.disagreement_models import LocalMessage
from portal.store.models import Assessment, User

# The most messages the demo inbox shows.
INBOX_SIZE = 200


def user_by_subject(issuer: str, subject: str) -> User | None:
    """The user an identity provider (`issuer`) knows as `subject`, if they have signed in before."""
    return db().scalar(select(User).where(User.issuer == issuer, User.subject == subject))


def assessment_by_public_id(public_id: str) -> Assessment | None:
    return db().scalar(select(Assessment).where(Assessment.public_id == public_id))


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

"""The language each person chose (`users.language`): kept when they switch language while signed in,
and read when something is written to them, whoever writes it."""

from __future__ import annotations

from sqlalchemy import select

from portal.store import db
from portal.store.models import User


def remember_language(user: User, language: str) -> None:
    """Keep the language a signed-in person chose on their record (saved at once: it is a page choice,
    not part of another change)."""
    if user.language != language:
        user.language = language
        db().commit()


def language_for_email(email: str) -> str | None:
    """The language chosen by the person with this email address; the most recent account's choice if
    several accounts share the address. None when nobody with it has chosen one."""
    return db().scalar(
        select(User.language)
        .where(User.email == email, User.language.is_not(None))
        .order_by(User.id.desc())
        .limit(1)
    )

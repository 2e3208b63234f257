"""Sign-in sessions kept on the server, so that signing out, or leaving the portal alone for too long,
ends a session at once on every server; and forms kept for someone whose session ended as they sent one.

The browser's cookie holds only a random token. The database keeps its SHA-256 hash, never the token:
someone who reads the table cannot sign in with what they read.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, ForeignKey, Integer, String, and_, bindparam, delete, select, update
from sqlalchemy.orm import Mapped, Session, contains_eager, mapped_column, relationship

from portal.store.disagreement_models import StaffMember
from portal.store.models import Base, User

# Why a session ended, as stored in `UserSession.ended_reason`.
SIGNED_OUT = "signed_out"
SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
IDLE = "idle"
TOO_LONG = "absolute"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserSession(Base):
    """One signed-in browser. It ends when the person signs out, or at `ends_at` (when they have done
    nothing for `idle_seconds`), or at `expires_at` (however busy they are)."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    idle_seconds: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ends_at: Mapped[datetime]  # the idle deadline: moved on as the person uses the portal
    expires_at: Mapped[datetime]  # the absolute deadline: never moved
    ended_at: Mapped[datetime | None]
    ended_reason: Mapped[str | None] = mapped_column(String(30))
    user: Mapped[User] = relationship()

    def reason_ended(self, now: datetime) -> str | None:
        """Why this session is over at `now` (naive UTC), or None while it is still open."""
        if self.ended_at is not None:
            return self.ended_reason or SIGNED_OUT
        if now >= self.expires_at:
            return TOO_LONG
        if now >= self.ends_at:
            return IDLE
        return None


class KeptForm(Base):
    """What someone typed into a form they sent just after their session ended. Given back once, to
    the same user, on the same page, after they sign in again; never saved as an answer by itself."""

    __tablename__ = "kept_forms"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    path: Mapped[str] = mapped_column(String(500))
    fields: Mapped[dict[str, Any]]  # {"name": ["value", ...]}
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


# --- the few queries the portal needs ------------------------------------------------------------


def start(db: Session, user: User, now: datetime, idle_seconds: int, lifetime_seconds: int) -> str:
    """Open a session for the user and return its token (for the cookie only)."""
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(seconds=lifetime_seconds)
    db.add(
        UserSession(
            token_hash=token_hash(token),
            user_id=user.id,
            idle_seconds=idle_seconds,
            created_at=now,
            last_seen_at=now,
            ends_at=min(now + timedelta(seconds=idle_seconds), expires_at),
            expires_at=expires_at,
        )
    )
    db.commit()
    return token


def find(db: Session, token: str) -> UserSession | None:
    return db.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))


def find_signed_in(db: Session, token: str) -> tuple[UserSession, StaffMember | None] | None:
    """The session, its user and the user's staff role if they are on the staff now, in one query: every
    signed-in page needs all three (the header offers staff their work list)."""
    row = db.execute(_SIGNED_IN, {"token_hash": token_hash(token)}).first()
    return None if row is None else (row[0], row[1])


# Made once: building the statement again for every request cost more than running it.
_SIGNED_IN = (
    select(UserSession, StaffMember)
    .join(UserSession.user)
    .outerjoin(StaffMember, and_(StaffMember.user_id == User.id, StaffMember.active.is_(True)))
    .options(contains_eager(UserSession.user))
    .where(UserSession.token_hash == bindparam("token_hash"))
)


def seen(db: Session, row: UserSession, now: datetime, idle_seconds: int | None = None) -> None:
    """The person used the portal at `now`: move the idle deadline on (never past the absolute one).
    A shorter `idle_seconds` (a member of staff, say) takes the place of the one the session had."""
    if idle_seconds is not None:
        row.idle_seconds = min(row.idle_seconds, idle_seconds)
    row.last_seen_at = now
    row.ends_at = min(now + timedelta(seconds=row.idle_seconds), row.expires_at)
    db.commit()


def end(db: Session, row: UserSession, now: datetime, reason: str) -> None:
    if row.ended_at is None:
        row.ended_at = now
        row.ended_reason = reason
        db.commit()


def end_all(db: Session, user_id: int, now: datetime, reason: str = SIGNED_OUT_EVERYWHERE) -> int:
    """End every open session of the user, on every device. Returns how many were open."""
    result = cast(
        "CursorResult[Any]",
        db.execute(
            update(UserSession)
            .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
            .values(ended_at=now, ended_reason=reason)
        ),
    )
    db.commit()
    return result.rowcount or 0


def keep_form(
    db: Session, user_id: int, path: str, fields: dict[str, list[str]], now: datetime, lifetime_seconds: int
) -> str:
    """Keep a form's fields for the user and return the key that finds it again (for the cookie only).
    One form is kept for each user: a newer one takes the place of the one before."""
    db.execute(delete(KeptForm).where((KeptForm.expires_at <= now) | (KeptForm.user_id == user_id)))
    key = secrets.token_urlsafe(32)
    db.add(
        KeptForm(
            key_hash=token_hash(key),
            user_id=user_id,
            path=path,
            fields=fields,
            created_at=now,
            expires_at=now + timedelta(seconds=lifetime_seconds),
        )
    )
    db.commit()
    return key


def find_kept_form(db: Session, key: str, now: datetime) -> KeptForm | None:
    kept = db.scalar(select(KeptForm).where(KeptForm.key_hash == token_hash(key)))
    if kept is not None and kept.expires_at <= now:
        forget_form(db, kept)
        return None
    return kept


def forget_expired_forms(db: Session, now: datetime) -> None:
    """Delete every kept form older than its lifetime (they hold what people typed)."""
    db.execute(delete(KeptForm).where(KeptForm.expires_at <= now))
    db.commit()


def prune(db: Session, before: datetime) -> int:
    """Delete the sessions that were over before `before` (signed out, timed out or past their absolute
    deadline), and every kept form past its lifetime. Returns how many sessions went. An open session is
    never touched; a session that ended after `before` is kept, so that a person who comes back soon is
    still told why they were signed out."""
    over = (
        (UserSession.ended_at.is_not(None) & (UserSession.ended_at < before))
        | (UserSession.ends_at < before)
        | (UserSession.expires_at < before)
    )
    gone = cast("CursorResult[Any]", db.execute(delete(UserSession).where(over))).rowcount or 0
    db.execute(delete(KeptForm).where(KeptForm.expires_at <= before))
    db.commit()
    return gone


def forget_form(db: Session, kept: KeptForm) -> None:
    db.delete(kept)
    db.commit()

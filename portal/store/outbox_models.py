"""The outbox: every notification, written in the same transaction as the change it tells about,
then sent by the outbox worker (`portal/outbox.py`).

A row is the message as it was rendered, in the recipient's language, with its own Message-ID, and
the state of its delivery:

    pending --claimed--> sending --sent--> sent
       ^                    |
       +----- a retry ------+--- no tries left ---> failed --"try again" (staff)--> pending

`next_attempt_at` says when a worker may next take the row: for a pending row, when it is due; for a
row being sent, when the worker's lease runs out (a worker killed mid-send leaves its row "sending",
and another worker takes it again once the lease is over: at least once, never lost).

The queries the worker and the staff page need are here, so that both databases behave the same:
PostgreSQL takes due rows with SELECT ... FOR UPDATE SKIP LOCKED, so that several workers never
wait for each other; on both databases a row is claimed with a conditional update that only one
worker can win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, ForeignKey, Integer, String, Text, Update, false, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.store.models import Base, utcnow

EMAIL = "email"
LETTER = "letter"
CHANNELS = (EMAIL, LETTER)

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)


class OutboxMessage(Base):
    """One message to one recipient, in their channel and language."""

    __tablename__ = "outbox_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The RFC 5322 Message-ID, made when the row is written: every try carries the same one, so a
    # message sent twice (a worker killed after sending, before saying so) can be recognised.
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    channel: Mapped[str] = mapped_column(String(10))  # email | letter
    recipient: Mapped[str] = mapped_column(String(500))  # an email address, or a postal address for a letter
    language: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(60))  # what the message is, e.g. disagreement.raise
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Whose record it is about, and the change it tells about (e.g. disagreement_entry:42).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    about: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


@dataclass(frozen=True)
class Claimed:
    """A row a worker has taken to send: what it needs to send it, without holding a database session."""

    id: int
    attempt: int  # 1 for the first try
    message_id: str
    channel: str
    recipient: str
    subject: str
    body: str


STOPPED = "WorkerStopped: the worker stopped while sending it"


def _changed(session: Session, statement: Update) -> int:
    """Run an UPDATE and say how many rows it changed (the objects in the session are left as they are)."""
    result = session.execute(statement.execution_options(synchronize_session=False))
    return cast(CursorResult[Any], result).rowcount


def claim_due(
    session: Session, now: datetime, lease: timedelta, limit: int, max_attempts: int
) -> list[Claimed]:
    """Take up to `limit` rows that are due (pending, or sending with a lease that ran out), mark them
    "sending" until `now + lease`, and commit. Rows another worker takes at the same time are skipped.
    A row whose worker stopped while sending it counts that as a failed try; after `max_attempts` tries
    it is "failed", so that a message that stops every worker cannot stop them for ever."""
    due = (
        select(OutboxMessage)
        .where(OutboxMessage.status.in_((PENDING, SENDING)), OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    claimed = []
    for row in session.scalars(due).all():
        stopped = row.status == SENDING
        values: dict[str, object] = {
            "status": SENDING,
            "attempts": row.attempts + 1,
            "next_attempt_at": now + lease,
        }
        if stopped and row.attempts >= max_attempts:
            values = {"status": FAILED}
        if stopped:
            values["last_error"] = STOPPED
        # Only one worker can move a row on from the state it read; another that read it too changes nothing.
        won = _changed(
            session,
            update(OutboxMessage)
            .where(
                OutboxMessage.id == row.id,
                OutboxMessage.status == row.status,
                OutboxMessage.attempts == row.attempts,
            )
            .values(**values),
        )
        if won == 1 and values["status"] == SENDING:
            claimed.append(
                Claimed(
                    row.id,
                    row.attempts + 1,
                    row.message_id,
                    row.channel,
                    row.recipient,
                    row.subject,
                    row.body,
                )
            )
    session.commit()
    return claimed


def _finish(session: Session, claimed: Claimed, **values: object) -> bool:
    """Write the result of a try, unless the row has moved on since (its lease ran out and another
    worker took it). True when written."""
    written = _changed(
        session,
        update(OutboxMessage)
        .where(
            OutboxMessage.id == claimed.id,
            OutboxMessage.status == SENDING,
            OutboxMessage.attempts == claimed.attempt,
        )
        .values(**values),
    )
    session.commit()
    return written == 1


def mark_sent(session: Session, claimed: Claimed, now: datetime) -> bool:
    return _finish(session, claimed, status=SENT, sent_at=now, last_error=None)


def mark_not_sent(
    session: Session, claimed: Claimed, now: datetime, error: str, retry_in: timedelta | None
) -> bool:
    """A try that failed: try again after `retry_in`, or, with None, give up ("failed", shown to staff)."""
    if retry_in is None:
        return _finish(session, claimed, status=FAILED, last_error=error[:2000])
    return _finish(session, claimed, status=PENDING, next_attempt_at=now + retry_in, last_error=error[:2000])


def needing_attention(session: Session, now: datetime, pending_for: timedelta) -> list[OutboxMessage]:
    """Messages staff should know about: failed ones, and ones still not sent after `pending_for`.
    Oldest first."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(
                or_(
                    OutboxMessage.status == FAILED,
                    OutboxMessage.status.in_((PENDING, SENDING))
                    & (OutboxMessage.created_at <= now - pending_for),
                )
            )
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
            .limit(500)
        )
    )


def written_to(session: Session, email: str | None, person_ids: list[int]) -> list[OutboxMessage]:
    """What we wrote to someone, for "download your information": every message to their email address,
    and every letter about them or the people they act for."""
    to_them = OutboxMessage.recipient == email if email else false()
    letters = (OutboxMessage.channel == LETTER) & OutboxMessage.person_id.in_(person_ids)
    return list(
        session.scalars(select(OutboxMessage).where(or_(to_them, letters)).order_by(OutboxMessage.id))
    )


def try_again(session: Session, row_id: int, now: datetime) -> bool:
    """Staff ask for a failed or waiting message to be sent again now, with a fresh set of tries.
    A message that was sent, or is being sent, is left alone. True when the row changed."""
    written = _changed(
        session,
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, OutboxMessage.status.in_((FAILED, PENDING)))
        .values(status=PENDING, attempts=0, next_attempt_at=now),
    )
    return written == 1

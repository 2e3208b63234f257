"""Notifications: one small interface, `send(message)`, that never talks to a mail server.

`send` writes the message to the outbox (`portal/store/outbox_models.py`) in the caller's own
database session, so it is saved in the same transaction as the change it tells about: if the
change is not saved, no message is; once it is saved, the message cannot be lost. The outbox
worker (`portal/outbox.py`, `flask --app portal outbox-worker`) then delivers it, with retries.

Each message goes in the recipient's channel and language:

- email: the worker sends it with `SmtpNotifier` (SMTP_* settings) or, in development and demo
  without SMTP_HOST, keeps it with `LocalNotifier`, to be read at /dev/messages.
- letter: for a person who asked us to write to them. The letter itself is a task on the staff work
  list, made from the timeline entry it is about (`portal/journeys/disagree/service.py`), as soon as
  the change is saved; the outbox row is the record of what the letter says, and is "sent" (handed
  to staff) from the start. The work list says when it was posted.
- language: the recipient's, whoever's action the message is about: the language on their record
  (`users.language`, kept when they choose one), `language_of(address)`. Callers render each message
  with Flask-Babel's `force_locale(language)`, and the row keeps the language it was written in.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any, Protocol

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from portal.store.outbox_models import CHANNELS, EMAIL, LETTER, PENDING, SENT, OutboxMessage

__all__ = [
    "EMAIL",
    "LETTER",
    "LocalNotifier",
    "Message",
    "Notifier",
    "SmtpNotifier",
    "init_app",
    "language_of",
    "language_of_user",
    "languages",
    "send",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    channel: str = EMAIL
    language: str | None = None  # the language the subject and body are in; the council's first by default
    kind: str = "notification"  # what the message is, e.g. disagreement.raise
    person_id: int | None = None  # whose record it is about
    about: str | None = None  # the change it tells about, e.g. disagreement_entry:42
    message_id: str | None = None  # set by the outbox; the same on every try


class Notifier(Protocol):
    def send(self, message: Message) -> None: ...


@dataclass
class SmtpNotifier:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 10.0

    def send(self, message: Message) -> None:
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.to
        email["Subject"] = message.subject
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = message.message_id or make_msgid(domain=_domain(self.sender))
        if message.language:
            email["Content-Language"] = message.language
        email.set_content(message.body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(email)


@dataclass
class LocalNotifier:
    """Keeps messages in the database (in its own session, so it never mixes with a request's work)."""

    sessions: sessionmaker

    def send(self, message: Message) -> None:
        from portal.store.disagreement_models import LocalMessage

        with self.sessions() as session:
            session.add(LocalMessage(recipient=message.to, subject=message.subject[:200], body=message.body))
            session.commit()


def _domain(address: str | None) -> str:
    """The domain for Message-IDs. Never asks the network (make_msgid's default looks up the host name)."""
    return address.rpartition("@")[2] if address and "@" in address else "portal.invalid"


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    if settings.smtp_host:
        app.extensions["notifier"] = SmtpNotifier(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            username=settings.smtp_username,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            timeout=settings.smtp_timeout,
        )
    else:
        app.extensions["notifier"] = LocalNotifier(app.extensions["db_sessionmaker"])
    app.extensions["message_id_domain"] = _domain(settings.smtp_from)

    @event.listens_for(app.extensions["db_sessionmaker"], "after_commit")
    def _outbox_written(session: Session) -> None:
        # Wake an in-process sender at once, rather than at its next look (development and demo only).
        if session.info.pop("outbox_written", False):
            wake = app.extensions.get("outbox_wake")
            if wake is not None:
                wake.set()

    @event.listens_for(app.extensions["db_sessionmaker"], "after_rollback")
    def _outbox_dropped(session: Session) -> None:
        session.info.pop("outbox_written", None)


def languages() -> list[str]:
    """Every language a message may be written in."""
    from portal.i18n import available_languages

    return available_languages()


def language_of(address: str | None) -> str:
    """The language to write to someone in, whoever's action the message is about: the language they chose
    (kept on their record when they switched language while signed in); else, for the person signed in,
    the language of the page they are on; else the council's first language."""
    offered = languages()
    if address:
        from portal.store.languages import language_for_email

        chosen = language_for_email(address)
        if chosen in offered:
            return str(chosen)
        if has_request_context() and g.get("lang"):
            from portal.access import current_user

            user = current_user()
            if user is not None and user.email == address:
                return str(g.lang)
    return offered[0]


def language_of_user(user: Any) -> str:
    """The language to write a letter to someone in: the one on their record, else the council's first."""
    offered = languages()
    chosen = getattr(user, "language", None)
    return str(chosen) if chosen in offered else offered[0]


def send(message: Message) -> bool:
    """Put the message in the outbox, in the caller's session: it is saved when the caller commits
    the change it tells about, and sent after that by the outbox worker. Nothing is sent here.
    False when there is nobody to send it to."""
    if not message.to:
        return False
    if message.channel not in CHANNELS:
        raise ValueError(f"unknown channel {message.channel!r}")
    from portal.store import db
    from portal.store.models import utcnow

    session = db()
    now = utcnow()
    letter = message.channel == LETTER
    session.add(
        OutboxMessage(
            message_id=make_msgid(domain=current_app.extensions["message_id_domain"]),
            channel=message.channel,
            recipient=message.to[:500],
            language=message.language or languages()[0],
            kind=message.kind[:60],
            subject=message.subject[:200],
            body=message.body,
            person_id=message.person_id,
            about=message.about,
            status=SENT if letter else PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            sent_at=now if letter else None,
        )
    )
    if not letter:
        session.info["outbox_written"] = True
    return True

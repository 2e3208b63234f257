"""Notifications: one small interface, `send(message)`, with two ways to deliver.

- `SmtpNotifier` emails the message through the council's mail server (SMTP_* settings).
- `LocalNotifier` keeps the message in the database, to be read at /dev/messages. It is for
  development and demo only: production refuses to start without SMTP_HOST.

Callers send a message only after the change it tells about has been saved, and only when
that change was new: sending the same form twice saves one record and sends one message.
A message that cannot be delivered is logged; it never undoes what the person sent, which is
always on their timeline.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol

from flask import Flask, current_app
from sqlalchemy.orm import sessionmaker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


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
        email["Message-ID"] = make_msgid()
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


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    if settings.smtp_host:
        app.extensions["notifier"] = SmtpNotifier(
            host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from,
            username=settings.smtp_username, password=settings.smtp_password, starttls=settings.smtp_starttls)
    else:
        app.extensions["notifier"] = LocalNotifier(app.extensions["db_sessionmaker"])


def send(message: Message) -> bool:
    """Send through the app's notifier. True when it went; False (and logged) when it could not."""
    if not message.to:
        return False
    notifier = current_app.extensions["notifier"]
    try:
        notifier.send(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("Could not send a notification (%s): %s", message.subject, error)
        return False
    return True

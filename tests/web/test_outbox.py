"""The outbox: a mail server that stalls or fails never slows a request and never loses a message.

Real components throughout: a socket that accepts mail connections and never answers, aiosmtpd as a
working or refusing mail server, the outbox worker's own `send_due`, the `outbox-worker` command in a
subprocess killed with SIGKILL, and both databases.
"""

from __future__ import annotations

import email
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.outbox import LEASE, RETRY_DELAYS
from portal.store.disagreement_models import LocalMessage
from portal.store.models import AuditEvent, utcnow
from portal.store.outbox_models import FAILED, PENDING, SENDING, SENT, OutboxMessage
from tests import factories
from tests.conftest import ROOT, TEST_SECRET, _empty_tables
from tests.mail import deliver
from tests.web.helpers import Portal
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, raise_data, set_today, url

ADDRESS = "Flat 2, 10 Mill Lane, Exampletown EX1 2AB"


# --- mail servers ------------------------------------------------------------------------------


class StalledServer:
    """A mail server that accepts every connection and never says a word, as a hung server does."""

    def __init__(self, port: int = 0):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)
            self.connected.set()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self.connections:
            connection.close()
        self.sock.close()


class Mailbox:
    """aiosmtpd's handler: keeps what it accepts, or answers every message with `reply`."""

    def __init__(self, reply: str = "250 Message accepted"):
        self.reply = reply
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.reply.startswith("250"):
            self.received.append(envelope)
        return self.reply

    def message_ids(self) -> list[str]:
        return [email.message_from_bytes(envelope.content)["Message-ID"] for envelope in self.received]


@contextmanager
def mail_server(port: int = 0, reply: str = "250 Message accepted"):
    """A real SMTP server on 127.0.0.1 (a free port, or `port`)."""
    from aiosmtpd.controller import Controller

    class FreePort(Controller):
        # The OS picks the port (port 0); aiosmtpd's start-up check must then use the port it got.
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    handler = Mailbox(reply)
    controller = FreePort(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


@pytest.fixture
def mail_app(settings):
    """Make apps that send email through 127.0.0.1:<port>; each is emptied and closed at the end."""
    from portal import create_app

    made = []

    def make(port: int, **changes):
        app = create_app(
            replace(
                settings,
                smtp_host="127.0.0.1",
                smtp_port=port,
                smtp_from="portal@example.org",
                smtp_starttls=False,
                smtp_timeout=1,
                **changes,
            )
        )
        app.config.update(TESTING=True)
        made.append(app)
        return app

    yield make
    for app in made:
        stop = app.extensions.get("outbox_stop")
        if stop is not None:
            stop.set()
            app.extensions["outbox_wake"].set()
            app.extensions["outbox_thread"].join(10)
    if made:
        _empty_tables(made[0].extensions["db_engine"])
    for app in made:
        app.extensions["db_engine"].dispose()


def _db(app):
    return app.extensions["db_sessionmaker"]()


def _rows(app) -> list[OutboxMessage]:
    with _db(app) as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def timed_submit(portal: Portal, address: str, data: dict) -> float:
    """Send a form as `Portal.submit` does, and return how long the POST took, in seconds."""
    page = BeautifulSoup(portal.client.get(address).get_data(as_text=True), "html.parser")
    hidden = {field["name"]: field.get("value", "") for field in page.select("main form input[type=hidden]")}
    started = time.perf_counter()
    response = portal.client.post(address, data={**hidden, **data})
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return seconds


def _raised(app, portal: Portal, **data) -> str:
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    portal.submit(url(assessment_id, "care-manager"), raise_data(**data))
    return assessment_id


# --- a stalled mail server ---------------------------------------------------------------------


def test_a_stalled_mail_server_adds_no_time_to_raising_a_disagreement_or_a_complaint(mail_app):
    stalled = StalledServer()
    try:
        app = mail_app(stalled.port)
        portal, pat, chris = Portal(app), Portal(app), Portal(app)
        set_today(app, TUESDAY_BEFORE_CHRISTMAS)
        portal.sign_in("alex")
        assessment_id = factories.sent_assessment(app, portal)

        raising = timed_submit(portal, url(assessment_id, "care-manager"), raise_data())
        reference = _rows(app)[0].subject.split("(")[-1].rstrip(")")
        chris.sign_in("chris")
        chris.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stands."})
        portal.submit(url(assessment_id, "team-manager"), {"reason": "Please look again."})
        pat.sign_in("pat")
        pat.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stands."})
        complaining = timed_submit(
            portal,
            url(assessment_id, "complaint"),
            {"complaint": "Nobody looked at my nights.", "put_right": "£150 a week."},
        )

        # Before: 20 s and 30 s (gunicorn's limit). Now no request even opens a connection to the server.
        assert raising < 1 and complaining < 1, (raising, complaining)
        assert stalled.connections == []
        rows = _rows(app)
        assert {row.status for row in rows} == {PENDING}
        assert {row.kind for row in rows} >= {"disagreement.raise", "disagreement.complain"}
        assert {"alex@example.org", "chris@example.org", "pat@example.org", "kim@example.org"} <= {
            row.recipient for row in rows
        }
    finally:
        stalled.close()


def test_a_message_to_a_stalled_server_is_sent_once_the_server_answers(mail_app):
    stalled = StalledServer()
    app = mail_app(stalled.port)
    try:
        _raised(app, Portal(app))
        started = utcnow()
        assert deliver(app, now=started).not_sent == 2  # each waited SMTP_TIMEOUT (1 s here), then gave up
        assert stalled.connected.is_set()
        rows = _rows(app)
        assert [(row.status, row.attempts) for row in rows] == [(PENDING, 1), (PENDING, 1)]
        assert all(row.next_attempt_at == started + RETRY_DELAYS[0] for row in rows)
        assert "timed out" in rows[0].last_error
    finally:
        stalled.close()
    # The server answers again, on the same port.
    with mail_server(port=stalled.port) as (_port, mailbox):
        assert deliver(app, now=started + timedelta(seconds=30)).sent == 0  # not due yet
        assert deliver(app, now=started + timedelta(minutes=1)).sent == 2
        assert sorted(mailbox.message_ids()) == sorted(row.message_id for row in rows)
    assert [(row.status, row.last_error) for row in _rows(app)] == [(SENT, None), (SENT, None)]


# --- a failing mail server ---------------------------------------------------------------------


def test_a_refusing_server_gets_retries_with_backoff_then_the_message_fails_and_staff_see_it(mail_app):
    with mail_server(reply="451 4.3.0 Try again later") as (port, mailbox):
        app = mail_app(port)
        _raised(app, Portal(app))
        moment = utcnow()
        waits = []
        for _ in range(len(RETRY_DELAYS) + 1):
            assert deliver(app, now=moment).not_sent == 2
            row = _rows(app)[0]
            if row.status == FAILED:
                break
            waits.append(row.next_attempt_at - moment)
            # It waits its turn.
            assert deliver(app, now=row.next_attempt_at - timedelta(seconds=1)).not_sent == 0
            moment = row.next_attempt_at
        assert waits == list(RETRY_DELAYS)  # 1 min, 5 min, 30 min, 2 h, 12 h
        assert [(row.status, row.attempts) for row in _rows(app)] == [(FAILED, 6), (FAILED, 6)]
        assert deliver(app, now=moment + timedelta(days=30)).not_sent == 0  # failed: no more tries
        assert mailbox.received == []

    # A team manager sees both, in words, and is audited for looking.
    pat = Portal(app)
    pat.sign_in("pat")
    page = pat.get("/staff/outbox").soup
    rows = page.select("#outbox tbody tr")
    assert len(rows) == 2
    text = page.select_one("#outbox").get_text(" ", strip=True)
    assert "Failed" in text and "The mail server would not take the message" in text
    assert "alex@example.org" in text and "We have your message (DIS-" in text
    with _db(app) as session:
        assert (
            session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "staff_view_outbox")
            )
            == 2
        )

    # The server works again: "Try again" sends the one chosen, and only that one.
    with mail_server(port=port) as (_port, mailbox):
        chosen = _rows(app)[0]
        response = pat.submit(f"/staff/outbox/{chosen.id}/try-again", {}, form_from="/staff/outbox")
        after = pat.get(response.location).soup
        assert "We will try to send the message again" in after.get_text()
        assert deliver(app).sent == 1
        assert mailbox.message_ids() == [chosen.message_id]
    assert [row.status for row in _rows(app)] == [SENT, FAILED]
    assert len(pat.get("/staff/outbox").soup.select("#outbox tbody tr")) == 1
    with _db(app) as session:
        retried = session.scalar(
            select(AuditEvent.target).where(AuditEvent.action == "staff_outbox_try_again")
        )
    assert retried == f"outbox:{chosen.id}"


def test_only_team_managers_see_messages_not_sent(portal, app):
    _raised(app, portal)
    assert portal.client.get("/staff/outbox").status_code == 404
    for name in ("chris", "kim"):
        staff = Portal(app)
        staff.sign_in(name)
        assert staff.client.get("/staff/outbox").status_code == 404
    pat = Portal(app)
    pat.sign_in("pat")
    # Written a moment ago and not sent: not shown until it has waited an hour.
    assert pat.get("/staff/outbox").soup.select_one("#empty")
    with _db(app) as session:
        row = session.scalars(select(OutboxMessage)).first()
        row.created_at = utcnow() - timedelta(hours=2)
        session.commit()
    page = pat.get("/staff/outbox").soup
    assert "Waiting" in page.select_one("#outbox").get_text() and "Not tried yet" in page.get_text()
    token = pat.csrf("/staff/outbox")
    # Nobody else may ask for it to be sent again.
    chris = Portal(app)
    chris.sign_in("chris")
    reference = row.subject.split("(")[-1].rstrip(")")
    chris.post(
        f"/staff/outbox/{row.id}/try-again", {}, status=404, token_from=f"/staff/cases/{reference}/answer"
    )
    # A message that was sent is not sent again from here, nor one that does not exist.
    deliver(app)
    response = pat.client.post(f"/staff/outbox/{row.id}/try-again", data={"csrf_token": token})
    assert response.status_code == 302 and "again" not in response.location
    assert pat.client.post("/staff/outbox/999999/try-again", data={"csrf_token": token}).status_code == 404
    assert [r.status for r in _rows(app)] == [SENT, SENT]


# --- killed mid-send ---------------------------------------------------------------------------


def test_a_worker_killed_mid_send_loses_nothing(mail_app, database_url):
    stalled = StalledServer()
    worker = None
    try:
        app = mail_app(stalled.port)
        _raised(app, Portal(app))
        env = {
            **os.environ,
            "PORTAL_ENV": "development",
            "SECRET_KEY": TEST_SECRET,
            "DATABASE_URL": database_url,
            "PORTAL_CONTENT_DIR": str(ROOT / "content"),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(stalled.port),
            "SMTP_FROM": "portal@example.org",
            "SMTP_STARTTLS": "false",
            "SMTP_TIMEOUT": "600",
            "OUTBOX_POLL_SECONDS": "1",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "portal", "outbox-worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert stalled.connected.wait(60), "the worker never tried to send"
        assert [row.status for row in _rows(app)] == [SENDING, SENDING]  # taken, and being sent
        worker.kill()  # SIGKILL: no chance to tidy up
        worker.wait(10)
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(10)
        stalled.close()

    rows = _rows(app)
    with mail_server() as (port, mailbox):
        app.extensions["notifier"].port = port
        # While its lease lasts, nobody else takes a message that is being sent.
        assert deliver(app, now=utcnow()).sent == 0
        # Then another worker sends it, with the same Message-ID, so a copy can be recognised.
        assert deliver(app, now=utcnow() + LEASE + timedelta(seconds=1)).sent == 2
        assert sorted(mailbox.message_ids()) == sorted(row.message_id for row in rows)
    assert [(row.status, row.attempts) for row in _rows(app)] == [(SENT, 2), (SENT, 2)]


def test_a_message_that_stops_every_worker_fails_after_its_last_try(portal, app):
    _raised(app, portal)
    with _db(app) as session:
        row = session.scalars(select(OutboxMessage)).first()
        # Its sixth try began, and the worker stopped (killed, or the machine restarted).
        row.status, row.attempts, row.next_attempt_at = SENDING, len(RETRY_DELAYS) + 1, utcnow() - LEASE
        session.commit()
    assert deliver(app).sent == 1  # the other message only
    rows = _rows(app)
    assert [(r.status, r.attempts) for r in rows] == [(FAILED, 6), (SENT, 1)]
    pat = Portal(app)
    pat.sign_in("pat")
    assert "The sending program stopped while sending it" in pat.get("/staff/outbox").soup.get_text()


# --- several workers ---------------------------------------------------------------------------


def test_two_workers_on_postgresql_never_send_the_same_message_twice(mail_app, settings):
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("several workers need PostgreSQL (SELECT ... FOR UPDATE SKIP LOCKED); SQLite runs one")
    from portal import notify
    from portal.store import db

    with mail_server() as (port, mailbox):
        app = mail_app(port)
        with app.test_request_context():
            for number in range(60):
                notify.send(notify.Message(f"person{number}@example.org", f"Message {number}", "Hello."))
            db().commit()
        start = threading.Barrier(2)
        tallies = []

        def work():
            start.wait()
            total = 0
            while True:  # as the worker loops: one message at a time, to make them meet as often as possible
                tally = deliver(app, now=utcnow())
                total += tally.sent
                if tally.sent == 0:
                    break
            tallies.append(total)

        workers = [threading.Thread(target=work) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        ids = mailbox.message_ids()
    assert sum(tallies) == 60 and len(ids) == 60 and len(set(ids)) == 60
    assert all(tallies), tallies  # both really worked
    assert {row.status for row in _rows(app)} == {SENT}


# --- written with the change, in the recipient's channel and language ---------------------------


def test_messages_are_written_with_the_change_and_sent_only_by_the_worker(portal, app):
    from portal import notify
    from portal.store import db

    with app.test_request_context():
        notify.send(notify.Message("someone@example.org", "Never saved", "The change was not saved."))
        db().rollback()
    assert _rows(app) == []

    _raised(app, portal)
    rows = _rows(app)
    assert [(row.recipient, row.channel, row.language, row.status) for row in rows] == [
        ("alex@example.org", "email", "en", PENDING),
        ("chris@example.org", "email", "en", PENDING),
    ]
    assert rows[0].about.startswith("disagreement_entry:") and rows[0].person_id is not None
    assert rows[0].message_id.startswith("<") and rows[0].message_id.endswith(">")
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(LocalMessage)) == 0  # nothing sent yet
    assert deliver(app).sent == 2
    assert deliver(app).sent == 0
    with _db(app) as session:
        sent_to = sorted(session.scalars(select(LocalMessage.recipient)))
    assert sent_to == ["alex@example.org", "chris@example.org"]


def test_a_person_who_chose_letters_gets_a_letter_task_not_an_email(portal, app):
    assessment_id = _raised(app, portal, contact_by="letter", contact_details=ADDRESS)
    rows = _rows(app)
    assert [(row.recipient, row.channel, row.status) for row in rows] == [
        (ADDRESS, "letter", SENT),
        ("chris@example.org", "email", PENDING),
    ]
    deliver(app)
    with _db(app) as session:
        assert list(session.scalars(select(LocalMessage.recipient))) == ["chris@example.org"]
    chris = Portal(app)
    chris.sign_in("chris")
    assert len(chris.get("/staff").soup.select("#letters tbody tr")) == 1  # one letter, as before
    assert portal.get(url(assessment_id, "timeline")).status_code == 200


def test_the_worker_command_sends_what_is_due(portal, app):
    _raised(app, portal)
    result = app.test_cli_runner().invoke(args=["outbox-worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Sent 2" in result.output
    assert {row.status for row in _rows(app)} == {SENT}


def test_in_development_the_portal_sends_without_a_worker(mail_app):
    with mail_server() as (port, mailbox):
        app = mail_app(port, outbox_in_process=True)
        app.config.update(TESTING=False)
        _raised(app, Portal(app))
        waited = 0.0
        while len(mailbox.received) < 2 and waited < 20:  # woken by the commit; a busy machine is slower
            time.sleep(0.05)
            waited += 0.05
        assert sorted(r for envelope in mailbox.received for r in envelope.rcpt_tos) == [
            "alex@example.org",
            "chris@example.org",
        ]


def test_worker_settings_are_read_and_checked():
    from portal.settings import Settings, SettingsError

    development = Settings.from_env({"PORTAL_ENV": "development"})
    assert (development.outbox_in_process, development.smtp_timeout, development.outbox_poll_seconds) == (
        True,
        10,
        2,
    )
    assert Settings.from_env({"PORTAL_ENV": "demo", "OUTBOX_IN_PROCESS": "off"}).outbox_in_process is False
    with pytest.raises(SettingsError, match="SMTP_TIMEOUT must be a number of seconds"):
        Settings.from_env({"PORTAL_ENV": "development", "SMTP_TIMEOUT": "ten"})
    with pytest.raises(SettingsError, match="OUTBOX_POLL_SECONDS"):
        Settings.from_env({"PORTAL_ENV": "development", "OUTBOX_POLL_SECONDS": "0"})

"""The outbox worker: sends the messages `portal.notify.send` wrote, with retries and backoff.

Run it beside the web servers, as many as you like:

    flask --app portal outbox-worker          # runs until stopped (SIGTERM or Ctrl+C)
    flask --app portal outbox-worker --once   # sends what is due now, then stops

Why a queue on the outbox table itself, and not RQ or Celery on Redis: the message is written in the
same transaction as the change it tells about, so the table already is a queue that cannot disagree
with the data. With RQ the job would be a second write to a second store after the commit: a crash
between the two loses the job, so a sweeper over this same table would be needed anyway, and our
Redis keeps nothing across a restart. The table needs no new service, works on SQLite for `make run`,
and PostgreSQL's SELECT ... FOR UPDATE SKIP LOCKED lets several workers share it without waiting for
each other (`portal/store/outbox_models.py`). At our volume (a few messages a minute) one indexed
query every few seconds costs nothing.

- Retries: after a failed try the message waits 1 minute, then 5 minutes, 30 minutes, 2 hours and
  12 hours; after the sixth failed try it is "failed", and team managers see it at /staff/outbox,
  with "Try again".
- At least once: a message is marked "sending" with a lease before it is sent. A worker killed
  mid-send leaves it so; when the lease runs out, any worker sends it again, with the same
  Message-ID, so a duplicate can be recognised.
- Nothing here runs inside a web request. In development and demo (`OUTBOX_IN_PROCESS`, on there by
  default) each web process also starts one sender thread, on its first request, so that messages
  arrive at /dev/messages without a worker running.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import Flask, request

from portal.store.models import utcnow
from portal.store.outbox_models import claim_due, mark_not_sent, mark_sent

log = logging.getLogger(__name__)

RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
# How long a worker may take to send one message before another may take it over. Far longer than a
# send can take: the mail server gets SMTP_TIMEOUT seconds for each step of the conversation.
LEASE = timedelta(minutes=5)
BATCH = 20


@dataclass(frozen=True)
class Tally:
    sent: int = 0
    not_sent: int = 0


def retry_delay(attempt: int) -> timedelta | None:
    """How long to wait after failed try number `attempt` (1 for the first); None: no more tries."""
    return RETRY_DELAYS[attempt - 1] if attempt <= len(RETRY_DELAYS) else None


def send_due(app: Flask, now: datetime | None = None, limit: int = BATCH) -> Tally:
    """Send every message that is due at `now` (default: this moment), each once, and say how it went.
    A message that fails waits for its next try; it is never taken twice in one call."""
    from portal.notify import Message

    now = now or utcnow()
    sessions = app.extensions["db_sessionmaker"]
    notifier = app.extensions["notifier"]
    sent = not_sent = 0
    while True:
        with sessions() as session:
            batch = claim_due(session, now, LEASE, limit, max_attempts=len(RETRY_DELAYS) + 1)
        if not batch:
            return Tally(sent, not_sent)
        for claimed in batch:
            try:
                notifier.send(
                    Message(
                        claimed.recipient,
                        claimed.subject,
                        claimed.body,
                        channel=claimed.channel,
                        message_id=claimed.message_id,
                    )
                )
            except Exception as error:  # noqa: BLE001 - whatever the fault, the message is kept
                delay = retry_delay(claimed.attempt)
                log.warning(
                    "Could not send a notification (%s), try %d%s: %s",
                    claimed.subject,
                    claimed.attempt,
                    "" if delay else ", the last",
                    error,
                )
                with sessions() as session:
                    mark_not_sent(session, claimed, now, f"{type(error).__name__}: {error}", delay)
                not_sent += 1
            else:
                with sessions() as session:
                    mark_sent(session, claimed, now)
                log.info("Sent a notification (%s)", claimed.subject)
                sent += 1


def run(app: Flask, stop: threading.Event, wake: threading.Event | None = None) -> None:
    """Send what is due, then wait for the next look (or to be woken), until `stop` is set."""
    from portal import housekeeping

    poll = app.extensions["portal_settings"].outbox_poll_seconds
    wake = wake or threading.Event()
    pruned_at: datetime | None = None
    while not stop.is_set():
        try:
            send_due(app)
            now = utcnow()
            if pruned_at is None or now - pruned_at >= housekeeping.EVERY:
                housekeeping.prune_sessions(app, now)
                pruned_at = now
        except Exception:  # a database away for a moment must not stop the worker
            log.exception("The outbox worker could not read the outbox; it will look again")
        wake.wait(poll)
        wake.clear()


def _start_in_process(app: Flask) -> None:
    """One sender thread in this web process (development and demo). Started on the first request, so
    that commands such as `flask db-upgrade` and the tests (which send with `send_due`) start none."""
    lock = app.extensions["outbox_lock"]
    with lock:
        if app.extensions.get("outbox_thread") is not None:
            return
        stop, wake = threading.Event(), threading.Event()
        app.extensions["outbox_wake"] = wake
        app.extensions["outbox_stop"] = stop
        thread = threading.Thread(target=run, args=(app, stop, wake), name="outbox-sender", daemon=True)
        app.extensions["outbox_thread"] = thread
        thread.start()


def init_app(app: Flask) -> None:
    settings = app.extensions["portal_settings"]
    app.extensions["outbox_lock"] = threading.Lock()

    if settings.outbox_in_process:

        @app.before_request
        def _in_process_sender() -> None:
            if "outbox_thread" not in app.extensions and not app.testing and request.endpoint != "static":
                _start_in_process(app)

    @app.cli.command("outbox-worker")
    @click.option("--once", is_flag=True, help="Send what is due now, then stop.")
    def outbox_worker(once: bool) -> None:
        """Send the notifications in the outbox, with retries, until stopped."""
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        log.setLevel(logging.INFO)
        if once:
            tally = send_due(app)
            click.echo(f"Sent {tally.sent}; not sent, to try again later: {tally.not_sent}.")
            return
        stop, wake = threading.Event(), threading.Event()

        def _stop(signum, frame) -> None:  # the signal handler's signature
            log.info("Stopping after the message being sent")
            stop.set()
            wake.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        log.info("The outbox worker is running: it looks every %d seconds", settings.outbox_poll_seconds)
        run(app, stop, wake)

"""Housekeeping: forgetting what the portal no longer needs to keep.

A session row stays after the session ends, so that a person who comes back is told why they were signed
out. After `KEEP_ENDED_SESSIONS` it has no use, and it names who was signed in and when, so it goes. The
outbox worker does this once an hour; `flask --app portal prune-sessions` does it at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
from flask import Flask

from portal import clock
from portal.store.session_models import prune

KEEP_ENDED_SESSIONS = timedelta(days=30)
EVERY = timedelta(hours=1)


def prune_sessions(app: Flask, now: datetime | None = None) -> int:
    """Delete sessions that ended more than `KEEP_ENDED_SESSIONS` before `now`, and kept forms past their
    lifetime. Returns how many sessions were deleted."""
    if now is None:
        moment = app.extensions.get("now", clock.now)()  # the portal's time, as `portal.access.now`
        now = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    with app.extensions["db_sessionmaker"]() as session:
        return prune(session, now - KEEP_ENDED_SESSIONS)


def init_app(app: Flask) -> None:
    @app.cli.command("prune-sessions")
    def prune_sessions_command() -> None:
        """Delete sessions that ended more than 30 days ago, and expired kept forms."""
        gone = prune_sessions(app)
        click.echo(f"Ended sessions deleted: {gone}.")

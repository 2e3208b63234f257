"""Sent mail, for tests: the outbox worker's "send what is due now", run once, instead of waiting."""

from __future__ import annotations

from datetime import datetime


def deliver(app, now: datetime | None = None):
    """Send every message due at `now` (default: this moment) through the app's mail settings, as the
    outbox worker does. Returns how many were sent and how many were not."""
    from portal.outbox import send_due

    return send_due(app, now=now)

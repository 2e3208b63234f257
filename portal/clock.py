"""Today's date, from one place, so that tests can move time on without sleeping or mocking.

The app keeps a function in `app.extensions["clock"]` that returns today's date. It defaults
to the date in UTC; a test sets `app.extensions["clock"] = lambda: date(2026, 12, 22)`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask, current_app


def utc_today() -> date:
    return datetime.now(UTC).date()


def today() -> date:
    return current_app.extensions["clock"]()


def init_app(app: Flask) -> None:
    app.extensions.setdefault("clock", utc_today)

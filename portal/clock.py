"""Today's date, from one place, so that tests can move time on without sleeping or mocking.

The council is in England, so "today" is the date in London (Europe/London), not in UTC:
between midnight and 1 am in summer time, UTC still says yesterday. Moments are stored in UTC
(`..._at`); a date shown to a person or counted in a time limit is a London date.

The app keeps a function in `app.extensions["clock"]` that returns today's date. It defaults
to `london_today`; a test sets `app.extensions["clock"] = lambda: date(2026, 12, 22)`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app

LONDON = ZoneInfo("Europe/London")


def now() -> datetime:
    """This moment, in UTC."""
    return datetime.now(UTC)


def london_date(moment: datetime) -> date:
    """The date in London at a moment. A moment with no time zone is taken to be UTC, as stored."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON).date()


def london_today() -> date:
    return london_date(now())


def today() -> date:
    return current_app.extensions["clock"]()


def init_app(app: Flask) -> None:
    app.extensions.setdefault("clock", london_today)

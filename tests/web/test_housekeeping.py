"""Ended sessions are forgotten 30 days after they end; open ones never are."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.housekeeping import KEEP_ENDED_SESSIONS, prune_sessions
from tests.web.helpers import Portal
from tests.web.test_sessions import START, Clock, assert_sent_to_sign_in, rows


@pytest.fixture
def clock(app):
    return Clock(app)


def naive(moment):
    return moment.replace(tzinfo=None)


def test_an_ended_session_is_kept_30_days_then_deleted(app, portal, clock):
    portal.sign_in("alex")
    portal.sign_out()
    assert timedelta(days=30) == KEEP_ENDED_SESSIONS

    assert prune_sessions(app, naive(START + timedelta(days=29))) == 0
    assert len(rows(app)) == 1, "a person coming back within 30 days is still told why they were signed out"

    assert prune_sessions(app, naive(START + timedelta(days=30, minutes=1))) == 1
    assert rows(app) == []
    assert_sent_to_sign_in(portal.client.get("/account"))


def test_an_open_session_is_never_deleted(app, portal, clock):
    clock.later(days=40)
    portal.sign_in("alex")
    other = Portal(app)
    other.sign_in("sam")
    other.sign_out()

    assert prune_sessions(app, naive(clock.moment)) == 0
    assert len(rows(app)) == 2
    portal.get("/account")


def test_a_session_timed_out_long_ago_is_deleted_though_never_signed_out(app, portal, clock):
    portal.sign_in("alex")  # never signs out: the session ends after an hour idle, at the latest in 12
    assert prune_sessions(app, naive(START + timedelta(days=30, hours=13))) == 1
    assert rows(app) == []


def test_the_command_says_how_many_went(app, portal, clock):
    portal.sign_in("alex")
    portal.sign_out()
    clock.later(days=31)
    result = app.test_cli_runner().invoke(args=["prune-sessions"])
    assert result.exit_code == 0, result.output
    assert result.output == "Ended sessions deleted: 1.\n"

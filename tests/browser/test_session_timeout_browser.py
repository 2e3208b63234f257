"""The timeout warning in a real browser: it opens two minutes before the session ends, with focus on
"Stay signed in"; axe finds nothing wrong with it; Escape keeps the person signed in; and when the time
runs out with something typed, the page stays, and what was typed comes back after signing in again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select, update

from portal.store.models import Answer
from portal.store.session_models import UserSession
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.journey import start_quickly


def _ends_in(live_app, seconds: int) -> None:
    """Move the newest session's end near (its last use is now, so a page does not move it on)."""
    moment = datetime.now(UTC).replace(tzinfo=None)
    with live_app.extensions["db_sessionmaker"]() as session:
        newest = session.scalar(select(UserSession.id).order_by(UserSession.id.desc()))
        session.execute(
            update(UserSession)
            .where(UserSession.id == newest)
            .values(last_seen_at=moment, ends_at=moment + timedelta(seconds=seconds))
        )
        session.commit()


def _seconds_left(live_app) -> float:
    with live_app.extensions["db_sessionmaker"]() as session:
        ends_at = session.scalar(select(UserSession.ends_at).order_by(UserSession.id.desc()))
    return (ends_at - datetime.now(UTC).replace(tzinfo=None)).total_seconds()


@pytest.fixture
def dialog(page: Page):
    return page.get_by_role("dialog")


def test_the_warning_opens_two_minutes_before_the_end_and_escape_stays_signed_in(
    page: Page, live_app, dialog
):
    start_quickly(page)
    _ends_in(live_app, 122)
    page.goto("/account")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_have_accessible_name("You are about to be signed out")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    expect(dialog).to_contain_text("You will be signed out in 2 minutes.")
    assert_no_axe_violations(page, "the timeout warning")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.wait_for_load_state("networkidle")
    assert _seconds_left(live_app) > 50 * 60, "Stay signed in started the hour again"
    page.goto("/account")  # still signed in
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_sign_out_in_the_warning_signs_out(page: Page, live_app, dialog):
    start_quickly(page)
    _ends_in(live_app, 121)
    page.goto("/account")
    dialog.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    page.goto("/account")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")


def test_what_was_typed_is_not_lost_when_the_time_runs_out(page: Page, live_app, dialog):
    assessment = start_quickly(page)
    page.clock.install()  # the page's own clock, to move it on by the hour it was given
    question = f"/assessments/{assessment}/questions/date_of_birth"
    page.goto(question)
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1950")
    page.get_by_label("Tell us more (optional)").fill("Born at home, in the snow.")
    _ends_in(live_app, 3)
    page.clock.fast_forward("58:00")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_have_accessible_name("You have been signed out", timeout=10_000)
    assert page.url.endswith(question), "still on the same page"
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    assert page.get_by_label("Tell us more (optional)").input_value() == "Born at home, in the snow."

    page.get_by_role("button", name="Continue").click()
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text("What you typed on the last page is not lost")
    page.get_by_role("radio", name="Alex Morgan").check()
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Tell us more (optional)")).to_have_value("Born at home, in the snow.")
    expect(page.get_by_label("Day")).to_have_value("27")
    expect(page.get_by_role("region", name="Important")).to_contain_text("Check what you typed")
    with live_app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0, "shown again, not saved"
    assert_no_axe_violations(page, "a form given back after signing in again")

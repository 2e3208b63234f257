"""Messages not sent, as a team manager sees them: axe on the list, and "Try again" by keyboard."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import update

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_disagreement_browser import sign_in


def _failed_messages(app, count: int) -> None:
    from portal import notify
    from portal.store import db
    from portal.store.outbox_models import FAILED, OutboxMessage

    with app.test_request_context():
        for number in range(count):
            subject = f"We have your message (DIS-AAAA-BBB{number})"
            notify.send(notify.Message(f"person{number}@example.org", subject, "Hello."))
        db().commit()
        db().execute(
            update(OutboxMessage).values(status=FAILED, attempts=6, last_error="TimeoutError: timed out")
        )
        db().commit()


def test_axe_on_messages_not_sent_and_try_again_by_keyboard(page: Page, live_app):
    sign_in(page, "Pat")
    page.goto("/staff/outbox")
    expect(page.locator("#empty")).to_have_text("Every message has been sent.")
    assert_no_axe_violations(page, "no messages to look at")

    _failed_messages(live_app, 2)
    page.goto("/staff/outbox")
    expect(page.locator("#outbox tbody tr")).to_have_count(2)
    expect(page.locator("#outbox")).to_contain_text("The mail server did not answer in time")
    assert_no_axe_violations(page, "messages not sent")
    name = re.compile(r"^Try again\s+to send “We have your message \(DIS-AAAA-BBB1\)” to person1@")
    button = page.get_by_role("button", name=name)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("We will try to send the message again")).to_be_visible()
    expect(page.locator("#outbox tbody tr")).to_have_count(1)
    assert_no_axe_violations(page, "messages not sent, one sent again")

"""The "Please wait" page (429) in the browser: axe, and what was typed shown back in a form to send again.

The session's portal runs without rate limits (development), so this test serves its own, with a limit
of one form a minute."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import _QuietHandler, _serve_axe_too, assert_no_axe_violations, problems_of


@pytest.fixture
def limited_server(live_app):
    from portal import create_app

    app = create_app(
        replace(live_app.extensions["portal_settings"], rate_limits_on=True, rate_limit_post="1 per minute")
    )
    server = make_server("127.0.0.1", 0, _serve_axe_too(app), threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="limited-portal", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    app.extensions["db_engine"].dispose()


def test_the_wait_page_keeps_what_was_typed(new_context, limited_server):
    page = new_context().new_page()
    problems_of(page).allow("/assessments/new/someone-else", 429)
    page.goto(limited_server + "/sign-in/demo")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(limited_server + "/assessments/new")
    page.get_by_label("Someone else").check()
    page.get_by_role("button", name="Continue").click()  # the one form this minute
    page.get_by_label("What is their name?").fill("Ravi Patel")
    page.get_by_label("How do you know them?").fill("Son")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Please wait before you try again")
    expect(page.get_by_label("What you typed (1 of 2)")).to_have_value("Ravi Patel")
    expect(page.get_by_label("What you typed (2 of 2)")).to_have_value("Son")
    expect(page.get_by_role("button", name="Send again")).to_be_visible()
    assert_no_axe_violations(page, "the wait page for a form")

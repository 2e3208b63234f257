"""Questions of each kind, added with content alone, in Chromium: each page and its error state pass axe,
and a plain date is typed into its three boxes with the keyboard."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import (
    _PROBLEMS,
    ACTION_TIMEOUT_MS,
    Problems,
    _QuietHandler,
    _serve_axe_too,
    assert_no_axe_violations,
)
from tests.browser.journey import answer_quickly, expect_errors, start_quickly
from tests.conftest import ROOT, TEST_SECRET
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.test_answer_types import add_questions


@pytest.fixture(scope="module")
def council_server(database_url, tmp_path_factory):
    """The portal with a copy of the content that has a date, a number, a yes/no and a text question more."""
    from portal import create_app
    from portal.settings import Settings

    content = tmp_path_factory.mktemp("council") / "content"
    shutil.copytree(ROOT / "content", content)
    add_questions(content)
    app = create_app(
        replace(
            Settings(
                environment="development",
                secret_key=TEST_SECRET,
                database_url=database_url,
                content_dir=ROOT / "content",
                demo_sign_in=True,
            ),
            content_dir=content,
        )
    )
    server = make_server("127.0.0.1", 0, _serve_axe_too(app), threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="council-portal", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    app.extensions["db_engine"].dispose()


@pytest.fixture
def council_page(browser, browser_context_args, council_server):
    """A page of that portal, watched for problems as every browser test's pages are."""
    context = browser.new_context(**{**browser_context_args, "base_url": council_server})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    problems = Problems(council_server)
    problems.watch(context)
    _PROBLEMS[context] = problems
    yield context.new_page()
    _PROBLEMS.pop(context)
    context.close()
    problems.check("at the end of the test")


def test_new_kinds_of_question_pass_axe_with_and_without_errors(council_page):
    page = council_page
    assessment = start_quickly(page)
    reached = answer_quickly(page, assessment, WORKED_EXAMPLE, stop_at="moved_in")
    page.goto(reached)

    expect(page.get_by_role("heading", level=1)).to_contain_text("When did you move into your home?")
    assert_no_axe_violations(page, "a plain date question")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Enter the date you moved in")
    assert_no_axe_violations(page, "a plain date question with an error")
    page.get_by_role("link", name="Enter the date you moved in").click()
    expect(page.get_by_label("Day")).to_be_focused()
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2007")
    page.keyboard.press("Enter")
    expect_errors(page, "The date must be a real date")
    page.get_by_label("Day").fill("28")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("How many people live with you?")
    assert_no_axe_violations(page, "a number question")
    page.get_by_label("How many people live with you?").fill("two")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Enter a whole number, like 2")
    assert_no_axe_violations(page, "a number question with an error")
    page.get_by_label("How many people live with you?").fill("2")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Do you have a pet?")
    assert_no_axe_violations(page, "a yes/no question")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Select if you have a pet")
    assert_no_axe_violations(page, "a yes/no question with an error")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What is your pet called?")
    assert_no_axe_violations(page, "a text question")
    page.get_by_label("What is your pet called?").fill("x" * 61)
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Your answer must be 60 characters or fewer")
    assert_no_axe_violations(page, "a text question with an error")
    page.get_by_label("What is your pet called?").fill("Rex")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_no_axe_violations(page, "check your answers with the new questions")
    for answer in ("28 February 2007", "2", "Yes", "Rex"):
        expect(page.locator(".govuk-summary-list__value").filter(has_text=answer).first).to_be_visible()

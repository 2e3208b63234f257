"""A second questionnaire, a carer's assessment added with content alone, in Chromium: its question pages,
with and without an error, and its sent page pass axe."""

from __future__ import annotations

import re
import shutil
import threading

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
from tests.browser.journey import _post, expect_errors
from tests.conftest import ROOT, TEST_SECRET
from tests.demo_content import drop_carers_assessment
from tests.web.test_questionnaires import add_carers


@pytest.fixture(scope="module")
def carers_server(database_url, tmp_path_factory):
    """The portal with a copy of the content that has a carer's assessment too."""
    from portal import create_app
    from portal.settings import Settings

    content = tmp_path_factory.mktemp("carers") / "content"
    shutil.copytree(ROOT / "content", content)
    drop_carers_assessment(content)
    add_carers(content)
    app = create_app(
        Settings(
            environment="development",
            secret_key=TEST_SECRET,
            database_url=database_url,
            content_dir=content,
            demo_sign_in=True,
        )
    )
    server = make_server("127.0.0.1", 0, _serve_axe_too(app), threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="carers-portal", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    app.extensions["db_engine"].dispose()


@pytest.fixture
def carers_page(browser, browser_context_args, carers_server):
    """A page of that portal, watched for problems as every browser test's pages are."""
    context = browser.new_context(**{**browser_context_args, "base_url": carers_server})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    problems = Problems(carers_server)
    problems.watch(context)
    _PROBLEMS[context] = problems
    yield context.new_page()
    _PROBLEMS.pop(context)
    context.close()
    problems.check("at the end of the test")


def test_a_carers_assessment_question_and_sent_pages_pass_axe(carers_page):
    page = carers_page
    _post(page, "/sign-in/demo", page.request.get("/sign-in/demo").text(), {"person": "alex"})
    page.goto("/assessments/new/carers")
    page.get_by_role("radio", name="Myself").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Your caring").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("When did you start caring?")
    assert_no_axe_violations(page, "a carer's date question")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Enter the date you started caring")
    assert_no_axe_violations(page, "a carer's date question with an error")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Do you live with the person you care for?")
    assert_no_axe_violations(page, "a carer's yes/no question")
    page.get_by_role("button", name="Continue").click()
    expect_errors(page, "Choose yes or no")
    assert_no_axe_violations(page, "a carer's yes/no question with an error")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Do you get a break from caring?")
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I confirm the answers are true, as far as I know.").check()
    page.get_by_role("button", name="Send your answers").click()

    expect(page).to_have_url(re.compile(r"/sent$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Form sent")
    expect(page.locator("#reference")).to_have_text(re.compile(r"^FORM-[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_no_axe_violations(page, "a carer's assessment sent")

    page.get_by_role("link", name="Go to your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_no_axe_violations(page, "the account page with a carer's assessment sent")

"""Steps of the core journey shared by the browser tests."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.web.helpers import WORKED_EXAMPLE, answer_fields

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

# Answers that bring in every question in the demo questionnaire (caring_for_child is
# skipped in the worked example, where the person does not look after a child).
EVERY_QUESTION = {**WORKED_EXAMPLE, "cares_for_child": "yes", "caring_for_child": "some_help"}


def question_id(page: Page) -> str | None:
    match = re.search(r"/questions/([a-z_]+)", page.url)
    return match.group(1) if match else None


def expect_errors(page: Page, *messages: str) -> None:
    """The GOV.UK error pattern: 'Error:' in the title, a summary linking to each field, and the message
    by each field."""
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("listitem")).to_have_count(len(messages))
    for message in messages:
        expect(summary.get_by_role("link", name=message, exact=True)).to_be_visible()
        expect(page.locator(".govuk-error-message").filter(has_text=message)).to_have_text(
            f"Error: {message}"
        )


def _token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def _post(page: Page, path: str, html: str, data: dict[str, str]):
    response = page.request.post(path, form={"csrf_token": _token(html), **data})
    assert response.ok, f"POST {path}: {response.status}"
    return response


def start_quickly(page: Page, person: str = "alex") -> str:
    """Sign in and start an assessment for yourself through the page's own request context (same
    cookies as the page), without drawing each page. Returns the assessment's id."""
    request = page.request
    _post(page, "/sign-in/demo", request.get("/sign-in/demo").text(), {"person": person})
    response = _post(page, "/assessments/new", request.get("/assessments/new").text(), {"for_whom": "myself"})
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def answer_quickly(page: Page, assessment: str, answers: dict[str, str], stop_at: str | None = None) -> str:
    """Answer question after question, as Continue leads, until `stop_at` or the end.
    Returns the path of the page reached."""
    path = f"/assessments/{assessment}/questions/date_of_birth"
    html = page.request.get(path).text()
    while "/questions/" in path:
        qid = path.split("?")[0].rsplit("/", 1)[-1]
        if qid == stop_at:
            break
        response = _post(page, path, html, answer_fields(qid, answers[qid]))
        path, html = urlsplit(response.url).path, response.text()
    return path


def send_answers_quickly(page: Page, answers: dict[str, str] | None = None, person: str = "alex") -> str:
    """Sign in, answer every question and send. Returns the budget page's path."""
    assessment = start_quickly(page, person)
    reached = answer_quickly(page, assessment, answers or WORKED_EXAMPLE)
    assert reached.endswith("/check"), reached
    send = f"/assessments/{assessment}/send"
    _post(page, send, page.request.get(send).text(), {"confirm": "y"})
    return f"/assessments/{assessment}/budget"

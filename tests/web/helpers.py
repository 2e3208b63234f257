"""A test client that behaves like a person with a browser, and checks every page it sees."""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup

from tests.examples import WORKED_EXAMPLE  # noqa: F401  (re-exported for tests)

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')



def answer_fields(question_id: str, value: str) -> dict[str, str]:
    if question_id == "date_of_birth":
        year, month, day = value.split("-")
        return {"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}
    return {question_id: value}


def check_page(html: str, status: int) -> BeautifulSoup:
    """What every page must have, whatever it is (after GDS Notify's client_request)."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html and soup.html.get("lang"), "the page has no lang"
    h1s = soup.select("h1")
    legend_h1 = soup.select("legend h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    title = soup.title.get_text(" ", strip=True)
    h1 = " ".join(h1s[0].get_text(" ", strip=True).split())
    if legend_h1:
        caption = soup.select_one("legend h1 .govuk-caption-l")
        if caption:
            h1 = h1.replace(" ".join(caption.get_text(" ", strip=True).split()), "", 1).strip()
    has_errors = bool(soup.select(".govuk-error-summary"))
    if has_errors:
        assert title.startswith("Error: "), f"an error page's title must start 'Error: ', got {title!r}"
        title = title[len("Error: "):]
    h1 = re.sub(r"\s*Estimate$", "", h1)
    assert title.startswith(h1), f"title {title!r} should start with the h1 {h1!r}"
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    duplicated = [i for i, n in ids.items() if n > 1]
    assert not duplicated, f"duplicate ids: {duplicated}"
    for script in soup.select("script"):
        if not script.get("src"):
            assert script.get("nonce"), "an inline script has no CSP nonce"
    for legend in soup.select("legend"):
        assert legend.get_text(strip=True), "a fieldset legend is empty"
    for form in soup.select("form[method=post]"):
        assert form.select_one("input[name=csrf_token]"), "a form has no CSRF token"
    for link in soup.select("main a:not(.govuk-error-summary a)"):
        assert "govuk-link" in link.get("class", []) or any(c.startswith("govuk-") for c in link.get("class", [])), \
            f"a link has no GOV.UK class: {link}"
    return soup


class Portal:
    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self._token: str | None = None  # Flask-WTF's token is one per session, for every form

    def get(self, url: str, status: int = 200, follow: bool = False):
        response = self.client.get(url, follow_redirects=follow)
        assert response.status_code == status, f"GET {url}: {response.status_code}, wanted {status}"
        if response.mimetype == "text/html" and response.status_code in (200, 400, 404, 413, 500):
            response.soup = check_page(response.get_data(as_text=True), response.status_code)
        return response

    def csrf(self, url: str) -> str:
        response = self.client.get(url)
        match = CSRF_RE.search(response.get_data(as_text=True))
        assert match, f"no CSRF token on {url} ({response.status_code})"
        return match.group(1)

    def post(self, url: str, data: dict, status: int = 302, token_from: str | None = None):
        if self._token is None or token_from:
            self._token = self.csrf(token_from or url)
        token = self._token
        response = self.client.post(url, data={"csrf_token": token, **data})
        assert response.status_code == status, (
            f"POST {url}: {response.status_code}, wanted {status}\n{response.get_data(as_text=True)[:3000]}")
        if response.mimetype == "text/html" and response.status_code != 302:
            response.soup = check_page(response.get_data(as_text=True), response.status_code)
        return response

    def submit(self, url: str, data: dict, status: int = 302, form_from: str | None = None):
        """Post a form as a browser would: with the hidden fields (CSRF and one-time token) from its page."""
        page = self.client.get(form_from or url)
        soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
        form = soup.select_one("main form[method=post]")
        assert form is not None, f"no form on {form_from or url} ({page.status_code})"
        hidden = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
        response = self.client.post(url, data={**hidden, **data})
        assert response.status_code == status, (
            f"POST {url}: {response.status_code}, wanted {status}\n{response.get_data(as_text=True)[:3000]}")
        if response.mimetype == "text/html" and response.status_code != 302:
            response.soup = check_page(response.get_data(as_text=True), response.status_code)
        response.sent_data = {**hidden, **data}
        return response

    def sign_in(self, person: str = "alex") -> None:
        self.post("/sign-in/demo", {"person": person}, token_from="/sign-in/demo")
        self._token = None  # signing in starts a new session

    def start(self, for_whom: str = "myself", **someone) -> str:
        """Start an assessment and return its id."""
        if for_whom == "myself":
            response = self.post("/assessments/new", {"for_whom": "myself"})
        else:
            self.post("/assessments/new", {"for_whom": "someone_else"})
            response = self.post("/assessments/new/someone-else", {
                "person_name": someone.get("person_name", "Ravi"),
                "relationship": someone.get("relationship", "Son"),
                "basis": someone.get("basis", "asked_by_person"),
            })
        return response.location.rstrip("/").split("/")[-1]

    def answer(self, assessment_id: str, question_id: str, value: str, more: str | None = None):
        data = answer_fields(question_id, value)
        if more is not None:
            data["more"] = more
        return self.post(f"/assessments/{assessment_id}/questions/{question_id}", data)

    def answer_all(self, assessment_id: str, answers: dict[str, str] | None = None) -> None:
        """Answer by following the journey: each Continue leads to the next question."""
        answers = answers or WORKED_EXAMPLE
        url = f"/assessments/{assessment_id}/questions/date_of_birth"
        while "/questions/" in url:
            question_id = url.split("?")[0].rsplit("/", 1)[-1]
            response = self.post(url, answer_fields(question_id, answers[question_id]))
            url = response.location
        assert url.endswith("/check"), url

    def send(self, assessment_id: str):
        return self.post(f"/assessments/{assessment_id}/send", {"confirm": "y"})

    def budget_for(self, answers: dict[str, str] | None = None, for_whom: str = "myself") -> tuple[str, object]:
        assessment_id = self.start(for_whom)
        self.answer_all(assessment_id, answers)
        self.send(assessment_id)
        return assessment_id, self.get(f"/assessments/{assessment_id}/budget")

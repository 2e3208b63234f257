"""Every page of the main journeys, in every language: the self-assessment (for yourself and for someone
else, with an error), the budget, the support plan, the disagreement route and the staff side.

The languages are every one the portal ships (a catalogue in translations/ and a text file in content/text/)
and a right-to-left pseudo-language ("ar", tests/languages.py) whose every text is marked "[ar] ": on its
pages each heading must come from the translation, so no page is left in English.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from portal import create_app
from portal.store.disagreement_models import Disagreement
from tests.conftest import _empty_tables
from tests.languages import ROOT, pseudo_language
from tests.web.dates import set_today
from tests.web.helpers import WORKED_EXAMPLE, CheckedClient, Portal, answer_fields
from tests.web.plan_helpers import PA_WEEKLY, plan_url

SHIPPED = sorted(
    po.parents[1].name
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po")
    if (ROOT / "content" / "text" / f"{po.parents[1].name}.yaml").is_file() and po.parents[1].name != "en"
)
LANGUAGES = ["en", "ar", *SHIPPED]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return pseudo_language(tmp_path_factory.mktemp("languages"), "ar")


@pytest.fixture
def app(settings, folders):
    content, translations = folders
    app = create_app(replace(settings, content_dir=content, translations_dir=translations))
    app.config.update(TESTING=True)
    app.test_client_class = CheckedClient
    set_today(app, date(2026, 12, 22))
    yield app
    _empty_tables(app.extensions["db_engine"])
    app.extensions["db_engine"].dispose()


class Reader:
    """A person who reads every page they meet in one language, and checks it is that language's."""

    def __init__(self, app, language: str):
        self.portal = Portal(app)
        self.language = language
        self.seen: list[str] = []

    def page(self, url: str, status: int = 200):
        response = self.portal.get(url, status=status)
        self.read(url, response)
        return response.soup

    def read(self, url: str, response) -> None:
        soup = response.soup
        assert soup.html["lang"] == self.language, f"{url} is in {soup.html['lang']}, not {self.language}"
        assert soup.html["dir"] == ("rtl" if self.language in ("ar", "ur") else "ltr"), url
        if self.language == "ar":
            heading = " ".join(soup.h1.get_text(" ", strip=True).split())
            assert heading.startswith("[ar]") or "[ar]" in heading.split(" ", 2)[-1], f"{url}: h1 {heading!r}"
            title = soup.title.get_text(strip=True)
            assert "[ar]" in title, f"{url}: title {title!r}"
        self.seen.append(url)

    def submit(self, url: str, data: dict, status: int = 302):
        response = self.portal.submit(url, data, status=status)
        if status == 200:
            self.read(url, response)
        return response


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_main_journeys_in_every_language(app, language):
    person = Reader(app, language)
    person.page(f"/?lang={language}")
    person.page("/accessibility")
    person.page("/sign-in/demo")
    person.portal.sign_in("alex")
    person.page("/account")
    person.page("/account/who-can-see")
    person.page("/account/who-can-see/invite")
    person.page("/account/invitation")
    person.page("/assessments/new")
    assessment_id = (
        person.portal.post("/assessments/new", {"for_whom": "myself"}).location.rstrip("/").split("/")[-1]
    )
    person.page(f"/assessments/{assessment_id}")
    url = f"/assessments/{assessment_id}/questions/date_of_birth"
    person.submit(
        url, {"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""}, status=200
    )
    while "/questions/" in url:
        person.page(url)
        question = url.split("?")[0].rsplit("/", 1)[-1]
        url = person.portal.post(url, answer_fields(question, WORKED_EXAMPLE[question])).location
    person.page(url)  # check your answers
    person.page(f"/assessments/{assessment_id}/send")
    person.page(person.portal.send(assessment_id).location)
    person.page(f"/assessments/{assessment_id}/budget")

    # The support plan.
    person.page(plan_url(assessment_id))
    person.page(plan_url(assessment_id, "/add"))
    item_page = plan_url(assessment_id, "/add/personal_assistant")
    person.page(item_page)
    person.submit(item_page, {**PA_WEEKLY, "quantity": ""}, status=200)
    person.submit(item_page, PA_WEEKLY)
    person.page(plan_url(assessment_id))
    person.page(plan_url(assessment_id, "/check"))
    person.page(plan_url(assessment_id, "/send"))
    person.page(person.portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"}).location)

    # The disagreement route, and the staff who answer.
    route = f"/assessments/{assessment_id}/disagree"
    person.page(route)
    person.page(f"{route}/care-manager")
    raise_it = {"reason": "Not enough.", "amount": "150", "talk": "call", "contact_by": "email",
                "contact_details": "alex@example.org"}  # fmt: skip
    person.page(person.submit(f"{route}/care-manager", raise_it).location)
    person.page(f"{route}/timeline")
    for step in ("add", "advocate", "team-manager", "close"):
        person.page(f"{route}/{step}")
    staff = Reader(app, language)
    staff.page(f"/?lang={language}")
    staff.portal.sign_in("chris")
    staff.page("/staff")
    with app.extensions["db_sessionmaker"]() as session:
        reference = session.scalar(select(Disagreement.reference))
    staff.page(f"/staff/cases/{reference}")
    staff.page(f"/staff/cases/{reference}/answer")

    # Someone filling in the form for another person.
    carer = Reader(app, language)
    carer.page(f"/?lang={language}")
    carer.portal.sign_in("jo")
    carer.portal.post("/assessments/new", {"for_whom": "someone_else"})
    carer.page("/assessments/new/someone-else")
    made = carer.portal.post(
        "/assessments/new/someone-else",
        {"person_name": "Ravi", "relationship": "Son", "basis": "asked_by_person"},
    )
    other = made.location.rstrip("/").split("/")[-1]
    carer.page(f"/assessments/{other}/questions/date_of_birth")
    assert len(person.seen) + len(staff.seen) + len(carer.seen) >= 40

"""What a person sees and hears on the pages that showed markup, unnamed choices, "1 points",
two "You are here" tags and spliced sentences. The page checker catches each kind of fault on every
page; these tests pin the exact words a person meets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.store.disagreement_models import Disagreement
from tests.examples import WORKED_EXAMPLE
from tests.web.helpers import Portal
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, raise_data, set_today, url

# 41 points: a first band of 40 points and a second band of exactly 1 point.
FORTY_ONE_POINTS = WORKED_EXAMPLE | {
    "personal_hygiene": "full_help", "toilet": "full_help", "nutrition": "full_help", "dressing": "daily_help",
    "home_environment": "daily_help", "nights": "none"}


def _reference(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Disagreement.reference))


def _legends(soup) -> list[str]:
    return [" ".join(fieldset.legend.get_text(" ", strip=True).split()) if fieldset.legend else ""
            for fieldset in soup.select("main fieldset") if fieldset.select_one(".govuk-radios")]


def test_check_your_answers_shows_each_answer_as_words_not_tags(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer_all(assessment_id)
    portal.answer(assessment_id, "nutrition", "daily_help", more="I forget to eat.\nMy son helps at weekends.")
    page = portal.get(f"/assessments/{assessment_id}/check").soup
    rows = {" ".join(row.select_one("dt").get_text(" ", strip=True).split()):
            row.select_one("dd.govuk-summary-list__value") for row in page.select(".govuk-summary-list__row")}
    birth = rows["What is your date of birth?"]
    assert birth.get_text(strip=True) == "27 March 1960"
    assert [p.get_text(strip=True) for p in birth.select("p.govuk-body")] == ["27 March 1960"]
    food = [" ".join(p.get_text(" ", strip=True).split())
            for p in rows["Do you need help to eat and drink?"].select("p.govuk-body")]
    assert food == ["I need help with some of it every day", "I forget to eat. My son helps at weekends."]
    assert "<" not in page.select_one("main").get_text()


def test_the_disagreement_sent_panel_shows_the_reference_not_tags(portal, app):
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    response = portal.submit(url(assessment_id, "care-manager"), raise_data())
    panel = portal.get(response.location).soup.select_one(".govuk-panel__body")
    reference = _reference(app)
    assert " ".join(panel.get_text(" ", strip=True).split()) == f"Your reference is {reference}"
    assert panel.select_one("strong").get_text(strip=True) == reference
    assert panel.select_one("br") is not None


def test_the_route_page_shows_the_reference_in_bold_not_tags(portal, app):
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    portal.submit(url(assessment_id, "care-manager"), raise_data())
    inset = portal.get(url(assessment_id)).soup.select_one(".govuk-inset-text")
    reference = _reference(app)
    assert " ".join(inset.get_text(" ", strip=True).split()) == f"Your reference is {reference} ."
    assert inset.select_one("strong").get_text(strip=True) == reference

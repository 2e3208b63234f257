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
    "personal_hygiene": "full_help",
    "toilet": "full_help",
    "nutrition": "full_help",
    "dressing": "daily_help",
    "home_environment": "daily_help",
    "nights": "none",
}


def _reference(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Disagreement.reference))


def _told_the_care_manager(portal, app) -> str:
    """Alex's budget, sent, and a disagreement told to the care manager on the Tuesday before Christmas."""
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    portal.submit(url(assessment_id, "care-manager"), raise_data())
    return assessment_id


def _legends(soup) -> list[str]:
    return [
        " ".join(fieldset.legend.get_text(" ", strip=True).split()) if fieldset.legend else ""
        for fieldset in soup.select("main fieldset")
        if fieldset.select_one(".govuk-radios")
    ]


def test_check_your_answers_shows_each_answer_as_words_not_tags(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer_all(assessment_id)
    portal.answer(
        assessment_id, "nutrition", "daily_help", more="I forget to eat.\nMy son helps at weekends."
    )
    page = portal.get(f"/assessments/{assessment_id}/check").soup
    rows = {
        " ".join(row.select_one("dt").get_text(" ", strip=True).split()): row.select_one(
            "dd.govuk-summary-list__value"
        )
        for row in page.select(".govuk-summary-list__row")
    }
    birth = rows["What is your date of birth?"]
    assert birth.get_text(strip=True) == "27 March 1960"
    assert [p.get_text(strip=True) for p in birth.select("p.govuk-body")] == ["27 March 1960"]
    food = [
        " ".join(p.get_text(" ", strip=True).split())
        for p in rows["Do you need help to eat and drink?"].select("p.govuk-body")
    ]
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
    assessment_id = _told_the_care_manager(portal, app)
    inset = portal.get(url(assessment_id)).soup.select_one(".govuk-inset-text")
    reference = _reference(app)
    assert " ".join(inset.get_text(" ", strip=True).split()) == f"Your reference is {reference} ."
    assert inset.select_one("strong").get_text(strip=True) == reference


def test_the_care_manager_form_asks_each_radio_question(portal, app):
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    page = portal.get(url(assessment_id, "care-manager")).soup
    assert _legends(page) == ["Would you like to meet or talk on the phone?", "How should we get in touch?"]
    # The error keeps the question with its choices.
    response = portal.submit(url(assessment_id, "care-manager"), raise_data(talk=""), status=200)
    assert _legends(response.soup)[0] == "Would you like to meet or talk on the phone?"


def test_the_staff_answer_and_final_answer_forms_ask_their_question(portal, app):
    assessment_id = _told_the_care_manager(portal, app)
    reference = _reference(app)
    staff = Portal(app)
    staff.sign_in("chris")
    answer = staff.get(f"/staff/cases/{reference}/answer").soup
    assert len(_legends(answer)) == 1 and _legends(answer)[0]
    assert _legends(answer)[0] == answer.select_one("main fieldset legend").get_text(" ", strip=True)
    staff.submit(
        f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "We looked again."}
    )
    set_today(app, date(2027, 1, 6))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "Please look again."})
    staff.sign_in("pat")
    staff.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "The same."})
    set_today(app, date(2027, 1, 21))
    portal.submit(
        url(assessment_id, "complaint"), {"complaint": "Nobody listened.", "put_right": "£150 a week."}
    )
    staff.sign_in("kim")
    final = staff.get(f"/staff/cases/{reference}/final-answer").soup
    assert len(_legends(final)) == 1 and _legends(final)[0]


def test_the_route_says_you_are_here_once_when_the_ombudsman_opens_before_the_final_answer(portal, app):
    assessment_id = _told_the_care_manager(portal, app)
    set_today(app, date(2027, 1, 11))
    portal.submit(url(assessment_id, "team-manager"), {"reason": "No answer."})
    set_today(app, date(2027, 1, 26))
    portal.submit(url(assessment_id, "complaint"), {"complaint": "No answers.", "put_right": "An answer."})
    set_today(app, date(2027, 4, 20))  # 12 weeks on, with no final answer: the Ombudsman is open
    page = portal.get(url(assessment_id)).soup
    here = [tag for tag in page.select("nav .govuk-tag") if "You are here" in tag.get_text()]
    assert len(here) == 1
    assert here[0].find_parent("li")["id"] == "step-ombudsman"
    assert [li["id"] for li in page.select('[aria-current="step"]')] == ["step-ombudsman"]
    assert page.select_one("#step-complaint .govuk-tag").get_text(strip=True) == "Waiting for an answer"


def test_the_route_says_you_are_here_on_the_step_waiting_for_an_answer(portal, app):
    assessment_id = _told_the_care_manager(portal, app)
    page = portal.get(url(assessment_id)).soup
    here = [
        tag.get_text(strip=True) for tag in page.select("nav .govuk-tag") if "You are here" in tag.get_text()
    ]
    assert here == ["You are here: waiting for an answer"]
    assert [li["id"] for li in page.select('[aria-current="step"]')] == ["step-care_manager"]


def test_a_band_of_one_point_says_1_point(portal):
    portal.sign_in("alex")
    assessment_id, response = portal.budget_for(FORTY_ONE_POINTS)
    rows = [th.get_text(" ", strip=True) for th in response.soup.select("tbody th[scope=row]")]
    assert "40 points, from 1 to 40" in rows
    assert "1 point, from 41 to 41" in rows
    assert "Estimate a year (52 weeks)" in rows


def test_the_staff_case_page_counts_points_and_says_when_no_new_amount_is_agreed(portal, app):
    _told_the_care_manager(portal, app)
    staff = Portal(app)
    staff.sign_in("chris")
    text = " ".join(
        staff.get(f"/staff/cases/{_reference(app)}").soup.select_one("main").get_text(" ", strip=True).split()
    )
    assert "£118.80 a week (£6,177.60 a year), 22 points" in text
    assert "New amount agreed No new amount" in text

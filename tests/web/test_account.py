"""The account page: each form has its own card that tells it apart from the others."""

from __future__ import annotations

from sqlalchemy import select

from portal.i18n import long_date
from portal.store.disagreement_models import Disagreement
from portal.store.models import Assessment
from portal.store.plan_models import PlanSubmission
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.plan_helpers import PA_WEEKLY, add_item, plan_url
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, raise_data, set_today, url


def _cards(portal) -> list[dict]:
    page = portal.get("/account").soup
    cards = []
    for card in page.select(".govuk-summary-card"):
        rows = {
            row.select_one(".govuk-summary-list__key").get_text(" ", strip=True): row.select_one(
                ".govuk-summary-list__value"
            ).get_text(" ", strip=True)
            for row in card.select(".govuk-summary-list__row")
        }
        cards.append(
            {
                "title": card.select_one(".govuk-summary-card__title").get_text(" ", strip=True),
                "rows": rows,
                "links": [a.get_text(" ", strip=True) for a in card.select("a")],
                "text": card.get_text(" ", strip=True),
            }
        )
    return cards


def test_each_form_has_a_card_that_says_whose_it_is_when_how_far_and_its_references(portal, app):
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    # 1: a draft with two answers; 2: a sent form with a draft plan; 3: a plan sent; 4: a disagreement open;
    # 5: a draft with no answers. All started on the same day.
    first = portal.start()
    portal.answer(first, "date_of_birth", "1950-04-03")
    portal.answer(first, "living_situation", "alone")
    second, _ = portal.budget_for()
    add_item(portal, second, "personal_assistant", PA_WEEKLY)
    third, _ = portal.budget_for()
    add_item(portal, third, "personal_assistant", PA_WEEKLY)
    portal.post(plan_url(third, "/send"), {"confirm": "y"})
    fourth, _ = portal.budget_for()
    portal.submit(url(fourth, "care-manager"), raise_data())
    fifth = portal.start()
    with app.extensions["db_sessionmaker"]() as session:
        plan_reference = session.scalar(select(PlanSubmission.reference))
        disagreement_reference = session.scalar(select(Disagreement.reference))
        started = {a.public_id: a.created_at for a in session.scalars(select(Assessment))}
    with app.test_request_context():
        day = long_date(started[first])

    cards = _cards(portal)
    # Newest first, each numbered, so no two cards look the same.
    assert [c["title"] for c in cards] == [f"Your own form (number {n})" for n in (5, 4, 3, 2, 1)]
    assert len({c["text"] for c in cards}) == 5
    fifth_card, fourth_card, third_card, second_card, first_card = cards
    assert all(c["rows"]["Started"] == day for c in cards)

    assert first_card["rows"]["Stage"] == "Not sent yet"
    assert first_card["rows"]["Answers"] == "2 questions answered"
    assert fifth_card["rows"]["Answers"] == "0 questions answered"
    assert "Sent" not in first_card["rows"]
    assert first_card["links"] == ["Carry on with this form", "Delete this form"]
    # The newest card is the fifth form and the oldest the first: each links to its own form.
    carry_on = [
        card.select_one("a")["href"] for card in portal.get("/account").soup.select(".govuk-summary-card")
    ]
    assert carry_on[0] == f"/assessments/{fifth}"
    assert carry_on[-1] == f"/assessments/{first}"

    assert second_card["rows"]["Stage"] == "Support plan started"
    assert second_card["rows"]["Sent"] == day
    assert second_card["rows"]["Budget"] == "£118.80 a week"
    assert second_card["rows"]["Support plan"] == f"Started on {day}. Not sent yet."
    assert second_card["links"] == ["See your budget", "Carry on with the support plan"]

    assert third_card["rows"]["Stage"] == "Support plan sent"
    assert third_card["rows"]["Support plan"] == f"Sent on {day}. Its reference is {plan_reference}."
    assert third_card["links"] == ["See your budget", "See the support plan you sent"]

    assert fourth_card["rows"]["Stage"] == "Disagreement open"
    assert fourth_card["rows"]["Disagreement"] == (
        f"Its reference is {disagreement_reference}: waiting for the care manager."
    )
    assert "Support plan" not in fourth_card["rows"]
    assert fourth_card["links"] == ["See your budget", "See your disagreement"]


def test_a_helper_sees_whose_form_each_card_is(portal, app):
    portal.sign_in("jo")
    ravi = portal.start("someone_else")
    portal.answer_all(ravi, WORKED_EXAMPLE)
    portal.send(ravi)
    portal.start("someone_else", person_name="Sunita", relationship="Daughter")
    mine = portal.start()
    cards = _cards(portal)
    assert [c["title"] for c in cards] == ["Your own form", "Form for Sunita", "Form for Ravi"]
    assert cards[2]["rows"]["Stage"] == "Budget ready"
    assert cards[2]["links"] == ["See Ravi's budget"]
    assert mine

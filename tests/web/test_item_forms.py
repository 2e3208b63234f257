"""Forms as a person meets them: limits said before they are hit, errors listed in the order of the page
and naming their field, and a form sent twice doing its work once."""

from __future__ import annotations

from tests.web.helpers import WORKED_EXAMPLE
from tests.web.plan_helpers import PA_WEEKLY, budget_with_plan, item_ids, plan_url


def test_tell_us_more_says_its_limit_before_it_is_reached(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    page = portal.get(f"/assessments/{assessment_id}/questions/nutrition").soup
    box = page.select_one("textarea[name=more]")
    described = [
        page.select_one(f"#{part}").get_text(" ", strip=True) for part in box["aria-describedby"].split()
    ]
    # the GOV.UK character count: without JavaScript its message is a plain hint, tied to the box
    assert "You can write up to 2,000 characters." in described
    info = page.select_one(".govuk-character-count__message")
    assert info.get_text(" ", strip=True) == "You can write up to 2,000 characters."
    assert "govuk-character-count__message" in info["class"]
    assert box.find_parent(attrs={"data-module": "govuk-character-count"})["data-maxlength"] == "2000"


def test_item_errors_are_listed_in_the_order_of_the_page_and_each_names_its_field(portal):
    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    portal.post(plan_url(sent, "/add"), {"help": "personal_assistant"})
    response = portal.submit(
        plan_url(sent, "/add/personal_assistant"), {"quantity": "lots", "provider": "x" * 101}, status=200
    )
    page = response.soup
    listed = [(a["href"], a.get_text(strip=True)) for a in page.select(".govuk-error-summary__list a")]
    form_order = [f"#{el['id']}" for el in page.select("main form [id]")]
    hrefs = [href for href, _text in listed]
    assert hrefs == sorted(hrefs, key=form_order.index), listed
    assert hrefs == ["#quantity", "#frequency", "#needs", "#provider", "#management"]
    messages = dict(listed)
    assert messages["#provider"] == "Who will give this help must be 100 characters or fewer"


def test_saving_an_item_twice_adds_it_once(portal, app):
    """A double tap on "Save and go to the plan" without JavaScript, or a resend: the same form twice."""
    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    portal.post(plan_url(sent, "/add"), {"help": "personal_assistant"})
    ten_hours = PA_WEEKLY | {"quantity": "10"}
    first = portal.submit(plan_url(sent, "/add/personal_assistant"), ten_hours)
    again = portal.client.post(plan_url(sent, "/add/personal_assistant"), data=first.sent_data)
    assert again.status_code == 302 and again.location.endswith(plan_url(sent))
    page = portal.get(plan_url(sent)).soup
    assert len(item_ids(portal, sent)) == 1
    assert page.select_one("#plan-total").get_text(" ", strip=True).startswith("The plan costs £165 a week.")
    assert (
        page.select_one(".govuk-notification-banner")
        .get_text(" ", strip=True)
        .count("A helper you pay yourself has been added to the plan.")
        == 1
    )
    # a new visit to the page is a new form: it adds a second item
    portal.post(plan_url(sent, "/add"), {"help": "personal_assistant"})
    portal.submit(plan_url(sent, "/add/personal_assistant"), ten_hours)
    assert len(item_ids(portal, sent)) == 2


def test_an_add_form_without_its_token_is_refused_with_a_clear_message_and_a_new_token(portal):
    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    response = portal.post(plan_url(sent, "/add/personal_assistant"), PA_WEEKLY, status=200)
    summary = response.soup.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Something went wrong. Check your answers and send the form again." in summary
    token = response.soup.select_one("input[name=send_token]")["value"]
    assert len(token) >= 16
    portal.post(plan_url(sent, "/add/personal_assistant"), PA_WEEKLY | {"send_token": token})
    assert len(item_ids(portal, sent)) == 1


def test_removing_an_item_twice_leads_back_to_the_plan_with_a_clear_message(portal):
    portal.sign_in("alex")
    sent, item = budget_with_plan(portal)
    portal.submit(plan_url(sent, f"/items/{item}/remove"), {"remove": "yes"})
    again = portal.post(
        plan_url(sent, f"/items/{item}/remove"), {"remove": "yes"}, token_from=plan_url(sent, "/add")
    )
    assert again.location.endswith(plan_url(sent))
    page = portal.get(plan_url(sent)).soup
    assert "A helper you pay yourself has been removed from the plan already." in page.select_one(
        ".govuk-notification-banner"
    ).get_text(" ", strip=True)
    assert item_ids(portal, sent) == []
    # the back button to the remove page does the same
    back = portal.client.get(plan_url(sent, f"/items/{item}/remove"))
    assert back.status_code == 302 and back.location.endswith(plan_url(sent))


def test_the_disagreement_text_boxes_say_their_limit_in_the_portals_words(portal):
    """Without this, GOV.UK Frontend's own English default shows, which no translation reaches."""
    portal.sign_in("alex")
    assessment_id, _budget = portal.budget_for()
    page = portal.get(f"/assessments/{assessment_id}/disagree/care-manager").soup
    boxes = page.select("textarea")
    assert boxes
    for box in boxes:
        counter = box.find_parent(attrs={"data-module": "govuk-character-count"})
        assert counter["data-maxlength"] == "5000"
        message = counter.select_one(".govuk-character-count__message").get_text(" ", strip=True)
        assert message == "You can write up to 5,000 characters."

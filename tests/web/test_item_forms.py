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
    described = [page.select_one(f"#{part}").get_text(" ", strip=True) for part in box["aria-describedby"].split()]
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
    response = portal.submit(plan_url(sent, "/add/personal_assistant"),
                             {"quantity": "lots", "provider": "x" * 101}, status=200)
    page = response.soup
    listed = [(a["href"], a.get_text(strip=True)) for a in page.select(".govuk-error-summary__list a")]
    form_order = [f"#{el['id']}" for el in page.select("main form [id]")]
    hrefs = [href for href, _text in listed]
    assert hrefs == sorted(hrefs, key=form_order.index), listed
    assert hrefs == ["#quantity", "#frequency", "#needs", "#provider", "#management"]
    messages = dict(listed)
    assert messages["#provider"] == "Who will give this help must be 100 characters or fewer"

"""The account page asks the database the same number of times for two forms as for many: each form's
person, budget, plan (with the versions sent) and, for a form not sent yet, its answers come for all the
forms at once, not one form at a time."""

from __future__ import annotations

from tests import factories
from tests.web.plan_helpers import PA_WEEKLY
from tests.web.test_case_list_queries import _statements

CARDS = ".govuk-summary-card"


def _sent_with_a_plan(app, portal) -> None:
    sent = factories.sent_assessment(app, portal)
    factories.plan(app, sent, [("personal_assistant", PA_WEEKLY)], who=portal)
    factories.send_plan(app, sent, who=portal)


def test_the_account_page_asks_the_database_the_same_number_of_times_for_two_forms_and_for_seven(portal, app):
    portal.sign_in("alex")
    factories.draft_assessment(app, portal)
    _sent_with_a_plan(app, portal)
    few, page = _statements(app, portal, "/account")
    assert len(page.select(CARDS)) == 2

    for _ in range(3):
        _sent_with_a_plan(app, portal)
    factories.sent_assessment(app, portal)
    factories.draft_assessment(app, portal)
    many, page = _statements(app, portal, "/account")

    text = page.get_text()
    assert len(page.select(CARDS)) == 7
    assert text.count("See the support plan you sent") == 4  # each sent plan, with its reference
    assert text.count("questions answered") + text.count("question answered") == 2  # each draft's count
    assert many == few, f"{few} statements with two forms, {many} with seven"

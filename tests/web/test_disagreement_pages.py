"""The disagreement and staff journeys as declared pages: a new page is a registry entry and a template;
every page has its template; every rules constant a page can show has its words; and what a page shows
about an answered complaint comes from the rules' own step for it."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Blueprint
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from portal.journeys.disagree import views as disagree_views
from portal.journeys.disagree import words
from portal.journeys.pages import Page
from portal.journeys.staff import views as staff_views
from portal.ras import disagreement as rules
from portal.ras import staff_roles
from portal.store.disagreement_models import LocalMessage
from tests import factories
from tests.mail import deliver
from tests.web.helpers import Portal
from tests.web.test_disagreement import TUESDAY_BEFORE_CHRISTMAS, set_today, url

# A page a newcomer adds: the whole timeline, ready to print. Nothing but this template and one Page.
PRINT_PAGE = """{% extends "base.html" %}
{% from "disagree/_macros.html" import timeline with context %}
{% set heading = _("Your timeline, ready to print") %}
{% block title %}{{ heading }}{% endblock %}
{% block main_column %}
  <h1 class="govuk-heading-l">{{ heading }}</h1>
  <p class="govuk-body" id="reference">{{ case.reference }}</p>
  {{ timeline(view.timeline) }}
{% endblock %}"""


class WithPrintPage(disagree_views.Disagree):
    pages = (*disagree_views.Disagree.pages, Page("print-timeline", f"{disagree_views.AT}/print-timeline"))


@pytest.fixture
def app(settings, monkeypatch):
    """The portal, with the print page added to the disagreement journey's registry."""
    from portal import create_app

    blueprint = Blueprint("disagree", disagree_views.__name__, url_prefix="/assessments")
    WithPrintPage().register(blueprint)
    monkeypatch.setattr(disagree_views, "bp", blueprint)
    app = create_app(settings)
    app.config.update(TESTING=True)
    app.jinja_loader = ChoiceLoader(
        [DictLoader({"disagree/print-timeline.html": PRINT_PAGE}), app.jinja_loader]
    )
    yield app
    from tests.conftest import _empty_tables

    _empty_tables(app.extensions["db_engine"])
    app.extensions["db_engine"].dispose()


def test_a_new_page_is_a_registry_entry_and_a_template(app, portal, other_portal):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "disagree.print-timeline")
    assert rule.rule == "/assessments/<public_id>/disagree/print-timeline"
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    # The journey's own rules hold for the new page: no disagreement yet, so to the route.
    assert portal.client.get(url(assessment_id, "print-timeline")).location.endswith(url(assessment_id))
    reference = factories.disagreement(app, assessment_id, TUESDAY_BEFORE_CHRISTMAS, **factories.RAISE)
    page = portal.get(url(assessment_id, "print-timeline")).soup
    assert page.h1.get_text(strip=True) == "Your timeline, ready to print"
    assert page.select_one("#reference").get_text(strip=True) == reference
    text = page.get_text(" ", strip=True)
    assert "Disagreement sent" in text and "Would like a phone call" in text
    # And its access rules: someone else's budget is not found.
    other_portal.sign_in("sam")
    assert other_portal.client.get(url(assessment_id, "print-timeline")).status_code == 404


@pytest.mark.parametrize("journey", [disagree_views.Disagree, staff_views.Staff])
def test_every_declared_page_has_its_template_and_endpoint(app, journey):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    for page in journey.pages:
        assert f"{journey.name}.{page.id}" in endpoints
        app.jinja_env.get_template(page.template_in(journey.name))


def test_every_rules_constant_a_page_shows_has_its_words_once():
    assert set(words.ENTRY_TITLE) == {*rules.MOVES, rules.LETTER_POSTED}
    assert set(words.STEP_NAME) == {*rules.ANSWERED_STEPS, rules.STEP_ADVOCATE}
    assert set(words.STEP_NUMBER) == set(rules.STEPS) - {rules.STEP_ADVOCATE}
    assert set(words.PROGRESS_TAG) == set(rules.PROGRESS) - {rules.TODO}
    assert set(words.AUTHOR) == set(rules.STAFF_ROLES)
    assert set(words.ROLE_NAME) == set(staff_roles.STAFF_ROLES)  # every staff role has a name
    assert set(words.TASK) == set(rules.STAFF_TASKS.values())
    assert set(words.DECISION_CHOICE) == set(rules.STAFF_ANSWERS)
    assert set(words.OUTCOME_CHOICE) == set(words.OUTCOME_SAID) == set(rules.COMPLAINT_OUTCOMES)
    assert set(words.SENT_TITLE) == set(disagree_views.SENT_KINDS)
    assert set(words.TALK_CHOICE) == set(words.TALK_SAID)
    assert set(words.CONTACT_CHOICE) == set(words.CONTACT_SAID)


def test_an_answered_complaint_is_at_the_complaint_step_for_staff_and_the_ombudsman_for_the_person(
    portal, app
):
    set_today(app, date(2027, 1, 11))
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    reference = factories.disagreement(
        app, assessment_id, date(2027, 1, 11), rules.COMPLAINT_ANSWERED, **factories.RAISE
    )
    route = portal.get(url(assessment_id)).soup
    assert route.select_one('[aria-current="step"]')["id"] == "step-ombudsman"
    # An advocate asked for now goes to the complaints team, who hold the answered complaint.
    portal.submit(url(assessment_id, "advocate"), {"note": "Please call in the morning."})
    deliver(app)
    with app.extensions["db_sessionmaker"]() as session:
        told = [
            m.recipient
            for m in session.scalars(
                select(LocalMessage).where(LocalMessage.subject == f"More on a disagreement ({reference})")
            )
        ]
    assert told == ["kim@example.org"]
    kim = Portal(app)
    kim.sign_in("kim")
    summary = kim.get(f"/staff/cases/{reference}").soup.select(".govuk-summary-list__row")
    now_at = next(row for row in summary if row.dt.get_text(strip=True) == "Now at")
    assert now_at.dd.get_text(strip=True) == "Formal complaint"

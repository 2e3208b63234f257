"""A sent plan's PDF is made once and kept; a PDF not made in time gets a page, not a dead worker."""

from __future__ import annotations

import time

import pytest

from portal.journeys.plan import pdf as pdf_maker
from portal.journeys.plan import views as plan_views
from tests import factories
from tests.web.plan_helpers import PA_WEEKLY, plan_url


@pytest.fixture
def counted(monkeypatch):
    made: list[str] = []
    real = plan_views.render_pdf_within

    def counting(html: str, seconds: float = pdf_maker.PDF_SECONDS) -> bytes:
        made.append(html)
        return real(html, seconds)

    monkeypatch.setattr(plan_views, "render_pdf_within", counting)
    return made


def test_a_sent_plans_pdf_is_made_once_and_the_same_every_time(portal, app, counted):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)], who=portal)
    factories.send_plan(app, assessment_id)
    first = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    second = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    assert first.status_code == second.status_code == 200
    assert first.mimetype == "application/pdf" and first.data.startswith(b"%PDF")
    assert second.data == first.data
    assert "attachment" in second.headers["Content-Disposition"]
    assert len(counted) == 1


def test_a_draft_plans_pdf_is_made_anew_each_time(portal, app, counted):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)], who=portal)
    for _ in range(2):
        assert portal.client.get(plan_url(assessment_id, "/plan.pdf")).status_code == 200
    assert len(counted) == 2  # the draft can change between downloads


def test_a_pdf_that_takes_too_long_is_stopped_and_the_person_told(portal, app, monkeypatch):
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)], who=portal)

    def slow(html: str) -> bytes:
        time.sleep(30)
        return b""

    monkeypatch.setattr(pdf_maker, "render_pdf", slow)  # runs in the child, which is stopped
    monkeypatch.setattr(plan_views, "PDF_SECONDS", 1.0)
    began = time.monotonic()
    response = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    assert time.monotonic() - began < 10
    assert response.status_code == 503
    page = response.soup
    assert page.h1.get_text(strip=True) == "Sorry, we could not make your PDF"
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a")}
    assert links["Try again"].startswith(plan_url(assessment_id, "/plan.pdf"))
    assert links["Go back to your plan"] == plan_url(assessment_id)


def test_a_crash_while_making_a_pdf_ends_the_child_not_the_server(portal, app, monkeypatch):
    import os
    import signal

    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)], who=portal)
    monkeypatch.setattr(pdf_maker, "render_pdf", lambda html: os.kill(os.getpid(), signal.SIGSEGV))
    response = portal.client.get(plan_url(assessment_id, "/plan.pdf"))
    assert response.status_code == 503
    assert portal.client.get(plan_url(assessment_id)).status_code == 200  # this process lives on


def test_a_plan_can_have_at_most_so_many_items_and_the_person_is_told_why():
    from portal.ras.plan import ADD, CHANGE, SEND, check
    from portal.ras.plan.moves import FULL, MOST_ITEMS

    assert check(ADD, sent=False, items=MOST_ITEMS - 1).allowed
    assert check(ADD, sent=False, items=MOST_ITEMS).reason == FULL
    assert check(CHANGE, sent=False, items=MOST_ITEMS).allowed  # what is there can still be changed
    assert check(SEND, sent=False, items=MOST_ITEMS).allowed


def test_a_full_plan_sends_the_person_back_to_it_with_a_message(portal, app, monkeypatch):
    from portal.ras.plan import moves

    monkeypatch.setattr(moves, "MOST_ITEMS", 2)
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)] * 2, who=portal)
    response = portal.client.get(plan_url(assessment_id, "/add/personal_assistant"))
    assert response.status_code == 302 and response.location.endswith(plan_url(assessment_id))
    page = portal.get(plan_url(assessment_id)).soup
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "That is the most a plan can have. Remove something to add something new." in banner

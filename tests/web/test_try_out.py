"""Trying an estimate without an account: the self-assessment's own questions, one a page, with nothing
kept on the server; the same figure as the signed-in journey for every persona; and "Save this and carry on",
which signs in and keeps the answers as the person's draft."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.examples import WORKED_EXAMPLE
from tests.personas import PERSONA_IDS, PERSONAS, Persona, pounds
from tests.web.helpers import answer_fields
from tests.web.test_personas import row, table, visible

TRY = "/try-an-estimate"
FIRST = f"{TRY}/questions/date_of_birth"
ESTIMATE = f"{TRY}/estimate"


def try_out(portal, answers: dict[str, str]) -> list[str]:
    """Answer each question as Continue leads. Returns the questions asked, in order."""
    asked, url = [], FIRST
    while "/questions/" in url:
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        asked.append(question_id)
        url = portal.post(url, answer_fields(question_id, answers[question_id])).location
    assert url == ESTIMATE, url
    return asked


def rows_in(app, *models) -> list[int]:
    from portal.store import db

    with app.app_context():
        return [db().scalar(select(func.count()).select_from(model)) for model in models]


@pytest.mark.parametrize("persona", PERSONAS, ids=PERSONA_IDS)
def test_the_try_out_gives_the_signed_in_figure(portal, app, persona: Persona):
    from portal.store.models import Answer, Assessment, AuditEvent, Calculation, User

    tables = (User, Assessment, Answer, Calculation, AuditEvent)
    before = rows_in(app, *tables)
    asked = try_out(portal, persona.answers)
    assert asked == list(persona.answers), "the same questions, in the same order, as the signed-in form"
    page = portal.get(ESTIMATE).soup
    text = visible(page)
    expected = persona.budget
    assert f"{pounds(expected.weekly_pence)} a week" in text
    assert f"That is {pounds(expected.yearly_pence)} a year." in text
    assert "This is a try-out. We have not saved your answers." in text
    assert row(table(page, "Points for each answer"), "Total points") == [str(expected.points)]
    assert row(table(page, "The estimate"), "Estimate a week") == [pounds(expected.weekly_pence)]
    assert rows_in(app, *tables) == before, "nothing about the try-out is kept on the server"

    portal.sign_in(persona.sign_in)
    _, budget = portal.budget_for(persona.answers, "someone_else" if persona.helper else "myself")
    signed_in = table(budget.soup, "The estimate")
    assert row(signed_in, "Estimate a week") == row(table(page, "The estimate"), "Estimate a week")
    assert row(signed_in, "Estimate a year") == row(table(page, "The estimate"), "Estimate a year")


def test_the_try_out_asks_with_the_self_assessment_pages(portal):
    soup = portal.get(FIRST).soup
    assert soup.h1 is not None and "What is your date of birth?" in visible(soup)
    assert soup.select_one("textarea[name=more]") is None, "nothing written in free text is kept in a cookie"
    error = portal.post(FIRST, {}, status=200).soup
    assert error.title.get_text().startswith("Error: ")
    assert "Enter your date of birth" in error.select_one(".govuk-error-summary").get_text(" ", strip=True)
    # A later question cannot be opened before the ones that lead to it; nor the estimate.
    assert portal.get(f"{TRY}/questions/toilet", status=302).location == TRY
    assert portal.get(ESTIMATE, status=302).location == FIRST
    portal.get(f"{TRY}/questions/no_such_question", status=404)


def test_the_start_page_carries_on_where_you_stopped(portal):
    start = portal.get(TRY).soup
    assert start.select_one("a.govuk-button--start")["href"] == FIRST
    portal.post(FIRST, answer_fields("date_of_birth", WORKED_EXAMPLE["date_of_birth"]))
    button = portal.get(TRY).soup.select_one("main a.govuk-button")
    assert button.get_text(strip=True) == "Carry on"
    assert button["href"] == f"{TRY}/questions/living_situation"


def test_save_this_and_carry_on_signs_in_and_keeps_the_answers_as_a_draft(portal, app):
    try_out(portal, WORKED_EXAMPLE)
    to_sign_in = portal.submit(f"{TRY}/save", {}, status=303, form_from=ESTIMATE)
    assert to_sign_in.location.endswith("/sign-in")
    portal.sign_in("alex")
    # Signing in comes back to the save page: one more press keeps the answers.
    confirm = portal.get(f"{TRY}/save").soup
    assert "Save your try-out answers" in confirm.h1.get_text()
    saved = portal.submit(f"{TRY}/save", {})
    assert saved.location.startswith("/assessments/") and saved.location.endswith("/check")
    check = visible(portal.get(saved.location).soup)
    assert "I need help with some of it every day" in check
    assessment_id = saved.location.split("/")[2]
    portal.send(assessment_id)
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert row(table(budget, "The estimate"), "Estimate a week") == ["£118.80"]
    # The try-out is over: its answers are no longer in the browser.
    assert portal.get(TRY).soup.select_one("a.govuk-button--start") is not None
    assert portal.get(f"{TRY}/save", status=302).location == TRY


def test_someone_signed_in_saves_at_once(portal):
    portal.sign_in("sam")
    try_out(portal, WORKED_EXAMPLE)
    saved = portal.submit(f"{TRY}/save", {}, form_from=ESTIMATE)
    assert saved.location.endswith("/check")


def test_signing_out_does_not_keep_a_try_out(portal):
    portal.sign_in("sam")
    try_out(portal, WORKED_EXAMPLE)
    portal.sign_out()
    assert portal.get(ESTIMATE, status=302).location == FIRST

"""Each persona's whole journey through the pages, reading the figures a person sees on each page.

For every persona in tests/personas.py: sign in, say who the form is for, answer each question as Continue
leads (the questions asked must be the persona's, in order), check the answers, send, read the budget,
build the support plan item by item, read the plan and its comparison with the budget, send it, and read
the disagreement route's first page. Every figure is read from the page's visible text and compared with
the figure worked out by hand in the persona.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.personas import PERSONA_IDS, PERSONAS, TODAY, Persona, pounds
from tests.web.helpers import answer_fields
from tests.web.plan_helpers import add_item, plan_url


def visible(soup) -> str:
    """The main part of the page as a person reads it: the words, one space apart."""
    return " ".join(soup.select_one("main").get_text(" ", strip=True).split())


def table(soup, caption: str) -> dict[str, list[str]]:
    """A table found by its caption (what a screen reader announces): each row's header, and its cells."""
    for candidate in soup.select("main table"):
        found = candidate.select_one("caption")
        if found and " ".join(found.get_text(" ", strip=True).split()) == caption:
            return {
                " ".join(row.th.get_text(" ", strip=True).split()): [
                    " ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")
                ]
                for row in candidate.select("tbody tr")
                if row.th
            }
    raise AssertionError(f"no table called {caption!r} on the page")


def row(rows: dict[str, list[str]], starts: str) -> list[str]:
    matches = [cells for header, cells in rows.items() if header.startswith(starts)]
    assert len(matches) == 1, f"one row starting {starts!r} expected, in {list(rows)}"
    return matches[0]


def difference(pence: int) -> str:
    return f"{pounds(pence)} more" if pence > 0 else f"{pounds(pence)} less"


def label(app, key: str, name: str | None) -> str:
    """The council's words for an option, as the page words them for this reader."""
    config = app.extensions["ras_config"]
    try:
        return config.text(f"{key}.{'other' if name else 'self'}", "en", name=name or "")
    except KeyError:
        return config.text(key, "en")


def walk_the_questions(portal, assessment_id: str, persona: Persona, today) -> list[str]:
    """Answer each question as Continue leads, after the dates of birth that must be refused.
    Returns the questions asked, in order."""
    first = f"/assessments/{assessment_id}/questions/date_of_birth"
    for typed, error in persona.refused_dates_of_birth:
        typed = today.isoformat() if typed == TODAY else typed
        page = portal.post(first, answer_fields("date_of_birth", typed), status=200).soup
        assert error in page.select_one(".govuk-error-summary").get_text(" ", strip=True), typed
    asked, url = [], first
    while "/questions/" in url:
        question_id = url.split("?")[0].rsplit("/", 1)[-1]
        asked.append(question_id)
        assert question_id in persona.answers, (
            f"{persona} was asked {question_id}, which they have no answer for"
        )
        url = portal.post(url, answer_fields(question_id, persona.answers[question_id])).location
    assert url.endswith("/check"), url
    return asked


def check_the_budget_page(page, persona: Persona) -> None:
    expected = persona.budget
    text = visible(page)
    heading = page.h1.get_text(" ", strip=True)
    assert heading.startswith(
        f"Estimated budget for {persona.name}" if persona.helper else "Your estimated budget"
    )
    assert f"{pounds(expected.weekly_pence)} a week" in text
    assert f"That is {pounds(expected.yearly_pence)} a year." in text
    assert row(table(page, "Points for each answer"), "Total points") == [str(expected.points)]
    estimate = table(page, "The estimate")
    assert row(estimate, "Money a week from points") == [pounds(expected.before_pence)]
    assert row(estimate, "Take away") == [pounds(expected.reduction_pence)]
    assert row(estimate, "Estimate a week") == [pounds(expected.weekly_pence)]
    assert row(estimate, "Estimate a year") == [pounds(expected.yearly_pence)]
    # Every step can be checked with a calculator: before, less what is taken off, is the weekly figure.
    assert expected.before_pence - expected.reduction_pence == expected.weekly_pence
    if expected.percent:  # said in money, as easy read asks: 10% is "£10 in every £100"
        assert _in_every_100(expected.percent) in text
    else:
        assert "%" not in text
    assert ("did not score any points" in text) == expected.zero
    assert ("A panel will look at this budget" in text) == expected.panel
    assert ("Help for the person who cares" in text) == expected.carer_assessment


def check_the_plan_figures(page, persona: Persona) -> None:
    expected, budget = persona.plan, persona.budget
    rows = table(page, "The plan and the budget")
    assert row(rows, "The plan costs") == [pounds(expected.weekly_pence), pounds(expected.yearly_pence)]
    assert row(rows, "Help that is paid each") == [
        pounds(expected.weekly_pence),
        pounds(expected.yearly_pence - expected.one_off_pence),
    ]
    assert row(rows, "One-off costs")[1] == pounds(expected.one_off_pence)
    assert row(rows, "The budget is" if persona.helper else "Your budget is") == [
        pounds(budget.weekly_pence),
        pounds(budget.yearly_pence),
    ]
    assert row(rows, "Difference") == [
        difference(expected.weekly_difference_pence),
        difference(expected.yearly_difference_pence),
    ]
    text = visible(page)
    assert (
        f"Plans from {pounds(expected.lowest_yearly_pence)} to {pounds(expected.highest_yearly_pence)} a year"
        in text
    )
    assert (page.select_one("#tolerance-talk") is None) == expected.close


@pytest.mark.parametrize("persona", PERSONAS, ids=PERSONA_IDS)
def test_each_persona_sees_their_own_figures_on_every_page(portal, app, persona):
    today = app.extensions["clock"]()
    portal.sign_in(persona.sign_in)

    # Who the form is for.
    assessment_id = portal.start("someone_else", **vars(persona.helper)) if persona.helper else portal.start()
    tasks = portal.get(f"/assessments/{assessment_id}").soup
    assert tasks.h1.get_text(" ", strip=True) == (
        f"Answers for {persona.name}" if persona.helper else "Your answers"
    )

    # The questions, as the journey asks them: the child question only for someone who looks after a child.
    assert walk_the_questions(portal, assessment_id, persona, today) == list(persona.answers)

    # Check your answers: each answer in the reader's words, the date of birth written out.
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    text = visible(check)
    assert persona.date_of_birth_shown in text
    for question_id, value in persona.answers.items():
        if question_id == "carer_name":  # typed in, or left empty
            assert (value or "Not given") in text
        elif question_id != "date_of_birth":
            assert label(app, f"options.{question_id}.{value}.label", persona.name) in text, question_id
    if persona.helper:
        assert persona.helper.relationship in text and persona.helper.basis_label in text

    # The budget.
    portal.send(assessment_id)
    check_the_budget_page(portal.get(f"/assessments/{assessment_id}/budget").soup, persona)

    # The support plan, item by item, against the budget; then sent, with the same figures.
    for item in persona.plan_items:
        add_item(portal, assessment_id, item.price_id, item.fields)
    check_the_plan_figures(portal.get(plan_url(assessment_id)).soup, persona)
    portal.post(plan_url(assessment_id, "/send"), {"confirm": "y"})
    check_the_plan_figures(portal.get(plan_url(assessment_id, "/sent")).soup, persona)

    # The disagreement route knows the plan's cost, and the gap when the plan costs more.
    route = visible(portal.get(f"/assessments/{assessment_id}/disagree").soup)
    plan, budget = persona.plan.weekly_pence, persona.budget.weekly_pence
    assert re.search(
        rf"costs {re.escape(pounds(plan))} a week\. The budget is {re.escape(pounds(budget))} a week", route
    ), route
    assert (f"That is {pounds(plan - budget)} a week more." in route) == (plan > budget)


def _in_every_100(percent: str) -> str:
    """ "10%" as the budget page says it: "£10 in every £100"; "2.5%": "£2.50 in every £100"."""
    pounds = Decimal(percent.rstrip("%"))
    shown = f"£{int(pounds)}" if pounds == pounds.to_integral_value() else f"£{pounds:.2f}"
    return f"{shown} in every £100"

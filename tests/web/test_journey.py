"""The core journey through the Flask test client, on each database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.store.models import Answer, Assessment, AuditEvent, Calculation
from tests.web.helpers import WORKED_EXAMPLE


def _db(app):
    return app.extensions["db_sessionmaker"]()


def test_start_page_says_it_is_a_demo_and_needs_no_sign_in(portal):
    page = portal.get("/").soup
    assert page.h1.get_text(strip=True) == "Find out your personal budget"
    banner = page.select_one(".govuk-phase-banner").get_text(" ", strip=True)
    assert "demo" in banner.lower() and "Example Council is not a real council" in banner
    assert page.select_one("a.govuk-button--start")["href"] == "/assessments/new"


def test_pages_that_need_sign_in_send_you_to_sign_in_then_back(portal):
    response = portal.client.get("/assessments/new")
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    # After signing in, the person lands where they were going.
    assert portal.client.get("/account").status_code == 200


def test_worked_example_gives_the_figures_in_ras_demo(portal, app):
    portal.sign_in("alex")
    assessment_id, response = portal.budget_for(WORKED_EXAMPLE)
    page = response.soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    assert page.select_one("#yearly-amount").get_text(strip=True) == "That is £6,177.60 a year."
    assert page.select_one("#total-points").get_text(strip=True) == "22"
    assert page.select_one("#weekly-before").get_text(strip=True) == "£132"
    assert (
        "£10 in every £100" in page.select_one("#adjustment").get_text()
        and "£13.20" in page.select_one("#adjustment").get_text()
    )
    # The rules' version is kept with the budget (staff see it), but it is a code, not words for people.
    assert "example-2026-1" not in page.get_text()
    assert "with the council's rules of that day" in page.select_one("#config-version").get_text()
    assert "Estimate" in page.h1.get_text()
    rows = {
        th.get_text(strip=True): tr.select("td")[-1].get_text(strip=True)
        for tr in page.select("#points-table tbody tr")
        for th in tr.select("th")
    }
    assert sum(int(v) for k, v in rows.items() if k != "Total points") == 22
    with _db(app) as session:
        stored = session.scalar(select(Calculation))
        assert (stored.weekly_pence, stored.yearly_pence, stored.config_version) == (
            11880,
            617760,
            "example-2026-1",
        )
        assert stored.answers["nutrition"] == "daily_help"
        assert "caring_for_child" not in stored.answers  # skipped, so not part of the calculation


def test_every_answer_is_saved_when_continue_is_pressed(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    portal.answer(assessment_id, "living_situation", "alone", more="I live in a flat on the second floor.")
    with _db(app) as session:
        saved = {a.question_id: (a.value, a.more) for a in session.scalars(select(Answer))}
    assert saved == {
        "date_of_birth": ("1950-04-03", None),
        "living_situation": ("alone", "I live in a flat on the second floor."),
    }


def test_come_back_in_another_browser_to_exactly_where_you_stopped(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    portal.answer(assessment_id, "living_situation", "with_family")
    later = type(portal)(app)  # a new browser: no cookies
    later.sign_in("alex")
    account = later.get("/account").soup
    carry_on = account.find("a", string="Carry on with this form")
    task_list = later.get(carry_on["href"]).soup
    first_section = task_list.select(".govuk-task-list__item")[0]
    assert "Completed" in first_section.get_text()
    next_link = task_list.select(".govuk-task-list__item a")[1]["href"]
    assert next_link.endswith("/questions/nutrition")
    page = later.get(f"/assessments/{assessment_id}/questions/living_situation").soup
    assert page.select_one("input[name=living_situation][value=with_family]").has_attr("checked")


def test_a_blank_answer_shows_the_error_summary_and_keeps_what_was_saved(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    response = portal.post(f"/assessments/{assessment_id}/questions/living_situation", {}, status=200)
    page = response.soup
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    link = summary.select_one("a")
    assert page.select_one(link["href"]) is not None, "the error summary must link to the first radio"
    assert page.select_one(".govuk-error-message").get_text(strip=True).startswith("Error:")
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 1


def test_date_errors_are_specific_and_link_to_the_right_box(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    url = f"/assessments/{assessment_id}/questions/date_of_birth"
    cases = [
        (
            {"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""},
            "date of birth",
            "day",
        ),
        (
            {"date_of_birth-day": "3", "date_of_birth-month": "", "date_of_birth-year": "1950"},
            "month",
            "month",
        ),
        (
            {"date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "1950"},
            "real date",
            "day",
        ),
        (
            {"date_of_birth-day": "3", "date_of_birth-month": "4", "date_of_birth-year": "50"},
            "4 numbers",
            "year",
        ),
        (
            {"date_of_birth-day": "a", "date_of_birth-month": "4", "date_of_birth-year": "1950"},
            "numbers",
            "day",
        ),
        (
            {"date_of_birth-day": "3", "date_of_birth-month": "4", "date_of_birth-year": "2999"},
            "in the past",
            "day",
        ),
    ]
    for data, words, part in cases:
        page = portal.post(url, data, status=200).soup
        message = page.select_one(".govuk-error-summary a")
        assert words in message.get_text().lower(), (data, message.get_text())
        assert message["href"] == f"#date_of_birth-{part}"
        assert page.select_one(f"#date_of_birth-{part}") is not None
        # What the person typed is kept, so they only fix the wrong part.
        if data["date_of_birth-year"]:
            assert page.select_one("#date_of_birth-year")["value"] == data["date_of_birth-year"]


def test_a_crafted_option_value_is_refused_with_a_message(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    page = portal.post(
        f"/assessments/{assessment_id}/questions/living_situation", {"living_situation": "castle"}, status=200
    ).soup
    assert page.select_one(".govuk-error-summary")


def test_tell_us_more_is_limited_with_a_clear_message(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    page = portal.post(
        f"/assessments/{assessment_id}/questions/date_of_birth",
        {
            "date_of_birth-day": "3",
            "date_of_birth-month": "4",
            "date_of_birth-year": "1950",
            "more": "x" * 2001,
        },
        status=200,
    ).soup
    assert "2,000 characters or fewer" in page.select_one(".govuk-error-summary").get_text()


def test_skip_rules_and_changing_an_answer_from_check_your_answers(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer_all(assessment_id)
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    links = [a["href"] for a in check.select(".govuk-summary-list__actions a")]
    assert not any(href.endswith("/caring_for_child?change=1") for href in links)
    change = next(
        a["href"]
        for a in check.select(".govuk-summary-list__actions a")
        if a["href"].endswith("/cares_for_child?change=1")
    )
    # Saying yes brings in the skipped question, then returns to check your answers.
    response = portal.post(change, {"cares_for_child": "yes"})
    assert response.location.endswith("/questions/caring_for_child?change=1")
    response = portal.post(response.location, {"caring_for_child": "some_help"})
    assert response.location.endswith(f"/assessments/{assessment_id}/check")
    # Saying no again drops it: the stale answer is not shown or counted.
    portal.post(change, {"cares_for_child": "no"})
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    assert not any(
        a["href"].endswith("/caring_for_child?change=1")
        for a in check.select(".govuk-summary-list__actions a")
    )
    portal.send(assessment_id)
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert budget.select_one("#total-points").get_text(strip=True) == "22"


NOBODY_HELPS = {
    key: value
    for key, value in {**WORKED_EXAMPLE, "informal_help": "none"}.items()
    if key != "informal_help_continues"
}


@pytest.mark.parametrize(
    "for_whom,answers,question_id,value,new_question,title",
    [
        (
            "myself",
            WORKED_EXAMPLE,
            "cares_for_child",
            "yes",
            "caring_for_child",
            "Do you need help to look after your child?",
        ),
        (
            "myself",
            NOBODY_HELPS,
            "informal_help",
            "every_day",
            "informal_help_continues",
            "Can they keep helping you?",
        ),
        (
            "someone_else",
            WORKED_EXAMPLE,
            "cares_for_child",
            "yes",
            "caring_for_child",
            "Does Ravi need help to look after their child?",
        ),
    ],
)
def test_check_answers_says_which_newly_needed_question_has_no_answer(
    portal, for_whom, answers, question_id, value, new_question, title
):
    """Changing an answer can bring in a skipped question. If the person goes back to check their answers
    before answering it, the page says which question it is and links to it: never a silent redirect."""
    portal.sign_in("jo" if for_whom == "someone_else" else "alex")
    assessment_id = portal.start(for_whom)
    portal.answer_all(assessment_id, answers)
    response = portal.post(
        f"/assessments/{assessment_id}/questions/{question_id}?change=1", {question_id: value}
    )
    # The optional question that comes with it (who helps most) is asked first, as part of the change.
    asked = "carer_name" if new_question == "informal_help_continues" else new_question
    assert response.location.endswith(f"/questions/{asked}?change=1")
    # The person presses Back instead of answering.
    check = portal.get(f"/assessments/{assessment_id}/check")
    assert check.status_code == 200
    page = check.soup
    assert page.title.get_text().startswith("Error: Check your answers")
    summary = page.select_one(".govuk-error-summary")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in summary.select("a")]
    assert links == [
        (f"Answer this question: {title}", f"/assessments/{assessment_id}/questions/{new_question}?change=1")
    ]
    assert "There is 1 question with no answer. Answer it before you send the form." in page.get_text(
        " ", strip=True
    )
    assert not page.find("a", string=lambda text: text and text.strip() == "Continue")
    # Sending now is not possible: it comes back here.
    assert portal.client.get(f"/assessments/{assessment_id}/send").location.endswith(
        f"/{assessment_id}/check"
    )
    # Answered, the page is clean again.
    portal.post(
        f"/assessments/{assessment_id}/questions/{new_question}?change=1",
        {new_question: "yes" if new_question == "informal_help_continues" else "some_help"},
    )
    page = portal.get(f"/assessments/{assessment_id}/check").soup
    assert not page.select_one(".govuk-error-summary")
    assert page.find("a", string=lambda text: text and text.strip() == "Continue")


def test_informal_help_none_skips_the_follow_up(portal):
    portal.sign_in("alex")
    answers = {**WORKED_EXAMPLE, "informal_help": "none"}
    answers.pop("informal_help_continues")
    assessment_id, response = portal.budget_for(answers)
    assert response.soup.select_one("#weekly-amount").get_text(strip=True) == "£132 a week"


def test_sending_needs_the_declaration_and_twice_makes_one_calculation(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer_all(assessment_id)
    page = portal.post(f"/assessments/{assessment_id}/send", {}, status=200).soup
    assert page.select_one(".govuk-error-summary")
    token = portal.csrf(f"/assessments/{assessment_id}/send")
    first = portal.client.post(
        f"/assessments/{assessment_id}/send", data={"csrf_token": token, "confirm": "y"}
    )
    second = portal.client.post(
        f"/assessments/{assessment_id}/send", data={"csrf_token": token, "confirm": "y"}
    )
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Calculation)) == 1
        assert session.scalar(select(Assessment.status)) == "submitted"


def test_a_sent_assessment_cannot_be_changed(portal, app):
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    response = portal.client.get(f"/assessments/{assessment_id}/questions/nutrition")
    assert response.status_code == 302 and response.location.endswith("/budget")
    token = portal.csrf("/assessments/new")
    portal.client.post(
        f"/assessments/{assessment_id}/questions/nutrition",
        data={"csrf_token": token, "nutrition": "full_help"},
    )
    with _db(app) as session:
        assert session.get(Answer, (session.scalar(select(Assessment.id)), "nutrition")).value == "daily_help"


def test_cannot_jump_ahead_within_a_section(portal):
    portal.sign_in("alex")
    assessment_id = portal.start()
    response = portal.client.get(f"/assessments/{assessment_id}/questions/caring_for_child")
    assert response.status_code == 302 and response.location.endswith(f"/assessments/{assessment_id}")
    # Check your answers says what is still to answer, and offers nothing to send.
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    assert check.select_one(".govuk-error-summary")
    assert not check.find("a", string=lambda text: text and text.strip() == "Continue")


def test_for_someone_else_records_authority_and_uses_their_name(portal, app):
    portal.sign_in("jo")
    page = portal.post(
        "/assessments/new/someone-else", {}, status=200, token_from="/assessments/new/someone-else"
    ).soup
    assert len(page.select(".govuk-error-summary li")) == 3
    assessment_id = portal.start("someone_else")
    page = portal.get(f"/assessments/{assessment_id}/questions/date_of_birth").soup
    assert "Ravi" in page.h1.get_text()
    portal.answer(assessment_id, "date_of_birth", "1940-01-01")
    page = portal.get(f"/assessments/{assessment_id}/questions/living_situation").soup
    assert "Ravi" in page.h1.get_text() and " you " not in f" {page.h1.get_text().lower()} "
    portal.answer_all(assessment_id)
    check = portal.get(f"/assessments/{assessment_id}/check").soup
    assert "They asked me to" in check.get_text() and "Son" in check.get_text()
    portal.send(assessment_id)
    budget = portal.get(f"/assessments/{assessment_id}/budget").soup
    assert "Ravi" in budget.h1.get_text()
    with _db(app) as session:
        events = session.scalars(select(AuditEvent)).all()
    assert events and all(e.basis == "authority:asked_by_person" for e in events)
    assert {"view", "change", "send"} <= {e.action for e in events}


def test_your_own_record_is_not_audited_as_someone_elses(portal, app):
    portal.sign_in("alex")
    portal.budget_for()
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_zero_points_explains_what_happens_next(portal):
    portal.sign_in("alex")
    answers = {
        k: ("independent" if v in {"daily_help", "some_help"} else v) for k, v in WORKED_EXAMPLE.items()
    }
    answers.update(nights="none", informal_help="none")
    answers.pop("informal_help_continues")
    _, response = portal.budget_for(answers)
    text = response.soup.get_text(" ", strip=True)
    assert "£0 a week" in text and "care manager will talk with you" in text


def test_family_help_that_will_be_less_halves_the_reduction_and_mentions_a_carers_assessment(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for({**WORKED_EXAMPLE, "informal_help_continues": "less"})
    page = response.soup
    # 22 points: £132 a week before; 10% halved to 5% is £6.60 off: £125.40 a week.
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£125.40 a week"
    assert (
        "£5 in every £100" in page.select_one("#adjustment").get_text()
        and "£6.60" in page.select_one("#adjustment").get_text()
    )
    assert "carer's assessment" in page.get_text()


def test_family_help_that_stops_takes_nothing_off_and_mentions_a_carers_assessment(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for({**WORKED_EXAMPLE, "informal_help_continues": "no"})
    page = response.soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£132 a week"
    assert "carer's assessment" in page.get_text()


def test_family_help_that_continues_does_not_mention_a_carers_assessment(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(WORKED_EXAMPLE)
    assert "carer's assessment" not in response.soup.get_text()


def test_delete_a_draft_after_confirming(portal, app):
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.answer(assessment_id, "date_of_birth", "1950-04-03")
    page = portal.post(f"/assessments/{assessment_id}/delete", {}, status=200).soup
    assert page.select_one(".govuk-error-summary")
    portal.post(f"/assessments/{assessment_id}/delete", {"delete": "no"})
    assert portal.client.get(f"/assessments/{assessment_id}").status_code == 200
    response = portal.post(f"/assessments/{assessment_id}/delete", {"delete": "yes"})
    assert "deleted=1" in response.location
    assert "The form was deleted." in portal.get("/account?deleted=1").soup.get_text()
    assert portal.client.get(f"/assessments/{assessment_id}").status_code == 404
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_sent_form_cannot_be_deleted(portal, app):
    portal.sign_in("alex")
    assessment_id, _ = portal.budget_for()
    token = portal.csrf("/assessments/new")
    response = portal.client.post(
        f"/assessments/{assessment_id}/delete", data={"csrf_token": token, "delete": "yes"}
    )
    assert response.status_code == 302 and response.location.endswith("/budget")
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Calculation)) == 1


def test_download_your_information(portal):
    import json

    portal.sign_in("jo")
    own, _ = portal.budget_for()
    for_dad = portal.start("someone_else", person_name="Ravi")
    portal.answer(for_dad, "date_of_birth", "1940-01-01", more="He was born at home.")
    response = portal.client.get("/account/your-information.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    forms = {form["id"]: form for form in data["forms"]}
    assert forms[own]["budget"]["calculation"]["weekly_pence"] == 11880
    assert forms[for_dad]["for"] == "Ravi"
    assert forms[for_dad]["answers"]["date_of_birth"] == {
        "answer": "1940-01-01",
        "tell_us_more": "He was born at home.",
    }
    assert data["people_you_act_for"][0]["relationship"] == "Son"


def test_download_holds_nobody_elses_information(portal, other_portal):
    import json

    portal.sign_in("alex")
    portal.budget_for()
    other_portal.sign_in("sam")
    data = json.loads(other_portal.client.get("/account/your-information.json").get_data(as_text=True))
    assert data["forms"] == [] and data["people_you_act_for"] == []

"""Reviews: when the next one is due, asking for an early one, the staff's list of reviews due, recording a
review, and a reassessment that shows what changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import url_for
from sqlalchemy import event, select

from portal.ras import reviews as rules
from portal.store.models import Answer, Assessment, AuditEvent, Person
from portal.store.outbox_models import OutboxMessage
from portal.store.review_models import Review, ReviewRequest
from tests import factories
from tests.personas import Helper
from tests.web.dates import set_today
from tests.web.helpers import WORKED_EXAMPLE

STARTS = date(2027, 1, 11)  # the plan starts on a Monday
FIRST_DUE = date(2027, 2, 22)  # 6 weeks later
RAVI = Helper("Ravi", "Son", "asked_by_person", "The person asked me to")
REASON = "My needs have changed. I need help at night now."

# Every review route that takes an id: the person's pages and the staff's.
PERSON_ROUTES = [("GET", "review.ask"), ("POST", "review.ask"), ("GET", "review.sent")]
STAFF_ROUTES = [("GET", "review_staff.record"), ("POST", "review_staff.record")]
REVIEW_ROUTES = PERSON_ROUTES + STAFF_ROUTES


def _url(app, endpoint, public_id, **args):
    with app.test_request_context():
        return url_for(endpoint, public_id=public_id, **args)


def _words(element) -> str:
    """What a person reads in an element: its words, with single spaces."""
    return " ".join(element.get_text(" ").split())


def _one(app, query):
    with app.extensions["db_sessionmaker"]() as session:
        return session.scalar(query)


def _all(app, query):
    with app.extensions["db_sessionmaker"]() as session:
        return list(session.scalars(query))


def agreed(portal, app, who="alex", answers=None) -> tuple[str, str]:
    """A sent budget for `who`, agreed from STARTS, held by Chris (care manager) and Pat (team manager).
    Returns the form's id and the person's public id."""
    portal.sign_in(who)
    form = factories.sent_assessment(app, portal, answers or WORKED_EXAMPLE)
    factories.agreement(app, form, STARTS)
    staff = factories.demo_staff(app)
    factories.assign(app, form, "care_manager", staff["care_manager"])
    factories.assign(app, form, "team_manager", staff["team_manager"])
    person = _one(
        app,
        select(Person.public_id)
        .join(Assessment, Assessment.person_id == Person.id)
        .where(Assessment.public_id == form),
    )
    return form, person


# --- the person ---------------------------------------------------------------------------------


def test_the_account_says_when_the_next_review_is_due_and_offers_an_early_one(portal, app):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    page = portal.get("/account").soup
    block = page.select_one(f"#review-{person}")
    assert "Your next review is due by 22 February 2027." in _words(block)
    link = block.select_one("a")
    assert link.get_text(strip=True) == "Ask for an early review"
    assert link["href"] == f"/reviews/{person}/ask"


def test_without_an_agreed_budget_there_is_no_review(portal, app):
    set_today(app, STARTS)
    portal.sign_in("alex")
    factories.sent_assessment(app, portal)
    page = portal.get("/account").soup
    assert page.select_one("#reviews") is None
    person = _one(app, select(Person.public_id))
    assert portal.get(f"/reviews/{person}/ask", status=302).location.endswith("/account")


def test_the_review_comes_due_6_weeks_after_the_plan_starts_and_is_overdue_the_day_after(
    portal, other_portal, app
):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    other_portal.sign_in("chris")
    rows = other_portal.get("/staff/reviews").soup.select("#reviews-due tbody tr")
    assert [r.get_text(" ", strip=True) for r in rows] == [
        "Alex Morgan £118.80 a week 11 January 2027 22 February 2027"
    ]
    # the clock moves on to the day the person was told: due, not late
    set_today(app, FIRST_DUE)
    row = other_portal.get("/staff/reviews").soup.select_one("#reviews-due tbody tr")
    assert "Overdue" not in row.get_text()
    assert (
        "We will get in touch soon."
        not in portal.get("/account").soup.select_one(f"#review-{person}").get_text()
    )
    # and the day after, it is overdue on both sides
    set_today(app, FIRST_DUE + timedelta(days=1))
    row = other_portal.get("/staff/reviews").soup.select_one("#reviews-due tbody tr")
    assert "Overdue" in row.get_text()
    account = _words(portal.get("/account").soup.select_one(f"#review-{person}"))
    assert "Your next review is due by 22 February 2027. We will get in touch soon." in account


def test_asking_for_an_early_review_needs_a_reason(portal, app):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    response = portal.submit(f"/reviews/{person}/ask", {"reason": "  "}, status=200)
    soup = response.soup
    assert soup.title.get_text().startswith("Error: Ask for an early review")
    summary = soup.select_one(".govuk-error-summary")
    assert summary.select_one("a").get_text(strip=True) == "Tell us what has changed"
    assert summary.select_one("a")["href"] == "#reason"
    assert soup.select_one("#reason-error").get_text(" ", strip=True) == "Error: Tell us what has changed"
    assert _all(app, select(ReviewRequest)) == []


def test_an_early_review_is_due_the_day_it_is_asked_for_and_both_sides_are_told(portal, other_portal, app):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    asked_on = date(2027, 1, 20)
    set_today(app, asked_on)
    sent = portal.submit(f"/reviews/{person}/ask", {"reason": REASON})
    assert sent.location.endswith(f"/reviews/{person}/sent")
    page = portal.get(sent.location).soup
    reference = page.select_one("#reference").get_text(strip=True)
    assert reference.startswith("REV-")
    assert page.select_one("#due").get_text(strip=True) == "The review is now due by 20 January 2027."
    # the same form sent again is stored once, and the page now leads to the request sent
    portal.client.post(f"/reviews/{person}/ask", data=sent.sent_data)
    assert len(_all(app, select(ReviewRequest))) == 1
    assert portal.get(f"/reviews/{person}/ask", status=302).location.endswith(f"/reviews/{person}/sent")
    account = _words(portal.get("/account").soup.select_one(f"#review-{person}"))
    assert "Your next review is due by 20 January 2027." in account
    assert "You asked for an early review on 20 January 2027." in account
    messages = _all(app, select(OutboxMessage).where(OutboxMessage.kind == "review.ask"))
    to = {m.recipient: m for m in messages}
    assert set(to) == {"alex@example.org", "chris@example.org"}
    assert reference in to["alex@example.org"].body
    assert REASON not in to["chris@example.org"].body  # what the person wrote stays behind sign-in
    assert f"/staff/reviews/people/{person}" in to["chris@example.org"].body
    # the care manager sees it first on the list, with what the person wrote on the review page
    other_portal.sign_in("chris")
    row = (
        other_portal.get("/staff/reviews").soup.select_one("#reviews-due tbody tr").get_text(" ", strip=True)
    )
    assert "20 January 2027" in row and "Early review asked for" in row
    review_page = other_portal.get(f"/staff/reviews/people/{person}").soup
    assert REASON in review_page.select_one("#early-request").get_text()


def test_a_helper_asks_for_the_person_they_act_for(portal, app):
    set_today(app, STARTS)
    portal.sign_in("jo")
    form = factories.sent_assessment(app, portal, helper=RAVI)
    factories.agreement(app, form, STARTS)
    person = _one(app, select(Person.public_id).where(Person.name == "Ravi"))
    block = _words(portal.get("/account").soup.select_one(f"#review-{person}"))
    assert "The next review for Ravi is due by 22 February 2027." in block
    page = portal.get(f"/reviews/{person}/ask").soup
    assert page.h1.get_text(strip=True) == "Ask for an early review for Ravi"
    portal.submit(f"/reviews/{person}/ask", {"reason": "Ravi fell and needs more help."})
    events = _all(app, select(AuditEvent.action).where(AuditEvent.target == f"person:{person}"))
    assert "ask review" in events and "view review" in events


# --- staff --------------------------------------------------------------------------------------


def test_a_review_with_nothing_to_change_moves_the_next_one_a_year_on(portal, other_portal, app):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    set_today(app, date(2027, 2, 19))
    other_portal.sign_in("chris")
    done = other_portal.submit(
        f"/staff/reviews/people/{person}", {"outcome": rules.NO_CHANGE, "notes": "All is well."}
    )
    assert done.location.endswith("/staff/reviews?done=1")
    banner = other_portal.get(done.location).soup.select_one(".govuk-notification-banner")
    assert "The review is saved" in banner.get_text()
    account = _words(portal.get("/account").soup.select_one(f"#review-{person}"))
    assert "Your next review is due by 19 February 2028." in account
    assert _one(app, select(Review.outcome)) == rules.NO_CHANGE
    assert _all(app, select(Assessment.id).where(Assessment.previous_assessment_id.is_not(None))) == []


def test_recording_a_review_needs_an_outcome_and_notes(portal, other_portal, app):
    set_today(app, STARTS)
    _form, person = agreed(portal, app)
    other_portal.sign_in("chris")
    soup = other_portal.submit(f"/staff/reviews/people/{person}", {"notes": ""}, status=200).soup
    errors = [a.get_text(strip=True) for a in soup.select(".govuk-error-summary a")]
    assert errors == ["Choose what the review found", "Write what you and the person talked about"]
    crafted = other_portal.submit(
        f"/staff/reviews/people/{person}", {"outcome": "close_case", "notes": "x"}, status=200
    ).soup
    assert [a.get_text(strip=True) for a in crafted.select(".govuk-error-summary a")] == [
        "Choose what the review found"
    ]
    assert _all(app, select(Review)) == []


def test_care_managers_see_their_own_people_and_team_managers_everyone(portal, other_portal, app):
    set_today(app, STARTS)
    agreed(portal, app, "alex")
    portal.sign_out()
    sam_form = factories.sent_assessment(app, "sam")
    factories.agreement(app, sam_form, STARTS + timedelta(days=7))
    second = factories.staff_member(app, "jo", "care_manager")  # another care manager holds Sam
    factories.assign(app, sam_form, "care_manager", second)
    other_portal.sign_in("chris")
    names = [a.get_text() for a in other_portal.get("/staff/reviews").soup.select("#reviews-due tbody a")]
    assert names == ["Alex Morgan"]
    sam = _one(app, select(Person.public_id).where(Person.name == "Sam Taylor"))
    assert other_portal.client.get(f"/staff/reviews/people/{sam}").status_code == 404
    other_portal.sign_in("pat")
    names = [a.get_text() for a in other_portal.get("/staff/reviews").soup.select("#reviews-due tbody a")]
    assert names == ["Alex Morgan", "Sam Taylor"]  # the soonest due first
    other_portal.sign_in("kim")
    assert other_portal.client.get("/staff/reviews").status_code == 404


def test_the_list_is_paginated_and_read_in_one_query_however_many_people(
    portal, other_portal, app, monkeypatch
):
    from portal.journeys.review import staff_pages

    set_today(app, STARTS)
    other_portal.sign_in("pat")
    engine = app.extensions["db_engine"]
    counted: list[str] = []

    def count(conn, cursor, statement, *args):
        counted.append(statement)

    def queries_for_the_list() -> int:
        counted.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            other_portal.get("/staff/reviews")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return sum("agreed_budgets" in statement for statement in counted)

    for n, who in enumerate(("alex", "sam")):
        form = factories.sent_assessment(app, who)
        factories.agreement(app, form, STARTS + timedelta(days=n))
    assert queries_for_the_list() == 1
    third = factories.sent_assessment(app, "jo")
    factories.agreement(app, third, STARTS - timedelta(days=1))
    assert queries_for_the_list() == 1
    monkeypatch.setattr(staff_pages, "PER_PAGE", 2)
    first = other_portal.get("/staff/reviews").soup
    assert [a.get_text() for a in first.select("#reviews-due tbody a")] == ["Jo Patel", "Alex Morgan"]
    assert first.select_one(".govuk-pagination__next a")["href"] == "/staff/reviews?page=2"
    second = other_portal.get("/staff/reviews?page=2").soup
    assert [a.get_text() for a in second.select("#reviews-due tbody a")] == ["Sam Taylor"]
    assert (
        other_portal.get("/staff/reviews?page=99").soup.select("#reviews-due tbody a")[0].get_text()
        == "Sam Taylor"
    )


def test_staff_never_review_their_own_case_or_one_they_act_for(portal, other_portal, app):
    set_today(app, STARTS)
    other_portal.sign_in("pat")
    # Pat's own form (Pat is a person too): not on Pat's list, and opening it is refused and audited
    own = factories.sent_assessment(app, other_portal)
    factories.agreement(app, own, STARTS)
    assert other_portal.get("/staff/reviews").soup.select_one("#empty")
    pat = _one(app, select(Person.public_id).where(Person.name == "Pat Okafor"))
    assert other_portal.client.get(f"/staff/reviews/people/{pat}").status_code == 404
    assert "refused_staff_view_review" in _all(app, select(AuditEvent.action))


# --- every review route, by everyone ---------------------------------------------------------------


def _request(who, app, method, endpoint, public_id):
    url = _url(app, endpoint, public_id)
    if method == "GET":
        return who.client.get(url)
    return who.client.post(
        url,
        data={
            "csrf_token": who.csrf("/account"),
            "reason": "x",
            "outcome": rules.NO_CHANGE,
            "notes": "x",
            "send_token": "a" * 24,
        },
    )


@pytest.mark.parametrize("method,endpoint", REVIEW_ROUTES)
def test_who_may_use_each_review_route(portal, other_portal, app, method, endpoint):
    """The person and their helper reach the person's pages; reviewing staff assigned (or a team manager)
    reach the staff page; everyone else gets "Page not found" and learns nothing."""
    set_today(app, STARTS)
    portal.sign_in("jo")
    form = factories.sent_assessment(app, portal, helper=RAVI)
    factories.agreement(app, form, STARTS)
    staff = factories.demo_staff(app)
    factories.assign(app, form, "care_manager", staff["care_manager"])
    ravi = _one(app, select(Person.public_id).where(Person.name == "Ravi"))
    unassigned = factories.staff_member(app, "sam", "care_manager")
    person_page = (method, endpoint) in PERSON_ROUTES
    allowed = {
        "jo": person_page,
        "alex": False,
        "chris": not person_page,
        "pat": not person_page,
        "kim": False,
    }
    for who, may in allowed.items():
        other_portal.sign_in(who)
        response = _request(other_portal, app, method, endpoint, ravi)
        if may:
            assert response.status_code in (200, 302), (who, endpoint, response.status_code)
        else:
            assert response.status_code == 404, (who, endpoint, response.status_code)
            assert "Ravi" not in response.get_data(as_text=True)
        made_up = _request(other_portal, app, method, endpoint, "not-a-real-id")
        assert made_up.status_code == 404, (who, endpoint)
    assert unassigned  # Sam, a care manager who does not hold Ravi's case:
    other_portal.sign_in("sam")
    assert _request(other_portal, app, method, endpoint, ravi).status_code == 404
    # signed out: to sign in
    signed_out = _url(app, endpoint, ravi)
    fresh = portal.__class__(app)
    response = fresh.client.get(signed_out) if method == "GET" else fresh.client.post(signed_out)
    assert response.status_code in (302, 400)
    # every look by someone else is in the audit log
    actions = set(_all(app, select(AuditEvent.action).where(AuditEvent.target == f"person:{ravi}")))
    assert actions & {"view review", "ask review", "staff_view_review", "staff_record_review"}


def test_the_route_lists_cover_every_review_route(app):
    every = {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("review.", "review_staff.")) and rule.arguments
        for method in rule.methods & {"GET", "POST"}
    }
    assert every == set(REVIEW_ROUTES)


# --- the done-when: Alex asks for an early review, answers again, and sees what changed ----------


def test_a_first_form_does_not_say_its_answers_are_from_last_time(portal, app):
    portal.sign_in("alex")
    public_id = factories.draft_assessment(app, portal, {"nutrition": "some_help"})
    assert portal.get(f"/assessments/{public_id}").soup.select_one("#answering-again") is None
    page = portal.get(f"/assessments/{public_id}/questions/nutrition").soup
    assert page.select_one("#answering-again") is None


def test_alex_asks_for_an_early_review_answers_again_and_sees_what_changed(portal, other_portal, app):
    set_today(app, STARTS)
    first, person = agreed(portal, app)
    # the review comes due 6 weeks after the plan starts
    assert "22 February 2027" in portal.get("/account").soup.select_one(f"#review-{person}").get_text()
    set_today(app, date(2027, 1, 25))
    portal.submit(f"/reviews/{person}/ask", {"reason": REASON})
    other_portal.sign_in("chris")
    other_portal.submit(
        f"/staff/reviews/people/{person}",
        {"outcome": rules.REASSESS, "notes": "Alex needs help at night and with meals now."},
    )
    again = _one(app, select(Assessment).where(Assessment.previous_assessment_id.is_not(None)))
    assert again.status == "draft"
    answers = {
        a.question_id: a.value for a in _all(app, select(Answer).where(Answer.assessment_id == again.id))
    }
    assert answers == WORKED_EXAMPLE  # started from the previous answers
    told = _one(app, select(OutboxMessage).where(OutboxMessage.kind == "review.reassessment"))
    assert f"/assessments/{again.public_id}" in told.body
    # Alex finds the new form on the account page, changes two answers, and sends it
    account = portal.get("/account").soup
    assert account.select_one(f"#form-{again.public_id}") is not None
    assert account.select_one(f"#form-{first}") is not None  # the earlier form and budget stay
    # The task list and each question page say the answers from last time are filled in.
    again_note = "The answers from last time are filled in: check each one is still right."
    task_list = portal.get(f"/assessments/{again.public_id}").soup
    assert task_list.select_one("#answering-again.govuk-inset-text").get_text(strip=True) == again_note
    question = portal.get(f"/assessments/{again.public_id}/questions/nutrition").soup
    assert question.select_one("#answering-again.govuk-inset-text").get_text(strip=True) == again_note
    assert question.select_one("input[name=nutrition][checked]") is not None  # the last answer, filled in
    for earlier_page in (f"/assessments/{first}", f"/assessments/{first}/questions/nutrition"):
        assert portal.get(earlier_page, follow=True).soup.select_one("#answering-again") is None
    portal.answer(again.public_id, "nutrition", "full_help")
    portal.answer(again.public_id, "nights", "most_nights")
    portal.send(again.public_id)
    budget = portal.get(f"/assessments/{again.public_id}/budget").soup
    block = budget.select_one("#what-changed").parent
    assert budget.select_one("#changes-headline").get_text(strip=True) == (
        "The new estimate is £48.60 a week more than the last one."
    )
    answers_table = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in block.select("#changed-answers tbody tr")
    ]
    assert answers_table == [
        [
            "Do you need help to eat and drink?",
            "I need help with some of it every day",
            "I need help with all of it, every time",
            "6",
            "9",
        ],
        [
            "Do you need help at night?",
            "I need help on 1 or 2 nights a week",
            "I need someone there most nights",
            "4",
            "10",
        ],
    ]
    money_table = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in block.select("#changed-money tbody tr")
    ]
    assert money_table == [
        ["Points", "22", "31", "9 more"],
        ["Money from points, a week", "£132", "£186", "£54 more"],
        ["Taken off for help from family and friends, a week", "£13.20", "£18.60", "£5.40 more"],
        ["Budget a week", "£118.80", "£167.40", "£48.60 more"],
        ["Budget a year", "£6,177.60", "£8,704.80", "£2,527.20 more"],
    ]
    assert (
        "The council's rules are the same for both budgets" in budget.select_one("#rules-changed").get_text()
    )
    # the earlier budget is still there, as it was
    earlier = budget.select_one("#previous-budget")["href"]
    assert earlier == f"/assessments/{first}/budget"
    assert portal.get(earlier).soup.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    assert portal.get(earlier).soup.select_one("#what-changed") is None


# --- easy read ---------------------------------------------------------------------------------


def test_every_review_page_a_person_reads_is_easy_read(portal, other_portal, app):
    from tests.web.test_page_readability import _main_text, readability

    set_today(app, STARTS)
    first, person = agreed(portal, app)
    pages = {
        "account": portal.get("/account"),
        "ask": portal.get(f"/reviews/{person}/ask"),
        "ask (error)": portal.submit(f"/reviews/{person}/ask", {"reason": ""}, status=200),
    }
    pages["sent"] = portal.get(portal.submit(f"/reviews/{person}/ask", {"reason": REASON}).location)
    other_portal.sign_in("chris")
    other_portal.submit(f"/staff/reviews/people/{person}", {"outcome": rules.REASSESS, "notes": "Nights."})
    again = _one(app, select(Assessment.public_id).where(Assessment.previous_assessment_id.is_not(None)))
    portal.answer(again, "nights", "most_nights")
    portal.send(again)
    pages["budget with what changed"] = portal.get(f"/assessments/{again}/budget")
    too_hard, too_long = {}, {}
    for name, response in pages.items():
        text = _main_text(response)
        grade = readability.grade(text)
        if grade > readability.MAX_PAGE_GRADE:
            too_hard[name] = round(grade, 1)
        if readability.long_sentences(text):
            too_long[name] = readability.long_sentences(text)
    assert not too_hard, f"pages over grade {readability.MAX_PAGE_GRADE}: {too_hard}"
    assert not too_long, too_long


def test_the_download_of_everything_held_has_the_reviews(portal, other_portal, app):
    import json

    set_today(app, STARTS)
    _first, person = agreed(portal, app)
    portal.submit(f"/reviews/{person}/ask", {"reason": REASON})
    other_portal.sign_in("chris")
    other_portal.submit(
        f"/staff/reviews/people/{person}", {"outcome": rules.NO_CHANGE, "notes": "All is well."}
    )
    held = json.loads(portal.get("/account/your-information.json").get_data(as_text=True))["reviews"]
    assert [r["reason"] for r in held["early_reviews_asked_for"]] == [REASON]
    assert held["reviews_done"] == [
        {"done": "2027-01-11", "outcome": "no_change", "notes": "All is well.", "by": "Chris Evans"}
    ]


def test_each_persons_due_date_counts_only_their_own_reviews(portal, other_portal, app):
    """Alex asks for an early review; Sam's review is done later. Alex's request still waits."""
    set_today(app, STARTS)
    _form, alex = agreed(portal, app)
    portal.sign_out()
    sam_form = factories.sent_assessment(app, "sam")
    factories.agreement(app, sam_form, STARTS)
    sam = _one(app, select(Person.public_id).where(Person.name == "Sam Taylor"))
    set_today(app, date(2027, 1, 20))
    portal.sign_in("alex")
    portal.submit(f"/reviews/{alex}/ask", {"reason": REASON})
    set_today(app, date(2027, 2, 1))
    other_portal.sign_in("pat")
    other_portal.submit(f"/staff/reviews/people/{sam}", {"outcome": rules.NO_CHANGE, "notes": "Fine."})
    rows = [_words(r) for r in other_portal.get("/staff/reviews").soup.select("#reviews-due tbody tr")]
    assert rows == [
        "Alex Morgan £118.80 a week 11 January 2027 20 January 2027 Overdue Early review asked for",
        "Sam Taylor £118.80 a week 11 January 2027 1 February 2028",
    ]

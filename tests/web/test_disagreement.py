"""The disagreement route, for the person: every page, every error, due dates, idempotent sends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.store.disagreement_models import Disagreement, DisagreementEntry, LocalMessage
from portal.store.models import AuditEvent, Calculation
from tests.mail import deliver
from tests.web.dates import TUESDAY_BEFORE_CHRISTMAS, set_today


def _db(app):
    return app.extensions["db_sessionmaker"]()


def raise_data(**extra):
    data = {
        "reason": "I need help every night, and the budget does not pay for it.",
        "amount": "150",
        "talk": "call",
        "contact_by": "phone",
        "contact_details": "01632 960001",
    }
    data.update(extra)
    return data


def url(assessment_id: str, page: str = "") -> str:
    return f"/assessments/{assessment_id}/disagree" + (f"/{page}" if page else "")


def test_the_budget_page_links_to_the_route(portal, sent_budget):
    page = portal.get(f"/assessments/{sent_budget}/budget").soup
    link = page.select_one("#disagree-link")
    assert link.get_text(strip=True) == "I do not think this budget is right"
    assert link["href"] == url(sent_budget)


def test_the_step_by_step_shows_every_step_and_where_you_are(portal, sent_budget):
    page = portal.get(url(sent_budget)).soup
    steps = page.select("nav ol > li")
    titles = [li.select_one("h3").get_text(" ", strip=True) for li in steps]
    assert titles == [
        "Step 1 Make a support plan",
        "Step 2 Talk to your care manager",
        "And, at any step Get help from an advocate",
        "Step 3 Ask a team manager to look again",
        "Step 4 Make a formal complaint",
        "Step 5 Go to the Ombudsman",
    ]
    current = page.select('[aria-current="step"]')
    assert len(current) == 1 and current[0]["id"] == "step-plan"
    assert "You are here" in current[0].get_text()
    # The overview is short: each step's what happens, how long and who can help is on its own page.
    step_pages = {}
    for li in steps:
        text = li.get_text(" ", strip=True)
        assert "How long it takes" not in text
        more = li.select_one("a[id^=more-]")
        assert more.get_text(" ", strip=True).startswith("What happens, how long it takes and who can help")
        step_page = portal.get(more["href"]).soup
        step_text = step_page.select_one("main").get_text(" ", strip=True)
        for part in ("What happens", "How long it takes", "Who can help"):
            assert part in [h2.get_text(strip=True) for h2 in step_page.select("h2")], part
        assert step_page.h1.get_text(strip=True) in li.select_one("h3").get_text(" ", strip=True)
        step_pages[li["id"]] = step_text
    # The time limits come from content/disagreement.yaml.
    assert "within 10 working days" in step_pages["step-care_manager"]
    complaint = step_pages["step-complaint"]
    assert "within 3 working days" in complaint and "within 20 working days" in complaint
    assert "12 weeks after your complaint" in step_pages["step-ombudsman"]
    assert portal.get(url(sent_budget, "steps/no_such_step"), status=404)
    assert page.select_one("#step-care_manager a.govuk-button")["href"] == url(sent_budget, "care-manager")


def test_raise_a_disagreement_over_christmas(portal, app, sent_budget):
    form = portal.get(url(sent_budget, "care-manager")).soup
    assert "should answer by 8 January 2027" in form.get_text(" ", strip=True)
    response = portal.submit(url(sent_budget, "care-manager"), raise_data())
    assert response.location.endswith(url(sent_budget, "sent?what=raise"))
    page = portal.get(response.location).soup
    panel = page.select_one(".govuk-panel").get_text(" ", strip=True)
    with _db(app) as session:
        case = session.scalar(select(Disagreement))
        entry = session.scalar(select(DisagreementEntry))
        due = case.steps[0].due_on
    assert case.reference in panel
    # 22 December 2026 + 10 working days: not 25, 26 (Saturday) or 28 December (Boxing Day's substitute),
    # not 1 January.
    assert (
        page.select_one("#answer-by").get_text(strip=True)
        == "The care manager should answer by 8 January 2027."
    )
    assert (case.state, case.raised_on) == ("care_manager_waiting", TUESDAY_BEFORE_CHRISTMAS)
    assert due == date(2027, 1, 8)
    assert entry.weekly_pence == 15000 and entry.details["talk"] == "call"
    assert entry.details["contact_by"] == "phone" and entry.details["contact_details"] == "01632 960001"
    # The stored budget is untouched.
    with _db(app) as session:
        assert session.scalar(select(Calculation)).weekly_pence == 11880


def test_the_whole_route_from_care_manager_to_ombudsman_with_demo_staff(portal, app, sent_budget):
    from tests.web.helpers import Portal

    staff = Portal(app)
    # 1. Alex tells the care manager, on 22 December 2026.
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    with _db(app) as session:
        reference = session.scalar(select(Disagreement.reference))

    # 2. Chris, the demo care manager, has it on his work list and agrees a new amount on 5 January.
    set_today(app, date(2027, 1, 5))
    staff.sign_in("chris")
    work = staff.get("/staff").soup
    assert reference in work.select_one("#work-list").get_text()
    assert "8 January 2027" in work.select_one("#work-list").get_text()
    staff.get(f"/staff/cases/{reference}")
    staff.submit(
        f"/staff/cases/{reference}/answer",
        {"decision": "agree_new_amount", "amount": "130", "message": "We can pay for 1 more night a week."},
    )
    assert reference not in staff.get("/staff").soup.get_text()

    # Alex sees the new amount beside the estimate, which is unchanged.
    budget = portal.get(f"/assessments/{sent_budget}/budget").soup
    assert budget.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    assert "£130 a week" in budget.select_one("#agreed-amount").get_text()
    timeline = portal.get(url(sent_budget, "timeline")).soup
    assert "New amount agreed" in timeline.get_text() and "1 more night a week" in timeline.get_text()
    assert "Chris Evans, care manager" in timeline.get_text()

    # 3. Alex still disagrees and asks a team manager, on 6 January: due 10 working days later.
    set_today(app, date(2027, 1, 6))
    response = portal.submit(
        url(sent_budget, "team-manager"), {"reason": "130 is still not enough for my nights."}
    )
    sent = portal.get(response.location).soup
    assert (
        sent.select_one("#answer-by").get_text(strip=True)
        == "A team manager should answer by 20 January 2027."
    )
    staff.sign_in("pat")
    assert reference in staff.get("/staff").soup.get_text()
    staff.submit(
        f"/staff/cases/{reference}/answer",
        {"decision": "keep_amount", "message": "The new amount meets the needs in your plan."},
    )

    # 4. Alex makes a formal complaint on 21 January.
    set_today(app, date(2027, 1, 21))
    response = portal.submit(
        url(sent_budget, "complaint"),
        {"complaint": "Nobody looked at my nights.", "put_right": "£150 a week."},
    )
    sent = portal.get(response.location).soup
    assert sent.select_one("#acknowledge-by").get_text(strip=True) == (
        "We will tell you we have your complaint by 26 January 2027."
    )
    assert (
        sent.select_one("#answer-by").get_text(strip=True)
        == "We will give our final answer by 18 February 2027."
    )
    # The Ombudsman is not open yet.
    refused = portal.get(url(sent_budget, "ombudsman")).soup
    assert refused.h1.get_text(strip=True) == "You cannot do this now"

    # 5. Kim, in the complaints team, acknowledges and answers.
    staff.sign_in("kim")
    assert reference in staff.get("/staff").soup.get_text()
    staff.submit(
        f"/staff/cases/{reference}/acknowledge", {"message": "We have your complaint. Kim is looking at it."}
    )
    set_today(app, date(2027, 2, 10))
    staff.submit(
        f"/staff/cases/{reference}/final-answer",
        {"outcome": "partly_upheld", "message": "We will look at your nights again with you."},
    )
    assert reference not in staff.get("/staff").soup.get_text()

    # 6. Alex sees how to go to the Ombudsman, with the whole timeline to print.
    route = portal.get(url(sent_budget)).soup
    assert route.select_one('[aria-current="step"]')["id"] == "step-ombudsman"
    page = portal.get(url(sent_budget, "ombudsman")).soup
    text = page.get_text(" ", strip=True)
    assert "Local Government and Social Care Ombudsman" in text and "0300 061 0614" in text
    assert len(page.select("#what-to-send li")) == 5
    assert page.select_one("#go-by").get_text(strip=True) == "Try to go to the Ombudsman by 22 December 2027."
    for said in (
        "I need help every night",
        "We can pay for 1 more night a week",
        "130 is still not enough",
        "The new amount meets the needs",
        "Nobody looked at my nights",
        "We have your complaint",
        "We will look at your nights again",
        "We agree with some of the complaint",
    ):
        assert said in text, said

    deliver(app)
    with _db(app) as session:
        kinds = [e.kind for e in session.scalars(select(DisagreementEntry).order_by(DisagreementEntry.id))]
        case = session.scalar(select(Disagreement))
        assert case.state == "complaint_answered"
        messages = session.scalars(select(LocalMessage)).all()
        audited = session.scalars(select(AuditEvent)).all()
    assert kinds == [
        "raise",
        "agree_new_amount",
        "escalate",
        "keep_amount",
        "complain",
        "acknowledge",
        "answer_complaint",
    ]
    # Every answer was sent to Alex; every step reached the staff who act on it.
    to_alex = [m.subject for m in messages if m.recipient == "alex@example.org"]
    assert len(to_alex) == 7
    assert any(m.recipient == "chris@example.org" for m in messages)
    assert any(m.recipient == "pat@example.org" for m in messages)
    assert any(m.recipient == "kim@example.org" for m in messages)
    # Every staff look and every staff change is in the audit log; Alex's own are not.
    actions = {(e.action, e.basis) for e in audited}
    assert ("staff_view", "staff:care_manager") in actions
    assert ("agree_new_amount", "staff:care_manager") in actions
    assert ("keep_amount", "staff:team_manager") in actions
    assert ("answer_complaint", "staff:complaints_officer") in actions
    assert all(e.basis.startswith("staff:") for e in audited)


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"reason": ""}, "reason", "Tell us why you think the budget is not right"),
        ({"reason": "x" * 5001}, "reason", "This must be 5,000 characters or fewer"),
        ({"amount": "lots"}, "amount", "Enter the amount in pounds, like 150 or 150.50"),
        ({"amount": "150.555"}, "amount", "Enter the amount in pounds, like 150 or 150.50"),
        ({"amount": "0"}, "amount", "The amount must be more than £0"),
        ({"amount": "250000"}, "amount", "Check the amount. It must be a weekly amount, like 150"),
        ({"talk": ""}, "talk", "Choose if you would like to talk"),
        ({"talk": "telepathy"}, "talk", "Choose if you would like to talk"),
        ({"contact_by": ""}, "contact_by", "Choose how we should get in touch"),
        ({"contact_details": ""}, "contact_details", "Enter the phone number we should use"),
        (
            {"contact_by": "carer", "contact_name": "Jo", "contact_details": ""},
            "contact_details",
            "Enter a phone number, email or address for us to use",
        ),
        # Each way of getting in touch needs its own kind of details.
        (
            {"contact_by": "email", "contact_details": ""},
            "contact_details",
            "Enter the email address we should use",
        ),
        (
            {"contact_by": "email", "contact_details": "01632 960001"},
            "contact_details",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"contact_by": "phone", "contact_details": "alex@example.org"},
            "contact_details",
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            {"contact_by": "phone", "contact_details": "999"},
            "contact_details",
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            {"contact_by": "letter", "contact_details": ""},
            "contact_details",
            "Enter the address we should post letters to",
        ),
        (
            {"contact_by": "letter", "contact_details": "alex@example.org"},
            "contact_details",
            "Enter the address with its postcode, like 1 High Street, Exampletown, EX1 2AB",
        ),
        (
            {"contact_by": "advocate", "contact_name": ""},
            "contact_name",
            "Enter the name of the person we should get in touch with",
        ),
        (
            {"send_token": "crafted"},
            "send_token",
            "Something went wrong. Check your answers and send the form again.",
        ),
    ],
)
def test_every_bad_answer_gets_a_clear_error_and_nothing_is_saved(
    portal, app, sent_budget, data, field, message
):
    response = portal.submit(url(sent_budget, "care-manager"), raise_data(**data), status=200)
    page = response.soup
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    href = summary.select_one("a")["href"]
    assert href == ("#main-content" if field == "send_token" else f"#{field}")
    if field != "send_token":
        assert page.select_one(f"#{field}-error")
    # What was typed is kept, and a fresh token is there to send again.
    assert page.select_one("input[name=send_token]")["value"] != "crafted"
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Disagreement)) == 0


@pytest.mark.parametrize(
    "contact_by,details",
    [
        ("email", "alex.smith@example.org"),
        ("phone", "07700 900982"),
        ("phone", "+44 (0)1632 960-001"),
        ("letter", "Flat 2, 10 Mill Lane, Exampletown EX1 2AB"),
    ],
)
def test_each_way_of_getting_in_touch_takes_its_own_details(portal, app, sent_budget, contact_by, details):
    portal.submit(
        url(sent_budget, "care-manager"), raise_data(contact_by=contact_by, contact_details=details)
    )
    with _db(app) as session:
        entry = session.scalar(select(DisagreementEntry))
    assert (entry.details["contact_by"], entry.details["contact_details"]) == (contact_by, details)


def test_a_pound_sign_and_commas_are_fine(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data(amount="£1,250.5"))
    with _db(app) as session:
        assert session.scalar(select(DisagreementEntry.weekly_pence)) == 125050


def test_an_empty_amount_is_fine(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data(amount=""))
    with _db(app) as session:
        assert session.scalar(select(DisagreementEntry.weekly_pence)) is None


def test_sending_twice_makes_one_disagreement_and_one_message(portal, app, sent_budget):
    first = portal.submit(url(sent_budget, "care-manager"), raise_data())
    again = portal.client.post(url(sent_budget, "care-manager"), data=first.sent_data)
    assert again.status_code == 302 and again.location == first.location
    deliver(app)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Disagreement)) == 1
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == 1
        to_alex = session.scalar(
            select(func.count()).select_from(LocalMessage).where(LocalMessage.recipient == "alex@example.org")
        )
    assert to_alex == 1
    # A second form (another tab) is refused clearly, and changes nothing.
    page = portal.get(url(sent_budget, "care-manager")).soup
    assert page.h1.get_text(strip=True) == "You cannot do this now"
    assert "already told us" in page.select_one("#reason").get_text()


def test_your_account_shows_where_the_disagreement_is(portal, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    account = portal.get("/account").soup.get_text(" ", strip=True)
    assert "waiting for the care manager" in account and "See your disagreement" in account


def test_adding_more_to_an_open_step_keeps_what_was_sent(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    first = portal.submit(url(sent_budget, "add"), {"text": "My carer is going into hospital."})
    portal.client.post(url(sent_budget, "add"), data=first.sent_data)  # sent twice: stored once
    portal.submit(url(sent_budget, "add"), {"text": ""}, status=200)
    timeline = portal.get(url(sent_budget, "timeline")).soup.get_text(" ", strip=True)
    assert "I need help every night" in timeline and "My carer is going into hospital." in timeline
    with _db(app) as session:
        texts = [e.text for e in session.scalars(select(DisagreementEntry).order_by(DisagreementEntry.id))]
    assert texts == [
        "I need help every night, and the budget does not pay for it.",
        "My carer is going into hospital.",
    ]


def test_what_was_sent_can_never_be_changed_or_deleted(portal, app, sent_budget):
    from portal.store.models import ImmutableRecordError

    portal.submit(url(sent_budget, "care-manager"), raise_data())
    with _db(app) as session:
        entry = session.scalar(select(DisagreementEntry))
        entry.text = "Something else"
        with pytest.raises(ImmutableRecordError):
            session.commit()
        session.rollback()
        with pytest.raises(ImmutableRecordError):
            session.delete(session.scalar(select(DisagreementEntry)))
            session.commit()


def test_a_team_manager_can_be_asked_only_once_the_answer_date_has_passed(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    # On the due date, the care manager still has time.
    set_today(app, date(2027, 1, 8))
    page = portal.get(url(sent_budget, "team-manager")).soup
    assert page.h1.get_text(strip=True) == "You cannot do this now"
    assert "from 9 January 2027" in page.select_one("#reason").get_text()
    # The route page promises the same day the rules open it: the day after the due date.
    route = portal.get(url(sent_budget)).soup.select_one("#step-team_manager").get_text(" ", strip=True)
    assert "If they do not answer by 8 January 2027, you can ask from 9 January 2027." in route
    # A crafted post is refused and changes nothing.
    token = portal.csrf(url(sent_budget, "add"))
    refused = portal.client.post(
        url(sent_budget, "team-manager"),
        data={"csrf_token": token, "send_token": "a" * 32, "reason": "Please look."},
    )
    assert refused.status_code == 409
    with _db(app) as session:
        assert session.scalar(select(Disagreement.state)) == "care_manager_waiting"
    # The next day, time has unlocked it.
    set_today(app, date(2027, 1, 9))
    page = portal.get(url(sent_budget, "team-manager")).soup
    assert "did not answer by 8 January 2027" in page.get_text()
    portal.submit(url(sent_budget, "team-manager"), {"reason": "No answer yet."})
    with _db(app) as session:
        case = session.scalar(select(Disagreement))
        steps = {s.kind: (s.left_on, s.due_on) for s in case.steps}
    assert case.state == "team_manager_waiting"
    assert steps["care_manager"][0] == date(2027, 1, 9)  # left without an answer
    assert steps["team_manager"][1] == date(2027, 1, 22)  # Saturday 9th: 11th is the first working day
    timeline = portal.get(url(sent_budget, "timeline")).soup.get_text(" ", strip=True)
    assert "No answer. You moved on to the next step on 9 January 2027." in timeline


def test_a_complaint_can_be_made_once_the_team_managers_date_has_passed(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    set_today(app, date(2027, 1, 11))
    portal.submit(url(sent_budget, "team-manager"), {"reason": "No answer."})
    assert portal.get(url(sent_budget, "complaint")).soup.h1.get_text(strip=True) == "You cannot do this now"
    set_today(app, date(2027, 1, 26))
    portal.submit(
        url(sent_budget, "complaint"), {"complaint": "No answers at all.", "put_right": "An answer."}
    )
    with _db(app) as session:
        assert session.scalar(select(Disagreement.state)) == "complaint_waiting"


def test_the_ombudsman_opens_12_weeks_after_a_complaint_with_no_final_answer(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    set_today(app, date(2027, 1, 11))
    portal.submit(url(sent_budget, "team-manager"), {"reason": "No answer."})
    set_today(app, date(2027, 1, 26))
    portal.submit(url(sent_budget, "complaint"), {"complaint": "No answers.", "put_right": "An answer."})
    set_today(app, date(2027, 4, 19))
    refused = portal.get(url(sent_budget, "ombudsman")).soup
    assert "you can go from 20 April 2027" in refused.select_one("#reason").get_text()
    set_today(app, date(2027, 4, 20))
    page = portal.get(url(sent_budget, "ombudsman")).soup
    assert "We have not given our final answer yet" in page.get_text()


def test_steps_cannot_be_skipped(portal, sent_budget):
    # Nothing sent yet: no team manager, no complaint, no Ombudsman, nothing to add or close.
    for page in ("team-manager", "complaint", "add", "close", "timeline", "ombudsman"):
        response = portal.client.get(url(sent_budget, page))
        assert response.status_code == 302 and response.location.endswith(url(sent_budget))
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    page = portal.get(url(sent_budget, "complaint")).soup
    assert page.h1.get_text(strip=True) == "You cannot do this now"
    token = portal.csrf(url(sent_budget, "add"))
    crafted = portal.client.post(
        url(sent_budget, "complaint"),
        data={"csrf_token": token, "send_token": "b" * 32, "complaint": "x", "put_right": "y"},
    )
    assert crafted.status_code == 409


def test_a_closed_step_cannot_be_reopened_by_a_crafted_post(portal, app, sent_budget):
    from tests.web.helpers import Portal

    portal.submit(url(sent_budget, "care-manager"), raise_data())
    add_form = portal.submit(url(sent_budget, "add"), {"text": "First."})
    staff = Portal(app)
    staff.sign_in("chris")
    with _db(app) as session:
        reference = session.scalar(select(Disagreement.reference))
    staff.submit(f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "It stands."})
    # The care manager's step is answered: adding to it is refused with a message, and nothing changes.
    crafted = dict(add_form.sent_data, send_token="c" * 32, text="Sneaked in after the answer.")
    response = portal.client.post(url(sent_budget, "add"), data=crafted)
    assert response.status_code == 409
    assert "This step is closed. Nothing was changed." in response.get_data(as_text=True)
    # A second staff answer to the answered step is refused too.
    staff_form = staff.client.get(f"/staff/cases/{reference}/answer")
    assert "cannot be answered now" in staff_form.get_data(as_text=True)
    with _db(app) as session:
        count = session.scalar(select(func.count()).select_from(DisagreementEntry))
        token = session.scalar(
            select(DisagreementEntry.send_token).where(DisagreementEntry.kind == "keep_amount")
        )
    assert count == 3
    response = staff.client.post(
        f"/staff/cases/{reference}/answer",
        data={
            "csrf_token": staff.csrf("/assessments/new"),
            "send_token": "d" * 32,
            "decision": "agree_new_amount",
            "amount": "999",
            "message": "Changed my mind.",
        },
    )
    assert response.status_code == 409
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == 3
        assert session.scalar(select(Disagreement.state)) == "care_manager_answered"
    assert token


def test_closing_ends_the_route_and_nothing_reopens_it(portal, app, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    portal.submit(url(sent_budget, "close"), {"note": "We talked. I am happy."}, status=200)  # no tick
    portal.submit(url(sent_budget, "close"), {"confirm": "y", "note": "We talked. I am happy."})
    route = portal.get(url(sent_budget)).soup
    assert not route.select('[aria-current="step"]')
    assert "You closed your disagreement on 22 December 2026." in route.get_text()
    for page in ("add", "team-manager", "complaint", "close", "care-manager"):
        assert portal.get(url(sent_budget, page)).soup.h1.get_text(strip=True) == "You cannot do this now"
    with _db(app) as session:
        assert session.scalar(select(Disagreement.state)) == "closed"


def test_ask_for_an_advocate_once_with_local_contacts(portal, app, sent_budget):
    before = portal.get(url(sent_budget, "advocate")).soup
    assert "Exampletown Advocacy Hub" in before.get_text() and "01632 960123" in before.get_text()
    assert not before.select("main form")
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    response = portal.submit(url(sent_budget, "advocate"), {"note": "Mornings are best."})
    assert "what=request_advocate" in response.location
    again = portal.get(url(sent_budget, "advocate")).soup
    assert "already asked" in again.get_text()
    deliver(app)
    with _db(app) as session:
        case = session.scalar(select(Disagreement))
        assert case.advocate_requested_on == TUESDAY_BEFORE_CHRISTMAS
        assert session.scalar(
            select(DisagreementEntry.text).where(DisagreementEntry.kind == "request_advocate")
        ) == ("Mornings are best.")
        assert (
            session.scalar(
                select(func.count())
                .select_from(LocalMessage)
                .where(LocalMessage.recipient == "chris@example.org")
            )
            == 2
        )


def test_a_carer_raises_it_for_the_person_and_it_is_audited(portal, app):
    set_today(app, TUESDAY_BEFORE_CHRISTMAS)
    portal.sign_in("jo")
    assessment_id, _ = portal.budget_for(for_whom="someone_else")
    page = portal.get(url(assessment_id)).soup
    assert page.h1.get_text(strip=True) == "If you think Ravi's budget is not right"
    portal.submit(
        url(assessment_id, "care-manager"),
        raise_data(contact_by="advocate", contact_name="Sam Lee", contact_details="sam@example.org"),
    )
    with _db(app) as session:
        events = {(e.action, e.basis) for e in session.scalars(select(AuditEvent))}
    assert ("raise", "authority:asked_by_person") in events
    timeline = portal.get(url(assessment_id, "timeline")).soup.get_text(" ", strip=True)
    assert "Jo Patel, acting for the person" in timeline
    assert "Through Sam Lee (advocate): sam@example.org" in timeline


def test_the_route_is_not_there_before_the_budget_is_sent(portal):
    portal.sign_in("alex")
    draft = portal.start()
    for page in ("", "care-manager", "advocate"):
        response = portal.client.get(url(draft, page))
        assert (
            response.status_code == 302
            and "/budget" in response.location
            or "/assessments/" in response.location
        )


def test_the_sent_page_needs_a_known_kind(portal, sent_budget):
    portal.submit(url(sent_budget, "care-manager"), raise_data())
    response = portal.client.get(url(sent_budget, "sent?what=anything"))
    assert response.status_code == 302 and response.location.endswith(url(sent_budget))


def test_a_plan_total_fills_in_the_amount_and_shows_the_gap(portal, app, sent_budget):
    from portal.journeys.disagree.plan_hook import PlanTotal

    app.extensions["plan_total_provider"] = lambda assessment: PlanTotal(15600, 15600 * 52, "/plan-page")
    route = portal.get(url(sent_budget)).soup
    assert route.select_one('[aria-current="step"]')["id"] == "step-care_manager"
    assert "That is £37.20 a week more." in route.select_one("#step-plan").get_text(" ", strip=True)
    form = portal.get(url(sent_budget, "care-manager")).soup
    assert form.select_one("input[name=amount]")["value"] == "156"
    assert "£37.20 a week more than the budget" in form.get_text()


def test_a_change_made_by_someone_else_first_wins_and_the_later_one_changes_nothing(portal, app, sent_budget):
    """Two people act on the same disagreement at once: the rules are checked against what each one
    saw, and the change is written only if nobody changed the disagreement in between."""
    from sqlalchemy import update

    from portal.journeys.disagree import service
    from portal.store import db
    from portal.store.models import Assessment, User

    portal.submit(url(sent_budget, "care-manager"), raise_data())
    with app.test_request_context():
        assessment = db().scalar(select(Assessment).where(Assessment.public_id == sent_budget))
        case = service.disagreement_for(assessment)
        service.current_step(case)  # what this person saw: waiting for the care manager
        actor = service.Actor(db().scalar(select(User).where(User.subject == "alex")), "person", "self")
        with _db(app) as other:  # meanwhile, the care manager answers
            other.execute(
                update(Disagreement).values(state="care_manager_answered", version=Disagreement.version + 1)
            )
            other.commit()
        with pytest.raises(service.Refused) as refused:
            service.add_information(case, actor, TUESDAY_BEFORE_CHRISTMAS, "g" * 32, "Too late.")
        assert refused.value.verdict.reason == "not_now"
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(DisagreementEntry)) == 1
        assert session.scalar(select(Disagreement.version)) == 2

"""The council acts on a helper's grant from the person's case page: confirms its basis, records a concern,
or ends it; and invitations that give access until a date. Runs on SQLite and, with TEST_DATABASE_URL, on
PostgreSQL too."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text

from portal.store.models import AuditEvent, Grant, GrantNote, Invitation
from portal.store.outbox_models import OutboxMessage
from tests import factories
from tests.personas import Helper
from tests.web.helpers import WORKED_EXAMPLE, Portal

START = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self, app):
        self.moment = START
        app.extensions["now"] = lambda: self.moment

    def later(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(app):
    return Clock(app)


@pytest.fixture
def staff(app):
    factories.demo_staff(app)
    return Portal(app)


def invite_and_accept(person: Portal, helper: Portal, **ends) -> str:
    """The person invites Jo; Jo uses the code. Returns the grant's public id."""
    fields = {"helper_name": "Jo Patel", "relationship": "Daughter", "scope": "send"}
    response = person.post("/account/who-can-see/invite", fields | ends, 200)
    code = response.soup.select_one("#code").get_text(strip=True)
    helper.sign_in("jo")
    helper.post("/account/invitation", {"code": code}, 303)
    with helper.app.extensions["db_sessionmaker"]() as session:
        return session.scalar(select(Grant.public_id).order_by(Grant.id.desc()))


@pytest.fixture
def case(app, portal, other_portal, staff, clock):
    """Alex sent a form; Jo helps Alex (by invitation); Chris is Alex's care manager. Returns the form's
    id and the grant's."""
    portal.sign_in("alex")
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    grant = invite_and_accept(portal, other_portal)
    factories.assign(app, sent, "care_manager", "chris")
    staff.sign_in("chris")
    return sent, grant


def notes(app) -> list[tuple[str, str]]:
    with app.extensions["db_sessionmaker"]() as session:
        return [(n.kind, n.note) for n in session.scalars(select(GrantNote).order_by(GrantNote.id))]


def page_text(soup) -> str:
    return " ".join(soup.get_text(" ", strip=True).split())


@pytest.mark.parametrize(
    "basis,named,unnamed",
    [
        ("asked_by_person", "Ravi asked them to.", "The person asked them to."),
        (
            "lasting_power_of_attorney",
            "Ravi gave them a Lasting Power of Attorney for health and care.",
            "The person gave them a Lasting Power of Attorney for health and care.",
        ),
        ("deputy", "A court made them a deputy for Ravi.", "A court made them a deputy for the person."),
        (
            "advocate",
            "They are an independent advocate for Ravi.",
            "They are an independent advocate for the person.",
        ),
    ],
)
def test_staff_read_a_helpers_authority_in_the_councils_voice(
    app, portal, staff, clock, basis, named, unnamed
):
    """The helper chose "They asked me to" in their own words; the case page says it as the council would,
    naming the person (or "the person" when their name is not known). What the helper reads is unchanged."""
    portal.sign_in("jo")
    sent = factories.sent_assessment(
        app, portal, WORKED_EXAMPLE, helper=Helper("Ravi", "Daughter", basis, "")
    )
    factories.assign(app, sent, "care_manager", "chris")
    staff.sign_in("chris")
    with app.extensions["db_sessionmaker"]() as session:
        grant = session.scalar(select(Grant))
        grant_id, person_id = grant.public_id, grant.person_id
    card = page_text(staff.get(f"/staff/people/{sent}").soup.select_one(f"#helper-{grant_id}"))
    assert f"On what authority {named}" in card
    assert "asked me to" not in card and " me " not in f" {card} "
    with app.extensions["db_sessionmaker"]() as session:
        session.execute(text("UPDATE people SET name = NULL WHERE id = :id"), {"id": person_id})
        session.commit()
    card = page_text(staff.get(f"/staff/people/{sent}").soup.select_one(f"#helper-{grant_id}"))
    assert f"On what authority {unnamed}" in card


def test_a_case_holder_confirms_a_basis_the_person_did_not_and_it_shows_as_confirmed_by_the_council(
    app, portal, staff, clock
):
    """A helper started for someone who cannot sign in: the grant is not confirmed by the person. The care
    manager checks the Lasting Power of Attorney and confirms it, once, with a note; the case page says
    "Confirmed by the council", distinct from the person."""
    portal.sign_in("jo")
    helper = Helper("Ravi", "Daughter", "lasting_power_of_attorney", "LPA")
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE, helper=helper)
    factories.assign(app, sent, "care_manager", "chris")
    staff.sign_in("chris")
    with app.extensions["db_sessionmaker"]() as session:
        grant = session.scalar(select(Grant.public_id))
    case_page = staff.get(f"/staff/people/{sent}").soup
    card = page_text(case_page.select_one(f"#helper-{grant}"))
    assert "Not confirmed by the person." in card and "Confirmed by the council" not in card
    url = f"/staff/people/{sent}/helpers/{grant}/confirm"
    assert case_page.select_one(f'a[href="{url}"]') is not None
    # an empty note: the GOV.UK error pattern
    empty = staff.submit(url, {"note": "  "}, status=200).soup
    assert (
        empty.select_one(".govuk-error-summary a[href='#note']").get_text(strip=True)
        == "Write what you checked"
    )
    assert "Write what you checked" in empty.select_one("#note-error").get_text()
    # confirmed, then the same form sent again: stored once
    first = staff.submit(url, {"note": "Saw the LPA, reference 7000-1234-5678."}, status=302)
    assert first.location.endswith(f"/staff/people/{sent}?helper_done=confirmed#helpers")
    again = staff.client.post(url, data=first.sent_data)
    assert again.status_code in (302, 200)
    assert notes(app) == [("confirmed", "Saw the LPA, reference 7000-1234-5678.")]
    shown = staff.get(f"/staff/people/{sent}?helper_done=confirmed").soup
    card = page_text(shown.select_one(f"#helper-{grant}"))
    assert "Not confirmed by the person. Confirmed by the council on 3 December 2026." in card
    assert "Chris Evans confirmed it. They checked: Saw the LPA" in card
    assert "confirmed by the council" in shown.select_one("#helper-done").get_text()
    assert shown.select_one(f'a[href="{url}"]') is None, "nothing left to confirm"
    # confirming again is refused, and nothing changes
    refused = staff.get(url).soup
    assert "already confirmed" in refused.select_one("#reason").get_text()
    with app.extensions["db_sessionmaker"]() as session:
        row = session.scalar(select(Grant))
        assert row.council_confirmed_at is not None and not row.confirmed_by_person
        actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.target == f"grant:{grant}")))
    assert {"staff_view_grant", "staff_grant_confirmed"} <= actions


def test_a_concern_shows_to_staff_the_person_and_the_helper_and_does_not_end_access(
    app, portal, other_portal, staff, case
):
    sent, grant = case
    own_form = factories.draft_assessment(app, portal)
    url = f"/staff/people/{sent}/helpers/{grant}/concern"
    page = staff.get(url).soup
    assert "A concern does not end their access" in page_text(page)
    empty = staff.submit(url, {"note": ""}, status=200).soup
    assert "Write what the concern is" in empty.select_one(".govuk-error-summary").get_text()
    staff.submit(url, {"note": "Alex said on the phone they did not ask Jo."}, status=302)
    assert notes(app) == [("concern", "Alex said on the phone they did not ask Jo.")]
    card = page_text(staff.get(f"/staff/people/{sent}").soup.select_one(f"#helper-{grant}"))
    assert "Chris Evans recorded a concern: Alex said on the phone they did not ask Jo" in card
    mine = page_text(portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant}"))
    assert (
        "The council has a worry about this help: Alex said on the phone they did not ask Jo. "
        "They can still help you for now." in mine
    )
    assert "In use" in mine
    theirs = page_text(other_portal.get("/account/who-can-see").soup.select_one(f"#held-{grant}"))
    assert "The council has a worry about your help" in theirs and "You can still help for now." in theirs
    assert other_portal.client.get(f"/assessments/{own_form}").status_code == 200, "Jo can still help"
    # and it is in both people's download of their information
    import json

    for who, key in ((portal, "people_who_act_for_you"), (other_portal, "people_you_act_for")):
        data = json.loads(who.get("/account/your-information.json").get_data(as_text=True))
        assert [n["what"] for g in data[key] for n in g["what_the_council_did"]] == ["concern"]


def test_ending_takes_effect_on_the_next_request_both_are_told_and_it_stays_in_the_history(
    app, portal, other_portal, staff, case
):
    sent, grant = case
    own_form = factories.draft_assessment(app, portal)
    assert other_portal.client.get(f"/assessments/{own_form}").status_code == 200
    url = f"/staff/people/{sent}/helpers/{grant}/end"
    page = staff.get(url).soup
    assert page.select_one("h1").get_text(strip=True) == "End the access of Jo Patel"
    empty = staff.submit(url, {"note": ""}, status=200).soup
    assert "Write why you are ending their access" in empty.select_one(".govuk-error-summary").get_text()
    first = staff.submit(url, {"note": "The person asked us to stop it"}, status=302)
    staff.client.post(url, data=first.sent_data)  # a double click: nothing happens twice
    assert notes(app) == [("ended", "The person asked us to stop it")]
    # Jo's next request is refused with the clear page
    refused = other_portal.client.get(f"/assessments/{own_form}")
    assert refused.status_code == 403 and "Your access has ended" in refused.get_data(as_text=True)
    # both are told, once each, in words that keep the reason behind sign-in
    with app.extensions["db_sessionmaker"]() as session:
        sent_to = {
            row.recipient: row
            for row in session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == "grant.ended_by_council")
            )
        }
        count = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.kind == "grant.ended_by_council")
        )
    assert set(sent_to) == {"alex@example.org", "jo@example.org"} and count == 2
    assert sent_to["alex@example.org"].subject == "Jo Patel cannot help you with your information any more"
    assert "The council has ended your access" in sent_to["jo@example.org"].body
    assert "stop it" not in sent_to["jo@example.org"].body
    # and in both histories, and off the case page's helpers
    mine = page_text(portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant}"))
    assert "Ended by the council on 3 December 2026" in mine
    assert "The council ended their access. This is why: The person asked us to stop it" in mine
    theirs = page_text(other_portal.get("/account/who-can-see").soup.select_one(f"#held-{grant}"))
    assert "The council ended your access. This is why: The person asked us to stop it" in theirs
    case_page = staff.get(f"/staff/people/{sent}?helper_done=ended").soup
    assert case_page.select_one(f"#helper-{grant}") is None
    assert "We have told the person and the helper" in case_page.select_one("#helper-done").get_text()
    # ending it again: nothing to end
    assert "has ended. Nothing was changed." in staff.get(url).soup.select_one("#reason").get_text()


def _told(app, kind: str) -> list[OutboxMessage]:
    with app.extensions["db_sessionmaker"]() as session:
        rows = list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))
        session.expunge_all()
    return rows


def test_a_concern_and_a_confirmation_are_told_to_the_person_and_the_helper_once_in_their_language(
    app, portal, other_portal, staff, case
):
    """Recording a concern, and confirming, each send one email to the person and one to the helper, in
    each one's own language (Jo reads Welsh). The note stays behind sign-in, and the email says so. The
    same form sent twice sends nothing more. Both show on "Who can see your information"."""
    sent, grant = case
    with app.extensions["db_sessionmaker"]() as session:
        session.execute(text("UPDATE users SET language = 'cy' WHERE email = 'jo@example.org'"))
        session.commit()
    worry = "Alex said on the phone they did not ask Jo."
    url = f"/staff/people/{sent}/helpers/{grant}/concern"
    assert "We send them an email to say there is a concern." in page_text(staff.get(url).soup)
    first = staff.submit(url, {"note": worry}, status=302)
    staff.client.post(url, data=first.sent_data)  # a double click: told once
    told = {row.recipient: row for row in _told(app, "grant.concern_by_council")}
    assert len(_told(app, "grant.concern_by_council")) == 2 and set(told) == {
        "alex@example.org",
        "jo@example.org",
    }
    alex, jo = told["alex@example.org"], told["jo@example.org"]
    assert (alex.language, jo.language) == ("en", "cy")
    assert alex.subject == "The council has a worry about the help from Jo Patel"
    assert "The council has written down a worry about the help from Jo Patel." in alex.body
    assert "They can still help you for now." in alex.body
    assert "You can read the worry when you sign in." in alex.body
    assert jo.subject == "Mae gan y cyngor bryder am eich help i Alex Morgan"
    assert "Gallwch ddarllen y pryder pan fyddwch yn mewngofnodi." in jo.body
    for row in (alex, jo):
        assert "did not ask" not in row.body, "the note stays behind sign-in"
        assert row.about == f"grant:{grant}" and "/account/who-can-see" in row.body
    done = staff.get(f"/staff/people/{sent}?helper_done=concern").soup
    assert "We have told the person and the helper." in done.select_one("#helper-done").get_text()

    url = f"/staff/people/{sent}/helpers/{grant}/confirm"
    assert "We send the person and the helper an email to say you confirmed it." in page_text(
        staff.get(url).soup
    )
    first = staff.submit(url, {"note": "Alex told me on the phone."}, status=302)
    staff.client.post(url, data=first.sent_data)
    told = {row.recipient: row for row in _told(app, "grant.confirmed_by_council")}
    assert len(_told(app, "grant.confirmed_by_council")) == 2
    assert told["alex@example.org"].subject == "The council has checked why Jo Patel can help you"
    assert "You can read what they checked when you sign in." in told["alex@example.org"].body
    assert told["jo@example.org"].subject == "Mae'r cyngor wedi gwirio pam y gallwch helpu Alex Morgan"
    assert all("on the phone" not in row.body for row in told.values())
    # what the council did is on both people's "Who can see your information"
    mine = page_text(portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant}"))
    assert "The council checked why they can help you. It is right." in mine
    assert "The council has a worry about this help" in mine
    theirs = page_text(other_portal.get("/account/who-can-see?lang=en").soup.select_one(f"#held-{grant}"))
    assert "The council checked why you can help. It is right." in theirs
    assert not _told(app, "grant.ended_by_council")


def _past(page) -> dict[str, list[str]]:
    return {
        row["id"]: [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select("#past-helpers tbody tr")
    }


def test_the_case_page_lists_past_helpers_and_how_each_access_ended(
    app, portal, other_portal, staff, case, clock
):
    """Ended by the person, by the helper, by the council, replaced by a new invitation, and past its last
    day: each is a past helper on the case page, with how and when it ended; staff cannot act on them."""
    sent, by_person = case
    portal.submit(f"/account/helpers/{by_person}/end", {}, status=303)
    clock.later(minutes=2)
    replaced = invite_and_accept(portal, other_portal)
    clock.later(minutes=2)
    by_helper = invite_and_accept(portal, other_portal)  # the one before is replaced
    other_portal.submit(f"/account/helpers/{by_helper}/end", {}, status=303)
    clock.later(minutes=2)
    by_council = invite_and_accept(portal, other_portal)
    staff.submit(f"/staff/people/{sent}/helpers/{by_council}/end", {"note": "Alex asked us to."}, status=302)
    clock.later(minutes=2)
    expired = invite_and_accept(
        portal, other_portal, **{"end_date-day": "4", "end_date-month": "12", "end_date-year": "2026"}
    )
    current = staff.get(f"/staff/people/{sent}").soup
    assert current.select_one(f"#helper-{expired}") is not None, "in force until the end of 4 December"
    assert f"past-helper-{expired}" not in _past(current)
    clock.later(days=2)
    staff.sign_in("chris")  # two days later: a new session

    page = staff.get(f"/staff/people/{sent}").soup
    assert page.select_one("#past-helpers-heading").get_text(strip=True) == "Past helpers"
    assert [th.get_text(strip=True) for th in page.select("#past-helpers thead th")] == [
        "Helper",
        "How they know the person",
        "On what authority",
        "How it ended",
    ]
    past = _past(page)
    assert list(past) == [f"past-helper-{g}" for g in (expired, by_council, by_helper, replaced, by_person)]
    assert all(row[:3] == ["Jo Patel", "Daughter", "Alex Morgan asked them to"] for row in past.values()), (
        past
    )
    assert past[f"past-helper-{by_person}"][3] == "Ended by the person on 3 December 2026."
    assert (
        past[f"past-helper-{replaced}"][3] == "Replaced on 3 December 2026: the helper used a new invitation."
    )
    assert past[f"past-helper-{by_helper}"][3] == "Ended by the helper on 3 December 2026."
    assert past[f"past-helper-{by_council}"][3] == "Ended by the council (Chris Evans) on 3 December 2026."
    assert past[f"past-helper-{expired}"][3] == "Expired. The last day was 4 December 2026."
    # nobody helps now, and there is nothing to do about a past helper
    assert not page.select("[id^=helper-]")
    assert (
        "Nobody can help this person with their information now." in page.select_one("#no-helpers").get_text()
    )
    table = page.select_one("#past-helpers")
    assert not table.select("a, button, form")


def test_a_team_manager_holding_the_case_may_act_and_other_staff_and_citizens_are_refused(
    app, portal, other_portal, staff, case
):
    sent, grant = case
    routes = [f"/staff/people/{sent}/helpers/{grant}/{action}" for action in ("confirm", "concern", "end")]
    outsiders = Portal(app)
    for name in ["kim", "robin", "alex", "jo", "sam"]:
        outsiders.sign_in(name)
        token = outsiders.csrf("/account/who-can-see/invite")
        for url in routes:
            assert outsiders.client.get(url).status_code == 404, (name, url)
            posted = outsiders.client.post(
                url, data={"csrf_token": token, "note": "x", "send_token": "a" * 32}
            )
            assert posted.status_code == 404, (name, url)
    assert notes(app) == []
    # Chris may not use a grant of someone else's through Alex's case
    portal.sign_out()
    other_sent = factories.sent_assessment(app, other_portal, WORKED_EXAMPLE)
    factories.assign(app, other_sent, "care_manager", "chris")
    assert staff.client.get(f"/staff/people/{other_sent}/helpers/{grant}/end").status_code == 404
    # the team manager who holds the case (in demo mode, every new case) may
    outsiders.sign_in("pat")
    assert outsiders.get(routes[1]).status_code == 200
    # a member of the panel holds no cases: refused too
    added = app.test_cli_runner().invoke(args=["staff-add", "--email", "sam@example.org", "--role", "panel"])
    assert "now has the staff role panel" in added.output
    outsiders.sign_in("sam")
    for url in routes:
        assert outsiders.client.get(url).status_code == 404, url


# --- invitations that end on a date ----------------------------------------------------------------


def _invite(person: Portal, **fields):
    data = {"helper_name": "Jo Patel", "relationship": "Daughter", "scope": "send"} | fields
    return person.post("/account/who-can-see/invite", data, 200)


@pytest.mark.parametrize(
    "fields,message",
    [
        (
            {"end_date-day": "31", "end_date-month": "2", "end_date-year": "2027"},
            "Enter a real date",
        ),
        (
            {"end_date-day": "3", "end_date-month": "", "end_date-year": "2027"},
            "The date must include a month",
        ),
        (
            {"end_date-day": "2", "end_date-month": "12", "end_date-year": "2026"},
            "The last day must be in the future",
        ),
        (
            {"end_date-day": "3", "end_date-month": "12", "end_date-year": "2026"},
            "The last day must be in the future",
        ),
        (
            {"end_date-day": "1", "end_date-month": "1", "end_date-year": "9999"},
            "The last day must be within 10 years",
        ),
    ],
)
def test_an_end_date_that_cannot_be_used_is_explained(portal, clock, fields, message):
    portal.sign_in("alex")
    page = _invite(portal, **fields).soup
    assert page.select_one(".govuk-error-summary").get_text(" ", strip=True).count(message) == 1
    assert page.select_one("#code") is None


def test_an_invitation_with_an_end_date_gives_access_until_that_day_then_it_ends(
    app, portal, other_portal, clock
):
    portal.sign_in("alex")
    own_form = factories.draft_assessment(app, portal)
    response = _invite(portal, **{"end_date-day": "3", "end_date-month": "3", "end_date-year": "2027"})
    assert "They can help you until 3 March 2027." in response.soup.select_one("#until").get_text()
    code = response.soup.select_one("#code").get_text(strip=True)
    other_portal.sign_in("jo")
    other_portal.post("/account/invitation", {"code": code}, 303)
    with app.extensions["db_sessionmaker"]() as session:
        grant = session.scalar(select(Grant))
        assert grant.ends_at == datetime(2027, 3, 4, 0, 0)  # midnight at the end of 3 March, in London (GMT)
    card = page_text(portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant.public_id}"))
    assert "In use until 3 March 2027" in card
    clock.later(days=90)  # 3 March 2027, 10 am: still the last day
    other_portal.sign_in("jo")  # sessions have ended by now: sign in again
    assert other_portal.client.get(f"/assessments/{own_form}").status_code == 200
    clock.later(days=1)  # 4 March 2027
    portal.sign_in("alex")
    other_portal.sign_in("jo")
    card = page_text(portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant.public_id}"))
    assert "Ended. The last day was 3 March 2027" in card
    assert portal.get("/account/who-can-see").soup.select_one(f"#grant-{grant.public_id} a") is None
    refused = other_portal.client.get(f"/assessments/{own_form}")
    assert refused.status_code == 403 and "Your access has ended" in refused.get_data(as_text=True)


def test_no_end_date_gives_a_grant_with_no_end(app, portal, other_portal, clock):
    portal.sign_in("alex")
    response = _invite(portal, **{"end_date-day": "", "end_date-month": "", "end_date-year": ""})
    assert response.soup.select_one("#until") is None
    code = response.soup.select_one("#code").get_text(strip=True)
    other_portal.sign_in("jo")
    other_portal.post("/account/invitation", {"code": code}, 303)
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(Grant.ends_at)) is None
        assert session.scalar(select(Invitation.grant_ends_at)) is None


def test_a_code_whose_access_would_already_have_ended_gives_nothing(app, portal, other_portal, clock):
    portal.sign_in("alex")
    response = _invite(portal, **{"end_date-day": "5", "end_date-month": "12", "end_date-year": "2026"})
    code = response.soup.select_one("#code").get_text(strip=True)
    clock.later(days=5)
    other_portal.sign_in("jo")
    answer = other_portal.post("/account/invitation", {"code": code}, 200)
    assert "expired" in answer.soup.select_one("#code-error").get_text()
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalar(select(Grant)) is None


# --- the migration -----------------------------------------------------------------------------------


def _migrate(url: str) -> None:
    from alembic import command

    from portal.store import alembic_config

    config = alembic_config(url)
    command.upgrade(config, "0017_grants")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, issuer, subject, name, created_at) VALUES (1, 'x', 'jo', 'Jo', :at)"
            ),
            {"at": datetime(2026, 3, 1)},
        )
        connection.execute(
            text("INSERT INTO people (id, public_id, name, created_at) VALUES (1, 'p1', 'Ravi', :at)"),
            {"at": datetime(2026, 3, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO grants (public_id, user_id, person_id, relationship_to_person, basis, scope, "
                "starts_at, confirmed_by_person) "
                "VALUES ('g1', 1, 1, 'Daughter', 'deputy', 'send', :at, false)"
            ),
            {"at": datetime(2026, 3, 2)},
        )
    command.upgrade(config, "0018_grants2")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT public_id, council_confirmed_at, council_confirmed_by_id FROM grants")
        ).one()
        assert tuple(row) == ("g1", None, None)
        assert connection.execute(text("SELECT count(*) FROM grant_notes")).scalar() == 0
        assert (
            connection.execute(text("SELECT count(*) FROM invitations WHERE grant_ends_at IS NULL")).scalar()
            == 0
        )
    command.downgrade(config, "0017_grants")
    command.upgrade(config, "heads")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT public_id FROM grants")).scalar() == "g1"
    engine.dispose()


def test_the_migration_upgrades_and_downgrades_on_sqlite(tmp_path):
    _migrate(f"sqlite:///{tmp_path / 'old.db'}")


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL is not set up here")
def test_the_migration_upgrades_and_downgrades_on_postgresql():
    base = os.environ["TEST_DATABASE_URL"]
    name = base.rsplit("/", 1)[1] + "_grants2"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _migrate(base.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

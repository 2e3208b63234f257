"""Sessions that end: signing out, signing out everywhere, the idle timeouts (staff sooner), the longest
session, a cookie copied before any of these, what was typed when a session ended, safe returns after
sign-in, and key rotation. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL too.

Time is moved on with `app.extensions["now"]`: nothing sleeps."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.access import TOKEN, safe_next
from portal.store.models import Answer, AuditEvent, User
from portal.store.session_models import KeptForm, UserSession
from tests import factories
from tests.personas import Helper
from tests.web.helpers import CSRF_RE, Portal
from tests.web.test_staff import disagreement

START = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)


class Clock:
    """The portal's time, moved on by the test."""

    def __init__(self, app):
        self.moment = START
        app.extensions["now"] = lambda: self.moment

    def later(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def staff_portal(app):
    return Portal(app)


@pytest.fixture
def clock(app):
    return Clock(app)


def _db(app):
    return app.extensions["db_sessionmaker"]()


def cookie(portal) -> str:
    return portal.client.get_cookie("portal_session").value


def replayed(app, value: str) -> Portal:
    """Someone else's browser with a copy of a cookie."""
    thief = Portal(app)
    thief.client.set_cookie("portal_session", value)
    return thief


def assert_sent_to_sign_in(response) -> None:
    assert response.status_code in (302, 303), response.status_code
    assert response.location.endswith("/sign-in"), response.location


def rows(app) -> list[UserSession]:
    with _db(app) as session:
        return list(session.scalars(select(UserSession).order_by(UserSession.id)))


# --- signing out ---------------------------------------------------------------------------------


def test_a_cookie_copied_before_sign_out_opens_nothing_afterwards(app, portal, clock):
    portal.sign_in("alex")
    assessment_id = portal.start()
    question = f"/assessments/{assessment_id}/questions/date_of_birth"
    token = CSRF_RE.search(portal.get(question).get_data(as_text=True)).group(1)
    copied = cookie(portal)
    portal.sign_out()

    thief = replayed(app, copied)
    assert_sent_to_sign_in(thief.client.get("/account"))
    thief = replayed(app, copied)
    response = thief.client.post(
        question,
        data={
            "csrf_token": token,
            "date_of_birth-day": "1",
            "date_of_birth-month": "2",
            "date_of_birth-year": "1950",
        },
    )
    assert_sent_to_sign_in(response)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0, "nothing was saved"
    [row] = rows(app)
    assert row.ended_reason == "signed_out" and row.ended_at == START.replace(tzinfo=None)


def test_a_staff_cookie_copied_before_sign_out_opens_nothing_afterwards(app, staff_portal, clock):
    staff_portal.sign_in("chris")
    staff_portal.get("/staff")
    copied = cookie(staff_portal)
    staff_portal.sign_out()
    assert_sent_to_sign_in(replayed(app, copied).client.get("/staff"))
    assert_sent_to_sign_in(staff_portal.client.get("/staff"))


def test_signing_out_is_a_button_and_the_old_link_shows_it(app, portal, clock):
    portal.sign_in("alex")
    header = portal.get("/account").soup.select_one(".govuk-service-navigation form.app-sign-out")
    assert header["method"] == "post" and header["action"] == "/sign-out"
    assert (
        header.select_one("input[name=csrf_token]")
        and header.select_one("button").get_text(strip=True) == "Sign out"
    )

    page = portal.get("/sign-out").soup  # an old link: a page with the buttons, still signed in
    assert page.h1.get_text(strip=True) == "Sign out"
    assert [b.get_text(strip=True) for b in page.select("main form button")] == [
        "Sign out",
        "Sign out on all devices",
    ]
    portal.get("/account")

    # Another site cannot sign someone out: without the CSRF token, nothing happens.
    assert portal.client.post("/sign-out", data={}).status_code == 400
    portal.get("/account")

    response = portal.sign_out()
    assert response.location == "/signed-out"
    assert portal.get("/signed-out").soup.h1.get_text(strip=True) == "You have signed out"
    assert_sent_to_sign_in(portal.client.get("/account"))
    assert "Sign in" in portal.get("/").soup.select_one(".govuk-service-navigation").get_text()


def test_sign_out_everywhere_ends_the_sessions_on_other_devices(app, portal, other_portal, clock):
    portal.sign_in("alex")
    other_portal.sign_in("alex")
    jo = Portal(app)
    jo.sign_in("jo")
    other_portal.get("/account")

    response = portal.sign_out(everywhere=True)
    assert response.location == "/signed-out?everywhere=yes"
    assert "signed out on all your devices" in portal.get(response.location).soup.get_text()
    assert_sent_to_sign_in(other_portal.client.get("/account"))
    assert "signed out on all devices" in other_portal.get("/sign-in", follow=True).soup.get_text()
    jo.get("/account")  # someone else's session goes on
    assert sorted(r.ended_reason or "open" for r in rows(app)) == [
        "open",
        "signed_out_everywhere",
        "signed_out_everywhere",
    ]


def test_staff_can_sign_out_everywhere(app, staff_portal, clock):
    staff_portal.sign_in("chris")
    laptop = Portal(app)
    laptop.sign_in("chris")
    staff_portal.sign_out(everywhere=True)
    assert_sent_to_sign_in(laptop.client.get("/staff"))


def test_the_cookie_holds_a_token_whose_hash_is_all_the_database_keeps(app, portal, clock):
    portal.sign_in("alex")
    with portal.client.session_transaction() as signed:
        token = signed[TOKEN]
        assert "user_id" not in signed, "the cookie does not say who someone is"
    [row] = rows(app)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert len(token) >= 40


def test_signing_in_again_starts_a_new_session(app, portal, clock):
    portal.sign_in("alex")
    first = cookie(portal)
    portal.sign_in("sam")
    assert cookie(portal) != first
    assert [r.ended_reason for r in rows(app)] == ["signed_out", None], "the earlier session ended"
    assert_sent_to_sign_in(replayed(app, first).client.get("/account"))


# --- timeouts ------------------------------------------------------------------------------------


def test_a_session_ends_after_an_hour_with_nothing_done(app, portal, clock):
    portal.sign_in("alex")
    clock.later(minutes=59)
    portal.get("/account")  # doing something moves the end on
    clock.later(minutes=59)
    portal.get("/account")
    clock.later(minutes=60, seconds=1)
    assert_sent_to_sign_in(portal.client.get("/account"))
    page = portal.get("/sign-in", follow=True).soup
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "You were signed out" in banner and "had not used the service for a while" in banner
    assert [r.ended_reason for r in rows(app)] == ["idle"]
    # The message is said once.
    assert not portal.get("/sign-in", follow=True).soup.select(".govuk-notification-banner")


def test_the_last_seen_time_is_written_at_most_once_a_minute(app, portal, clock):
    portal.sign_in("alex")
    clock.later(seconds=30)
    portal.get("/account")
    [row] = rows(app)
    assert row.last_seen_at == START.replace(tzinfo=None)
    clock.later(seconds=31)
    portal.get("/account")
    [row] = rows(app)
    assert row.last_seen_at == (START + timedelta(seconds=61)).replace(tzinfo=None)
    assert row.ends_at == row.last_seen_at + timedelta(minutes=60)


def test_staff_sessions_end_after_15_minutes(app, portal, staff_portal, clock):
    staff_portal.sign_in("chris")
    portal.sign_in("alex")
    clock.later(minutes=14)
    staff_portal.get("/staff")
    clock.later(minutes=15, seconds=1)
    assert_sent_to_sign_in(staff_portal.client.get("/staff"))
    portal.get("/account")  # a citizen's session is still open after 29 minutes
    assert {r.user.subject if False else r.ended_reason for r in rows(app)} == {"idle", None}


def test_someone_made_staff_while_signed_in_gets_the_staff_timeout(app, portal, clock):
    portal.sign_in("sam")
    factories.staff_member(app, "sam", "care_manager")
    portal.get("/staff")
    [row] = rows(app)
    assert row.idle_seconds == 15 * 60
    clock.later(minutes=16)
    assert_sent_to_sign_in(portal.client.get("/account"))


def test_the_timeouts_are_settings(app, settings, clock):
    from portal import create_app

    quick = create_app(replace(settings, session_idle_minutes=5, staff_session_idle_minutes=5))
    quick.config.update(TESTING=True)
    quick.test_client_class = type(app.test_client())
    Clock(quick).moment = START
    person = Portal(quick)
    person.sign_in("alex")
    quick.extensions["now"] = lambda: START + timedelta(minutes=5)
    assert_sent_to_sign_in(person.client.get("/account"))
    quick.extensions["db_engine"].dispose()


def test_every_session_ends_12_hours_after_sign_in_however_busy(app, portal, clock):
    portal.sign_in("alex")
    for _ in range(23):
        clock.later(minutes=30)
        portal.get("/account")
    clock.later(minutes=29, seconds=59)
    portal.get("/account")
    clock.later(seconds=1)
    assert_sent_to_sign_in(portal.client.get("/account"))
    assert [r.ended_reason for r in rows(app)] == ["absolute"]
    assert "signed in for 12 hours" in portal.get("/sign-in", follow=True).soup.get_text()


def test_the_timeout_warning_is_on_signed_in_pages_only(app, portal, clock):
    assert not portal.get("/").soup.select("dialog")
    portal.sign_in("alex")
    clock.later(minutes=10)
    dialog = portal.get("/account").soup.select_one("dialog#app-timeout-dialog")
    assert dialog["data-seconds-left"] == str(60 * 60) and dialog["data-warn-before"] == "120"
    assert dialog.select_one("form[action='/sign-out'] input[name=csrf_token]")
    assert dialog.find_next(
        "script", src=lambda src: (src or "").split("?")[0] == "/assets/session-timeout.js"
    )


def test_the_kept_warning_carries_each_pages_own_time_form_check_and_language(app, portal, clock):
    """The warning's words are made once for each language; the seconds left and the sign-out form's check
    are each page's own, so a kept copy never carries another page's (or person's) values."""
    portal.sign_in("alex")
    first = portal.get("/account").soup.select_one("dialog#app-timeout-dialog")
    clock.later(seconds=30)  # too soon to count as use: the deadline stays where it was
    page = portal.get("/account").soup
    later = page.select_one("dialog#app-timeout-dialog")
    assert first["data-seconds-left"] == str(60 * 60) and later["data-seconds-left"] == str(60 * 60 - 30)
    token = later.select_one("input[name=csrf_token]")["value"]
    assert token and token == page.select_one("form input[name=csrf_token]")["value"]
    assert "\ue000" not in str(page)
    welsh = portal.get("/account?lang=cy").soup.select_one("dialog#app-timeout-dialog")
    assert welsh.select_one("h2").get_text(strip=True) != first.select_one("h2").get_text(strip=True)
    assert welsh.select_one("input[name=csrf_token]")["value"]


def test_asking_the_time_left_does_not_keep_a_session_open(app, portal, clock):
    portal.sign_in("alex")
    clock.later(minutes=58)
    assert portal.client.get("/sign-in/time-left").get_json() == {"seconds_left": 120}
    clock.later(minutes=2)
    assert portal.client.get("/sign-in/time-left").get_json() == {"seconds_left": 0}
    assert_sent_to_sign_in(portal.client.get("/account"))


def test_stay_signed_in_starts_the_idle_time_again(app, portal, clock):
    portal.sign_in("alex")
    token = portal.csrf("/account")
    clock.later(minutes=58)
    assert portal.client.post("/sign-in/stay").status_code == 400, "a CSRF token is needed"
    response = portal.client.post("/sign-in/stay", headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json() == {"seconds_left": 3600}
    clock.later(minutes=59)
    portal.get("/account")
    clock.later(minutes=61)
    response = portal.client.post("/sign-in/stay", headers={"X-CSRFToken": token})
    assert response.status_code == 401 and response.get_json() == {"seconds_left": 0}


def test_the_timed_out_page(app, portal, clock):
    portal.sign_in("alex")
    response = portal.get("/signed-out?timed_out=yes", status=302)
    assert response.location == "/sign-out", "not while still signed in"
    clock.later(minutes=61)
    page = portal.get("/signed-out?timed_out=yes").soup
    assert page.h1.get_text(strip=True) == "You were signed out"
    assert [r.ended_reason for r in rows(app)] == ["idle"]


# --- nothing typed is lost -----------------------------------------------------------------------


def _typed_after_timeout(app, portal, clock) -> tuple[str, object]:
    portal.sign_in("alex")
    assessment_id = portal.start()
    question = f"/assessments/{assessment_id}/questions/date_of_birth"
    token = CSRF_RE.search(portal.get(question).get_data(as_text=True)).group(1)
    clock.later(minutes=61)
    response = portal.client.post(
        question,
        data={
            "csrf_token": token,
            "date_of_birth-day": "27",
            "date_of_birth-month": "3",
            "date_of_birth-year": "1950",
            "more": "I was born at home, in the snow.",
        },
    )
    return question, response


def test_a_form_sent_after_the_session_ended_is_kept_and_shown_again_after_sign_in(app, portal, clock):
    question, response = _typed_after_timeout(app, portal, clock)
    assert_sent_to_sign_in(response)
    assert response.status_code == 303
    banner = portal.get("/sign-in", follow=True).soup.select_one(".govuk-notification-banner").get_text(" ")
    assert "You were signed out" in banner and "What you typed on the last page is not lost" in banner
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0, "not saved by itself"
        [kept] = session.scalars(select(KeptForm)).all()
        assert "csrf_token" not in kept.fields and question not in kept.key_hash

    response = portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    assert response.location == question, "back to the same page"
    page = portal.get(question).soup
    assert page.select_one("#date_of_birth-day")["value"] == "27"
    assert page.select_one("#date_of_birth-year")["value"] == "1950"
    assert page.select_one("textarea[name=more]").get_text() == "I was born at home, in the snow."
    assert "Check what you typed" in page.select_one(".govuk-notification-banner").get_text()
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0, "still not saved"
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0, "given back once, then gone"
    again = portal.get(question).soup
    assert again.select_one("#date_of_birth-day").get("value", "") == ""
    assert not again.select(".govuk-notification-banner")


def test_a_kept_form_is_never_shown_to_someone_else_who_signs_in(app, portal, clock):
    question, _ = _typed_after_timeout(app, portal, clock)
    response = portal.post("/sign-in/demo", {"person": "sam"}, token_from="/sign-in/demo")
    assert response.location == "/account"
    assert "snow" not in portal.client.get(question).get_data(as_text=True)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0


def test_a_kept_form_is_forgotten_after_30_minutes(app, portal, clock):
    question, _ = _typed_after_timeout(app, portal, clock)
    clock.later(minutes=31)
    response = portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    assert response.location == question, "back to the page, but with nothing kept"
    page = portal.get(question).soup
    assert page.select_one("#date_of_birth-day").get("value", "") == ""
    assert not page.select(".govuk-notification-banner")
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0


def test_a_form_sent_with_a_cookie_from_after_sign_out_is_not_kept(app, portal, clock):
    portal.sign_in("alex")
    assessment_id = portal.start()
    question = f"/assessments/{assessment_id}/questions/date_of_birth"
    token = CSRF_RE.search(portal.get(question).get_data(as_text=True)).group(1)
    copied = cookie(portal)
    portal.sign_out()
    thief = replayed(app, copied)
    response = thief.client.post(question, data={"csrf_token": token, "more": "Anything at all."})
    assert_sent_to_sign_in(response)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0


def test_one_form_is_kept_for_each_person_and_old_ones_are_deleted_at_sign_in(app, portal, clock):
    _typed_after_timeout(app, portal, clock)
    other = Portal(app)
    _typed_after_timeout(app, other, clock)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 1, "the newer one only"
    clock.later(minutes=31)
    Portal(app).sign_in("sam")
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0, "expired ones go"


def test_a_form_sent_by_someone_never_signed_in_is_not_kept(app, portal, clock):
    token = portal.csrf("/sign-in/demo")
    response = portal.client.post("/assessments/new", data={"csrf_token": token, "for_whom": "myself"})
    assert_sent_to_sign_in(response)
    with _db(app) as session:
        assert session.scalar(select(func.count()).select_from(KeptForm)) == 0


# --- going back after sign-in ----------------------------------------------------------------------

EVIL = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "/\tevil",
    "/account\x00",
    "/account\r\nSet-Cookie: x=y",
    "/" + "a" * 5000,
    "/café",
    "",
    None,
    7,
    ["/account"],
]


@pytest.mark.parametrize("value", EVIL, ids=range(len(EVIL)))
def test_only_local_paths_are_gone_back_to_after_sign_in(app, portal, value):
    portal.csrf("/sign-in/demo")
    with portal.client.session_transaction() as signed:
        signed["next"] = value
    response = portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    assert response.location == "/account"
    assert safe_next(value) is None


@pytest.mark.parametrize(
    "link",
    [
        "/assessments/new?x=%00",
        "/assessments/new?x=%0d%0aSet-Cookie:%20a=b",
        "/assessments/new?" + "x" * 3000,
        "//assessments/new",
        "/assessments/new?q=%5C",
    ],
)
def test_a_crafted_link_followed_by_sign_in_never_fails(app, portal, link):
    response = portal.client.get(link)
    assert response.status_code in (302, 400, 404), (
        response.status_code
    )  # 400: a control character (input_guard)
    response = portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    assert response.status_code == 302
    target = response.location
    assert target.startswith("/") and not target.startswith("//") and "\n" not in target
    assert portal.client.get(target).status_code in (200, 302, 404)


def test_a_good_link_is_gone_back_to_after_sign_in(app, portal):
    assert_sent_to_sign_in(portal.client.get("/assessments/new?from=start"))
    response = portal.post("/sign-in/demo", {"person": "alex"}, token_from="/sign-in/demo")
    assert response.location == "/assessments/new?from=start"
    assert safe_next("/assessments/new") == "/assessments/new"


# --- key rotation ----------------------------------------------------------------------------------

OLD_KEY = "the-old-key-that-signed-cookies-until-today-0123456789"
NEW_KEY = "the-new-key-that-signs-cookies-from-today-9876543210"


def test_a_cookie_signed_with_the_old_key_works_after_rotation_and_an_unknown_key_does_not(settings, app):
    from portal import create_app

    def portal_with(**keys):
        built = create_app(replace(settings, **keys))
        built.config.update(TESTING=True)
        built.test_client_class = type(app.test_client())
        return built

    before = portal_with(secret_key=OLD_KEY)
    alex = Portal(before)
    alex.sign_in("alex")
    alex.get("/account")
    copied = cookie(alex)

    after = portal_with(secret_key=NEW_KEY, secret_key_fallbacks=(OLD_KEY,))
    rotated = replayed(after, copied)
    rotated.get("/account")
    assert cookie(rotated) != copied, "the cookie is signed again with the new key"

    elsewhere = portal_with(secret_key=NEW_KEY, secret_key_fallbacks=("some-other-key-" + "x" * 32,))
    assert_sent_to_sign_in(replayed(elsewhere, copied).client.get("/account"))
    for built in (before, after, elsewhere):
        built.extensions["db_engine"].dispose()


def test_key_fallbacks_come_from_the_environment_and_must_be_long_in_production():
    from portal.settings import Settings, SettingsError

    env = {"PORTAL_ENV": "development", "SECRET_KEY_FALLBACKS": f" {OLD_KEY} , {NEW_KEY},,"}
    assert Settings.from_env(env).secret_key_fallbacks == (OLD_KEY, NEW_KEY)
    assert Settings.from_env({"PORTAL_ENV": "development"}).secret_key_fallbacks == ()
    production = Settings(environment="production", secret_key="x" * 40, secret_key_fallbacks=("short",))
    assert any("SECRET_KEY_FALLBACKS" in problem for problem in production.problems())
    with pytest.raises(SettingsError, match="SESSION_IDLE_MINUTES must be a whole number of minutes from 5"):
        Settings.from_env({"PORTAL_ENV": "development", "SESSION_IDLE_MINUTES": "1"})
    with pytest.raises(SettingsError, match="SESSION_MAX_HOURS"):
        Settings.from_env({"PORTAL_ENV": "development", "SESSION_MAX_HOURS": "twelve"})
    assert (
        Settings.from_env(
            {"PORTAL_ENV": "development", "STAFF_SESSION_IDLE_MINUTES": "10"}
        ).staff_session_idle_minutes
        == 10
    )


# --- staff and their own cases ------------------------------------------------------------------


def _refusals(app) -> list[tuple[str, str]]:
    with _db(app) as session:
        return [
            (e.action, e.basis)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.basis.like("conflict:%")).order_by(AuditEvent.id)
            )
        ]


def test_staff_never_see_their_own_case(app, staff_portal):
    _, reference = disagreement(staff_portal, app, person="chris")  # Chris, a care manager, disagrees
    page = staff_portal.get("/staff").soup
    assert reference not in page.get_text()
    assert staff_portal.client.get(f"/staff/cases/{reference}").status_code == 404
    assert staff_portal.client.get(f"/staff/cases/{reference}/answer").status_code == 404
    assert _refusals(app) == [("refused_staff_view", "conflict:own_case")] * 2
    other = Portal(app)
    factories.staff_member(app, "sam", "care_manager")
    factories.assign(app, _, "care_manager", "sam")
    other.sign_in("sam")
    assert reference in other.get("/staff").soup.get_text(), "another care manager can take it"


def test_staff_never_see_the_case_of_someone_they_act_for(app, staff_portal):
    staff_portal.sign_in("chris")
    assessment_id = factories.sent_assessment(
        app, "chris", helper=Helper("Ravi", "Son", "asked_by_person", "")
    )
    reference = factories.disagreement(app, assessment_id, START.date())
    page = staff_portal.get("/staff").soup
    assert reference not in page.get_text()
    assert staff_portal.client.get(f"/staff/cases/{reference}").status_code == 404
    assert _refusals(app) == [("refused_staff_view", "conflict:acts_for_person")]


def test_staff_never_see_a_case_whose_assessment_they_started(app, portal, staff_portal):
    assessment_id, reference = disagreement(portal, app, person="alex")
    chris = factories.demo_staff(app)["care_manager"]
    with _db(app) as session:
        from portal.store.models import Assessment

        session.get(
            Assessment, session.scalar(select(Assessment.id).where(Assessment.public_id == assessment_id))
        ).started_by_id = chris
        session.commit()
    staff_portal.sign_in("chris")
    assert reference not in staff_portal.get("/staff").soup.get_text()
    assert staff_portal.client.get(f"/staff/cases/{reference}").status_code == 404
    assert _refusals(app) == [("refused_staff_view", "conflict:started_assessment")]


def test_without_a_conflict_the_assigned_care_manager_sees_the_case(app, portal, staff_portal):
    _, reference = disagreement(portal, app, person="alex")
    staff_portal.sign_in("chris")
    assert reference in staff_portal.get("/staff").soup.get_text()
    staff_portal.get(f"/staff/cases/{reference}")
    assert _refusals(app) == []
    with _db(app) as session:
        assert (
            session.scalar(
                select(User.subject)
                .join(UserSession, UserSession.user_id == User.id)
                .where(UserSession.ended_at.is_(None))
                .order_by(UserSession.id.desc())
            )
            == "chris"
        )


def test_only_one_place_says_who_has_a_conflict():
    """The work list and every case page ask roles.may_see, and it asks roles.conflict first."""
    from pathlib import Path

    roles = Path("portal/journeys/staff/roles.py").read_text()
    # A case page that has checked the conflict itself (to audit the refusal) asks the rest of may_see only.
    assert re.search(r"def may_see\(.*\n\s+return conflict\(.*\) is None and _reached_and_held\(", roles)
    views = Path("portal/journeys/staff/views.py").read_text()
    assert "conflict(" not in views and "Grant" not in views


@pytest.mark.parametrize("first", ["/sign-in", "/sign-in/demo", "/account"])
def test_a_person_coming_back_months_later_on_the_same_browser_simply_signs_in(app, portal, clock, first):
    """The cookie of a session that ended long ago is still sent. The sign-in page's form must belong to a
    fresh session, so that signing in works, instead of "The CSRF session token is missing"."""
    portal.sign_in("alex")
    portal.get("/account")
    clock.later(days=120)
    portal.client.get(first)
    page = portal.client.get("/sign-in/demo")
    token = CSRF_RE.search(page.get_data(as_text=True)).group(1)
    response = portal.client.post("/sign-in/demo", data={"csrf_token": token, "person": "alex"})
    assert response.status_code == 302, response.status_code
    assert "Your account" in portal.get("/account").soup.select_one("h1").get_text()
    assert rows(app)[0].ended_reason not in (None, "signed_out"), "the old session ended by itself"

"""Rate limits: every form sent, sign-in, PDFs and messages, counted in memory and in a real Redis.

Tight limits are set for each test, so that going over takes a few requests. The Redis tests use
the Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379/0) with a key prefix of their own, so
that runs never share counts with each other or with anything else.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import replace

import pytest
import redis

from portal import create_app, limits
from portal.limits import MESSAGE_ENDPOINTS, PDF_ENDPOINTS, SIGN_IN_ENDPOINTS
from tests import factories
from tests.conftest import _empty_tables
from tests.web.helpers import WORKED_EXAMPLE, CheckedClient, Portal
from tests.web.plan_helpers import PA_WEEKLY

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LOOSE = {
    "rate_limits_on": True,
    "rate_limit_post": "1000 per minute",
    "rate_limit_post_per_address": "1000 per minute",
    "rate_limit_sign_in": "1000 per minute",
    "rate_limit_pdf": "1000 per minute",
    "rate_limit_messages": "1000 per minute",
}


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["memory", "redis"])
def storage(request):
    """Where the counts are kept: in this process, or in Redis (with a prefix for this test alone)."""
    if request.param == "memory":
        yield {}
        return
    if not _redis_answers():
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"portal-test-{uuid.uuid4().hex}"
    yield {"redis_url": REDIS_URL, "rate_limit_key_prefix": prefix}
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


@pytest.fixture
def limited(settings, storage):
    """Make an app with these limits (the rest loose), on this test's storage."""
    made = []

    def make(**tight):
        app = create_app(replace(settings, **(LOOSE | storage | tight)))
        app.config.update(TESTING=True)
        app.test_client_class = CheckedClient
        made.append(app)
        return app

    yield make
    if made:  # what these apps wrote (forms, disagreements, messages waiting to go) is not left for others
        _empty_tables(made[0].extensions["db_engine"])
    for app in made:
        app.extensions["db_engine"].dispose()


def someone_else(portal: Portal, status: int = 302):
    """Send the "who are you filling this in for" form, with words the person typed."""
    return portal.post(
        "/assessments/new/someone-else",
        {"person_name": "Ravi Patel", "relationship": "Son", "basis": "asked_by_person"},
        status=status,
    )


def test_every_form_sent_is_limited_per_person_and_the_wait_page_keeps_what_was_typed(limited):
    app = limited(rate_limit_post="3 per minute")
    portal = Portal(app)
    portal.sign_in("alex")  # a form sent before signing in counts for the address, not for Alex
    portal.post("/assessments/new", {"for_whom": "someone_else"})
    someone_else(portal)
    portal.post("/assessments/new", {"for_whom": "someone_else"})
    refused = someone_else(portal, status=429)

    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    page = refused.soup
    assert page.h1.get_text(strip=True) == "Please wait before you try again"
    text = " ".join(page.main.get_text(" ", strip=True).split())
    assert (
        f"Wait {refused.headers['Retry-After']} seconds, then try again." in text
        or "Wait 1 minute, then try again." in text
    )
    assert "We have kept what you sent. It is not saved yet." in text
    assert "X-Request-Id" in refused.headers and refused.headers["X-Request-Id"] in text

    # What was typed is shown, in a form that goes back to the same page with a fresh CSRF token.
    form = page.select_one("main form[method=post]")
    assert form["action"] == "/assessments/new/someone-else"
    typed = {field["name"]: field.get("value", field.get_text()) for field in form.select("input, textarea")}
    assert typed["person_name"] == "Ravi Patel" and typed["relationship"] == "Son"
    assert typed["basis"] == "asked_by_person"
    assert form.select_one("input[name=basis]")["type"] == "hidden"  # an option's code is not shown
    assert form.select_one("input[name=person_name]")["type"] == "text"  # typed words are, to change
    assert page.select_one("label[for=kept-1]").get_text(strip=True).startswith("What you typed")

    # After the wait, sending the kept form again does what the first one would have done.
    limits.reset(app)
    again = portal.client.post(form["action"], data=typed)
    assert again.status_code == 302 and "/assessments/" in again.location
    task_list = portal.get(again.location).soup.get_text(" ", strip=True)
    assert "Ravi Patel" in task_list


def test_a_forms_own_token_and_the_page_to_go_back_to_are_kept_but_not_shown(limited):
    app = limited(rate_limit_post="1 per minute")
    portal = Portal(app)
    portal.post("/pictures/choose", {"show": "no", "next": "/accessibility"}, token_from="/sign-in/demo")
    refused = portal.post(
        "/pictures/choose", {"show": "yes", "next": "/privacy", "send_token": "Ab3-x_Yz9Q"}, status=429
    )
    form = refused.soup.select_one("main form[method=post]")
    kept = {field["name"]: (field["type"], field["value"]) for field in form.select("input")}
    assert kept == {
        "csrf_token": ("hidden", kept["csrf_token"][1]),
        "show": ("hidden", "yes"),
        "next": ("hidden", "/privacy"),
        "send_token": ("hidden", "Ab3-x_Yz9Q"),
    }
    assert "Check what you typed" not in refused.soup.get_text()


def test_forms_that_send_a_message_have_their_own_limit_and_long_text_comes_back_in_a_text_area(limited):
    app = limited(rate_limit_messages="1 per hour")
    portal = Portal(app)
    portal.sign_in("alex")
    first, second = (factories.sent_assessment(app, portal) for _ in range(2))
    reason = "I need help every night, and the budget does not pay for it. " * 3
    fields = {
        "reason": reason,
        "amount": "150",
        "talk": "call",
        "contact_by": "phone",
        "contact_details": "01632 960001",
    }
    portal.submit(f"/assessments/{first}/disagree/care-manager", fields)
    refused = portal.submit(f"/assessments/{second}/disagree/care-manager", fields, status=429)
    shown = {
        field["name"]: field
        for field in refused.soup.select("main form input[type=text], main form textarea")
    }
    assert shown["reason"].name == "textarea" and shown["reason"].get_text() == reason
    assert shown["contact_details"]["value"] == "01632 960001"
    portal.post("/assessments/new", {"for_whom": "myself"})  # other forms are not part of this limit


def test_trying_invitation_codes_is_limited(limited):
    app = limited(rate_limit_messages="2 per hour")
    portal = Portal(app)
    portal.sign_in("jo")
    for _ in range(2):
        wrong = portal.post("/account/invitation", {"code": "AAAA-BBBB-CCCC"}, status=200)
        assert "This code is not right" in wrong.soup.get_text()
    portal.post("/account/invitation", {"code": "AAAA-BBBB-CCCD"}, status=429)


def test_one_person_going_over_does_not_stop_another_at_the_same_address(limited):
    app = limited(rate_limit_post="2 per minute")
    alex, sam = Portal(app), Portal(app)
    alex.sign_in("alex")
    sam.sign_in("sam")
    for _ in range(2):
        alex.post("/assessments/new", {"for_whom": "myself"})
    alex.post("/assessments/new", {"for_whom": "myself"}, status=429)
    sam.post("/assessments/new", {"for_whom": "myself"})


def test_forms_from_one_address_are_limited_too(limited):
    app = limited(rate_limit_post_per_address="3 per minute")
    alex, sam = Portal(app), Portal(app)
    alex.sign_in("alex")
    sam.sign_in("sam")
    alex.post("/assessments/new", {"for_whom": "myself"})
    sam.post("/assessments/new", {"for_whom": "myself"}, status=429)
    other_address = Portal(app)
    other_address.client.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    other_address.sign_in("alex")


def test_sign_in_is_limited_per_address(limited):
    app = limited(rate_limit_sign_in="3 per minute")
    portal = Portal(app)
    portal.get("/sign-in/demo")
    portal.sign_in("alex")  # a page and a form: two more
    refused = portal.get("/sign-in/demo", status=429)
    assert "Try again" in refused.soup.main.get_text(" ", strip=True)
    assert refused.soup.select_one("main a[href='/sign-in/demo']")
    portal.get("/", status=200)  # other pages are not part of the sign-in limit
    elsewhere = Portal(app)
    elsewhere.client.environ_base["REMOTE_ADDR"] = "192.0.2.8"
    elsewhere.sign_in("sam")


def test_pdf_downloads_have_their_own_stricter_limit(limited):
    app = limited(rate_limit_pdf="2 per minute")
    portal = Portal(app)
    portal.sign_in("alex")
    assessment_id = factories.sent_assessment(app, portal, WORKED_EXAMPLE)
    factories.plan(app, assessment_id, [("personal_assistant", PA_WEEKLY)])
    factories.send_plan(app, assessment_id)
    url = f"/assessments/{assessment_id}/plan/plan.pdf"
    for _ in range(2):
        assert portal.client.get(url).mimetype == "application/pdf"
    refused = portal.get(url, status=429)
    assert int(refused.headers["Retry-After"]) >= 1
    portal.get(f"/assessments/{assessment_id}/plan/sent")  # the rest of the plan still opens


def test_instances_sharing_redis_share_the_counts(settings):
    if not _redis_answers():
        pytest.skip(f"no Redis at {REDIS_URL}")
    shared = replace(
        settings,
        **(
            LOOSE
            | {
                "redis_url": REDIS_URL,
                "rate_limit_sign_in": "2 per minute",
                "rate_limit_key_prefix": f"portal-test-{uuid.uuid4().hex}",
            }
        ),
    )
    first, second = create_app(shared), create_app(shared)
    try:
        assert first.test_client().get("/sign-in/demo").status_code == 200
        assert second.test_client().get("/sign-in/demo").status_code == 200
        assert first.test_client().get("/sign-in/demo").status_code == 429
        assert second.test_client().get("/sign-in/demo").status_code == 429
    finally:
        _empty_tables(first.extensions["db_engine"])
        for app in (first, second):
            limits.reset(app)
            app.extensions["db_engine"].dispose()


def test_a_redis_that_stops_answering_does_not_stop_the_portal(settings):
    app = create_app(
        replace(settings, rate_limits_on=True, redis_url="redis://127.0.0.1:1/0")
    )  # port 1: no one
    app.test_client_class = CheckedClient
    try:
        portal = Portal(app)
        portal.get("/")
        portal.sign_in("alex")
        portal.post("/assessments/new", {"for_whom": "myself"})
        ready = app.test_client().get("/health/ready")
        assert ready.status_code == 503 and ready.json["problems"] == ["redis: ConnectionError"]
    finally:
        _empty_tables(app.extensions["db_engine"])
        app.extensions["db_engine"].dispose()


@pytest.mark.parametrize(
    "seconds,words",
    [
        (1, "1 second"),
        (59, "59 seconds"),
        (60, "1 minute"),
        (61, "2 minutes"),
        (3600, "60 minutes"),
        (5400, "90 minutes"),
        (5401, "2 hours"),
        (3 * 3600, "3 hours"),
    ],
)
def test_how_long_to_wait_in_plain_words(app, seconds, words):
    with app.test_request_context():
        assert limits.wait_words(seconds) == words


def test_the_limited_endpoints_exist(app):
    """A renamed route would silently lose its limit."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints >= SIGN_IN_ENDPOINTS | PDF_ENDPOINTS | MESSAGE_ENDPOINTS


@pytest.mark.parametrize("value", ["lots", "10 per fortnight", ""])
def test_a_limit_that_cannot_be_read_stops_start_up(value):
    from portal.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match="RATE_LIMIT_PDF must be rate limits"):
        Settings.from_env({"PORTAL_ENV": "development", "RATE_LIMIT_PDF": value or " "})

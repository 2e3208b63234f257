"""The messages page (/dev/messages) is for trying the service: it is there in demo mode only, never in
development or production, and each person signed in reads only the messages sent to them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.mail import deliver
from tests.web.helpers import Portal
from tests.web.test_staff import disagreement


@pytest.fixture
def settings(settings):
    return replace(settings, environment="demo")


@pytest.fixture
def staff(app):
    return Portal(app)


def test_local_messages_can_be_read_in_demo_mode(portal, staff, app):
    disagreement(portal, app)
    deliver(app)
    staff.sign_in("chris")
    page = staff.get("/dev/messages").soup
    assert "New disagreement with a budget" in page.get_text()
    # The staff email says where to look, not what the person wrote.
    assert "I need help every night" not in page.get_text()
    # Each reads only their own messages: the person's is not on the care manager's page, and back.
    assert "We have your message" not in page.get_text()
    own = portal.get("/dev/messages").soup.get_text()
    assert "We have your message" in own and "New disagreement with a budget" not in own


def test_local_messages_need_a_signed_in_reader(portal, app):
    disagreement(portal, app)
    stranger = Portal(app)
    response = stranger.client.get("/dev/messages")
    assert response.status_code == 302 and "sign-in" in response.location


def test_the_messages_page_is_not_there_in_development(settings):
    from portal import create_app

    app = create_app(replace(settings, environment="development"))
    assert "dev.messages" not in {rule.endpoint for rule in app.url_map.iter_rules()}
    client = app.test_client()
    assert client.get("/dev/messages").status_code == 404
    app.extensions["db_engine"].dispose()


def test_the_messages_page_is_not_there_in_production(settings):
    from portal import create_app

    if settings.database_url.startswith("sqlite"):
        pytest.skip(
            "production refuses SQLite (tests/web/test_security.py); this runs on the PostgreSQL pass"
        )

    production = replace(
        settings,
        environment="production",
        secret_key="x" * 40,
        demo_sign_in=False,
        session_cookie_secure=True,
        oidc_issuer="https://idp.example.org",
        oidc_client_id="portal",
        oidc_client_secret="s",
        smtp_host="127.0.0.1",
        smtp_from="portal@example.org",
    )
    app = create_app(production)
    assert app.test_client().get("/dev/messages").status_code == 404
    app.extensions["db_engine"].dispose()

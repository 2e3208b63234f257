"""Headers, cookies, CSRF, request size and error pages."""

from __future__ import annotations

import re

import pytest

from portal import create_app
from portal.settings import DEVELOPMENT_SECRET_KEY, Settings, SettingsError


def test_strict_content_security_policy_with_a_fresh_nonce_each_time(portal):
    first = portal.get("/")
    second = portal.get("/")
    policy = first.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert first.soup.select_one("script:not([src])")["nonce"] == nonce
    assert nonce not in second.headers["Content-Security-Policy"]
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    assert first.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_lax(portal):
    portal.sign_in("alex")
    cookie = portal.client.get_cookie("portal_session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_session_cookie_is_secure_in_production(settings, tmp_path):
    key = tmp_path / "key.pem"
    key.write_text("not used here")
    production = Settings(
        environment="production",
        secret_key="x" * 40,
        database_url=settings.database_url,
        content_dir=settings.content_dir,
        demo_sign_in=False,
        session_cookie_secure=True,
        oidc_issuer="https://oidc.example.org",
        oidc_client_id="portal",
        oidc_client_secret="secret",
        smtp_host="127.0.0.1",
        smtp_from="portal@example.org",
    )
    if settings.database_url.startswith("sqlite"):
        # Production runs on PostgreSQL only; the rest of this test runs on the PostgreSQL pass.
        with pytest.raises(SettingsError, match="DATABASE_URL must name a PostgreSQL database"):
            create_app(production)
        return
    app = create_app(production)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert "Strict-Transport-Security" in app.test_client().get("/").headers
    app.extensions["db_engine"].dispose()


def test_a_post_without_csrf_token_is_refused_with_a_page(portal):
    portal.sign_in("alex")
    response = portal.client.post("/assessments/new", data={"for_whom": "myself"})
    assert response.status_code == 400
    assert "timed out" in response.get_data(as_text=True)


def test_a_request_body_over_the_cap_gets_a_page_not_a_crash(portal, app):
    portal.sign_in("alex")
    token = portal.csrf("/assessments/new")
    response = portal.client.post(
        "/assessments/new", data={"csrf_token": token, "more": "x" * app.config["MAX_CONTENT_LENGTH"]}
    )
    assert response.status_code == 413
    assert "too long" in response.get_data(as_text=True)


def test_unknown_pages_get_the_not_found_page(portal):
    response = portal.get("/no-such-page", status=404)
    assert response.soup.h1.get_text(strip=True) == "Page not found"
    portal.sign_in("alex")
    assessment_id = portal.start()
    portal.get(f"/assessments/{assessment_id}/questions/not_a_question", status=404)


# Settings that are safe for production; each case below spoils one of them.
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": "x" * 40,
    "DATABASE_URL": "postgresql+psycopg://db/portal",
    "OIDC_ISSUER": "https://idp.example.org/",
    "OIDC_CLIENT_ID": "portal",
    "OIDC_CLIENT_SECRET": "s",
    "SMTP_HOST": "mail.example.org",
    "SMTP_FROM": "portal@example.org",
    "REDIS_URL": "redis://redis:6379/0",
}


@pytest.mark.parametrize(
    "env,problem",
    [
        ({"PORTAL_ENV": "production", "DEMO_SIGN_IN": "true", "SECRET_KEY": "x" * 40}, "DEMO_SIGN_IN"),
        ({"PORTAL_ENV": "production", "DEMO_SIGN_IN": "false"}, "SECRET_KEY"),
        (
            {"PORTAL_ENV": "production", "DEMO_SIGN_IN": "false", "SECRET_KEY": DEVELOPMENT_SECRET_KEY},
            "SECRET_KEY",
        ),
        ({"PORTAL_ENV": "production", "DEMO_SIGN_IN": "false", "SECRET_KEY": "x" * 40}, "OIDC_ISSUER"),
        ({"PORTAL_ENV": "staging"}, "PORTAL_ENV"),
        ({}, "PORTAL_ENV must be set"),
        ({"SECRET_KEY": "x" * 40, "DEMO_SIGN_IN": "true"}, "PORTAL_ENV must be set"),
        (PRODUCTION | {"DATABASE_URL": ""}, "DATABASE_URL must name a PostgreSQL database"),
        (
            PRODUCTION | {"DATABASE_URL": "sqlite:///portal.db"},
            "DATABASE_URL must name a PostgreSQL database",
        ),
        (PRODUCTION | {"OIDC_ISSUER": "http://idp.example.org"}, "OIDC_ISSUER must start with https://"),
        (PRODUCTION | {"SESSION_COOKIE_SECURE": "false"}, "SESSION_COOKIE_SECURE must be on"),
        (PRODUCTION | {"REDIS_URL": ""}, "REDIS_URL must be set when PORTAL_ENV=production"),
        ({"PORTAL_ENV": "development", "DEMO_SIGN_IN": "maybe"}, "DEMO_SIGN_IN"),
        ({"PORTAL_ENV": "development", "OIDC_ISSUER": "https://idp.example.org"}, "OIDC_CLIENT_ID"),
        (
            {
                "PORTAL_ENV": "development",
                "OIDC_ISSUER": "https://idp.example.org",
                "OIDC_CLIENT_ID": "portal",
            },
            "OIDC_CLIENT_SECRET",
        ),
        (
            {
                "PORTAL_ENV": "production",
                "DEMO_SIGN_IN": "false",
                "SECRET_KEY": "x" * 40,
                "OIDC_ISSUER": "https://i.example",
                "OIDC_CLIENT_ID": "portal",
                "OIDC_CLIENT_SECRET": "s",
            },
            "SMTP_HOST",
        ),
        ({"PORTAL_ENV": "development", "SMTP_HOST": "mail.example.org"}, "SMTP_FROM"),
        (
            {
                "PORTAL_ENV": "development",
                "SMTP_HOST": "mail.example.org",
                "SMTP_FROM": "a@example.org",
                "SMTP_USERNAME": "portal",
            },
            "SMTP_PASSWORD",
        ),
        ({"PORTAL_ENV": "development", "SMTP_PORT": "twenty-five"}, "SMTP_PORT"),
        ({"PORTAL_ENV": "development", "SMTP_STARTTLS": "perhaps"}, "SMTP_STARTTLS"),
    ],
)
def test_unsafe_or_incomplete_settings_stop_start_up(env, problem):
    with pytest.raises(SettingsError, match=problem):
        Settings.from_env(env)


def test_production_settings_that_are_safe_are_accepted():
    settings = Settings.from_env(PRODUCTION | {"SMTP_PORT": "25", "SMTP_STARTTLS": "false"})
    assert settings.session_cookie_secure and not settings.demo_sign_in
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == ("mail.example.org", 25, False)
    assert settings.oidc_issuer == "https://idp.example.org"


def test_every_problem_is_reported_at_once_not_one_per_restart():
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(
            {
                "PORTAL_ENV": "production",
                "DEMO_SIGN_IN": "true",
                "SESSION_COOKIE_SECURE": "off",
                "OIDC_ISSUER": "http://idp.example.org",
                "OIDC_CLIENT_ID": "portal",
                "SMTP_PORT": "x",
            }
        )
    message = str(refused.value)
    for problem in (
        "SMTP_PORT",
        "DEMO_SIGN_IN must be off",
        "SECRET_KEY",
        "DATABASE_URL",
        "OIDC_ISSUER must start",
        "SESSION_COOKIE_SECURE",
        "SMTP_HOST",
        "OIDC_CLIENT_SECRET",
        "REDIS_URL",
    ):
        assert problem in message, problem
    assert message.count("\n- ") == 9


def test_demo_sign_in_is_not_there_when_turned_off(settings):
    from dataclasses import replace

    app = create_app(
        replace(
            settings,
            demo_sign_in=False,
            oidc_issuer="https://idp.example.org",
            oidc_client_id="portal",
            oidc_client_secret="s",
        )
    )
    assert app.test_client().get("/sign-in/demo").status_code == 404
    app.extensions["db_engine"].dispose()

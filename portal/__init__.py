"""The personal budget portal: a Flask application built by `create_app`.

Nothing web-related is imported at package level, so the rules in `portal.ras` can be used
from a Python shell without Flask or a database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from portal.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """Build the portal. With no settings, they are read from the environment."""
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect
    from govuk_frontend_wtf.main import WTFormsHelpers
    from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

    from portal import clock, errors, i18n, input_guard, notify, pictures, security, store
    from portal.ras import load_config
    from portal.settings import Settings

    settings = settings or Settings.from_env()
    settings.check()
    app = Flask(__name__, static_folder="static/assets", static_url_path="/assets")
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_NAME="portal_session",
        PERMANENT_SESSION_LIFETIME=60 * 60 * 8,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=settings.session_cookie_secure,
        SEND_FILE_MAX_AGE_DEFAULT=60 * 60 * 24,
    )
    app.extensions["portal_settings"] = settings
    # Council content is loaded and checked once; a broken file stops start-up here.
    app.extensions["ras_config"] = load_config(settings.content_dir)
    pictures.init_app(app)  # and so does a broken picture

    app.jinja_loader = ChoiceLoader([
        PackageLoader("portal"),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")

    input_guard.init_app(app)  # before the CSRF check and the journeys, so that they see clean input
    CSRFProtect(app)
    WTFormsHelpers(app)
    i18n.init_app(app)
    security.init_app(app)
    store.init_app(app, settings.database_url)
    notify.init_app(app)
    clock.init_app(app)
    errors.init_app(app)

    from portal.access import signed_in_user_for_page
    from portal.forms import error_summary
    from portal.journeys import register_journeys
    from portal.journeys.assessment.forms import authority_label

    app.jinja_env.globals.update(
        config_council=lambda: app.extensions["ras_config"].council,
        config_questionnaire=lambda: app.extensions["ras_config"].questionnaire,
        signed_in_user=signed_in_user_for_page,
        error_summary=error_summary,
        authority_label=authority_label,
    )

    register_journeys(app)
    input_guard.set_body_cap(app, settings.max_request_bytes)  # sized by the journeys' forms

    @app.cli.command("db-upgrade")
    def db_upgrade():
        """Create or upgrade the database schema."""
        store.upgrade(settings.database_url)
        print("Database is up to date.")

    return app

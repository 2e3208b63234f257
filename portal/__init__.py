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

    from portal import (
        assets,
        clock,
        content,
        errors,
        health,
        housekeeping,
        i18n,
        input_guard,
        limits,
        logging_setup,
        notify,
        outbox,
        pictures,
        security,
        store,
        templating,
    )
    from portal.journeys import register_journeys
    from portal.settings import Settings

    settings = settings or Settings.from_env()
    settings.check()
    app = Flask(__name__, static_folder="static/assets", static_url_path="/assets")
    app.jinja_environment = templating.PortalEnvironment  # before anything makes app.jinja_env
    if settings.trusted_proxy_count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxy_count
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SECRET_KEY_FALLBACKS=list(settings.secret_key_fallbacks),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_NAME="portal_session",
        PERMANENT_SESSION_LIFETIME=60 * 60 * settings.session_max_hours,  # signed-in sessions end sooner
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=settings.session_cookie_secure,
        SEND_FILE_MAX_AGE_DEFAULT=60 * 60 * 24,
    )
    app.extensions["portal_settings"] = settings
    # Council content is loaded and checked once; a broken file stops start-up here.
    content.init_app(app, settings.content_dir)
    pictures.init_app(app)  # and so does a broken picture

    logging_setup.init_app(app)
    input_guard.init_app(app)  # before the CSRF check and the journeys, so that they see clean input
    CSRFProtect(app)
    limits.init_app(app)
    WTFormsHelpers(app)
    i18n.init_app(app)
    security.init_app(app)
    assets.init_app(app)  # assets without sessions, with content hashes; compressed text
    templating.init_app(app)
    store.init_app(app, settings.database_url)
    notify.init_app(app)
    outbox.init_app(app)  # the worker that sends what notify writes
    housekeeping.init_app(app)  # flask prune-sessions
    clock.init_app(app)
    errors.init_app(app)
    health.init_app(app)

    register_journeys(app)
    input_guard.set_body_cap(app, settings.max_request_bytes)  # sized by the journeys' forms

    @app.cli.command("db-upgrade")
    def db_upgrade():
        """Create or upgrade the database schema."""
        from portal.store.release import upgrade_with_lock

        upgrade_with_lock(settings.database_url)
        print("Database is up to date.")

    return app

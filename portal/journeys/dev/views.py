"""Pages for trying the service: only in demo mode (PORTAL_ENV=demo), never in development or production,
and only for someone signed in."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from portal.access import current_user, login_required
from portal.notify import LocalNotifier
from portal.store.sessions import inbox

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.get("/messages")
@login_required
def messages():
    """The notifications the local notifier kept for the person signed in, newest first: each person
    reads only what was sent to them, as in their own inbox."""
    settings = current_app.extensions["portal_settings"]
    if settings.environment != "demo" or not isinstance(current_app.extensions["notifier"], LocalNotifier):
        abort(404)
    email = current_user().email
    return render_template("dev/messages.html", messages=inbox(email) if email else [])

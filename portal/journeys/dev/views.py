"""Pages for trying the service: only in development and demo, never in production."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from portal.notify import LocalNotifier
from portal.store import db
from portal.store.disagreement_models import LocalMessage

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.get("/messages")
def messages():
    """The notifications the local notifier kept, newest first."""
    settings = current_app.extensions["portal_settings"]
    if settings.environment == "production" or not isinstance(current_app.extensions["notifier"], LocalNotifier):
        abort(404)
    found = db().scalars(select(LocalMessage).order_by(LocalMessage.id.desc()).limit(200)).all()
    return render_template("dev/messages.html", messages=found)

"""Messages that could not be sent: a page for team managers, with "Try again".

The outbox worker (`portal/outbox.py`) tries each message six times over about 15 hours. A message it
gives up on, or one still not sent an hour after it was written (no worker running, say), is listed
here. Team managers see it because they answer for the service the people get, across every case;
the page shows who a message is to and its subject (which carries the case reference), not what it
says. Every look and every "Try again" is written to the audit log, once for each person concerned.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from portal.forms import Form
from portal.i18n import gettext as _
from portal.journeys.staff.roles import basis, staff_required
from portal.ras import disagreement as rules
from portal.store import db
from portal.store.models import AuditEvent, utcnow
from portal.store.outbox_models import FAILED, OutboxMessage, needing_attention, try_again

bp = Blueprint("staff_outbox", __name__, url_prefix="/staff/outbox")

# A message not sent this long after it was written is shown, as well as the failed ones.
SHOWN_WHEN_WAITING = timedelta(hours=1)
TEAM_MANAGERS = (rules.TEAM_MANAGER,)


class TryAgainForm(Form):
    """Only the CSRF token: the message is in the address."""


def problem(last_error: str | None) -> str:
    """The last error, in words a team manager can pass on to the people who run the mail server."""
    error = (last_error or "").lower()
    if not error:
        return _("Not tried yet")
    if "timeout" in error or "timed out" in error:
        return _("The mail server did not answer in time")
    if "refused" in error and "connection" in error:
        return _("The mail server could not be reached")
    if error.startswith("smtp"):
        return _("The mail server would not take the message")
    if error.startswith("workerstopped"):
        return _("The sending program stopped while sending it")
    return _("The message could not be sent")


def _audit(rows: list[OutboxMessage], action: str) -> None:
    member = g.staff
    db().add_all(
        AuditEvent(
            actor_id=member.user_id,
            person_id=row.person_id,
            action=action,
            target=f"outbox:{row.id}",
            basis=basis(member),
        )
        for row in rows
        if row.person_id
    )
    db().commit()


@bp.get("")
@staff_required(roles=TEAM_MANAGERS)
def messages():
    rows = needing_attention(db(), utcnow(), SHOWN_WHEN_WAITING)
    _audit(rows, "staff_view_outbox")
    return render_template(
        "staff/outbox.html", rows=rows, failed=FAILED, problem=problem, again=bool(request.args.get("again"))
    )


@bp.post("/<int:row_id>/try-again")
@staff_required(roles=TEAM_MANAGERS)
def retry(row_id: int):
    row = db().get(OutboxMessage, row_id)
    if row is None:
        abort(404)
    form = TryAgainForm()
    if not form.validate_on_submit():
        abort(400)
    if try_again(db(), row_id, utcnow()):
        db().info["outbox_written"] = True  # wake a sender in this process, if there is one
        _audit([row], "staff_outbox_try_again")
        return redirect(url_for("staff_outbox.messages", again=1))
    db().rollback()
    return redirect(url_for("staff_outbox.messages"))

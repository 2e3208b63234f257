"""Acting for someone safely: "Who can see my information", inviting a helper with a one-time code,
using a code, and ending a helper's access.

The person sees every grant (in force, ended or expired) with its basis and what it allows, ends any of
them, and reads in easy words what each helper and member of staff looked at or changed. A helper sees
the grants they hold and what they did, and can end their own. A grant's page is reached only by its
person and its helper; anyone else gets "Page not found". Ending takes effect on the next request.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.access import current_user, login_required, now
from portal.clock import london_date
from portal.i18n import gettext as _
from portal.i18n import long_date
from portal.journeys.assessment.forms import authority_label
from portal.journeys.grants import forms
from portal.store import assessments, db
from portal.store import grants as store
from portal.store.models import (
    COUNCIL_CONCERN,
    COUNCIL_CONFIRMED,
    COUNCIL_ENDED,
    AuditEvent,
    Grant,
    GrantNote,
    Person,
    User,
)

bp = Blueprint("grants", __name__, url_prefix="/account")

# Why a helper can help, as the person they help reads it (the helper's own words are the choices they
# made: `authority_label`).
BASIS_FOR_THE_PERSON = {
    "asked_by_person": _l("You asked them to"),
    "lasting_power_of_attorney": _l("They have a Lasting Power of Attorney for your health and care"),
    "deputy": _l("A court made them your deputy"),
    "advocate": _l("They are your independent advocate"),
}


def _basis_for_the_person(basis: str) -> str:
    return str(BASIS_FOR_THE_PERSON.get(basis) or authority_label(basis))


def _own_person(user: User, make: bool = False) -> Person | None:
    person = assessments.own_person(user.id)
    if person is None and make:
        person = Person(user_id=user.id, name=user.name)
        db().add(person)
        db().commit()
    return person


def _state(grant: Grant, notes: list[GrantNote]) -> str:
    last = store.last_day(grant)
    if grant.ended_at is not None:
        if any(note.kind == COUNCIL_ENDED for note in notes):
            return _("Ended by the council on %(date)s", date=long_date(grant.ended_at))
        return _("Ended on %(date)s", date=long_date(grant.ended_at))
    if last is not None and not grant.active_at(now()):
        return _("Ended. The last day was %(date)s", date=long_date(last))
    if last is not None:
        return _("In use until %(date)s", date=long_date(last))
    return _("In use")


def _council_did(notes: list[GrantNote], theirs: bool) -> list[dict[str, str]]:
    """What the council did about a grant, in easy words: for the person ("they can help you") or for
    their helper ("you can help")."""
    shown = []
    for note in notes:
        if note.kind == COUNCIL_CONFIRMED:
            what = (
                _("The council checked why you can help. It is right.")
                if theirs
                else _("The council checked why they can help you. It is right.")
            )
        elif note.kind == COUNCIL_CONCERN:
            said = note.note.rstrip(" .")  # the sentence goes on after it
            what = (
                _(
                    "The council has a worry about your help: %(note)s. You can still help for now.",
                    note=said,
                )
                if theirs
                else _(
                    "The council has a worry about this help: %(note)s. They can still help you for now.",
                    note=said,
                )
            )
        else:
            what = (
                _("The council ended your access. This is why: %(note)s", note=note.note)
                if theirs
                else _("The council ended their access. This is why: %(note)s", note=note.note)
            )
        shown.append({"when": long_date(note.at), "what": what, "kind": note.kind})
    return shown


def _what(event: AuditEvent, theirs: bool = False) -> str:
    """An audit event in easy words: for the person ("your form") or for their helper ("their form")."""
    kind = event.target.split(":", 1)[0]
    if theirs:
        things = {
            "assessment": _("their form"),
            "plan": _("their support plan"),
            "disagreement": _("their request to change a decision"),
            "person": _("their reviews"),
            "grant": _("who can help them"),
        }
    else:
        things = {
            "assessment": _("your form"),
            "plan": _("your support plan"),
            "disagreement": _("your request to change a decision"),
            "person": _("your reviews"),
            "grant": _("who can help you"),
        }
    thing = things.get(kind, _("their information") if theirs else _("your information"))
    if event.action.startswith(("view", "staff_view")):
        return _("Looked at %(thing)s", thing=thing)
    if event.action.startswith("download"):
        return _("Downloaded %(thing)s", thing=thing)
    if event.action.startswith("send"):
        return _("Sent %(thing)s", thing=thing)
    if event.action == "delete":
        return _("Deleted %(thing)s", thing=thing)
    return _("Changed %(thing)s", thing=thing)


def _who(event: AuditEvent, actor: User) -> str:
    if event.basis.startswith("staff:"):
        return _("%(name)s (council staff)", name=actor.name or _("A member of staff"))
    return actor.name or _("A helper")


def _grant_rows(rows: list[tuple[Grant, User]]) -> list[dict]:
    notes = store.notes_of([grant.id for grant, _helper in rows])
    return [
        {
            "grant": grant,
            "helper": helper,
            "basis": _basis_for_the_person(grant.basis),
            "scope": forms.scope_label(grant.scope),
            "state": _state(grant, notes[grant.id]),
            "active": grant.active_at(now()),
            "started": long_date(grant.starts_at),
            "council": _council_did(notes[grant.id], theirs=False),
        }
        for grant, helper in rows
    ]


@bp.get("/who-can-see")
@login_required
def overview():
    user = current_user()
    person = _own_person(user)
    helpers = _grant_rows(store.grants_for_person(person.id)) if person else []
    events = [
        {"when": long_date(event.at), "who": _who(event, actor), "what": _what(event)}
        for event, actor in (store.events_for_person(person.id) if person else [])
    ]
    held_grants = store.grants_held_by(user.id)
    held_notes = store.notes_of([grant.id for grant in held_grants])
    held = [
        {
            "grant": grant,
            "person": grant.person,
            "basis": authority_label(grant.basis),
            "scope": forms.scope_label(grant.scope),
            "state": _state(grant, held_notes[grant.id]),
            "active": grant.active_at(now()),
            "council": _council_did(held_notes[grant.id], theirs=True),
            "did": [
                {"when": long_date(event.at), "what": _what(event, theirs=True)}
                for event in store.events_by(user.id, grant.person_id)
            ],
        }
        for grant in held_grants
    ]
    return render_template(
        "grants/overview.html",
        helpers=helpers,
        events=events,
        held=held,
        # The hard words the bases on the page use (their ids are the bases' own), explained on the page.
        hard_words=sorted({row["grant"].basis for row in helpers} | {grant.basis for grant in held_grants}),
        ended=request.args.get("ended"),
        # The person whose code was just used, by name: only from this user's own grants.
        accepted=next(
            (
                grant.person.known_as
                for grant in held_grants
                if grant.public_id == request.args.get("accepted")
            ),
            None,
        ),
    )


@bp.route("/who-can-see/invite", methods=["GET", "POST"])
@login_required
def invite():
    user = current_user()
    form = forms.InviteForm()
    if form.validate_on_submit() and form.check_end_date(london_date(now())):
        person = _own_person(user, make=True)
        assert person is not None
        ends_at = store.end_of_day(form.end_date.data) if form.end_date.data else None
        code = store.create_invitation(
            person, user, form.helper_name.data, form.relationship.data, form.scope.data, now(), ends_at
        )
        # Shown once, on this response only: it is never stored and never in a URL.
        return render_template(
            "grants/code.html",
            code=code,
            helper_name=form.helper_name.data,
            expires=long_date(now() + store.INVITATION_LASTS),
            until=long_date(form.end_date.data) if ends_at else None,
        )
    return render_template("grants/invite.html", form=form)


@bp.route("/invitation", methods=["GET", "POST"])
@login_required
def use_invitation():
    """A helper enters the code they were given. Sending codes is rate limited (`portal.limits`)."""
    user = current_user()
    form = forms.CodeForm()
    if form.validate_on_submit():
        found = store.accept_invitation(form.code.data, user, now())
        if isinstance(found, Grant):
            return redirect(url_for("grants.overview", accepted=found.public_id), 303)
        messages = {
            store.WRONG: _("This code is not right. Check it and try again"),
            store.USED: _("This code has already been used. Ask for a new one"),
            store.EXPIRED: _("This code has expired. Ask for a new one"),
            store.OWN: _("This is your own code. Give it to the person you want to help you"),
        }
        form.code.errors = [messages[found]]
    return render_template("grants/use-code.html", form=form)


def _grant_for_page(grant_id: str) -> tuple[Grant, User]:
    """The grant, if the signed-in user is its person or its helper; 404 otherwise."""
    user = current_user()
    grant = store.grant_by_public_id(grant_id)
    if grant is None or user is None:
        abort(404)
    if grant.user_id != user.id and grant.person.user_id != user.id:
        abort(404)
    return grant, user


@bp.route("/helpers/<grant_id>/end", methods=["GET", "POST"])
@login_required
def end(grant_id: str):
    grant, user = _grant_for_page(grant_id)
    form = forms.EndForm()
    own = grant.user_id == user.id  # a helper ending their own access
    if not grant.active_at(now()):
        return redirect(url_for("grants.overview"), 303)
    if form.validate_on_submit():
        store.end_grant(grant, user, now())
        if own:
            return redirect(url_for("grants.overview", ended="own"), 303)
        return redirect(url_for("grants.overview", ended="helper"), 303)
    return render_template(
        "grants/end.html",
        form=form,
        own=own,
        helper_name=grant.helper.name,
        person_name=grant.person.name,
    )

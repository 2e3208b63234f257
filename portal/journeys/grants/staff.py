"""The council's side of a helper's grant, from a person's case page: confirm its basis (the case holder
saw the Lasting Power of Attorney or the court order), record a concern about it, or end it.

Declared pages on the staff blueprint (`staff.grant-confirm`, `staff.grant-concern`, `staff.grant-end`;
templates `staff/grant-*.html`). Only the care manager or team manager who holds the person's case may act,
never someone with a conflict of interest (`roles.conflict`); anyone else, the panel and every citizen get
"Page not found". Each form is stored once (its one-time token), written to the audit log, and shown to the
person and the helper in "Who can see your information". Ending takes effect on the helper's next request.
The person and the helper are told by message of each of the three, as of other decisions (the note itself
stays behind sign-in).

The case page lists the helpers whose grant is in force, with these actions, and under them the past
helpers: grants ended by the person, the helper or the council, or past their end date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, g, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal import notify
from portal.access import audit, now
from portal.i18n import gettext as _
from portal.i18n import long_date
from portal.journeys.assessment.forms import authority_label
from portal.journeys.grants import forms
from portal.journeys.pages import AlreadySent, Journey, Page, Refused
from portal.journeys.staff.roles import basis, conflict, staff_required
from portal.ras import staff_roles
from portal.store import approvals
from portal.store import grants as store
from portal.store.models import (
    COUNCIL_CONCERN,
    COUNCIL_CONFIRMED,
    COUNCIL_ENDED,
    Assessment,
    Grant,
    GrantNote,
    User,
)
from portal.store.sessions import assessment_by_public_id

HELPER = "/people/<public_id>/helpers/<grant_id>"
KINDS: Mapping[str, str] = {
    "grant-confirm": COUNCIL_CONFIRMED,
    "grant-concern": COUNCIL_CONCERN,
    "grant-end": COUNCIL_ENDED,
}
NOT_IN_FORCE, CONFIRMED_ALREADY = "not_in_force", "confirmed_already"


@dataclass
class HelperCase:
    """What a grant page works on: the person's sent form (the case), and one of their helpers' grants."""

    assessment: Assessment
    grant: Grant


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str | None = None


def is_case_holder(assessment: Assessment) -> bool:
    member = g.staff
    return member.role in staff_roles.CASE_HOLDERS and approvals.assigned_to(
        assessment.person_id, member.user_id, member.role
    )


def load_helper_case(public_id: str, grant_id: str, action: str) -> HelperCase:
    """The case and the grant, if this member of staff holds the case and the grant is the person's;
    404 otherwise. Audited (a refusal for a conflict of interest too)."""
    member = g.staff
    if member.role not in staff_roles.CASE_HOLDERS:
        abort(404)
    assessment = assessment_by_public_id(public_id)
    if assessment is None or not assessment.submitted:
        abort(404)
    grant = store.grant_by_public_id(grant_id)
    if grant is None or grant.person_id != assessment.person_id:
        abort(404)
    reason = conflict(member, assessment.person_id)
    if reason is not None:
        audit(member.user, assessment.person, f"refused_{action}", f"grant:{grant_id}", f"conflict:{reason}")
        abort(404)
    if not is_case_holder(assessment):
        abort(404)
    audit(member.user, assessment.person, action, f"grant:{grant_id}", basis(member))
    return HelperCase(assessment, grant)


# Why a helper can help, in the council's voice: the helper chose these in their own words ("They asked me
# to", `authority_label`), and the person reads them in theirs (`grants.views.BASIS_FOR_THE_PERSON`).
BASIS_FOR_STAFF = {
    "asked_by_person": _l("%(name)s asked them to"),
    "lasting_power_of_attorney": _l("%(name)s gave them a Lasting Power of Attorney for health and care"),
    "deputy": _l("A court made them a deputy for %(name)s"),
    "advocate": _l("They are an independent advocate for %(name)s"),
}
BASIS_FOR_STAFF_UNNAMED = {
    "asked_by_person": _l("The person asked them to"),
    "lasting_power_of_attorney": _l("The person gave them a Lasting Power of Attorney for health and care"),
    "deputy": _l("A court made them a deputy for the person"),
    "advocate": _l("They are an independent advocate for the person"),
}


def authority_for_staff(grant: Grant) -> str:
    """A helper's authority as staff read it, naming the person when their name is known, with its
    reference (the LPA reference, the court order number, the advocate's organisation)."""
    name = grant.person.name
    if grant.basis in BASIS_FOR_STAFF:
        words = (
            BASIS_FOR_STAFF[grant.basis] % {"name": name}
            if name
            else str(BASIS_FOR_STAFF_UNNAMED[grant.basis])
        )
    else:
        words = str(authority_label(grant.basis))
    if grant.basis_reference:
        words += f" ({grant.basis_reference})"
    return words


def basis_words(grant: Grant) -> str:
    """A helper's basis as staff read it: the authority with its reference, whether the person confirmed
    it, whether the council did, and whether it has ended."""
    words = authority_for_staff(grant)
    words += ". " + (
        _("Confirmed by the person.") if grant.confirmed_by_person else _("Not confirmed by the person.")
    )
    if grant.council_confirmed_at is not None:
        words += " " + _("Confirmed by the council on %(date)s.", date=long_date(grant.council_confirmed_at))
    if not grant.active_at(now()):
        words += " " + _("This access has ended.")
    else:
        last = store.last_day(grant)
        if last is not None:
            words += " " + _("It ends after %(date)s.", date=long_date(last))
    return words


def note_words(note: GrantNote) -> str:
    """One thing the council did about a grant, for staff."""
    who = note.by.name or _("A member of staff")
    if note.kind == COUNCIL_CONFIRMED:
        return _(
            "%(date)s: %(who)s confirmed it. They checked: %(note)s",
            date=long_date(note.at),
            who=who,
            note=note.note,
        )
    if note.kind == COUNCIL_CONCERN:
        return _(
            "%(date)s: %(who)s recorded a concern: %(note)s", date=long_date(note.at), who=who, note=note.note
        )
    return _("%(date)s: %(who)s ended it. Why: %(note)s", date=long_date(note.at), who=who, note=note.note)


def helper_cards(assessment: Assessment) -> list[dict[str, Any]]:
    """Each helper's grant in force for the case page, with what the council did about it, and the actions
    for the member of staff who holds the case (GOV.UK summary cards)."""
    rows = [
        (grant, helper)
        for grant, helper in store.grants_for_person(assessment.person_id)
        if grant.active_at(now())
    ]
    notes = store.notes_of([grant.id for grant, _helper in rows])
    acts = is_case_holder(assessment)
    cards = []
    for grant, helper in rows:
        name = helper.name or _("Not given")
        args = {"public_id": assessment.public_id, "grant_id": grant.public_id}
        actions = []
        if acts:
            if grant.council_confirmed_at is None:
                actions.append(
                    {
                        "href": url_for("staff.grant-confirm", **args),
                        "text": _("Confirm"),
                    }
                )
            actions.append(
                {
                    "href": url_for("staff.grant-concern", **args),
                    "text": _("Record a concern"),
                }
            )
            actions.append(
                {
                    "href": url_for("staff.grant-end", **args),
                    "text": _("End access"),
                }
            )
        card_rows = [
            (_("How they know the person"), grant.relationship_to_person),
            (_("On what authority"), basis_words(grant)),
            (_("What they can do"), forms.scope_label(grant.scope)),
        ]
        done = [note_words(note) for note in notes[grant.id]]
        shown = [{"key": {"text": key}, "value": {"text": value}} for key, value in card_rows]
        if done:
            shown.append({"key": {"text": _("What the council did")}, "value": {"text": " ".join(done)}})
        cards.append(
            {
                "card": {
                    "title": {"text": _("Helper: %(name)s", name=name), "headingLevel": 3},
                    "actions": {"items": actions},
                    "attributes": {"id": f"helper-{grant.public_id}"},
                },
                "rows": shown,
            }
        )
    return cards


def how_it_ended(grant: Grant, notes: list[GrantNote], replaced: bool) -> str:
    """When and by whom a grant that is no longer in force ended, for staff: the person, the helper, the
    council (who), a new invitation the helper used, or its end date."""
    if grant.ended_at is None:
        last = store.last_day(grant)
        return _("Expired. The last day was %(date)s.", date=long_date(last)) if last else _("Expired.")
    when = long_date(grant.ended_at)
    by_council = next((note for note in notes if note.kind == COUNCIL_ENDED), None)
    if by_council is not None:
        who = by_council.by.name or _("A member of staff")
        return _("Ended by the council (%(who)s) on %(date)s.", who=who, date=when)
    if grant.ended_by_id is not None and grant.ended_by_id == grant.person.user_id:
        return _("Ended by the person on %(date)s.", date=when)
    if grant.ended_by_id == grant.user_id:
        if replaced:
            return _("Replaced on %(date)s: the helper used a new invitation.", date=when)
        return _("Ended by the helper on %(date)s.", date=when)
    return _("Ended on %(date)s.", date=when)


def past_helpers(assessment: Assessment) -> list[dict[str, Any]]:
    """The person's helpers whose grant is no longer in force (ended by anyone, or past its end date),
    newest first, as the rows of a table: who, how they know the person, on what authority, and how it
    ended. Staff cannot act on them."""
    every = store.grants_for_person(assessment.person_id)
    moment = now()
    rows = [(grant, helper) for grant, helper in every if not grant.active_at(moment)]
    notes = store.notes_of([grant.id for grant, _helper in rows])
    # A grant the helper replaced by using a new invitation ended the moment the new one started.
    started = {(grant.user_id, grant.starts_at): grant.id for grant, _helper in every}
    table = []
    for grant, helper in rows:
        authority = authority_for_staff(grant)
        replaced = started.get((grant.user_id, grant.ended_at), grant.id) != grant.id
        table.append(
            {
                "id": f"past-helper-{grant.public_id}",
                "cells": [
                    {"text": helper.name or _("Not given")},
                    {"text": grant.relationship_to_person},
                    {"text": authority},
                    {"text": how_it_ended(grant, notes[grant.id], replaced)},
                ],
            }
        )
    return table


def _to_helper(kind: str, person_name: str) -> tuple[str, list[str]]:
    """What the helper is told about what the council did: the subject and the first lines."""
    if kind == COUNCIL_CONFIRMED:
        return _("The council has checked why you can help %(name)s", name=person_name), [
            _("The council has checked why you can help %(name)s. It is right.", name=person_name),
            _("You can read what they checked when you sign in."),
        ]
    if kind == COUNCIL_CONCERN:
        return _("The council has a worry about your help for %(name)s", name=person_name), [
            _("The council has written down a worry about your help for %(name)s.", name=person_name),
            _("You can still help for now."),
            _("You can read the worry when you sign in."),
        ]
    return _("You cannot help %(name)s with their information any more", name=person_name), [
        _("The council has ended your access to the information of %(name)s.", name=person_name),
        _("You can read why when you sign in."),
    ]


def _to_person(kind: str, helper_name: str) -> tuple[str, list[str]]:
    """What the person is told about what the council did about their helper."""
    if kind == COUNCIL_CONFIRMED:
        return _("The council has checked why %(name)s can help you", name=helper_name), [
            _("The council has checked why %(name)s can help you. It is right.", name=helper_name),
            _("You can read what they checked when you sign in."),
        ]
    if kind == COUNCIL_CONCERN:
        return _("The council has a worry about the help from %(name)s", name=helper_name), [
            _("The council has written down a worry about the help from %(name)s.", name=helper_name),
            _("They can still help you for now."),
            _("You can read the worry when you sign in."),
        ]
    return _("%(name)s cannot help you with your information any more", name=helper_name), [
        _("The council has ended the access of %(name)s to your information.", name=helper_name),
        _("You can read why when you sign in."),
    ]


# What each message is, in the outbox.
MESSAGE_KINDS: Mapping[str, str] = {
    COUNCIL_CONFIRMED: "grant.confirmed_by_council",
    COUNCIL_CONCERN: "grant.concern_by_council",
    COUNCIL_ENDED: "grant.ended_by_council",
}


def _tell(case: HelperCase, kind: str) -> None:
    """The person and the helper are told what the council did about the grant: confirmed it, recorded a
    concern, or ended it; each by email, in their own language. The note stays behind sign-in. Sent in the
    same transaction as the act, so the same form sent twice tells them once."""
    grant, person = case.grant, case.assessment.person
    page = url_for("grants.overview", _external=True)
    helper_name = grant.helper.name or ""
    person_name = person.name or ""
    told: list[tuple[User | None, bool]] = [(person.user, False), (grant.helper, True)]
    for user, is_helper in told:
        if user is None or not user.email:
            continue
        language = notify.language_of(user.email)
        with force_locale(language):
            subject, lines = _to_helper(kind, person_name) if is_helper else _to_person(kind, helper_name)
            lines += [
                _("If you have a question, talk to your care manager."),
                _("See who can see the information: %(url)s", url=page),
            ]
            notify.send(
                notify.Message(
                    user.email,
                    subject,
                    "\n\n".join(lines),
                    language=language,
                    kind=MESSAGE_KINDS[kind],
                    person_id=person.id,
                    about=f"grant:{grant.public_id}",
                )
            )


class StaffGrants(Journey[HelperCase]):
    name = "staff"
    decorators = (staff_required,)
    pages = (
        Page("grant-confirm", f"{HELPER}/confirm", form=forms.CouncilConfirmForm),
        Page("grant-concern", f"{HELPER}/concern", form=forms.CouncilConcernForm),
        Page("grant-end", f"{HELPER}/end", form=forms.CouncilEndForm),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> HelperCase | Response:
        action = f"staff_grant_{KINDS[page.id]}" if posting else "staff_view_grant"
        return load_helper_case(args["public_id"], args["grant_id"], action)

    def verdict(self, page: Page, subject: HelperCase, form: FlaskForm | None) -> Verdict:
        grant = subject.grant
        if not grant.active_at(now()):
            return Verdict(False, NOT_IN_FORCE)
        if KINDS[page.id] == COUNCIL_CONFIRMED and grant.council_confirmed_at is not None:
            return Verdict(False, CONFIRMED_ALREADY)
        return Verdict(True)

    def save(self, page: Page, subject: HelperCase, form: FlaskForm) -> None:
        token = form.send_token.data
        if store.council_note_used(token):  # the same form again (a double click, the back button)
            raise AlreadySent
        found = self.verdict(page, subject, form)
        if not found.allowed:
            raise Refused(found)
        kind = KINDS[page.id]
        note = form.note.data.strip()
        if not store.council_act(subject.grant, kind, g.staff.user, now(), note, token):
            raise AlreadySent
        _tell(subject, kind)
        store.finish_council_act()

    def done(self, page: Page, subject: HelperCase) -> str:
        return (
            url_for("staff.person", public_id=subject.assessment.public_id, helper_done=KINDS[page.id])
            + "#helpers"
        )

    def context(self, page: Page, subject: HelperCase, form: FlaskForm | None) -> dict[str, Any]:
        grant = subject.grant
        return {
            "staff": g.staff,
            "assessment": subject.assessment,
            "grant": grant,
            "helper_name": grant.helper.name or _("Not given"),
            "person_name": subject.assessment.person.name or _("Not given"),
            "basis": basis_words(grant),
            "back": url_for("staff.person", public_id=subject.assessment.public_id) + "#helpers",
        }

    def refuse(self, page: Page, subject: HelperCase, verdict: Any, status: int) -> ResponseReturnValue:
        if getattr(verdict, "reason", None) == CONFIRMED_ALREADY:
            reason = _("The council has already confirmed this. Nothing was changed.")
        else:
            reason = _("This helper's access has ended. Nothing was changed.")
        context = self.context(page, subject, None)
        return render_template("staff/grant-cannot.html", page=page, reason=reason, **context), status


JOURNEY = StaffGrants()

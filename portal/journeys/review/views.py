"""Reviews, for the person: when their next review is due, and asking for an early review.

Declared pages (`portal.journeys.pages`): `review.ask` (the reason, required) and `review.sent` (the
reference). A page is about a person (their public id): the person themself, or someone with recorded
authority to act for them; anyone else gets "Page not found". Every look by someone else is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, url_for
from flask_wtf import FlaskForm

from portal.access import audit, current_user, login_required, may, needed_here, refuse, scope_needed
from portal.clock import today
from portal.journeys.pages import Journey, Page
from portal.journeys.review import forms, service
from portal.ras import reviews as rules
from portal.store import reviews as store
from portal.store.models import Person

bp = Blueprint("review", __name__, url_prefix="/reviews")

AT = "/<public_id>"


@dataclass(frozen=True)
class Here:
    person: Person
    row: store.DueRow
    schedule: rules.Schedule
    basis: str
    name: str | None  # the person's name, when someone else acts for them


def load_person(public_id: str, action: str) -> tuple[Person, str]:
    """The person, if the signed-in user is them or acts for them; 404 otherwise. Audited."""
    user = current_user()
    person = store.person_by_public_id(public_id)
    if person is None or user is None:
        abort(404)
    needed = needed_here(scope_needed(action))
    basis = may(user, person, needed)
    if basis is None:
        refuse(user, person, needed)
        abort(404)
    audit(user, person, action, f"person:{person.public_id}", basis)
    g.record_person = person
    return person, basis


class Review(Journey[Here]):
    name = "review"
    decorators = (login_required,)
    pages = (
        Page("ask", f"{AT}/ask", form=forms.AskForm, move="ask_early"),
        Page("sent", f"{AT}/sent"),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Here | Response:
        person, basis = load_person(args["public_id"], "ask review" if posting else "view review")
        row = store.due_row(person.id)
        if row is None:  # no agreed budget yet: nothing to review
            return redirect(url_for("account.home"))
        schedule = service.schedule_of(row)
        asked = not rules.may_ask_early(schedule)
        if page.id == "ask" and asked:
            return redirect(url_for("review.sent", public_id=person.public_id))
        if page.id == "sent" and not asked:
            return redirect(url_for("account.home"))
        return Here(person, row, schedule, basis, None if basis == "self" else person.name)

    def make_form(self, page: Page, subject: Here, posting: bool) -> FlaskForm:
        form = forms.AskForm() if posting else forms.AskForm(formdata=None)
        return form.about(subject.name)

    def save(self, page: Page, subject: Here, form: FlaskForm) -> None:
        user = current_user()
        assert user is not None
        service.ask_early(
            subject.person,
            subject.row,
            user,
            subject.basis,
            form.reason.data.strip(),
            today(),
            form.send_token.data,
        )

    def done(self, page: Page, subject: Here) -> str:
        return url_for("review.sent", public_id=subject.person.public_id)

    def context(self, page: Page, subject: Here, form: FlaskForm | None) -> dict[str, Any]:
        waiting = store.waiting_request(subject.row.agreement_id) if page.id == "sent" else None
        return {
            "person": subject.person,
            "schedule": subject.schedule,
            "name": subject.name,
            "request": waiting,
        }


journey = Review()
journey.register(bp)


@bp.record_once
def _setup(state) -> None:
    from portal.journeys.review.staff_pages import may_review

    state.app.add_template_global(may_review)

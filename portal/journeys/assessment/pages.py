"""The assessment's simple form pages, declared as pages: who the form is for, about someone else, send,
and delete. The generic view in `portal.journeys.pages` shows, checks, saves once and moves on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, Response, g, redirect, url_for
from flask_wtf import FlaskForm

from portal import ras
from portal.access import current_user, load_assessment, login_required
from portal.content import config
from portal.journeys.assessment.forms import DeclarationForm, DeleteForm, ForWhomForm, SomeoneElseForm
from portal.journeys.assessment.service import submit
from portal.journeys.pages import Journey, Page
from portal.store import assessments as store
from portal.store import once
from portal.store.models import Assessment, User

NEW, SOMEONE_ELSE, SEND, DELETE = "new", "someone-else", "send", "delete"
AUDITED_AS = {SEND: "send", DELETE: "delete"}  # what a sent form on these pages is recorded as


@dataclass
class Step:
    """What a page works on: the signed-in user, the form (once there is one) and where to go next."""

    user: User
    assessment: Assessment | None = None
    next_url: str | None = None

    @property
    def draft(self) -> Assessment:
        """The form the page is about (the send and delete pages always have one)."""
        assert self.assessment is not None
        return self.assessment


class AssessmentPages(Journey[Step]):
    name = "assessment"
    decorators = (login_required,)
    pages = (
        Page(NEW, "/new", form=ForWhomForm, template="assessment/for-whom.html"),
        Page(SOMEONE_ELSE, "/new/someone-else", form=SomeoneElseForm),
        Page(SEND, "/<public_id>/send", form=DeclarationForm),
        Page(DELETE, "/<public_id>/delete", form=DeleteForm),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Step | Response:
        user = current_user()
        assert user is not None, "every page here needs someone signed in"
        if "public_id" not in args:
            return Step(user)
        public_id = args["public_id"]
        # Sending twice (a double click, the back button, a retry) lands on the same budget.
        assessment = load_assessment(public_id, AUDITED_AS[page.id] if posting else "view")
        if assessment.submitted:
            return _go(url_for("budget.show", public_id=public_id))
        if page.id == SEND and not ras.is_complete(config().questionnaire, store.answers_of(assessment)):
            return _go(url_for("assessment.check", public_id=public_id))  # it says which is missing
        return Step(user, assessment)

    def make_form(self, page: Page, subject: Step, posting: bool) -> FlaskForm:
        assert page.form is not None
        return page.form() if posting else page.form(formdata=None)

    def save(self, page: Page, subject: Step, form: FlaskForm) -> None:
        if page.id == NEW and form.for_whom.data == "someone_else":
            subject.next_url = url_for("assessment.someone-else")
        elif page.id in (NEW, SOMEONE_ELSE):
            # Sent many times at once (a double click, two tabs): the empty form already started is used.
            if page.id == NEW:
                subject.assessment = once.start_own_form(subject.user, config().version)
            else:
                subject.assessment = once.start_form_for_someone(
                    subject.user,
                    config().version,
                    name=form.person_name.data.strip(),
                    relationship=form.relationship.data.strip(),
                    basis=form.basis.data,
                )
        elif page.id == SEND:
            submit(subject.draft, store.answers_of(subject.draft))
            subject.next_url = url_for("budget.show", public_id=subject.draft.public_id)
        elif page.id == DELETE:
            # Sent forms are the council's record and stay: only a draft reaches this page.
            if form.delete.data == "yes":
                store.delete_assessment(subject.draft)
                subject.next_url = url_for("account.home", deleted=1)
            else:
                subject.next_url = url_for("account.home")

    def done(self, page: Page, subject: Step) -> str:
        if subject.next_url:
            return subject.next_url
        return url_for("assessment.task_list", public_id=subject.draft.public_id)

    def context(self, page: Page, subject: Step, form: FlaskForm | None) -> dict[str, Any]:
        if subject.assessment is None:
            return {}
        return {
            "assessment": subject.assessment,
            "name": None if g.get("basis") == "self" else subject.assessment.person.name,
        }


def _go(url: str) -> Response:
    return cast(Response, redirect(url))


def register(blueprint: Blueprint) -> None:
    AssessmentPages().register(blueprint)

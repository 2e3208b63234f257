"""The assessment's simple form pages, declared as pages: who the form is for, about someone else, send,
delete, and the sent page of a form that makes no budget. The generic view in `portal.journeys.pages`
shows, checks, saves once and moves on.

`/assessments/new` starts the main self-assessment; `/assessments/new/<questionnaire_id>` starts another of
the council's questionnaires (content/questionnaires/<id>.yaml), with the same pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, Response, abort, g, redirect, url_for
from flask_wtf import FlaskForm

from portal import ras
from portal.access import audit, current_user, load_assessment, login_required
from portal.content import config
from portal.journeys.assessment.forms import (
    DeclarationForm,
    DeleteForm,
    ForWhomForm,
    SomeoneElseForm,
    stored_pronouns,
)
from portal.journeys.assessment.service import after_sending, questionnaire_of, submit
from portal.journeys.pages import Journey, Page
from portal.store import assessments as store
from portal.store import once
from portal.store.models import Assessment, User

NEW, SOMEONE_ELSE, SEND, DELETE, SENT = "new", "someone-else", "send", "delete", "sent"
# The same two start pages for another questionnaire, named in the URL.
NEW_FORM, NEW_FORM_SOMEONE_ELSE = "new-form", "new-form-someone-else"
STARTS = (NEW, SOMEONE_ELSE, NEW_FORM, NEW_FORM_SOMEONE_ELSE)
AUDITED_AS = {SEND: "send", DELETE: "delete"}  # what a sent form on these pages is recorded as


@dataclass
class Step:
    """What a page works on: the signed-in user, the form (once there is one) and where to go next."""

    user: User
    assessment: Assessment | None = None
    next_url: str | None = None
    questionnaire_id: str | None = None  # on the start pages: which questionnaire to start

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
        Page(NEW_FORM, "/new/<questionnaire_id>", form=ForWhomForm, template="assessment/for-whom.html"),
        Page(
            NEW_FORM_SOMEONE_ELSE,
            "/new/<questionnaire_id>/someone-else",
            form=SomeoneElseForm,
            template="assessment/someone-else.html",
        ),
        Page(SEND, "/<public_id>/send", form=DeclarationForm),
        Page(DELETE, "/<public_id>/delete", form=DeleteForm),
        Page(SENT, "/<public_id>/sent"),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Step | Response:
        user = current_user()
        assert user is not None, "every page here needs someone signed in"
        if "public_id" not in args:
            questionnaire_id = args.get("questionnaire_id", config().questionnaire.id)
            if questionnaire_id not in config().questionnaires:
                abort(404)
            return Step(user, questionnaire_id=questionnaire_id)
        public_id = args["public_id"]
        # Sending twice (a double click, the back button, a retry) lands on the same budget or sent page.
        assessment = load_assessment(public_id, AUDITED_AS[page.id] if posting else "view")
        if page.id == SENT:
            if not assessment.submitted:
                return _go(url_for("assessment.task_list", public_id=public_id))
            if questionnaire_of(assessment).produces_budget:
                return _go(url_for("budget.show", public_id=public_id))
            return Step(user, assessment)
        if assessment.submitted:
            return _go(after_sending(assessment))
        if page.id == SEND and not ras.is_complete(
            questionnaire_of(assessment), store.answers_of(assessment)
        ):
            return _go(url_for("assessment.check", public_id=public_id))  # it says which is missing
        return Step(user, assessment)

    def make_form(self, page: Page, subject: Step, posting: bool) -> FlaskForm:
        assert page.form is not None
        return page.form() if posting else page.form(formdata=None)

    def save(self, page: Page, subject: Step, form: FlaskForm) -> None:
        if page.id in (NEW, NEW_FORM) and form.for_whom.data == "someone_else":
            subject.next_url = _someone_else_url(subject.questionnaire_id)
        elif page.id in STARTS:
            # Sent many times at once (a double click, two tabs): the empty form already started is used.
            questionnaire_id = subject.questionnaire_id or config().questionnaire.id
            if page.id in (NEW, NEW_FORM):
                subject.assessment = once.start_own_form(
                    subject.user, config().version, questionnaire_id=questionnaire_id
                )
            else:
                subject.assessment = once.start_form_for_someone(
                    subject.user,
                    config().version,
                    name=form.person_name.data.strip(),
                    relationship=form.relationship.data.strip(),
                    basis=form.basis.data,
                    basis_reference=(form.basis_reference.data or "").strip() or None,
                    questionnaire_id=questionnaire_id,
                    pronouns=stored_pronouns(form.pronouns.data),
                )
                if stored_pronouns(form.pronouns.data):  # a change to the person's record, by someone else
                    person = subject.assessment.person
                    audit(
                        subject.user,
                        person,
                        "change pronouns",
                        f"person:{person.public_id}",
                        f"authority:{form.basis.data}",
                    )
        elif page.id == SEND:
            submit(subject.draft, store.answers_of(subject.draft))
            subject.next_url = after_sending(subject.draft)
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
            return {"back": _start_url(subject.questionnaire_id)}
        return {
            "assessment": subject.assessment,
            "budget": questionnaire_of(subject.assessment).produces_budget,
            "name": None if g.get("basis") == "self" else subject.assessment.person.name,
        }


def _go(url: str) -> Response:
    return cast(Response, redirect(url))


def _main(questionnaire_id: str | None) -> bool:
    return questionnaire_id in (None, config().questionnaire.id)


def _start_url(questionnaire_id: str | None) -> str:
    if _main(questionnaire_id):
        return url_for("assessment.new")
    return url_for("assessment.new-form", questionnaire_id=questionnaire_id)


def _someone_else_url(questionnaire_id: str | None) -> str:
    if _main(questionnaire_id):
        return url_for("assessment.someone-else")
    return url_for("assessment.new-form-someone-else", questionnaire_id=questionnaire_id)


def register(blueprint: Blueprint) -> None:
    AssessmentPages().register(blueprint)

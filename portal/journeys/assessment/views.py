"""A questionnaire: who it is for, a task list, one question per page, check and send. Each form is one of
the council's questionnaires (`Assessment.questionnaire_id`); its pages use that questionnaire's rules,
sections, words and answer types.

The rules (`portal.ras.routing`) say which question can be opened and where each page leads; these views
only turn their answers into URLs. The simple form pages (for whom, someone else, send, delete) are
declared as pages in `portal.journeys.assessment.pages`.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, g, redirect, render_template, request, url_for

from portal import ras
from portal.access import current_user, load_assessment, login_required, offered
from portal.i18n import content_text, ngettext
from portal.i18n import gettext as _
from portal.journeys.assessment import pages
from portal.journeys.assessment.answer_fields import answer_field
from portal.journeys.assessment.asking import question_page
from portal.journeys.assessment.question_words import question_words
from portal.journeys.assessment.service import after_sending, questionnaire_of
from portal.ras import progress, routing
from portal.store import assessments as store
from portal.store.models import Assessment, Grant

bp = Blueprint("assessment", __name__, url_prefix="/assessments")


def acting_for_name(assessment: Assessment) -> str | None:
    """The person's name when someone else fills the form in for them; None when it is their own."""
    return None if g.get("basis") == "self" else assessment.person.name


def draft_only(post_action: str = "change"):
    """Load the assessment the URL names (access-checked and audited). A sent one is no longer a draft:
    its pages lead to the budget (or the sent page) instead, so nothing sent can be changed."""

    def decorate(view):
        @wraps(view)
        def wrapper(public_id: str, **kwargs):
            assessment = load_assessment(public_id, "view" if request.method == "GET" else post_action)
            if assessment.submitted:
                return redirect(after_sending(assessment))
            return view(assessment, **kwargs)

        return login_required(wrapper)

    return decorate


def url_of(assessment: Assessment, to: routing.Destination) -> str:
    """The URL of a page the rules name."""
    if to.page == routing.QUESTION:
        return url_for(
            "assessment.question",
            public_id=assessment.public_id,
            question_id=to.question_id,
            **({"change": 1} if to.changing else {}),
        )
    if to.page == routing.CHECK:
        return url_for("assessment.check", public_id=assessment.public_id)
    return url_for("assessment.task_list", public_id=assessment.public_id)


def _statuses() -> dict[str, dict]:
    return {
        routing.COMPLETED: {"text": _("Completed")},
        routing.IN_PROGRESS: {"tag": {"text": _("Incomplete"), "classes": "govuk-tag--teal"}},
        routing.NOT_STARTED: {"tag": {"text": _("Not yet started"), "classes": ""}},
    }


def _section_count(count: progress.SectionProgress) -> str:
    return ngettext(
        "%(answered)s of %(num)s question answered",
        "%(answered)s of %(num)s questions answered",
        count.asked,
        answered=count.answered,
    )


@bp.get("/<public_id>")
@draft_only()
def task_list(assessment: Assessment):
    answers = store.answers_of(assessment)
    q = questionnaire_of(assessment)
    statuses = _statuses()
    counts = {p.section_id: p for p in progress.section_progress(q, answers)}
    changes = offered("assessment.question")  # a helper who may only look is not offered the questions
    items = [
        {
            "title": {"text": content_text(q.text_key(f"sections.{entry.section_id}.title"))},
            "hint": {"text": _section_count(counts[entry.section_id])}
            if counts[entry.section_id].asked
            else None,
            "href": url_of(assessment, routing.Destination(routing.QUESTION, entry.first))
            if entry.first and changes
            else None,
            "status": statuses[entry.status],
        }
        for entry in routing.task_list(q, answers)
    ]
    complete = ras.is_complete(q, answers)
    if not changes:
        items.append(
            {
                "title": {"text": _("Look at the answers")},
                "href": url_of(assessment, routing.Destination(routing.CHECK)),
                "status": {"text": _("You can only look")},
            }
        )
    else:
        items.append(
            {
                "title": {
                    "text": _("Check and send your answers")
                    if offered("assessment.send")
                    else _("Check your answers")
                },
                "href": url_of(assessment, routing.Destination(routing.CHECK)) if complete else None,
                "status": (
                    {"tag": {"text": _("Ready to check"), "classes": ""}}
                    if complete
                    else {
                        "text": _("Cannot start yet"),
                        "classes": "govuk-task-list__status--cannot-start-yet",
                    }
                ),
            }
        )
    return render_template(
        "assessment/task-list.html",
        assessment=assessment,
        changes=changes,
        items=items,
        sections=len(q.sections),
        name=acting_for_name(assessment),
        answering_again=answering_again(assessment),
    )


def answering_again(assessment: Assessment) -> bool:
    """The form is a reassessment: it started from the answers of the form sent before."""
    return assessment.previous_assessment_id is not None


class DraftAnswers:
    """A draft form's answers, kept in the database (see `asking.Answers`)."""

    keeps_more = True

    def __init__(self, assessment: Assessment):
        self.assessment = assessment
        self.questionnaire = questionnaire_of(assessment)
        self.name = acting_for_name(assessment)
        self.list_url = url_for("assessment.task_list", public_id=assessment.public_id)
        self.answering_again = answering_again(assessment)

    def all(self) -> dict[str, str]:
        return store.answers_of(self.assessment)

    def saved(self, question_id: str) -> tuple[str, str | None] | None:
        found = store.saved_answer(self.assessment, question_id)
        return (found.value, found.more) if found else None

    def save(self, question_id: str, value: str, more: str | None) -> None:
        store.save_answer(self.assessment, question_id, value, more, current_user().id)

    def url_of(self, to: routing.Destination) -> str:
        return url_of(self.assessment, to)


@bp.route("/<public_id>/questions/<question_id>", methods=["GET", "POST"])
@draft_only()
def question(assessment: Assessment, question_id: str):
    return question_page(DraftAnswers(assessment), question_id)


@bp.get("/<public_id>/check")
@draft_only()
def check(assessment: Assessment):
    answers = store.answers_of(assessment)
    q = questionnaire_of(assessment)
    name = acting_for_name(assessment)
    # A changed answer can bring in a question that was skipped before. If it has no answer yet, the page
    # says which question it is and links to it, and the form cannot be sent until it is answered.
    counted, more = ras.relevant_answers(q, answers), store.more_of(assessment)
    missing = [
        {
            "title": question_words(q, qid, "title", name, counted),
            "href": url_of(assessment, routing.Destination(routing.QUESTION, qid, changing=True)),
        }
        for qid in routing.missing(q, answers)
    ]
    sections = []
    for section in q.sections:
        rows = [
            {
                "question": question_words(q, qid, "title", name, counted),
                "answer": answer_field(q.questions[qid]).shown(
                    q.questions[qid], counted[qid], name, q.text_key, counted
                ),
                "more": more.get(qid),
                "href": url_of(assessment, routing.Destination(routing.QUESTION, qid, changing=True)),
            }
            for qid in section.question_ids
            if qid in counted
        ]
        if rows:
            sections.append({"title": content_text(q.text_key(f"sections.{section.id}.title")), "rows": rows})
    return render_template(
        "assessment/check.html",
        assessment=assessment,
        sections=sections,
        name=name,
        authority=_authority(assessment),
        missing=missing,
        page_errors=[
            {"text": _("Answer this question: %(question)s", question=m["title"]), "href": m["href"]}
            for m in missing
        ]
        if offered("assessment.question")
        else [],
    )


def _authority(assessment: Assessment) -> Grant | None:
    if g.get("basis") == "self":
        return None
    return store.authority(current_user().id, assessment.person_id)


pages.register(bp)

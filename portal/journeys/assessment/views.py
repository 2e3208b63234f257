"""The self-assessment: who it is for, a task list, one question per page, check and send."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal import ras
from portal.access import audit, current_user, load_assessment, login_required
from portal.i18n import person_text
from portal.journeys.assessment.forms import (
    DeclarationForm,
    DeleteForm,
    ForWhomForm,
    SomeoneElseForm,
    question_form,
)
from portal.store import db, once
from portal.store.models import Assessment, Authority, Calculation, utcnow

bp = Blueprint("assessment", __name__, url_prefix="/assessments")


def config() -> ras.Config:
    return current_app.extensions["ras_config"]


def questionnaire() -> ras.Questionnaire:
    return config().questionnaire


def acting_for_name(assessment: Assessment) -> str | None:
    """The person's name when someone else fills the form in for them; None when it is their own."""
    return None if g.get("basis") == "self" else assessment.person.name


def answers_of(assessment: Assessment) -> dict[str, str]:
    return {answer.question_id: answer.value for answer in assessment.answers}


def draft_only(post_action: str = "change"):
    """Load the assessment the URL names (access-checked and audited). A sent one is no longer a draft:
    its pages lead to the budget instead, so nothing sent can be changed."""

    def decorate(view):
        @wraps(view)
        def wrapper(public_id: str, **kwargs):
            assessment = load_assessment(public_id, "view" if request.method == "GET" else post_action)
            if assessment.submitted:
                return redirect(url_for("budget.show", public_id=public_id))
            return view(assessment, **kwargs)

        return login_required(wrapper)

    return decorate


def reachable(answers: dict[str, str], question_id: str) -> bool:
    """A question can be opened when it applies and the questions before it in its section are answered.
    Sections can be done in any order, as the task list pattern allows."""
    q = questionnaire()
    path = ras.path(q, answers)
    if question_id not in path:
        return False
    section = q.sections[[s.id for s in q.sections].index(q.questions[question_id].section)]
    earlier = [qid for qid in section.question_ids if qid in path]
    earlier = earlier[: earlier.index(question_id)]
    return all(qid in answers for qid in earlier)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = ForWhomForm()
    if form.validate_on_submit():
        if form.for_whom.data == "someone_else":
            return redirect(url_for("assessment.someone_else"))
        return _started(once.start_own_form(current_user(), config().version))  # 20 clicks: one form
    return render_template("assessment/for-whom.html", form=form)


@bp.route("/new/someone-else", methods=["GET", "POST"])
@login_required
def someone_else():
    form = SomeoneElseForm()
    if form.validate_on_submit():
        return _started(once.start_form_for_someone(current_user(), config().version, basis=form.basis.data,
                        name=form.person_name.data.strip(), relationship=form.relationship.data.strip()))
    return render_template("assessment/someone-else.html", form=form)


def _started(assessment: Assessment):
    return redirect(url_for("assessment.task_list", public_id=assessment.public_id))


@bp.get("/<public_id>")
@draft_only()
def task_list(assessment: Assessment):
    answers = answers_of(assessment)
    q = questionnaire()
    path = ras.path(q, answers)
    sections = []
    for section_id, status in ras.section_status(q, answers):
        section = next(s for s in q.sections if s.id == section_id)
        on_path = [qid for qid in section.question_ids if qid in path]
        target = next((qid for qid in on_path if qid not in answers), on_path[0] if on_path else None)
        sections.append({"id": section_id, "status": status, "first": target})
    return render_template("assessment/task-list.html", assessment=assessment, sections=sections,
                           complete=ras.is_complete(q, answers), name=acting_for_name(assessment))


@bp.route("/<public_id>/questions/<question_id>", methods=["GET", "POST"])
@draft_only()
def question(assessment: Assessment, question_id: str):
    public_id = assessment.public_id
    q = questionnaire()
    if question_id not in q.questions:
        abort(404)
    answers = answers_of(assessment)
    if not reachable(answers, question_id):
        return redirect(url_for("assessment.task_list", public_id=public_id))
    the_question = q.questions[question_id]
    name = acting_for_name(assessment)
    required = person_text(f"questions.{question_id}.error", name)
    saved = next((a for a in assessment.answers if a.question_id == question_id), None)
    changing = request.args.get("change") == "1"
    if request.method == "POST":
        form = question_form(the_question, required, formdata=request.form)
        if form.validate():
            field = form[question_id]
            value = field.iso() if the_question.kind == "date" else field.data
            _save_answer(assessment, saved, question_id, value, (form.more.data or "").strip() or None)
            answers[question_id] = value
            return redirect(_after(assessment, answers, question_id, changing))
    else:
        form = question_form(the_question, required,
                             data={question_id: saved.value, "more": saved.more} if saved else None)
    previous = ras.previous_question(q, answers, question_id)
    if changing:
        back = url_for("assessment.check", public_id=public_id)
    elif previous:
        back = url_for("assessment.question", public_id=public_id, question_id=previous)
    else:
        back = url_for("assessment.task_list", public_id=public_id)
    return render_template("assessment/question.html", assessment=assessment, question=the_question, form=form,
                           field=form[question_id], name=name, back=back, changing=changing)


def _save_answer(assessment, saved, question_id, value, more) -> None:
    once.save_answer(assessment, question_id, value, more, current_user().id)  # sent twice at once: one answer


def _after(assessment: Assessment, answers: dict[str, str], question_id: str, changing: bool) -> str:
    q = questionnaire()
    public_id = assessment.public_id
    if changing:
        # A changed answer can bring in a question that was skipped before: ask it, then go back.
        gap = ras.first_unanswered(q, answers)
        if gap:
            return url_for("assessment.question", public_id=public_id, question_id=gap, change=1)
        return url_for("assessment.check", public_id=public_id)
    following = ras.next_question(q, answers, question_id)
    if following and reachable(answers, following):
        return url_for("assessment.question", public_id=public_id, question_id=following)
    if ras.is_complete(q, answers):
        return url_for("assessment.check", public_id=public_id)
    return url_for("assessment.task_list", public_id=public_id)


@bp.get("/<public_id>/check")
@draft_only()
def check(assessment: Assessment):
    answers = answers_of(assessment)
    q = questionnaire()
    name = acting_for_name(assessment)
    # A changed answer can bring in a question that was skipped before. If it has no answer yet, the page
    # says which question it is and links to it, and the form cannot be sent until it is answered.
    missing = [{"title": person_text(f"questions.{qid}.title", name),
                "href": url_for("assessment.question", public_id=assessment.public_id, question_id=qid, change=1)}
               for qid in ras.path(q, answers) if qid not in answers and reachable(answers, qid)]
    return render_template("assessment/check.html", assessment=assessment, answers=ras.relevant_answers(q, answers),
                           more={a.question_id: a.more for a in assessment.answers if a.more},
                           name=name, authority=_authority(assessment), missing=missing,
                           page_errors=[{"text": _("Answer this question: %(question)s", question=m["title"]),
                                         "href": m["href"]} for m in missing])


def _authority(assessment: Assessment) -> Authority | None:
    if g.get("basis") == "self":
        return None
    return db().scalar(select(Authority).where(Authority.user_id == current_user().id,
                                               Authority.person_id == assessment.person_id))


@bp.route("/<public_id>/send", methods=["GET", "POST"])
@draft_only("send")  # sending twice (a double click, the back button, a retry) lands on the same budget
def send(assessment: Assessment):
    public_id = assessment.public_id
    answers = answers_of(assessment)
    q = questionnaire()
    if not ras.is_complete(q, answers):
        return redirect(url_for("assessment.check", public_id=public_id))  # it says which question is missing
    form = DeclarationForm()
    if form.validate_on_submit():
        _submit(assessment, answers)
        return redirect(url_for("budget.show", public_id=public_id))
    return render_template("assessment/send.html", assessment=assessment, form=form,
                           name=acting_for_name(assessment))


def _submit(assessment: Assessment, answers: dict[str, str]) -> None:
    calculation = ras.calculate(config(), answers)
    session = db()
    claimed = session.execute(
        update(Assessment).where(Assessment.id == assessment.id, Assessment.status == "draft")
        .values(status="submitted", submitted_at=utcnow(), submitted_by_id=current_user().id,
                config_version=calculation.config_version)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return
    session.add(Calculation(assessment_id=assessment.id, config_version=calculation.config_version,
                            answers=ras.relevant_answers(questionnaire(), answers), result=calculation.to_dict(),
                            weekly_pence=calculation.weekly_pence, yearly_pence=calculation.yearly_pence))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
    audit(current_user(), assessment.person, "send", f"assessment:{assessment.public_id}", g.basis)


@bp.route("/<public_id>/delete", methods=["GET", "POST"])
@draft_only("delete")
def delete(assessment: Assessment):
    """Delete a form that has not been sent. Sent forms are the council's record and stay."""
    form = DeleteForm()
    if form.validate_on_submit():
        if form.delete.data == "yes":
            db().delete(assessment)
            db().commit()
            return redirect(url_for("account.home", deleted=1))
        return redirect(url_for("account.home"))
    return render_template("assessment/delete.html", assessment=assessment, form=form,
                           name=acting_for_name(assessment))

"""The council's side: a work list for each staff role, a case page, and the answers.

Every page is for active staff only, and a case is shown only to the staff its role and
assignment allow (`roles.may_see`); anything else is "Page not found". Every look at a case and
every answer is written to the audit log.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from sqlalchemy import select

from portal.clock import today
from portal.journeys.disagree import forms, service
from portal.journeys.disagree.views import step_text
from portal.journeys.staff.roles import basis, load_case_for_staff, may_see, staff_required
from portal.ras import Calculation
from portal.ras import disagreement as rules
from portal.store import db
from portal.store.disagreement_models import Disagreement

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.record_once
def _setup(state) -> None:
    from portal.journeys.staff import cli
    from portal.journeys.staff.roles import is_staff

    state.app.jinja_env.globals["is_staff"] = is_staff
    state.app.cli.add_command(cli.staff_add)
    state.app.cli.add_command(cli.staff_assign)

def _actor() -> service.Actor:
    return service.Actor(g.staff.user, g.staff.role, basis(g.staff))


def _render(template: str, status: int = 200, **context):
    config = current_app.extensions["ras_config"]
    return render_template(template, staff=g.staff, today=today(), route=config.disagreement,
                           step_text=step_text, **context), status


@bp.get("")
@staff_required
def work_list():
    """The cases waiting at this role's step, the soonest due first, late ones marked."""
    member = g.staff
    waiting = [state for state in rules.STATES if rules.staff_step(state) == member.role]
    cases = db().scalars(select(Disagreement).where(Disagreement.state.in_(waiting))).all()
    rows = []
    for case in cases:
        if not may_see(member, case):
            continue
        step = service.current_step(case)
        due = step.due_on
        if case.state == rules.COMPLAINT_WAITING:
            due = min(step.acknowledge_due_on, step.due_on)
        rows.append({"case": case, "step": step, "due": due, "late": rules.is_overdue(due, today()),
                     "task": _task(case)})
    rows.sort(key=lambda row: (row["due"], row["case"].id))
    letters = [letter for found in service.cases_with_letters() if may_see(member, found)
               for letter in service.letters_to_post(found) if letter.role == member.role]
    return _render("staff/work-list.html", rows=rows, letters=letters, posted=bool(request.args.get("posted")))


def _task(case: Disagreement) -> str:
    return {
        rules.CARE_MANAGER_WAITING: "answer",
        rules.TEAM_MANAGER_WAITING: "answer",
        rules.COMPLAINT_WAITING: "acknowledge",
        rules.COMPLAINT_ACKNOWLEDGED: "answer_complaint",
    }.get(case.state, "")


@bp.get("/cases/<reference>")
@staff_required
def case(reference: str):
    found = load_case_for_staff(reference)
    calculation = Calculation.from_dict(found.assessment.calculation.result)
    moves = rules.moves_open(service.facts_of(found), g.staff.role, today())
    return _render("staff/case.html", case=found, calc=calculation, moves=moves,
                   step_record=service.current_step(found), agreed=service.agreed_amount(found),
                   weeks_per_year=current_app.extensions["ras_config"].weeks_per_year)


def _cannot(found: Disagreement, refused: rules.Verdict, status: int):
    return _render("staff/cannot.html", status=status, case=found, verdict=refused,
                   step_record=service.current_step(found))


def _answer_page(reference: str, form_class, template: str, move_for, save):
    found = load_case_for_staff(reference, "staff_view" if request.method == "GET" else "staff_answer")
    if request.method == "POST":
        form = form_class(**({"today": today()} if form_class is forms.AnswerForm else {}))
        if form.validate_on_submit():
            try:
                save(found, form)
            except service.AlreadySent:
                pass
            except service.Refused as refused:
                return _cannot(found, refused.verdict, 409)
            return redirect(url_for("staff.case", reference=reference, sent=1))
        form.fresh()
        status = 200
    else:
        form = form_class(formdata=None, **({"today": today()} if form_class is forms.AnswerForm else {}))
        form.send_token.data = forms.new_token()
        status = 200
    # Whatever the form says, the rules decide: a closed step shows why, and nothing changes.
    verdict = service.verdict(found, move_for(form), g.staff.role, today())
    if not verdict.allowed:
        return _cannot(found, verdict, 409 if request.method == "POST" else 200)
    return _render(template, status=status, case=found, form=form, step_record=service.current_step(found),
                   opens=service.opening_dates(found, today()))


@bp.route("/cases/<reference>/answer", methods=["GET", "POST"])
@staff_required(roles=(rules.CARE_MANAGER, rules.TEAM_MANAGER))
def answer(reference: str):
    """A care manager's or team manager's answer."""
    def save(found, form):
        service.staff_answer(found, form.decision.data, _actor(), today(), form.send_token.data,
                             text=form.message.data.strip(), weekly_pence=form.pence, meeting=form.meeting())

    return _answer_page(reference, forms.AnswerForm, "staff/answer.html",
                        lambda form: form.decision.data if form.decision.data in service.STAFF_ANSWERS
                        else rules.KEEP_AMOUNT, save)


@bp.route("/cases/<reference>/acknowledge", methods=["GET", "POST"])
@staff_required(roles=(rules.COMPLAINTS_OFFICER,))
def acknowledge(reference: str):
    return _answer_page(reference, forms.AcknowledgeForm, "staff/acknowledge.html",
                        lambda form: rules.ACKNOWLEDGE,
                        lambda found, form: service.acknowledge(found, _actor(), today(), form.send_token.data,
                                                                form.message.data.strip()))


@bp.route("/cases/<reference>/final-answer", methods=["GET", "POST"])
@staff_required(roles=(rules.COMPLAINTS_OFFICER,))
def answer_complaint(reference: str):
    return _answer_page(reference, forms.ComplaintAnswerForm, "staff/answer-complaint.html",
                        lambda form: rules.ANSWER_COMPLAINT,
                        lambda found, form: service.answer_complaint(found, _actor(), today(), form.send_token.data,
                                                                     outcome=form.outcome.data,
                                                                     text=form.message.data.strip()))


@bp.route("/cases/<reference>/letters/<int:entry_id>", methods=["GET", "POST"])
@staff_required
def letter(reference: str, entry_id: int):
    """A letter to post to a person who asked for letters: where to, and what it says."""
    found = load_case_for_staff(reference, "staff_view" if request.method == "GET" else service.LETTER_POSTED)
    letter = next((letter for letter in service.letters_to_post(found)
                   if letter.entry.id == entry_id and letter.role == g.staff.role), None)
    if letter is None:
        posted = any(entry.kind == service.LETTER_POSTED and entry.details.get("for_entry") == entry_id
                     for entry in found.entries)
        if posted:
            return redirect(url_for("staff.work_list", posted=1))
        abort(404)
    if request.method == "POST":
        form = forms.LetterPostedForm()
        if form.validate_on_submit():
            try:
                service.letter_posted(found, entry_id, _actor(), today(), form.send_token.data)
            except service.AlreadySent:
                pass
            return redirect(url_for("staff.work_list", posted=1))
        form.fresh()
    else:
        form = forms.LetterPostedForm(formdata=None)
        form.send_token.data = forms.new_token()
    return _render("staff/letter.html", case=found, letter=letter, form=form,
                   step_record=service.current_step(found))

"""If you think your budget is not right: the step-by-step route, from your care manager to the
Ombudsman, and a timeline of everything sent and answered.

Views stay thin: load the assessment (404 for anyone without a right to it), call the service,
redirect. What may happen when is decided by `portal.ras.disagreement`.
"""

from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from portal.access import current_user, load_assessment, login_required
from portal.clock import today
from portal.i18n import content_text
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.disagree import forms, service
from portal.journeys.disagree.plan_hook import plan_gap_for
from portal.ras import disagreement as rules

bp = Blueprint("disagree", __name__, url_prefix="/assessments")

SENT_KINDS = ("raise", "add_information", "request_advocate", "escalate", "complain", "close")


def _load(public_id: str, action: str = "view"):
    assessment = load_assessment(public_id, action)
    if not assessment.submitted or assessment.calculation is None:
        return assessment, None
    return assessment, service.disagreement_for(assessment)


def _not_sent(public_id: str):
    return redirect(url_for("budget.show", public_id=public_id))


def _actor() -> service.Actor:
    return service.Actor(current_user(), rules.PERSON, g.basis)


def step_text(step: str, name: str, person: str | None = None) -> str:
    """One of the council's texts for a step; the "how long" text is filled in from the time limits.
    With `person` (someone fills in for them), the council's words about that person, where it has them."""
    config = current_app.extensions["ras_config"]
    limits = config.disagreement.limits
    fill = {}
    if name == "how_long":
        fill = {
            "care_manager": {"days": limits.care_manager_working_days},
            "team_manager": {"days": limits.team_manager_working_days},
            "complaint": {"acknowledge_days": limits.complaint_acknowledge_working_days,
                          "days": limits.complaint_answer_working_days},
            "ombudsman": {"weeks": limits.ombudsman_after_weeks, "months": limits.ombudsman_within_months},
        }.get(step, {})
    about_them = f"disagreement.someone_else.{step}.{name}"
    if person and about_them in config.texts["en"]:
        return content_text(about_them, name=person, **fill)
    return content_text(f"disagreement.steps.{step}.{name}", **fill)


def _progress(case, here: str | None, gap) -> dict[str, str]:
    """For each step of the guide: todo, current, current_waiting, waiting, done or asked.

    Only the step the person is on is "current" (or "current_waiting" when it waits for an answer), so
    the guide says "You are here" once: a complaint still waiting when the Ombudsman opens is "waiting".
    """
    status = {step: "todo" for step in rules.STEPS}
    if gap is not None:
        status[rules.STEP_PLAN] = "done"
    if case is not None:
        for kind in (rules.STEP_CARE_MANAGER, rules.STEP_TEAM_MANAGER, rules.STEP_COMPLAINT):
            step = case.step(kind)
            if step is not None:
                status[kind] = "done" if (step.answered_on or step.left_on) else "waiting"
        if case.advocate_requested_on:
            status[rules.STEP_ADVOCATE] = "asked"
    if here is not None:
        status[here] = "current_waiting" if status[here] == "waiting" else "current"
    return status


def _page(template: str, assessment, case, status: int = 200, **context):
    config = current_app.extensions["ras_config"]
    name = acting_for_name(assessment)
    return render_template(
        template, assessment=assessment, case=case, name=name, today=today(),
        step_text=partial(step_text, person=name),
        route=config.disagreement, weeks_per_year=config.weeks_per_year,
        agreed=service.agreed_amount(case), ombudsman_open=service.ombudsman_open(case, today()),
        opens=service.opening_dates(case, today()), **context,
    ), status


def _cannot(assessment, case, found: rules.Verdict, move: str, status: int):
    """Why this cannot be done now, and what can. Nothing was changed."""
    return _page("disagree/cannot.html", assessment, case, status=status, verdict=found, move=move,
                 step_record=service.current_step(case),
                 first=rules.comes_first(case.state if case else None, move) if found.reason == rules.NOT_NOW else None)


def _sent(assessment, what: str):
    return redirect(url_for("disagree.sent", public_id=assessment.public_id, what=what))


@bp.get("/<public_id>/disagree")
@login_required
def start(public_id: str):
    assessment, case = _load(public_id)
    if assessment.calculation is None:
        return _not_sent(public_id)
    gap = plan_gap_for(assessment)
    state = case.state if case else rules.NOT_STARTED
    here = rules.current_step(state, has_plan=gap is not None,
                              ombudsman_is_open=service.ombudsman_open(case, today()))
    moves = rules.moves_open(service.facts_of(case), rules.PERSON, today())
    return _page("disagree/route.html", assessment, case, gap=gap, here=here, moves=moves,
                 steps=rules.STEPS, step_record=service.current_step(case), progress=_progress(case, here, gap))


@bp.route("/<public_id>/disagree/care-manager", methods=["GET", "POST"])
@login_required
def raise_request(public_id: str):
    assessment, case = _load(public_id, "view" if request.method == "GET" else "disagree")
    if assessment.calculation is None:
        return _not_sent(public_id)
    found = service.verdict(case, rules.RAISE, rules.PERSON, today())
    if request.method == "POST":
        form = forms.RaiseForm().about(acting_for_name(assessment))
        if form.validate_on_submit():
            try:
                service.raise_disagreement(assessment, _actor(), today(), form.send_token.data,
                                           reason=form.reason.data.strip(), weekly_pence=form.pence,
                                           talk=form.talk.data, contact=form.contact())
            except service.AlreadySent:
                pass
            except service.Refused as refused:
                return _cannot(assessment, case, refused.verdict, rules.RAISE, 409)
            return _sent(assessment, "raise")
        if not found.allowed:
            return _cannot(assessment, case, found, rules.RAISE, 409)
        form.fresh()
    else:
        if not found.allowed:
            return _cannot(assessment, case, found, rules.RAISE, 200)
        gap = plan_gap_for(assessment)
        # The plan's cost is put in the box only when it is more than the budget: never ask for less.
        prefill = gap.plan_weekly_pence if gap is not None and gap.costs_more else None
        form = forms.RaiseForm(formdata=None, amount=forms.pounds_text(prefill))
        form.about(acting_for_name(assessment))
        form.send_token.data = forms.new_token()
    return _page("disagree/raise.html", assessment, case, form=form, gap=plan_gap_for(assessment),
                 due=rules.care_manager_due(service.route_config().limits, today()))


@bp.get("/<public_id>/disagree/sent")
@login_required
def sent(public_id: str):
    assessment, case = _load(public_id)
    what = request.args.get("what")
    if case is None or what not in SENT_KINDS:
        return redirect(url_for("disagree.start", public_id=public_id))
    return _page("disagree/sent.html", assessment, case, what=what, step_record=service.current_step(case),
                 post_to=service.postal_address(case))


def _about(form, assessment):
    """A form that asks about the person: by name when someone fills it in for them."""
    return form.about(acting_for_name(assessment)) if hasattr(form, "about") else form


def _simple(public_id: str, move: str, form_class, template: str, save, loaded=None, **extra):
    """A page with a form for one move: shown when the move is open, refused clearly when it is not."""
    assessment, case = loaded or _load(public_id, "view" if request.method == "GET" else move)
    if case is None:
        return redirect(url_for("disagree.start", public_id=public_id))
    found = service.verdict(case, move, rules.PERSON, today())
    if request.method == "POST":
        form = _about(form_class(), assessment)
        if form.validate_on_submit():
            try:
                save(case, form)
            except service.AlreadySent:
                pass
            except service.Refused as refused:
                return _cannot(assessment, case, refused.verdict, move, 409)
            return _sent(assessment, move)
        form.fresh()
        if not found.allowed:
            return _cannot(assessment, case, found, move, 409)
    else:
        if not found.allowed:
            return _cannot(assessment, case, found, move, 200)
        form = _about(form_class(formdata=None), assessment)
        form.send_token.data = forms.new_token()
    return _page(template, assessment, case, form=form, step_record=service.current_step(case),
                 **{key: value(case) if callable(value) else value for key, value in extra.items()})


@bp.route("/<public_id>/disagree/add", methods=["GET", "POST"])
@login_required
def add_information(public_id: str):
    return _simple(public_id, rules.ADD_INFORMATION, forms.MoreForm, "disagree/add.html",
                   lambda case, form: service.add_information(case, _actor(), today(), form.send_token.data,
                                                              form.text.data.strip()))


@bp.route("/<public_id>/disagree/advocate", methods=["GET", "POST"])
@login_required
def advocate(public_id: str):
    assessment, case = _load(public_id, "view" if request.method == "GET" else rules.REQUEST_ADVOCATE)
    if case is None:
        # The contacts help before anything is sent too; asking us to find an advocate comes with the case.
        if assessment.calculation is None:
            return _not_sent(public_id)
        if request.method == "POST":
            return _cannot(assessment, case, rules.Verdict(False, rules.NOT_NOW), rules.REQUEST_ADVOCATE, 409)
        return _page("disagree/advocate.html", assessment, case, form=None)
    return _simple(public_id, rules.REQUEST_ADVOCATE, forms.AdvocateForm, "disagree/advocate.html",
                   lambda case, form: service.request_advocate(case, _actor(), today(), form.send_token.data,
                                                               (form.note.data or "").strip() or None),
                   loaded=(assessment, case))


@bp.route("/<public_id>/disagree/team-manager", methods=["GET", "POST"])
@login_required
def escalate(public_id: str):
    return _simple(public_id, rules.ESCALATE, forms.EscalateForm, "disagree/escalate.html",
                   lambda case, form: service.escalate(case, _actor(), today(), form.send_token.data,
                                                       reason=form.reason.data.strip(), weekly_pence=form.pence),
                   due=lambda case: rules.team_manager_due(service.route_config().limits, today()))


@bp.route("/<public_id>/disagree/complaint", methods=["GET", "POST"])
@login_required
def complain(public_id: str):
    limits = current_app.extensions["ras_config"].disagreement.limits
    return _simple(public_id, rules.COMPLAIN, forms.ComplaintForm, "disagree/complaint.html",
                   lambda case, form: service.complain(case, _actor(), today(), form.send_token.data,
                                                       complaint=form.complaint.data.strip(),
                                                       put_right=form.put_right.data.strip()),
                   acknowledge_due=rules.complaint_acknowledge_due(limits, today()),
                   due=rules.complaint_answer_due(limits, today()))


@bp.route("/<public_id>/disagree/close", methods=["GET", "POST"])
@login_required
def close(public_id: str):
    return _simple(public_id, rules.CLOSE, forms.CloseForm, "disagree/close.html",
                   lambda case, form: service.close(case, _actor(), today(), form.send_token.data,
                                                    (form.note.data or "").strip() or None))


@bp.get("/<public_id>/disagree/timeline")
@login_required
def timeline(public_id: str):
    assessment, case = _load(public_id)
    if case is None:
        return redirect(url_for("disagree.start", public_id=public_id))
    moves = rules.moves_open(service.facts_of(case), rules.PERSON, today())
    return _page("disagree/timeline.html", assessment, case, moves=moves, step_record=service.current_step(case))


@bp.get("/<public_id>/disagree/ombudsman")
@login_required
def ombudsman(public_id: str):
    assessment, case = _load(public_id)
    if case is None:
        return redirect(url_for("disagree.start", public_id=public_id))
    if not service.ombudsman_open(case, today()):
        return _cannot(assessment, case, rules.Verdict(False, rules.NOT_NOW), "ombudsman", 200)
    limits = service.route_config().limits
    complaint = case.step(rules.STEP_COMPLAINT)
    return _page("disagree/ombudsman.html", assessment, case, complaint=complaint,
                 go_by=rules.ombudsman_go_by(limits, case.raised_on), step_record=service.current_step(case))

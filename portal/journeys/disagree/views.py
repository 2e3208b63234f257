"""If you think your budget is not right: the step-by-step route, from your care manager to the
Ombudsman, and a timeline of everything sent and answered.

The pages are declared, not written: each page id is its URL's last part, its endpoint
(`disagree.<page id>`) and its template (`disagree/<page id>.html`), and names the rules move its form
makes. The one generic view (`portal.journeys.pages`) shows, checks, asks the rules, saves once and
moves on. What may happen when is decided by `portal.ras.disagreement`; what a page shows comes from
one view model (`view_models.DisagreementView`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from portal.access import current_user, load_assessment, login_required
from portal.clock import today
from portal.content import config
from portal.i18n import content_text, person_text
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.disagree import forms, service
from portal.journeys.disagree.amounts import budget_in_force
from portal.journeys.disagree.plan_hook import plan_gap_for
from portal.journeys.disagree.view_models import DisagreementView
from portal.journeys.pages import Allowed, Journey, Page, Refused, Verdict
from portal.ras import disagreement as rules
from portal.store.disagreement_models import Disagreement
from portal.store.models import SEE, SEND, Assessment

bp = Blueprint("disagree", __name__, url_prefix="/assessments")

AT = "/<public_id>/disagree"
# Pages shown before anything is sent; every other page needs a disagreement, and goes to the route without.
BEFORE_A_DISAGREEMENT = ("route", "step", "care-manager", "advocate")
# What a person's form stores, by its move: each takes (case, actor, today, token, **form.values()).
MOVES: Mapping[str, Callable[..., None]] = {
    rules.ADD_INFORMATION: service.add_information,
    rules.REQUEST_ADVOCATE: service.request_advocate,
    rules.ESCALATE: service.escalate,
    rules.COMPLAIN: service.complain,
    rules.CLOSE: service.close,
}
SENT_KINDS = (rules.RAISE, *MOVES)


def step_text(step: str, name: str, person: str | None = None) -> str:
    """One of the council's texts for a step; the "how long" text is filled in from the time limits.
    With `person` (someone fills in for them), the council's words about that person, where it has them."""
    council = config()
    limits = council.disagreement.limits
    fill = {}
    if name == "how_long":
        fill = {
            "care_manager": {"days": limits.care_manager_working_days},
            "team_manager": {"days": limits.team_manager_working_days},
            "complaint": {
                "acknowledge_days": limits.complaint_acknowledge_working_days,
                "days": limits.complaint_answer_working_days,
            },
            "ombudsman": {"weeks": limits.ombudsman_after_weeks, "months": limits.ombudsman_within_months},
        }.get(step, {})
    about_them = f"disagreement.someone_else.{step}.{name}"
    if person and f"{about_them}.other" in council.texts["en"]:
        return person_text(about_them, person, **fill)  # "their", or "his" or "her" as they chose
    return content_text(f"disagreement.steps.{step}.{name}", **fill)


@dataclass(frozen=True)
class Here:
    """What a page of this journey works on: the budget, and its disagreement once there is one."""

    assessment: Assessment
    case: Disagreement | None
    name: str | None  # the person's name, when someone else fills in the forms for them


class Disagree(Journey[Here]):
    name = "disagree"
    decorators = (login_required,)
    pages = (
        Page("route", AT),
        Page("step", f"{AT}/steps/<step>"),  # one step of the route, in full: the route page is the overview
        Page("care-manager", f"{AT}/care-manager", form=forms.RaiseForm, move=rules.RAISE),
        Page("sent", f"{AT}/sent"),
        Page("add", f"{AT}/add", form=forms.MoreForm, move=rules.ADD_INFORMATION),
        Page("advocate", f"{AT}/advocate", form=forms.AdvocateForm, move=rules.REQUEST_ADVOCATE),
        Page("team-manager", f"{AT}/team-manager", form=forms.EscalateForm, move=rules.ESCALATE),
        Page("complaint", f"{AT}/complaint", form=forms.ComplaintForm, move=rules.COMPLAIN),
        Page("close", f"{AT}/close", form=forms.CloseForm, move=rules.CLOSE),
        Page("timeline", f"{AT}/timeline"),
        Page("ombudsman", f"{AT}/ombudsman", move=rules.GO_TO_OMBUDSMAN),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Here | Response:
        action = "view" if not posting else ("disagree" if page.move == rules.RAISE else page.move or "view")
        assessment = load_assessment(args["public_id"], action, SEND if posting else SEE)
        if assessment.calculation is None and page.id in BEFORE_A_DISAGREEMENT:
            return redirect(url_for("budget.show", public_id=assessment.public_id))
        sent = assessment.submitted and assessment.calculation is not None
        case = service.disagreement_for(assessment) if sent else None
        if (
            case is None
            and page.id not in BEFORE_A_DISAGREEMENT
            or (page.id == "sent" and request.args.get("what") not in SENT_KINDS)
        ):
            return redirect(url_for("disagree.route", public_id=assessment.public_id))
        return Here(assessment, case, acting_for_name(assessment))

    def verdict(self, page: Page, subject: Here, form: FlaskForm | None) -> Verdict:
        if page.move == rules.GO_TO_OMBUDSMAN:
            return rules.Verdict(service.ombudsman_open(subject.case, today()), rules.NOT_NOW)
        if page.move is None or (
            page.move == rules.REQUEST_ADVOCATE and subject.case is None and form is None
        ):
            return Allowed()  # the advocacy contacts help before anything is sent too
        return service.verdict(subject.case, page.move, rules.PERSON, today())

    def make_form(self, page: Page, subject: Here, posting: bool) -> FlaskForm:
        assert page.form is not None
        if posting:
            form = page.form()
        elif page.move == rules.RAISE:
            # The plan's cost is put in the box only when it is more than the budget: never ask for less.
            gap = plan_gap_for(subject.assessment)
            form = page.form(
                formdata=None,
                amount=forms.pounds_text(gap.plan_weekly_pence if gap and gap.costs_more else None),
            )
        else:
            form = page.form(formdata=None)
        about = getattr(form, "about", None)
        return about(subject.name) if about is not None else form

    def save(self, page: Page, subject: Here, form: FlaskForm) -> None:
        actor = service.Actor(current_user(), rules.PERSON, g.basis)
        token = form.send_token.data
        if page.move == rules.RAISE:
            service.raise_disagreement(subject.assessment, actor, today(), token, **form.values())
        elif subject.case is None:  # asking for an advocate comes with the disagreement
            raise Refused(rules.Verdict(False, rules.NOT_NOW))
        else:
            MOVES[page.move](subject.case, actor, today(), token, **form.values())

    def done(self, page: Page, subject: Here) -> str:
        return url_for("disagree.sent", public_id=subject.assessment.public_id, what=page.move)

    def context(self, page: Page, subject: Here, form: FlaskForm | None) -> dict[str, Any]:
        council = config()
        view = DisagreementView(
            subject.assessment, subject.case, subject.name, today(), request.args.get("what")
        )
        step = None
        if page.id == "step":
            wanted = (request.view_args or {}).get("step")
            step = next((s for s in view.steps if s.id == wanted), None)
            if step is None:
                abort(404)
        return {
            "step": step,
            "view": view,
            "assessment": subject.assessment,
            "case": subject.case,
            "name": subject.name,
            "step_text": partial(step_text, person=subject.name),
            # the contacts' words (the complaints team, the Ombudsman) in the page's language
            "route": council.disagreement.in_words(content_text),
            # once a plan is agreed, a disagreement is about the agreed budget (amounts.budget_in_force)
            "budget_weekly_pence": budget_in_force(subject.assessment)
            if subject.assessment.calculation
            else None,
        }

    def refuse(self, page: Page, subject: Here, verdict: Verdict, status: int) -> ResponseReturnValue:
        """Why this cannot be done now, and what can. Nothing was changed."""
        context = self.context(page, subject, None)
        reasons = context["view"].refusal(page.move, verdict)
        return render_template("disagree/cannot.html", page=page, reasons=reasons, **context), status


journey = Disagree()
journey.register(bp)

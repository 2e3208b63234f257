"""The indicative budget, exactly as it was worked out and stored, with how it was worked out."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for

from portal.access import load_assessment, login_required
from portal.journeys.assessment.service import rules_of
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.budget.page import budget_page
from portal.journeys.budget.summary import summary
from portal.journeys.disagree.service import agreed_amount, disagreement_for
from portal.journeys.plan.drafts import open_plan
from portal.journeys.plan.pdf import render_pdf
from portal.journeys.review.changes_view import what_changed
from portal.store import approvals
from portal.store import assessments as store

bp = Blueprint("budget", __name__, url_prefix="/assessments")


@bp.get("/<public_id>/budget")
@login_required
def show(public_id: str):
    assessment = load_assessment(public_id)
    if not assessment.submitted:
        return redirect(url_for("assessment.task_list", public_id=public_id))
    if assessment.calculation is None:  # a questionnaire that makes no budget: it has a sent page
        return redirect(url_for("assessment.sent", public_id=public_id))
    name = acting_for_name(assessment)
    disagreement = disagreement_for(assessment)
    page = budget_page(
        assessment,
        assessment.calculation,
        rules_of(assessment),
        name,
        agreed_amount(disagreement),
        store.plan_of(assessment.id),
    )
    return render_template(
        "budget/budget.html",
        assessment=assessment,
        page=page,
        calc=page.calc,
        name=name,
        disagreement=disagreement,
        agreed_budget=approvals.agreed_budget(assessment.id),  # the final budget, once a plan is agreed
        changes=what_changed(assessment, name),
    )


# --- the budget and plan on one page, in easy read ------------------------------------------------


def _summary_page(public_id: str, action: str):
    subject = open_plan(public_id, action, after_sent=True)
    if isinstance(subject, Response):
        return subject, None
    return subject, summary(subject, rules_of(subject.assessment))


@bp.get("/<public_id>/summary")
@login_required
def summary_page(public_id: str):
    """One page to print: the budget and the plan, in easy read, with pictures."""
    subject, found = _summary_page(public_id, "view")
    if found is None:
        return subject
    return render_template(
        "budget/summary.html", assessment=subject.assessment, name=subject.name, summary=found
    )


@bp.get("/<public_id>/summary.pdf")
@login_required
def summary_pdf(public_id: str):
    """The same page as a tagged PDF (PDF/UA-1), made as the support plan's PDF is."""
    subject, found = _summary_page(public_id, "download plan")
    if found is None:
        return subject
    html = render_template("budget/summary-pdf.html", name=subject.name, summary=found)
    return Response(
        render_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="budget-and-plan-easy-read.pdf"'},
    )

"""The indicative budget, exactly as it was worked out and stored, with how it was worked out."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from portal.access import load_assessment, login_required
from portal.content import config
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.budget.page import budget_page
from portal.journeys.disagree.service import agreed_amount, disagreement_for
from portal.journeys.review.changes_view import what_changed
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
        config(),
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
        changes=what_changed(assessment, name),
    )

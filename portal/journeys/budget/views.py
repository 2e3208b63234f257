"""The indicative budget, exactly as it was worked out and stored, with how it was worked out."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

from portal import ras
from portal.access import load_assessment, login_required
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.budget import words
from portal.journeys.disagree.service import agreed_amount, disagreement_for

bp = Blueprint("budget", __name__, url_prefix="/assessments")


@bp.get("/<public_id>/budget")
@login_required
def show(public_id: str):
    assessment = load_assessment(public_id)
    if not assessment.submitted or assessment.calculation is None:
        return redirect(url_for("assessment.task_list", public_id=public_id))
    stored = assessment.calculation
    calculation = ras.Calculation.from_dict(stored.result)
    config = current_app.extensions["ras_config"]
    disagreement = disagreement_for(assessment)
    agreed = agreed_amount(disagreement)
    return render_template("budget/budget.html", assessment=assessment, stored=stored, calc=calculation,
                           answers=stored.answers, name=acting_for_name(assessment), config=config,
                           current_version=config.version, disagreement=disagreement, agreed=agreed,
                           agreed_yearly_pence=agreed.agreed_weekly_pence * config.weeks_per_year if agreed else None,
                           family_help=words.family_help(calculation))

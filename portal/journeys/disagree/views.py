"""If you think your budget is wrong. The full route (care manager, advocate, team manager,
complaint, Ombudsman) is built on this page."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.access import load_assessment, login_required
from portal.journeys.assessment.views import acting_for_name

bp = Blueprint("disagree", __name__, url_prefix="/assessments")


@bp.get("/<public_id>/disagree")
@login_required
def start(public_id: str):
    assessment = load_assessment(public_id)
    return render_template("disagree/coming-soon.html", assessment=assessment, name=acting_for_name(assessment))

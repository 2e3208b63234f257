"""Your account: your own assessments, and those of the people you act for."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import or_, select

from portal.access import current_user, login_required
from portal.store import db
from portal.store.disagreement_models import Disagreement
from portal.store.models import Assessment, Authority, Person

bp = Blueprint("account", __name__)


@bp.get("/account")
@login_required
def home():
    user = current_user()
    acting_for = select(Authority.person_id).where(Authority.user_id == user.id)
    own = select(Person.id).where(Person.user_id == user.id)
    assessments = db().scalars(
        select(Assessment).where(or_(Assessment.person_id.in_(own), Assessment.person_id.in_(acting_for)))
        .order_by(Assessment.created_at.desc())
    ).all()
    people = db().scalars(select(Authority).where(Authority.user_id == user.id)).all()
    disagreements = {d.assessment_id: d for d in db().scalars(
        select(Disagreement).where(Disagreement.assessment_id.in_([a.id for a in assessments])))}
    return render_template("account/home.html", user=user, assessments=assessments, authorities=people,
                           disagreements=disagreements)

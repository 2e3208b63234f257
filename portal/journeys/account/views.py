"""Your account: your own assessments, and those of the people you act for."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template
from sqlalchemy import or_, select

from portal.access import audit, basis_for, current_user, login_required
from portal.store import db
from portal.store.disagreement_models import Disagreement
from portal.store.models import Assessment, Authority, Person

bp = Blueprint("account", __name__)


def _reachable_assessments(user) -> list[Assessment]:
    acting_for = select(Authority.person_id).where(Authority.user_id == user.id)
    own = select(Person.id).where(Person.user_id == user.id)
    return db().scalars(
        select(Assessment).where(or_(Assessment.person_id.in_(own), Assessment.person_id.in_(acting_for)))
        .order_by(Assessment.created_at.desc())
    ).all()


@bp.get("/account")
@login_required
def home():
    user = current_user()
    people = db().scalars(select(Authority).where(Authority.user_id == user.id)).all()
    assessments = _reachable_assessments(user)
    disagreements = {d.assessment_id: d for d in db().scalars(
        select(Disagreement).where(Disagreement.assessment_id.in_([a.id for a in assessments])))}
    return render_template("account/home.html", user=user, assessments=assessments, authorities=people,
                           disagreements=disagreements)


@bp.get("/account/your-information.json")
@login_required
def download():
    """Everything held about the signed-in person and the people they act for, as JSON."""
    user = current_user()
    assessments = _reachable_assessments(user)
    data = {
        "you": {"name": user.name, "email": user.email, "signed_in_with": user.issuer,
                "account_created": user.created_at.isoformat()},
        "people_you_act_for": [
            {"name": a.person.name, "relationship": a.relationship_to_person, "basis": a.basis,
             "recorded": a.recorded_at.isoformat()}
            for a in db().scalars(select(Authority).where(Authority.user_id == user.id))
        ],
        "forms": [],
    }
    for assessment in assessments:
        basis = basis_for(user, assessment.person)
        audit(user, assessment.person, "download", f"assessment:{assessment.public_id}", basis)
        entry = {
            "id": assessment.public_id, "for": "you" if basis == "self" else assessment.person.name,
            "status": assessment.status, "started": assessment.created_at.isoformat(),
            "sent": assessment.submitted_at.isoformat() if assessment.submitted_at else None,
            "answers": {a.question_id: {"answer": a.value, "tell_us_more": a.more} for a in assessment.answers},
        }
        if assessment.calculation is not None:
            entry["budget"] = {"config_version": assessment.calculation.config_version,
                               "worked_out": assessment.calculation.created_at.isoformat(),
                               "calculation": assessment.calculation.result}
        disagreement = db().scalar(select(Disagreement).where(Disagreement.assessment_id == assessment.id))
        if disagreement is not None:
            entry["disagreement"] = {
                "reference": disagreement.reference, "stage": disagreement.state,
                "steps": [{"step": s.kind, "sent": s.opened_on.isoformat(), "answer_due": s.due_on.isoformat(),
                           "answered": s.answered_on.isoformat() if s.answered_on else None,
                           "outcome": s.outcome, "agreed_weekly_pence": s.agreed_weekly_pence}
                          for s in disagreement.steps],
                "messages": [{"what": e.kind, "step": e.step_kind, "sent": e.sent_on.isoformat(),
                              "from": e.author_role, "text": e.text, "weekly_pence": e.weekly_pence,
                              "details": e.details}
                             for e in disagreement.entries],
            }
        data["forms"].append(entry)
    return Response(json.dumps(data, indent=2, ensure_ascii=False), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="your-information.json"'})

"""A form's questionnaire, and sending a form: for the self-assessment the rules work out the budget and
the store keeps it with the answers it used, once; a questionnaire without points is only sent."""

from __future__ import annotations

from flask import abort, g, url_for

from portal import ras
from portal.access import audit, current_user
from portal.content import config as council_config
from portal.journeys.staff.roles import assign_new_case
from portal.store import assessments as store
from portal.store.models import Assessment


def questionnaire_of(assessment: Assessment) -> ras.Questionnaire:
    """The questionnaire the form was started with (404 if the council has taken it out of content)."""
    questionnaire = council_config().questionnaires.get(assessment.questionnaire_id)
    if questionnaire is None:
        abort(404)
    return questionnaire


def rules_of(assessment: Assessment) -> ras.Config:
    """The rules that work out the form's budget: its questionnaire's own money rules (a carer's budget)
    or the council's. 404 if the council has taken the questionnaire out of content."""
    return council_config().rules_for(questionnaire_of(assessment).id)


def after_sending(assessment: Assessment) -> str:
    """Where a sent form's pages lead: its budget, or the sent page of a form that makes no budget."""
    if questionnaire_of(assessment).produces_budget:
        return url_for("budget.show", public_id=assessment.public_id)
    return url_for("assessment.sent", public_id=assessment.public_id)


def submit(assessment: Assessment, answers: dict[str, str]) -> bool:
    """Send a draft form, with its budget when its questionnaire makes one. False when it was sent
    already: nothing changes then."""
    config: ras.Config = council_config()
    questionnaire = questionnaire_of(assessment)
    user = current_user()
    assert user is not None, "sending needs someone signed in"
    # In demo mode the demo staff hold the case from the first form sent, so that it is on their case
    # list; saved with the form.
    assign_new_case(assessment.person)
    if questionnaire.produces_budget:
        # The questionnaire's own money rules when it has them (a carer's budget), else the council's.
        calculation = ras.calculate(config.rules_for(questionnaire.id), answers)
        sent = store.submit(
            assessment,
            user.id,
            calculation.config_version,
            ras.relevant_answers(questionnaire, answers),
            calculation.to_dict(),
            calculation.weekly_pence,
            calculation.yearly_pence,
        )
    else:
        sent = store.send(assessment, user.id, config.version)
    if sent:
        audit(user, assessment.person, "send", f"assessment:{assessment.public_id}", g.basis)
    return sent

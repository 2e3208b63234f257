"""Sending a form: the rules work out the budget, the store keeps it with the answers it used, once."""

from __future__ import annotations

from flask import g

from portal import ras
from portal.access import audit, current_user
from portal.content import config as council_config
from portal.store import assessments as store
from portal.store.models import Assessment


def submit(assessment: Assessment, answers: dict[str, str]) -> bool:
    """Send a draft form and store its budget. False when it was sent already: nothing changes then."""
    config: ras.Config = council_config()
    calculation = ras.calculate(config, answers)
    user = current_user()
    assert user is not None, "sending needs someone signed in"
    sent = store.submit(
        assessment,
        user.id,
        calculation.config_version,
        ras.relevant_answers(config.questionnaire, answers),
        calculation.to_dict(),
        calculation.weekly_pence,
        calculation.yearly_pence,
    )
    if sent:
        audit(user, assessment.person, "send", f"assessment:{assessment.public_id}", g.basis)
    return sent

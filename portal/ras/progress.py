"""How far a form has gone, from the first answer to a disagreement: one stage, for the account page.

Pure: the caller says what exists (is the form sent, the plan's status, the disagreement's state).
"""

from __future__ import annotations

from portal.ras.disagreement import CLOSED, NOT_STARTED

FORM_DRAFT = "form_draft"  # answers are being given; nothing is sent
BUDGET_READY = "budget_ready"  # the form is sent and the budget is worked out
PLAN_DRAFT = "plan_draft"  # a support plan is being made
PLAN_SENT = "plan_sent"  # the support plan is sent
DISAGREEMENT_OPEN = "disagreement_open"  # the person has said the budget is not right, and it is not closed
STAGES = (FORM_DRAFT, BUDGET_READY, PLAN_DRAFT, PLAN_SENT, DISAGREEMENT_OPEN)

PLAN_STATUS_DRAFT = "draft"
PLAN_STATUS_SENT = "submitted"


def stage(form_sent: bool, plan_status: str | None = None, disagreement_state: str | None = None) -> str:
    """The stage to show: an open disagreement first (it has answer dates), then the plan, then the form."""
    if not form_sent:
        return FORM_DRAFT
    if disagreement_state not in (None, NOT_STARTED, CLOSED):
        return DISAGREEMENT_OPEN
    if plan_status == PLAN_STATUS_SENT:
        return PLAN_SENT
    if plan_status == PLAN_STATUS_DRAFT:
        return PLAN_DRAFT
    return BUDGET_READY

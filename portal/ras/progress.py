"""How far a form has gone, from the first answer to a disagreement: one stage, for the account page.

Pure: the caller says what exists (is the form sent, the plan's status, the disagreement's state).
"""

from __future__ import annotations

from portal.ras.disagreement import CLOSED, NOT_STARTED

FORM_DRAFT = "form_draft"  # answers are being given; nothing is sent
BUDGET_READY = "budget_ready"  # the form is sent and the budget is worked out
PLAN_DRAFT = "plan_draft"  # a support plan is being made
PLAN_SENT = "plan_sent"  # the support plan is sent, and the council is deciding on it
PLAN_AGREED = "plan_agreed"  # the council agreed the plan and the final budget
DISAGREEMENT_OPEN = "disagreement_open"  # the person has said the budget is not right, and it is not closed
STAGES = (FORM_DRAFT, BUDGET_READY, PLAN_DRAFT, PLAN_SENT, PLAN_AGREED, DISAGREEMENT_OPEN)

PLAN_STATUS_DRAFT = "draft"
PLAN_STATUS_SENT = "submitted"
PLAN_STATUS_AGREED = "agreed"
# A plan returned for changes is being made again; one waiting for a team manager or a panel is sent.
PLAN_STATUSES_BEING_MADE = (PLAN_STATUS_DRAFT, "returned")


def stage(form_sent: bool, plan_status: str | None = None, disagreement_state: str | None = None) -> str:
    """The stage to show: an open disagreement first (it has answer dates), then the plan, then the form."""
    if not form_sent:
        return FORM_DRAFT
    if disagreement_state not in (None, NOT_STARTED, CLOSED):
        return DISAGREEMENT_OPEN
    if plan_status == PLAN_STATUS_AGREED:
        return PLAN_AGREED
    if plan_status in PLAN_STATUSES_BEING_MADE:
        return PLAN_DRAFT
    if plan_status is not None:
        return PLAN_SENT
    return BUDGET_READY

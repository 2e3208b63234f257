"""The stage a form has reached, as the account page shows it."""

from __future__ import annotations

import pytest

from portal.ras import disagreement as route
from portal.ras import progress


@pytest.mark.parametrize(
    "sent,plan,state,stage",
    [
        (False, None, None, progress.FORM_DRAFT),
        (True, None, None, progress.BUDGET_READY),
        (True, "draft", None, progress.PLAN_DRAFT),
        (True, "submitted", None, progress.PLAN_SENT),
        (True, None, route.CARE_MANAGER_WAITING, progress.DISAGREEMENT_OPEN),
        (True, "submitted", route.COMPLAINT_ANSWERED, progress.DISAGREEMENT_OPEN),
        (True, "submitted", route.CLOSED, progress.PLAN_SENT),
        (True, None, route.CLOSED, progress.BUDGET_READY),
    ],
)
def test_the_stage_of_a_form(sent, plan, state, stage):
    assert progress.stage(sent, plan, state) == stage

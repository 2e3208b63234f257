"""The one place the disagreement route asks about a support plan.

The support plan is its own feature. So that this route does not depend on how plans are stored,
the plan feature tells the app how to find a plan's total, by setting

    app.extensions["plan_total_provider"] = lambda assessment: PlanTotal(...) or None

(for example from its blueprint's `record` hook). Until it does, there is no plan: the route shows
"make a support plan" as the first step, and nothing is filled in from a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from portal.journeys.disagree.amounts import budget_in_force
from portal.store.models import Assessment


@dataclass(frozen=True)
class PlanTotal:
    """What the plan feature gives: the plan's cost and where to see it."""

    weekly_pence: int
    yearly_pence: int
    url: str | None = None


@dataclass(frozen=True)
class PlanGap:
    plan_weekly_pence: int
    plan_yearly_pence: int
    budget_weekly_pence: int
    url: str | None

    @property
    def gap_weekly_pence(self) -> int:
        """How much more the plan costs each week than the budget (less than 0 when it costs less)."""
        return self.plan_weekly_pence - self.budget_weekly_pence

    @property
    def costs_more(self) -> bool:
        """The plan costs more each week than the budget: only then is its cost a fair amount to ask for."""
        return self.gap_weekly_pence > 0


def plan_total_for(assessment: Assessment) -> PlanTotal | None:
    provider = current_app.extensions.get("plan_total_provider")
    return provider(assessment) if provider is not None else None


def plan_gap_for(assessment: Assessment) -> PlanGap | None:
    """The plan's total and its gap from the budget, when a plan exists; None until then."""
    total = plan_total_for(assessment)
    if total is None or assessment.calculation is None:
        return None
    return PlanGap(
        plan_weekly_pence=total.weekly_pence,
        plan_yearly_pence=total.yearly_pence,
        budget_weekly_pence=budget_in_force(assessment),
        url=total.url,
    )

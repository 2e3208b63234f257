"""The council's decisions on a sent support plan, as one service for the staff pages: the facts the rules
need (`facts_of`), and `decide`, which asks the rules, keeps the decision once with its comments, writes
the agreed budget when the plan is agreed, and tells the person (and whoever acts for them) in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.content import config
from portal.journeys.pages import AlreadySent, Refused
from portal.journeys.plan import messages
from portal.ras.plan import approval as rules
from portal.store import approvals as store
from portal.store.approval_models import PlanDecision
from portal.store.models import Assessment, User
from portal.store.plan_models import Plan


def facts_of(plan: Plan, assessment: Assessment) -> rules.Facts:
    """What the rules need to know about the plan now."""
    assert assessment.calculation is not None
    submission = plan.submission
    approval = store.last_approval(plan.id) if plan.status in rules.WAITING_FOR_COUNCIL else None
    settings = config()
    return rules.Facts(
        state=plan.status,
        indicative_weekly_pence=assessment.calculation.weekly_pence,
        plan_position=submission.position if submission is not None else "within",
        final_weekly_pence=approval.final_weekly_pence if approval is not None else None,
        tolerance_percent=settings.tolerance_percent,
        panel_weekly_pence=settings.panel_weekly_pence,
        weeks_per_year=settings.weeks_per_year,
    )


@dataclass(frozen=True)
class Actor:
    user: User
    role: str  # a role of portal.ras.plan.approval


def decide(
    plan: Plan,
    assessment: Assessment,
    move: str,
    actor: Actor,
    today: date,
    token: str,
    *,
    final_weekly_pence: int | None = None,
    reason: str = "",
    comments: tuple[tuple[str | None, str], ...] = (),
) -> PlanDecision:
    """Make the move once. Raises Refused with the rules' verdict (nothing changes) or AlreadySent."""
    assert plan.submission is not None and assessment.calculation is not None
    facts = facts_of(plan, assessment)
    verdict = rules.check(
        facts,
        move,
        actor.role,
        rules.Decision(final_weekly_pence=final_weekly_pence, reason=reason, comments=len(comments)),
    )
    if not verdict.allowed or verdict.to_state is None:
        raise Refused(verdict)
    final = final_weekly_pence if move == rules.APPROVE else facts.final_weekly_pence
    agreed = None
    if verdict.to_state == rules.AGREED:
        assert final is not None
        approval = store.last_approval(plan.id) if move != rules.APPROVE else None
        agreed = store.AgreedFields(
            person_id=assessment.person_id,
            assessment_id=assessment.id,
            config_version=assessment.calculation.config_version,
            indicative_weekly_pence=assessment.calculation.weekly_pence,
            weekly_pence=final,
            reason=(reason if move == rules.APPROVE else (approval.reason if approval else None)) or None,
            starts_on=today,
        )
    decision = store.decide(
        plan,
        store.DecisionFields(
            move=move,
            from_state=plan.status,
            to_state=verdict.to_state,
            plan_version=plan.submission.version,
            actor_id=actor.user.id,
            actor_role=actor.role,
            final_weekly_pence=final_weekly_pence if move == rules.APPROVE else None,
            reason=reason.strip() or None,
        ),
        comments,
        agreed,
        token,
        lambda made: messages.tell_about(assessment, plan, made, final),
    )
    if decision is None:
        raise AlreadySent
    return decision

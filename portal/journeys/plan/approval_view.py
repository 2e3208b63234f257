"""What the person sees of the council's decisions on their plan: the comments beside each item when the
plan comes back for changes, where a sent plan is now, what was decided and why, and the agreed budget.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from portal.i18n import gettext as _
from portal.i18n import long_date, money
from portal.ras.plan import approval as rules
from portal.store import approvals as store
from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanDecision
from portal.store.models import Assessment
from portal.store.plan_models import Plan


class Returned:
    """The comments on the version the care manager returned: by item, and on the whole plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    @cached_property
    def _comments(self) -> list[Any]:
        submission = self.plan.submission
        return store.comments_on(self.plan.id, submission.version) if submission is not None else []

    @cached_property
    def by_item(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for comment in self._comments:
            if comment.item_key is not None:
                found.setdefault(comment.item_key, []).append(comment.text)
        return found

    @cached_property
    def whole_plan(self) -> list[str]:
        return [comment.text for comment in self._comments if comment.item_key is None]

    @cached_property
    def on_removed_items(self) -> list[str]:
        """Comments on items the person has removed since: still shown, so nothing is lost."""
        current = {item.public_id for item in self.plan.items}
        return [text for key, texts in self.by_item.items() if key not in current for text in texts]

    @cached_property
    def on_the_plan(self) -> list[str]:
        """What the page shows above the items: comments on the whole plan, then on removed items."""
        return [*self.whole_plan, *self.on_removed_items]


def state_sentence(state: str) -> str:
    return {
        rules.SENT: _("A care manager is looking at the plan."),
        rules.RETURNED: _("The care manager asked for changes."),
        rules.AWAITING_TEAM_MANAGER: _(
            "The care manager has approved the plan. A team manager must agree it too, because it is far "
            "from the estimate."
        ),
        rules.AWAITING_PANEL: _(
            "A panel of senior staff is looking at the plan, because the budget is high."
        ),
        rules.AGREED: _("The plan is agreed."),
        rules.DRAFT: _("The plan is not sent yet."),
    }[state]


def decision_sentence(decision: PlanDecision) -> str:
    return {
        rules.RETURN: _("The care manager asked for changes."),
        rules.APPROVE: _("The care manager approved the plan."),
        rules.AGREE_EXCEPTION: _("A team manager agreed the plan."),
        rules.REFUSE_EXCEPTION: _("A team manager did not agree the plan yet."),
        rules.PANEL_AGREE: _("The panel agreed the budget."),
        rules.PANEL_REFUSE: _("The panel did not agree the budget yet."),
    }[decision.move]


class PlanStatus:
    """Where a sent plan is, what was decided (a timeline), and the agreed budget."""

    def __init__(self, plan: Plan, assessment: Assessment) -> None:
        self.plan, self.assessment = plan, assessment

    @property
    def sentence(self) -> str:
        return state_sentence(self.plan.status)

    @cached_property
    def agreed(self) -> AgreedBudget | None:
        return store.agreed_budget(self.assessment.id) if self.plan.status == rules.AGREED else None

    @cached_property
    def timeline(self) -> list[dict[str, Any]]:
        """Each version sent and each decision, the newest first, as summary list rows."""
        events: list[tuple[Any, dict[str, Any]]] = []
        for submission in self.plan.submissions:
            events.append(
                (
                    submission.submitted_at,
                    {
                        "title": _("Plan sent (version %(version)s)", version=submission.version),
                        "rows": [
                            (_("Date"), long_date(submission.submitted_at)),
                            (_("Reference"), submission.reference),
                        ],
                    },
                )
            )
        for decision in store.decisions_of(self.plan.id):
            rows = [(_("Date"), long_date(decision.created_at))]
            if decision.final_weekly_pence is not None:
                rows.append((_("Budget"), _("%(amount)s a week", amount=money(decision.final_weekly_pence))))
            if decision.reason:
                rows.append((_("Why"), decision.reason))
            events.append((decision.created_at, {"title": decision_sentence(decision), "rows": rows}))
        events.sort(key=lambda pair: pair[0], reverse=True)
        return [
            {
                "title": event["title"],
                "rows": [{"key": {"text": key}, "value": {"text": value}} for key, value in event["rows"]],
            }
            for _when, event in events
        ]

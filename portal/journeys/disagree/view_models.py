"""What the disagreement pages show, worked out from the rules: which words, which links, in which case.

Templates only display these: they never compare a state, a move, a role or an entry's kind. The
labels come from `words`, keyed by the rules' own constants.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from portal.i18n import gettext as _
from portal.i18n import long_date, money
from portal.journeys.disagree import letters, service
from portal.journeys.disagree.plan_hook import PlanGap, plan_gap_for
from portal.journeys.disagree.route_parts import (
    Line,
    Link,
    StepView,
    next_links,
    route_steps,
)
from portal.journeys.disagree.sent_parts import refusal, sent_lines, sent_title
from portal.journeys.disagree.timeline import SectionView, step_name, timeline
from portal.ras import disagreement as rules
from portal.ras.disagreement import Verdict
from portal.store.disagreement_models import Disagreement, DisagreementStep
from portal.store.models import Assessment

# --- one view of a disagreement, for every page of the person's journey ----------------------------


class DisagreementView:
    """Everything the person's pages show about one budget's disagreement, each worked out when a page
    first asks for it. A new page's template reads what it needs from here: no new Python."""

    def __init__(
        self,
        assessment: Assessment,
        case: Disagreement | None,
        name: str | None,
        today: date,
        what: str | None = None,
    ) -> None:
        self.assessment, self.case, self.name, self.today, self.what = assessment, case, name, today, what
        self.public_id = assessment.public_id

    @cached_property
    def limits(self) -> rules.TimeLimits:
        return service.route_config().limits

    @cached_property
    def step_record(self) -> DisagreementStep | None:
        return service.current_step(self.case)

    @cached_property
    def agreed(self) -> DisagreementStep | None:
        return service.agreed_amount(self.case)

    @cached_property
    def opens(self) -> dict[str, date]:
        return service.opening_dates(self.case, self.today)

    @cached_property
    def ombudsman_open(self) -> bool:
        return service.ombudsman_open(self.case, self.today)

    @cached_property
    def moves(self) -> tuple[str, ...]:
        return rules.moves_open(service.facts_of(self.case), rules.PERSON, self.today)

    @cached_property
    def gap(self) -> PlanGap | None:
        return plan_gap_for(self.assessment)

    @cached_property
    def closed_on(self) -> date | None:
        return self.case.closed_on if self.case is not None and self.case.state == rules.CLOSED else None

    @cached_property
    def steps(self) -> list[StepView]:
        here = rules.current_step(
            self.case.state if self.case else rules.NOT_STARTED,
            has_plan=self.gap is not None,
            ombudsman_is_open=self.ombudsman_open,
        )
        finished = {
            step.kind: bool(step.answered_on or step.left_on)
            for step in (self.case.steps if self.case else ())
            if step.kind in rules.ANSWERED_STEPS
        }
        progress = rules.progress(
            finished, bool(self.case and self.case.advocate_requested_on), self.gap is not None, here
        )
        return route_steps(
            self.public_id,
            self.case,
            self.name,
            self.gap,
            self.moves,
            self.opens,
            progress,
            self.ombudsman_open,
        )

    @cached_property
    def other_links(self) -> list[Link]:
        """Besides the steps: add more, or close."""
        return next_links(self.public_id, self.moves, False, order=(rules.ADD_INFORMATION, rules.CLOSE))

    @cached_property
    def next_links(self) -> list[Link]:
        return next_links(self.public_id, self.moves, self.ombudsman_open)

    @cached_property
    def timeline(self) -> list[SectionView]:
        return timeline(self.case, self.today, self.name) if self.case is not None else []

    @cached_property
    def goes_to(self) -> str:
        """Where more information goes: the step waiting for an answer."""
        return step_name(self.step_record.kind if self.step_record else None, self.name)

    @cached_property
    def gap_text(self) -> str | None:
        """On the care manager form: what the plan costs, and that its cost is in the box when it is more."""
        gap, name = self.gap, self.name
        if gap is None:
            return None
        plan, more = money(gap.plan_weekly_pence), money(gap.gap_weekly_pence)
        if gap.costs_more:
            return (
                _(
                    "Your support plan costs %(plan)s a week. That is %(gap)s a week more than the budget. "
                    "We have put the plan's cost in the box for you.",
                    plan=plan,
                    gap=more,
                )
                if not name
                else _(
                    "%(name)s's support plan costs %(plan)s a week. That is %(gap)s a week more than the "
                    "budget. We have put the plan's cost in the box for you.",
                    name=name,
                    plan=plan,
                    gap=more,
                )
            )
        return (
            _("Your support plan costs %(plan)s a week.", plan=plan)
            if not name
            else _("%(name)s's support plan costs %(plan)s a week.", name=name, plan=plan)
        )

    @cached_property
    def due(self) -> dict[str, date]:
        """The dates an answer would be due if the person sent a step's form today."""
        return {
            rules.RAISE: rules.care_manager_due(self.limits, self.today),
            rules.ESCALATE: rules.team_manager_due(self.limits, self.today),
            rules.ACKNOWLEDGE: rules.complaint_acknowledge_due(self.limits, self.today),
            rules.COMPLAIN: rules.complaint_answer_due(self.limits, self.today),
        }

    @cached_property
    def overdue_line(self) -> str | None:
        """When the person moves on because the step they were on had no answer in time: say so."""
        if self.case is None or self.step_record is None:
            return None
        due = long_date(self.step_record.due_on)
        if self.case.state == rules.CARE_MANAGER_WAITING:
            return _(
                "The care manager did not answer by %(date)s. So you can ask a team manager now.", date=due
            )
        if self.case.state == rules.TEAM_MANAGER_WAITING:
            return _("The team manager did not answer by %(date)s. So you can complain now.", date=due)
        return None

    @cached_property
    def complaint(self) -> DisagreementStep | None:
        return self.case.step(rules.STEP_COMPLAINT) if self.case is not None else None

    @cached_property
    def go_by(self) -> date | None:
        return rules.ombudsman_go_by(self.limits, self.case.raised_on) if self.case is not None else None

    @cached_property
    def advocate_asked_on(self) -> date | None:
        return self.case.advocate_requested_on if self.case is not None else None

    @cached_property
    def sent(self) -> tuple[str, bool, list[Line]]:
        """After a form is sent: the page's title, whether it says what happens next, and its sentences."""
        what = self.what or rules.RAISE
        post_to = letters.postal_address(self.case) if self.case is not None else None
        return (sent_title(what, self.name), *sent_lines(what, self.step_record, self.opens, post_to))

    def refusal(self, move: str, verdict: Verdict) -> list[Line]:
        return refusal(self.public_id, move, verdict, self.case, self.step_record, self.opens, self.name)

"""What the disagreement pages show, worked out from the rules: which words, which links, in which case.

Templates only display these: they never compare a state, a move, a role or an entry's kind. The
labels come from `words`, keyed by the rules' own constants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flask import url_for
from flask_babel import gettext as _

from portal.i18n import long_date, money
from portal.journeys.disagree import letters, service, words
from portal.journeys.disagree.plan_hook import PlanGap, plan_gap_for
from portal.journeys.disagree.timeline import SectionView, Tag, step_name, timeline
from portal.ras import disagreement as rules
from portal.ras.disagreement import Verdict
from portal.store.disagreement_models import Disagreement, DisagreementStep
from portal.store.models import Assessment


@dataclass(frozen=True)
class Line:
    """A sentence on a page. `acts_from` names the move (or the Ombudsman) whose opening date it promises;
    `href` makes it a link; `id` names it on the page."""

    text: str
    acts_from: str | None = None
    href: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    button: bool = False  # a start-style call to action, shown as a GOV.UK button
    secondary: bool = False


@dataclass
class StepView:
    """One step of the person's guide."""

    id: str
    caption: str
    tag: Tag | None = None
    current: bool = False
    lines: list[Line] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def _sent_line(step: DisagreementStep, final: bool = False) -> Line:
    if final:
        return Line(_("You sent this on %(sent)s. Our final answer is due by %(due)s.",
                      sent=long_date(step.opened_on), due=long_date(step.due_on)))
    return Line(_("You sent this on %(sent)s. The answer is due by %(due)s.",
                  sent=long_date(step.opened_on), due=long_date(step.due_on)))


def route_steps(public_id: str, case: Disagreement | None, name: str | None, gap: PlanGap | None,
                moves: tuple[str, ...], opens: Mapping[str, date], progress: Mapping[str, str],
                ombudsman_open: bool) -> list[StepView]:
    """The step-by-step guide: for each step, where the person is and what they can do there now."""
    state = case.state if case is not None else rules.NOT_STARTED
    steps: list[StepView] = []
    for step in rules.STEPS:
        number = words.STEP_NUMBER.get(step)
        caption = _("Step %(number)s", number=number) if number else _("And, at any step")
        tag = words.PROGRESS_TAG.get(progress[step])
        view = StepView(step, caption, Tag(str(tag[0]), tag[1]) if tag else None,
                        current=progress[step] in (rules.CURRENT, rules.CURRENT_WAITING))
        record = case.step(step) if case is not None else None
        if step == rules.STEP_PLAN:
            if gap is not None:
                text = (_("Your plan costs %(plan)s a week. The budget is %(budget)s a week.",
                          plan=money(gap.plan_weekly_pence), budget=money(gap.budget_weekly_pence)) if not name
                        else _("%(name)s's plan costs %(plan)s a week. The budget is %(budget)s a week.", name=name,
                               plan=money(gap.plan_weekly_pence), budget=money(gap.budget_weekly_pence)))
                if gap.costs_more:
                    text += " " + _("That is %(gap)s a week more.", gap=money(gap.gap_weekly_pence))
                view.lines.append(Line(text))
                if gap.url:
                    view.links.append(Link(_("See your support plan") if not name
                                           else _("See %(name)s's support plan", name=name), gap.url))
            else:
                view.lines.append(Line(_("You can also tell us now, before you make a plan.")))
        elif step == rules.STEP_CARE_MANAGER:
            if rules.RAISE in moves:
                view.links.append(Link(_("Tell your care manager") if not name
                                       else _("Tell %(name)s's care manager", name=name),
                                       url_for("disagree.care-manager", public_id=public_id), button=True))
            elif record is not None:
                view.lines.append(_sent_line(record))
        elif step == rules.STEP_ADVOCATE:
            view.links.append(Link(_("Find an advocate"), url_for("disagree.advocate", public_id=public_id)))
        elif step == rules.STEP_TEAM_MANAGER:
            if rules.ESCALATE in moves:
                view.links.append(Link(_("Ask a team manager to look again"),
                                       url_for("disagree.team-manager", public_id=public_id), button=True))
            elif state == rules.CARE_MANAGER_WAITING and case is not None and rules.ESCALATE in opens:
                view.lines += [Line(_("You can ask when the care manager answers.")),
                               Line(_("If they do not answer by %(due)s, you can ask from %(date)s.",
                                      due=long_date(case.step(rules.STEP_CARE_MANAGER).due_on),
                                      date=long_date(opens[rules.ESCALATE])), rules.ESCALATE)]
            elif record is not None:
                view.lines.append(_sent_line(record))
        elif step == rules.STEP_COMPLAINT:
            if rules.COMPLAIN in moves:
                view.links.append(Link(_("Make a formal complaint"),
                                       url_for("disagree.complaint", public_id=public_id), button=True))
            elif state == rules.TEAM_MANAGER_WAITING and case is not None and rules.COMPLAIN in opens:
                view.lines += [Line(_("You can complain when the team manager answers.")),
                               Line(_("If they do not answer by %(due)s, you can complain from %(date)s.",
                                      due=long_date(case.step(rules.STEP_TEAM_MANAGER).due_on),
                                      date=long_date(opens[rules.COMPLAIN])), rules.COMPLAIN)]
            elif record is not None:
                view.lines.append(_sent_line(record, final=True))
        elif step == rules.STEP_OMBUDSMAN:
            if ombudsman_open:
                view.links.append(Link(_("How to go to the Ombudsman"),
                                       url_for("disagree.ombudsman", public_id=public_id), button=True))
            elif rules.GO_TO_OMBUDSMAN in opens:
                view.lines.append(Line(_("If we have not given our final answer, you can go from %(date)s.",
                                         date=long_date(opens[rules.GO_TO_OMBUDSMAN])), rules.GO_TO_OMBUDSMAN))
        steps.append(view)
    return steps


def next_links(public_id: str, moves: tuple[str, ...], ombudsman_open: bool,
               order: tuple[str, ...] = (rules.ADD_INFORMATION, rules.ESCALATE, rules.COMPLAIN, rules.GO_TO_OMBUDSMAN,
                                         rules.REQUEST_ADVOCATE, rules.CLOSE)) -> list[Link]:
    """Links to what the person can do now, in `order`."""
    links = {
        rules.ADD_INFORMATION: Link(_("Add more information"), url_for("disagree.add", public_id=public_id)),
        rules.ESCALATE: Link(_("Ask a team manager to look again"),
                             url_for("disagree.team-manager", public_id=public_id)),
        rules.COMPLAIN: Link(_("Make a formal complaint"), url_for("disagree.complaint", public_id=public_id)),
        rules.GO_TO_OMBUDSMAN: Link(_("Go to the Ombudsman"), url_for("disagree.ombudsman", public_id=public_id)),
        rules.REQUEST_ADVOCATE: Link(_("Ask for an advocate"), url_for("disagree.advocate", public_id=public_id)),
        rules.CLOSE: Link(_("I am happy now. Close my disagreement."), url_for("disagree.close", public_id=public_id)),
    }
    can = set(moves) | ({rules.GO_TO_OMBUDSMAN} if ombudsman_open else set())
    return [links[move] for move in order if move in can]


def refusal(public_id: str, move: str, verdict: Verdict, case: Disagreement | None,
            step_record: DisagreementStep | None, opens: Mapping[str, date], name: str | None) -> list[Line]:
    """Why the person cannot do this now, and what they can do instead. Nothing was changed."""
    first = rules.comes_first(case.state if case else None, move) if verdict.reason == rules.NOT_NOW else None
    due = long_date(step_record.due_on) if step_record is not None else ""
    if verdict.reason == rules.TOO_EARLY and move == rules.ESCALATE:
        return [Line(_("The care manager has until %(due)s to answer.", due=due)),
                Line(_("You can ask a team manager when the care manager answers, or from %(date)s.",
                       date=long_date(verdict.opens_on)), rules.ESCALATE)]
    if verdict.reason == rules.TOO_EARLY and move == rules.COMPLAIN:
        return [Line(_("The team manager has until %(due)s to answer.", due=due)),
                Line(_("You can complain when the team manager answers, or from %(date)s.",
                       date=long_date(verdict.opens_on)), rules.COMPLAIN)]
    if verdict.reason == rules.TOO_EARLY:
        return []
    if move == rules.COMPLAIN and first == rules.ESCALATE:
        lines = [Line(_("First, ask a team manager to look again. "
                                           "You can make a formal complaint after that."))]
        if rules.ESCALATE in opens:
            return lines + [Line(_("The care manager has until %(due)s to answer.", due=due)),
                            Line(_("You can ask a team manager when the care manager answers, or from %(date)s.",
                                   date=long_date(opens[rules.ESCALATE])), rules.ESCALATE)]
        return lines + [Line(_("Ask a team manager to look again"),
                             href=url_for("disagree.team-manager", public_id=public_id))]
    if verdict.reason == rules.ALREADY_DONE:
        return [Line(_("You have already asked us to find you an advocate."))]
    if move == rules.RAISE:
        return [Line(_("You have already told us you disagree with this budget."))]
    if move == rules.GO_TO_OMBUDSMAN:
        lines = [Line(_("You can go to the Ombudsman when we give our final answer to your complaint."))]
        if rules.GO_TO_OMBUDSMAN in opens:
            lines.append(Line(_("If we have not answered, you can go from %(date)s.",
                                date=long_date(opens[rules.GO_TO_OMBUDSMAN])), rules.GO_TO_OMBUDSMAN))
        return lines
    if case is None:
        return [Line(_("First, tell your care manager you disagree. Nothing was changed.") if not name
                     else _("First, tell %(name)s's care manager you disagree. Nothing was changed.", name=name))]
    if case.state == rules.CLOSED:
        return [Line(_("This disagreement is closed. Nothing was changed."))]
    return [Line(_("This step is closed. Nothing was changed.")),
            Line(_("It may already have an answer, or you may have moved on to the next step."))]


def sent_lines(move: str, step_record: DisagreementStep | None, opens: Mapping[str, date],
               post_to: str | None) -> tuple[bool, list[Line]]:
    """What happens next, once the person has sent a form: whether it has a "What happens next" heading,
    and its sentences."""
    if step_record is None:
        return False, []
    due = long_date(step_record.due_on)
    if move == rules.RAISE:
        lines = [Line(_("The care manager should answer by %(date)s.", date=due), id="answer-by"),
                 Line(_("We will tell you when they answer."))]
        if post_to:
            lines.append(Line(_("We will post you a letter too. It goes to %(address)s.", address=post_to),
                              id="post-to"))
        if rules.ESCALATE in opens:
            lines.append(Line(_("If they do not answer by then, you can ask a team manager to look again "
                                "from %(date)s.", date=long_date(opens[rules.ESCALATE])), rules.ESCALATE))
        return True, lines
    if move == rules.ESCALATE:
        lines = [Line(_("A team manager should answer by %(date)s.", date=due), id="answer-by")]
        if rules.COMPLAIN in opens:
            lines.append(Line(_("If they do not answer by then, you can make a formal complaint from "
                                "%(date)s.", date=long_date(opens[rules.COMPLAIN])), rules.COMPLAIN))
        return True, lines
    if move == rules.COMPLAIN:
        lines = [Line(_("We will tell you we have your complaint by %(date)s.",
                        date=long_date(step_record.acknowledge_due_on)), id="acknowledge-by"),
                 Line(_("We will give our final answer by %(date)s.", date=due), id="answer-by")]
        if rules.GO_TO_OMBUDSMAN in opens:
            lines.append(Line(_("If we have not given our final answer, you can go to the Ombudsman from "
                                "%(date)s.", date=long_date(opens[rules.GO_TO_OMBUDSMAN])), rules.GO_TO_OMBUDSMAN))
        return True, lines
    if move == rules.REQUEST_ADVOCATE:
        return False, [Line(_("We will help you find an advocate. You can also phone an advocacy service "
                              "yourself."))]
    return False, []


def sent_title(move: str, name: str | None) -> str:
    if move == rules.CLOSE and name:
        return _("The disagreement about %(name)s's budget is closed", name=name)
    return str(words.SENT_TITLE[move])


# --- one view of a disagreement, for every page of the person's journey ----------------------------

class DisagreementView:
    """Everything the person's pages show about one budget's disagreement, each worked out when a page
    first asks for it. A new page's template reads what it needs from here: no new Python."""

    def __init__(self, assessment: Assessment, case: Disagreement | None, name: str | None, today: date,
                 what: str | None = None) -> None:
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
        here = rules.current_step(self.case.state if self.case else rules.NOT_STARTED, has_plan=self.gap is not None,
                                  ombudsman_is_open=self.ombudsman_open)
        finished = {step.kind: bool(step.answered_on or step.left_on) for step in (self.case.steps if self.case else ())
                    if step.kind in rules.ANSWERED_STEPS}
        progress = rules.progress(finished, bool(self.case and self.case.advocate_requested_on),
                                  self.gap is not None, here)
        return route_steps(self.public_id, self.case, self.name, self.gap, self.moves, self.opens, progress,
                           self.ombudsman_open)

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
            return (_("Your support plan costs %(plan)s a week. That is %(gap)s a week more than the budget. "
                      "We have put the plan's cost in the box for you.", plan=plan, gap=more) if not name
                    else _("%(name)s's support plan costs %(plan)s a week. That is %(gap)s a week more than the "
                           "budget. We have put the plan's cost in the box for you.", name=name, plan=plan, gap=more))
        return (_("Your support plan costs %(plan)s a week.", plan=plan) if not name
                else _("%(name)s's support plan costs %(plan)s a week.", name=name, plan=plan))

    @cached_property
    def due(self) -> dict[str, date]:
        """The dates an answer would be due if the person sent a step's form today."""
        return {rules.RAISE: rules.care_manager_due(self.limits, self.today),
                rules.ESCALATE: rules.team_manager_due(self.limits, self.today),
                rules.ACKNOWLEDGE: rules.complaint_acknowledge_due(self.limits, self.today),
                rules.COMPLAIN: rules.complaint_answer_due(self.limits, self.today)}

    @cached_property
    def overdue_line(self) -> str | None:
        """When the person moves on because the step they were on had no answer in time: say so."""
        if self.case is None or self.step_record is None:
            return None
        due = long_date(self.step_record.due_on)
        if self.case.state == rules.CARE_MANAGER_WAITING:
            return _("The care manager did not answer by %(date)s. So you can ask a team manager now.", date=due)
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

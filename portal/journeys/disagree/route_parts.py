"""The parts the disagreement pages are made of, worked out from the rules: each step of the route with its
status and links, the links to what can be done next, why a move is refused, and what was sent.

`view_models.DisagreementView` puts them together for a page. Labels come from `words`, keyed by the rules'
own constants; templates never compare a state, a move, a role or an entry's kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flask import url_for

from portal.access import offered
from portal.i18n import gettext as _
from portal.i18n import long_date, money
from portal.journeys.disagree import words
from portal.journeys.disagree.plan_hook import PlanGap
from portal.journeys.disagree.timeline import Tag
from portal.ras import disagreement as rules
from portal.store.disagreement_models import Disagreement, DisagreementStep


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


def sent_line(step: DisagreementStep, final: bool = False) -> Line:
    if final:
        return Line(
            _(
                "You sent this on %(sent)s. Our final answer is due by %(due)s.",
                sent=long_date(step.opened_on),
                due=long_date(step.due_on),
            )
        )
    return Line(
        _(
            "You sent this on %(sent)s. The answer is due by %(due)s.",
            sent=long_date(step.opened_on),
            due=long_date(step.due_on),
        )
    )


def route_steps(
    public_id: str,
    case: Disagreement | None,
    name: str | None,
    gap: PlanGap | None,
    moves: tuple[str, ...],
    opens: Mapping[str, date],
    progress: Mapping[str, str],
    ombudsman_open: bool,
) -> list[StepView]:
    """The step-by-step guide: for each step, where the person is and what they can do there now."""
    state = case.state if case is not None else rules.NOT_STARTED
    steps: list[StepView] = []
    for step in rules.STEPS:
        number = words.STEP_NUMBER.get(step)
        caption = _("Step %(number)s", number=number) if number else _("And, at any step")
        tag = words.PROGRESS_TAG.get(progress[step])
        view = StepView(
            step,
            caption,
            Tag(str(tag[0]), tag[1]) if tag else None,
            current=progress[step] in (rules.CURRENT, rules.CURRENT_WAITING),
        )
        record = case.step(step) if case is not None else None
        if step == rules.STEP_PLAN:
            if gap is not None:
                text = (
                    _(
                        "Your plan costs %(plan)s a week. The budget is %(budget)s a week.",
                        plan=money(gap.plan_weekly_pence),
                        budget=money(gap.budget_weekly_pence),
                    )
                    if not name
                    else _(
                        "%(name)s's plan costs %(plan)s a week. The budget is %(budget)s a week.",
                        name=name,
                        plan=money(gap.plan_weekly_pence),
                        budget=money(gap.budget_weekly_pence),
                    )
                )
                if gap.costs_more:
                    text += " " + _("That is %(gap)s a week more.", gap=money(gap.gap_weekly_pence))
                view.lines.append(Line(text))
                if gap.url:
                    view.links.append(
                        Link(
                            _("See your support plan")
                            if not name
                            else _("See %(name)s's support plan", name=name),
                            gap.url,
                        )
                    )
            else:
                view.lines.append(Line(_("You can also tell us now, before you make a plan.")))
        elif step == rules.STEP_CARE_MANAGER:
            if rules.RAISE in moves and offered("disagree.care-manager"):
                view.links.append(
                    Link(
                        _("Tell your care manager")
                        if not name
                        else _("Tell %(name)s's care manager", name=name),
                        url_for("disagree.care-manager", public_id=public_id),
                        button=True,
                    )
                )
            elif record is not None:
                view.lines.append(sent_line(record))
        elif step == rules.STEP_ADVOCATE:
            view.links.append(Link(_("Find an advocate"), url_for("disagree.advocate", public_id=public_id)))
        elif step == rules.STEP_TEAM_MANAGER:
            if rules.ESCALATE in moves and offered("disagree.team-manager"):
                view.links.append(
                    Link(
                        _("Ask a team manager to look again"),
                        url_for("disagree.team-manager", public_id=public_id),
                        button=True,
                    )
                )
            elif state == rules.CARE_MANAGER_WAITING and case is not None and rules.ESCALATE in opens:
                view.lines += [
                    Line(_("You can ask when the care manager answers.")),
                    Line(
                        _(
                            "If they do not answer by %(due)s, you can ask from %(date)s.",
                            due=long_date(case.step(rules.STEP_CARE_MANAGER).due_on),
                            date=long_date(opens[rules.ESCALATE]),
                        ),
                        rules.ESCALATE,
                    ),
                ]
            elif record is not None:
                view.lines.append(sent_line(record))
        elif step == rules.STEP_COMPLAINT:
            if rules.COMPLAIN in moves and offered("disagree.complaint"):
                view.links.append(
                    Link(
                        _("Make a formal complaint"),
                        url_for("disagree.complaint", public_id=public_id),
                        button=True,
                    )
                )
            elif state == rules.TEAM_MANAGER_WAITING and case is not None and rules.COMPLAIN in opens:
                view.lines += [
                    Line(_("You can complain when the team manager answers.")),
                    Line(
                        _(
                            "If they do not answer by %(due)s, you can complain from %(date)s.",
                            due=long_date(case.step(rules.STEP_TEAM_MANAGER).due_on),
                            date=long_date(opens[rules.COMPLAIN]),
                        ),
                        rules.COMPLAIN,
                    ),
                ]
            elif record is not None:
                view.lines.append(sent_line(record, final=True))
        elif step == rules.STEP_OMBUDSMAN:
            if ombudsman_open:
                view.links.append(
                    Link(
                        _("How to go to the Ombudsman"),
                        url_for("disagree.ombudsman", public_id=public_id),
                        button=True,
                    )
                )
            elif rules.GO_TO_OMBUDSMAN in opens:
                view.lines.append(
                    Line(
                        _(
                            "If we have not given our final answer, you can go from %(date)s.",
                            date=long_date(opens[rules.GO_TO_OMBUDSMAN]),
                        ),
                        rules.GO_TO_OMBUDSMAN,
                    )
                )
        steps.append(view)
    return steps


def next_links(
    public_id: str,
    moves: tuple[str, ...],
    ombudsman_open: bool,
    order: tuple[str, ...] = (
        rules.ADD_INFORMATION,
        rules.ESCALATE,
        rules.COMPLAIN,
        rules.GO_TO_OMBUDSMAN,
        rules.REQUEST_ADVOCATE,
        rules.CLOSE,
    ),
) -> list[Link]:
    """Links to what the person can do now, in `order`."""
    links = {
        rules.ADD_INFORMATION: (_("Add more information"), "disagree.add"),
        rules.ESCALATE: (_("Ask a team manager to look again"), "disagree.team-manager"),
        rules.COMPLAIN: (_("Make a formal complaint"), "disagree.complaint"),
        rules.GO_TO_OMBUDSMAN: (_("Go to the Ombudsman"), "disagree.ombudsman"),
        rules.REQUEST_ADVOCATE: (_("Ask for an advocate"), "disagree.advocate"),
        rules.CLOSE: (_("I am happy now. Close my disagreement."), "disagree.close"),
    }
    can = set(moves) | ({rules.GO_TO_OMBUDSMAN} if ombudsman_open else set())
    if not offered("disagree.add"):  # a helper who may not disagree is offered only what to read
        can -= {rules.ADD_INFORMATION, rules.ESCALATE, rules.COMPLAIN, rules.REQUEST_ADVOCATE, rules.CLOSE}
    return [
        Link(links[move][0], url_for(links[move][1], public_id=public_id)) for move in order if move in can
    ]

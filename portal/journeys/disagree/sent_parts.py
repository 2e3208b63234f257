"""What the disagreement pages say about what was sent and answered, and why a move is refused now:
worked out from the rules, with labels from `words`. Part of the view model (`view_models`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import url_for

from portal.i18n import gettext as _
from portal.i18n import long_date
from portal.journeys.disagree import words
from portal.journeys.disagree.route_parts import Line
from portal.ras import disagreement as rules
from portal.ras.disagreement import Verdict
from portal.store.disagreement_models import Disagreement, DisagreementStep


def refusal(
    public_id: str,
    move: str,
    verdict: Verdict,
    case: Disagreement | None,
    step_record: DisagreementStep | None,
    opens: Mapping[str, date],
    name: str | None,
) -> list[Line]:
    """Why the person cannot do this now, and what they can do instead. Nothing was changed."""
    first = rules.comes_first(case.state if case else None, move) if verdict.reason == rules.NOT_NOW else None
    due = long_date(step_record.due_on) if step_record is not None else ""
    if verdict.reason == rules.TOO_EARLY and move == rules.ESCALATE:
        return [
            Line(_("The care manager has until %(due)s to answer.", due=due)),
            Line(
                _(
                    "You can ask a team manager when the care manager answers, or from %(date)s.",
                    date=long_date(verdict.opens_on),
                ),
                rules.ESCALATE,
            ),
        ]
    if verdict.reason == rules.TOO_EARLY and move == rules.COMPLAIN:
        return [
            Line(_("The team manager has until %(due)s to answer.", due=due)),
            Line(
                _(
                    "You can complain when the team manager answers, or from %(date)s.",
                    date=long_date(verdict.opens_on),
                ),
                rules.COMPLAIN,
            ),
        ]
    if verdict.reason == rules.TOO_EARLY:
        return []
    if move == rules.COMPLAIN and first == rules.ESCALATE:
        lines = [
            Line(_("First, ask a team manager to look again. You can make a formal complaint after that."))
        ]
        if rules.ESCALATE in opens:
            return lines + [
                Line(_("The care manager has until %(due)s to answer.", due=due)),
                Line(
                    _(
                        "You can ask a team manager when the care manager answers, or from %(date)s.",
                        date=long_date(opens[rules.ESCALATE]),
                    ),
                    rules.ESCALATE,
                ),
            ]
        return lines + [
            Line(
                _("Ask a team manager to look again"),
                href=url_for("disagree.team-manager", public_id=public_id),
            )
        ]
    if verdict.reason == rules.ALREADY_DONE:
        return [Line(_("You have already asked us to find you an advocate."))]
    if move == rules.RAISE:
        return [Line(_("You have already told us you disagree with this budget."))]
    if move == rules.GO_TO_OMBUDSMAN:
        lines = [Line(_("You can go to the Ombudsman when we give our final answer to your complaint."))]
        if rules.GO_TO_OMBUDSMAN in opens:
            lines.append(
                Line(
                    _(
                        "If we have not answered, you can go from %(date)s.",
                        date=long_date(opens[rules.GO_TO_OMBUDSMAN]),
                    ),
                    rules.GO_TO_OMBUDSMAN,
                )
            )
        return lines
    if case is None:
        return [
            Line(
                _("First, tell your care manager you disagree. Nothing was changed.")
                if not name
                else _("First, tell %(name)s's care manager you disagree. Nothing was changed.", name=name)
            )
        ]
    if case.state == rules.CLOSED:
        return [Line(_("This disagreement is closed. Nothing was changed."))]
    return [
        Line(_("This step is closed. Nothing was changed.")),
        Line(_("It may already have an answer, or you may have moved on to the next step.")),
    ]


def sent_lines(
    move: str, step_record: DisagreementStep | None, opens: Mapping[str, date], post_to: str | None
) -> tuple[bool, list[Line]]:
    """What happens next, once the person has sent a form: whether it has a "What happens next" heading,
    and its sentences."""
    if step_record is None:
        return False, []
    due = long_date(step_record.due_on)
    if move == rules.RAISE:
        lines = [
            Line(_("The care manager should answer by %(date)s.", date=due), id="answer-by"),
            Line(_("We will tell you when they answer.")),
        ]
        if post_to:
            lines.append(
                Line(
                    _("We will post you a letter too. It goes to %(address)s.", address=post_to), id="post-to"
                )
            )
        if rules.ESCALATE in opens:
            lines.append(
                Line(
                    _(
                        "If they do not answer by then, you can ask a team manager to look again "
                        "from %(date)s.",
                        date=long_date(opens[rules.ESCALATE]),
                    ),
                    rules.ESCALATE,
                )
            )
        return True, lines
    if move == rules.ESCALATE:
        lines = [Line(_("A team manager should answer by %(date)s.", date=due), id="answer-by")]
        if rules.COMPLAIN in opens:
            lines.append(
                Line(
                    _(
                        "If they do not answer by then, you can make a formal complaint from %(date)s.",
                        date=long_date(opens[rules.COMPLAIN]),
                    ),
                    rules.COMPLAIN,
                )
            )
        return True, lines
    if move == rules.COMPLAIN:
        lines = [
            Line(
                _(
                    "We will tell you we have your complaint by %(date)s.",
                    date=long_date(step_record.acknowledge_due_on),
                ),
                id="acknowledge-by",
            ),
            Line(_("We will give our final answer by %(date)s.", date=due), id="answer-by"),
        ]
        if rules.GO_TO_OMBUDSMAN in opens:
            lines.append(
                Line(
                    _(
                        "If we have not given our final answer, you can go to the Ombudsman from %(date)s.",
                        date=long_date(opens[rules.GO_TO_OMBUDSMAN]),
                    ),
                    rules.GO_TO_OMBUDSMAN,
                )
            )
        return True, lines
    if move == rules.REQUEST_ADVOCATE:
        return False, [
            Line(_("We will help you find an advocate. You can also phone an advocacy service yourself."))
        ]
    return False, []


def sent_title(move: str, name: str | None) -> str:
    if move == rules.CLOSE and name:
        return _("The disagreement about %(name)s's budget is closed", name=name)
    return str(words.SENT_TITLE[move])

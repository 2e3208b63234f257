"""The budget and support plan on one page, in easy read: to print, or to download as a tagged PDF.

The budget's sentences are the budget page's own (`easy_read.ideas`); the plan's are the plan pages' own
(`portal.journeys.plan.words`). Nothing is worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal import ras
from portal.i18n import gettext as _
from portal.journeys.budget import easy_read, words
from portal.journeys.plan import words as plan_words
from portal.journeys.plan.drafts import PlanPage
from portal.ras import plan as rules


@dataclass(frozen=True)
class Summary:
    ideas: tuple[easy_read.Idea, ...]  # the budget, then the plan


def _plan_summary(subject: PlanPage) -> rules.PlanSummary | None:
    submission = subject.plan.submission if subject.plan is not None and subject.sent else None
    if submission is not None:
        return rules.PlanSummary.from_dict(submission.result)
    summary = subject.draft()[0]
    return summary if summary.lines else None


def summary(subject: PlanPage, config: ras.Config) -> Summary:
    calc = subject.budget
    lead, _steps = words.family_help(calc, config.family_help, subject.name)
    whose = words.whose_help(calc, config.family_help, subject.name)
    ideas = list(easy_read.ideas(calc, lead, config.weeks_per_year, subject.name, whose))
    plan = _plan_summary(subject)
    if plan is None:
        said = (
            _("You have not made a support plan yet.")
            if not subject.name
            else _("There is no support plan for %(name)s yet.", name=subject.name)
        )
        ideas.append(easy_read.Idea("plan", (said,), "easy-plan"))
    else:
        sentences = [
            _("The plan is sent.") if subject.sent else _("The plan is a draft. It is not sent yet."),
            *plan_words.total_sentences(plan, subject.name),
            plan_words.tolerance_message(plan),
        ]
        ideas.append(easy_read.Idea("plan", tuple(sentences), "easy-plan"))
    return Summary(ideas=tuple(ideas))

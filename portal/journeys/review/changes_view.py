"""The "what changed and why" block of a reassessment's budget page (`budget/_changes.html`).

The comparison is the rules' (`portal.ras.changes`), from the two budgets as they were stored; this
module only words it: the question as the person was asked it, each answer as the check page shows it
(`answer_fields`), and each figure with `money()`.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from portal.content import config
from portal.i18n import gettext as _
from portal.i18n import money
from portal.journeys.assessment.answer_fields import answer_field
from portal.journeys.assessment.question_words import question_words
from portal.ras import Calculation
from portal.ras import changes as rules
from portal.store import reviews as store
from portal.store.models import Assessment


def _step_names() -> dict[str, str]:
    return {
        rules.POINTS: _("Points"),
        rules.FROM_POINTS: _("Money from points, a week"),
        rules.FAMILY_HELP: _("Taken off for help from family and friends, a week"),
        rules.WEEKLY: _("Budget a week"),
        rules.YEARLY: _("Budget a year"),
    }


def _difference(step: rules.Step) -> str:
    if step.change == 0:
        return _("No change")
    if step.key == rules.POINTS:
        return _("%(num)s more", num=step.change) if step.change > 0 else _("%(num)s fewer", num=-step.change)
    amount = money(abs(step.change))
    return _("%(amount)s more", amount=amount) if step.change > 0 else _("%(amount)s less", amount=amount)


def _figure(step: rules.Step, value: int) -> str:
    return str(value) if step.key == rules.POINTS else money(value)


def what_changed(assessment: Assessment, name: str | None) -> dict[str, Any] | None:
    """The block's tables and sentences, or None when this budget is not a reassessment."""
    previous = store.assessment_by_id(assessment.previous_assessment_id)
    if previous is None or previous.calculation is None or assessment.calculation is None:
        return None
    council = config()
    questionnaire = council.questionnaires.get(assessment.questionnaire_id, council.questionnaire)
    found = rules.compare(
        Calculation.from_dict(previous.calculation.result),
        Calculation.from_dict(assessment.calculation.result),
        previous.calculation.answers,
        assessment.calculation.answers,
        questionnaire.questions,
    )

    def shown(question_id: str, value: str | None) -> str:
        question = questionnaire.questions.get(question_id)
        if value is None or question is None:
            return _("Not asked")
        return answer_field(question).shown(question, value, name, questionnaire.text_key, now_answers)

    def points(value: int | None) -> dict[str, Any]:
        return {"text": _("No points") if value is None else str(value), "format": "numeric"}

    now_answers = assessment.calculation.answers  # the question's words as the new answers read
    answer_rows = [
        [
            {"text": question_words(questionnaire, c.question_id, "title", name, now_answers)},
            {"text": shown(c.question_id, c.before)},
            {"text": shown(c.question_id, c.after)},
            points(c.points_before),
            points(c.points_after),
        ]
        for c in found.answers
        if c.question_id in questionnaire.questions
    ]
    names = _step_names()
    step_rows = [
        [
            {"text": names[step.key]},
            {"text": _figure(step, step.before), "format": "numeric"},
            {"text": _figure(step, step.after), "format": "numeric"},
            {"text": _difference(step), "format": "numeric"},
        ]
        for step in found.steps
    ]
    weekly = found.weekly
    if weekly.change > 0:
        headline = _(
            "The new estimate is %(amount)s a week more than the last one.", amount=money(weekly.change)
        )
    elif weekly.change < 0:
        headline = _(
            "The new estimate is %(amount)s a week less than the last one.", amount=money(-weekly.change)
        )
    else:
        headline = _("The new estimate is the same as the last one.")
    return {
        "headline": headline,
        "answer_rows": answer_rows,
        "step_rows": step_rows,
        "rules_changed": found.rules_changed,
        "rules_before": found.rules_before,
        "rules_after": found.rules_after,
        "previous_href": url_for("budget.show", public_id=previous.public_id),
    }

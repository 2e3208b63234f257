"""How far a person has gone. Pure functions.

- `stage`: how far a form has gone, from the first answer to a disagreement, for the account page. The
  caller says what exists (is the form sent, the plan's status, the disagreement's state).
- `question_position` and `section_progress`: how far through the questions, counting only the
  questions on the person's path (the skip rules in `portal.ras.routing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.ras import routing
from portal.ras.disagreement import CLOSED, NOT_STARTED
from portal.ras.model import Questionnaire

FORM_DRAFT = "form_draft"  # answers are being given; nothing is sent
BUDGET_READY = "budget_ready"  # the form is sent and the budget is worked out
PLAN_DRAFT = "plan_draft"  # a support plan is being made
PLAN_SENT = "plan_sent"  # the support plan is sent, and the council is deciding on it
PLAN_AGREED = "plan_agreed"  # the council agreed the plan and the final budget
DISAGREEMENT_OPEN = "disagreement_open"  # the person has said the budget is not right, and it is not closed
STAGES = (FORM_DRAFT, BUDGET_READY, PLAN_DRAFT, PLAN_SENT, PLAN_AGREED, DISAGREEMENT_OPEN)

PLAN_STATUS_DRAFT = "draft"
PLAN_STATUS_SENT = "submitted"
PLAN_STATUS_AGREED = "agreed"
# A plan returned for changes is being made again; one waiting for a team manager or a panel is sent.
PLAN_STATUSES_BEING_MADE = (PLAN_STATUS_DRAFT, "returned")


def stage(form_sent: bool, plan_status: str | None = None, disagreement_state: str | None = None) -> str:
    """The stage to show: an open disagreement first (it has answer dates), then the plan, then the form."""
    if not form_sent:
        return FORM_DRAFT
    if disagreement_state not in (None, NOT_STARTED, CLOSED):
        return DISAGREEMENT_OPEN
    if plan_status == PLAN_STATUS_AGREED:
        return PLAN_AGREED
    if plan_status in PLAN_STATUSES_BEING_MADE:
        return PLAN_DRAFT
    if plan_status is not None:
        return PLAN_SENT
    return BUDGET_READY


# --- how far through the questions ------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where a question is among the questions on the person's path: "Question 3 of 15"."""

    number: int
    of: int


@dataclass(frozen=True)
class SectionProgress:
    section_id: str
    answered: int  # questions of the section on the path that have an answer
    asked: int  # questions of the section on the path


def question_position(q: Questionnaire, answers: Mapping[str, str], question_id: str) -> Position | None:
    """The question's number among the questions that apply to these answers, and how many apply.
    Skipped questions are not counted, so the total changes when an answer changes the path. None when
    the question is not on the path."""
    on_path = routing.path(q, answers)
    if question_id not in on_path:
        return None
    return Position(number=on_path.index(question_id) + 1, of=len(on_path))


def section_progress(q: Questionnaire, answers: Mapping[str, str]) -> tuple[SectionProgress, ...]:
    """For each section of the task list: how many of its questions that apply have an answer. An optional
    question counts only once it is answered, as the section is done without it."""
    on_path = set(routing.path(q, answers))
    counted = routing.relevant_answers(q, answers)
    return tuple(
        SectionProgress(
            section_id=section.id,
            answered=sum(1 for qid in section.question_ids if qid in on_path and qid in counted),
            asked=sum(
                1
                for qid in section.question_ids
                if qid in on_path and (qid in counted or not q.questions[qid].optional)
            ),
        )
        for section in q.sections
    )

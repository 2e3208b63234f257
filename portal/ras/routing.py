"""Which questions apply, given the answers so far. Pure functions.

`answers` maps a question id to an option id (radios) or an ISO date
"YYYY-MM-DD" (date questions). Anything else in it is ignored: keys that are
not questions, answers that are not a real option or a real date, and answers
to questions that are skipped ("stale" answers left over from before a change).

A question is skipped when its `skip_when` condition is true. A condition
looks only at answers that count: if the question it names has no valid
answer, or is itself skipped, the condition is false and the question applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from portal.ras.model import Condition, Question, Questionnaire

# The whole operator table. Keep it this small: a rule a council cannot read
# aloud to a citizen does not belong here.
OPERATORS: dict[str, Callable[[str, tuple[str, ...]], bool]] = {
    "equals": lambda answer, values: answer == values[0],
    "in": lambda answer, values: answer in values,
    "not_in": lambda answer, values: answer not in values,
}

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"


def valid_answer(question: Question, value: object) -> str | None:
    """The answer if it is a real option id (or a real YYYY-MM-DD date), else None."""
    if not isinstance(value, str):
        return None
    if question.kind == "date":
        if not ISO_DATE.fullmatch(value):
            return None
        try:
            date.fromisoformat(value)
        except ValueError:
            return None
        return value
    return value if value in question.option_ids else None


def condition_holds(condition: Condition, counted: Mapping[str, str]) -> bool:
    """True when the condition is met by the answers that count so far."""
    answer = counted.get(condition.answer)
    if answer is None:
        return False
    return OPERATORS[condition.op](answer, condition.values)


def _walk(q: Questionnaire, answers: Mapping[str, str]) -> tuple[list[str], dict[str, str]]:
    """The path, and the valid answers to questions on it."""
    on_path: list[str] = []
    counted: dict[str, str] = {}
    for qid, question in q.questions.items():
        if question.skip_when is not None and condition_holds(question.skip_when, counted):
            continue
        on_path.append(qid)
        value = valid_answer(question, answers.get(qid))
        if value is not None:
            counted[qid] = value
    return on_path, counted


def path(q: Questionnaire, answers: Mapping[str, str]) -> list[str]:
    """The ids of the questions that apply, in the order they are asked."""
    return _walk(q, answers)[0]


def relevant_answers(q: Questionnaire, answers: Mapping[str, str]) -> dict[str, str]:
    """The valid answers to questions on the path, in order. Stale answers are dropped."""
    return _walk(q, answers)[1]


def first_unanswered(q: Questionnaire, answers: Mapping[str, str]) -> str | None:
    on_path, counted = _walk(q, answers)
    return next((qid for qid in on_path if qid not in counted), None)


def is_complete(q: Questionnaire, answers: Mapping[str, str]) -> bool:
    return first_unanswered(q, answers) is None


def _position(q: Questionnaire, qid: str) -> int:
    order = list(q.questions)
    try:
        return order.index(qid)
    except ValueError:
        raise KeyError(f"no question {qid!r}") from None


def next_question(q: Questionnaire, answers: Mapping[str, str], current: str) -> str | None:
    """The next question on the path after `current`; None after the last.

    `current` may be a question that is now skipped: the answer is the next
    question on the path after where it would be. KeyError if unknown.
    """
    here = _position(q, current)
    order = list(q.questions)
    return next((qid for qid in path(q, answers) if order.index(qid) > here), None)


def previous_question(q: Questionnaire, answers: Mapping[str, str], current: str) -> str | None:
    """The question on the path before `current`; None before the first."""
    here = _position(q, current)
    order = list(q.questions)
    before = [qid for qid in path(q, answers) if order.index(qid) < here]
    return before[-1] if before else None


def can_visit(q: Questionnaire, answers: Mapping[str, str], qid: str) -> bool:
    """True when `qid` is on the path and every path question before it is answered."""
    on_path, counted = _walk(q, answers)
    if qid not in on_path:
        return False
    return all(earlier in counted for earlier in on_path[:on_path.index(qid)])


def section_status(q: Questionnaire, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """(section id, status) for every section, in order.

    A section is "completed" when every question of it on the path is
    answered (so a section whose questions are all skipped is completed),
    "not_started" when none is, and "in_progress" otherwise.
    """
    on_path, counted = _walk(q, answers)
    applies = set(on_path)
    result = []
    for section in q.sections:
        asked = [qid for qid in section.question_ids if qid in applies]
        answered = sum(1 for qid in asked if qid in counted)
        if answered == len(asked):
            status = COMPLETED
        elif answered == 0:
            status = NOT_STARTED
        else:
            status = IN_PROGRESS
        result.append((section.id, status))
    return result

"""Which questions apply, given the answers so far. Pure functions.

`answers` maps a question id to its stored answer: an option id (radios), an
ISO date "YYYY-MM-DD" (dates), digits (numbers) or text (see
`portal.ras.answers`). Anything else in it is ignored: keys that are not
questions, answers their answer type does not accept, and answers to
questions that are skipped ("stale" answers left over from before a change).

An optional question (`Question.optional`) is asked like any other, and its answer may be left empty
(`answers.LEFT_EMPTY`). It never holds up the form: the form is complete, and a section done, without
it, and the questions after it can be opened before it is answered.

A question is skipped when its `skip_when` condition is true. A condition
looks only at answers that count: if the question it names has no valid
answer, or is itself skipped, the condition is false and the question applies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from portal.ras.answers import LEFT_EMPTY, answer_type
from portal.ras.model import Condition, Question, Questionnaire, Section

# The whole operator table. Keep it this small: a rule a council cannot read
# aloud to a citizen does not belong here.
OPERATORS: dict[str, Callable[[str, tuple[str, ...]], bool]] = {
    "equals": lambda answer, values: answer == values[0],
    "in": lambda answer, values: answer in values,
    "not_in": lambda answer, values: answer not in values,
}

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"


def valid_answer(question: Question, value: object) -> str | None:
    """The stored answer if the question's answer type accepts it (a real option id, a real YYYY-MM-DD
    date ...), else None. An optional question that was answered but left empty has answers.LEFT_EMPTY."""
    if not isinstance(value, str):
        return None
    read = answer_type(question.kind).read_or_empty(value, question.option_ids, optional=question.optional)
    if read is None:
        return None
    return LEFT_EMPTY if read == LEFT_EMPTY else value


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


def _needed(q: Questionnaire, qid: str, counted: Mapping[str, str]) -> bool:
    """True when the question still needs an answer: it has none, and it is not optional."""
    return qid not in counted and not q.questions[qid].optional


def first_unanswered(q: Questionnaire, answers: Mapping[str, str]) -> str | None:
    """The first question on the path that needs an answer (never an optional one), or None."""
    on_path, counted = _walk(q, answers)
    return next((qid for qid in on_path if _needed(q, qid, counted)), None)


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


def can_visit(
    q: Questionnaire, answers: Mapping[str, str], qid: str, any_section_order: bool = False
) -> bool:
    """True when `qid` is on the path and every path question before it is answered.

    With `any_section_order`, only the questions before it in its own section count: sections can be
    done in any order, as the task list pattern allows.
    """
    on_path, counted = _walk(q, answers)
    if qid not in on_path:
        return False
    earlier = on_path[: on_path.index(qid)]
    if any_section_order:
        section = set(_section_of(q, qid).question_ids)
        earlier = [e for e in earlier if e in section]
    return not any(_needed(q, e, counted) for e in earlier)


def _optional(q: Questionnaire, qid: str) -> bool:
    return q.questions[qid].optional


def _section_of(q: Questionnaire, qid: str) -> Section:
    return next(s for s in q.sections if qid in s.question_ids)


def section_status(q: Questionnaire, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """(section id, status) for every section, in order.

    A section is "completed" when every question of it on the path is
    answered (so a section whose questions are all skipped is completed),
    "not_started" when none is, and "in_progress" otherwise. An optional
    question counts only once it is answered.
    """
    on_path, counted = _walk(q, answers)
    applies = set(on_path)
    result = []
    for section in q.sections:
        asked = [
            qid
            for qid in section.question_ids
            if qid in applies and (qid in counted or not _optional(q, qid))
        ]
        answered = sum(1 for qid in asked if qid in counted)
        if answered == len(asked):
            status = COMPLETED
        elif answered == 0:
            status = NOT_STARTED
        else:
            status = IN_PROGRESS
        result.append((section.id, status))
    return result


# --- where each page leads ------------------------------------------------------------------------

QUESTION = "question"
CHECK = "check"
TASK_LIST = "task_list"


@dataclass(frozen=True)
class Destination:
    """A page of the questionnaire: a question (`question_id`, asked as part of a change when
    `changing`), the check answers page, or the task list."""

    page: str  # QUESTION, CHECK or TASK_LIST
    question_id: str | None = None
    changing: bool = False


def after_answer(
    q: Questionnaire, answers: Mapping[str, str], question_id: str, changing: bool = False
) -> Destination:
    """Where Continue leads once `question_id` is answered (`answers` includes the new answer).

    When changing an answer from the check page, a question the change brought in is asked first (as a
    change too), then the check page. Otherwise the next question when it can be opened, the check page
    when every question is answered, or the task list.
    """
    if changing:
        # an optional question the change brought in is asked too, once: left empty, it is answered
        on_path, counted = _walk(q, answers)
        gap = next((qid for qid in on_path if qid not in counted), None)
        return Destination(QUESTION, gap, changing=True) if gap else Destination(CHECK)
    following = next_question(q, answers, question_id)
    if following and can_visit(q, answers, following, any_section_order=True):
        return Destination(QUESTION, following)
    if is_complete(q, answers):
        return Destination(CHECK)
    return Destination(TASK_LIST)


def back_from(
    q: Questionnaire, answers: Mapping[str, str], question_id: str, changing: bool = False
) -> Destination:
    """Where a question page's back link leads: the check page when changing an answer, else the
    question before it, or the task list before the first."""
    if changing:
        return Destination(CHECK)
    previous = previous_question(q, answers, question_id)
    return Destination(QUESTION, previous) if previous else Destination(TASK_LIST)


@dataclass(frozen=True)
class SectionEntry:
    """One line of the task list: a section, its status, and the question its link opens (None when
    none of its questions apply)."""

    section_id: str
    status: str  # NOT_STARTED, IN_PROGRESS or COMPLETED
    first: str | None


def task_list(q: Questionnaire, answers: Mapping[str, str]) -> tuple[SectionEntry, ...]:
    """Each section's line of the task list. Its link opens the first question of it that has no answer
    (an optional one too, as it comes on the way), or its first question when all that need an answer
    have one."""
    on_path, counted = _walk(q, answers)
    entries = []
    for section_id, status in section_status(q, answers):
        section = next(s for s in q.sections if s.id == section_id)
        asked = [qid for qid in section.question_ids if qid in on_path]
        unanswered = [qid for qid in asked if qid not in counted]
        if any(_needed(q, qid, counted) for qid in unanswered):
            first: str | None = unanswered[0]
        else:
            first = asked[0] if asked else None
        entries.append(SectionEntry(section_id, status, first))
    return tuple(entries)


def missing(q: Questionnaire, answers: Mapping[str, str]) -> tuple[str, ...]:
    """Questions that apply, have no answer and can be opened now: after a changed answer brings in a
    question that was skipped before, the check page names them and the form cannot be sent."""
    on_path, counted = _walk(q, answers)
    return tuple(
        qid
        for qid in on_path
        if _needed(q, qid, counted) and can_visit(q, answers, qid, any_section_order=True)
    )


def answered_count(q: Questionnaire, answers: Mapping[str, str]) -> int:
    """How many of the questions that apply have an answer."""
    return len(relevant_answers(q, answers))

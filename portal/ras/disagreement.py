"""The disagreement route as a small state machine: its states, the moves between them,
who may make each move, and when the passing of time unlocks the next step.

    care manager  ->  team manager  ->  formal complaint  ->  Ombudsman guidance

A person moves on to the next step once the step they are on has its answer, or once the
date for that answer has passed without one. No step can be skipped any other way, and a
step that is answered or left behind cannot be changed again.

Pure: plain data in, plain data out. Dates come in as arguments ("today"); nothing here
reads a clock, a database or a web request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.ras import state_machine
from portal.ras.route_settings import (
    Contact as Contact,
)
from portal.ras.route_settings import (
    DisagreementConfig as DisagreementConfig,
)
from portal.ras.route_settings import (  # the route's settings, also known by this module's name
    TimeLimits as TimeLimits,
)
from portal.ras.route_settings import (
    care_manager_due as care_manager_due,
)
from portal.ras.route_settings import (
    complaint_acknowledge_due as complaint_acknowledge_due,
)
from portal.ras.route_settings import (
    complaint_answer_due as complaint_answer_due,
)
from portal.ras.route_settings import (
    ombudsman_go_by as ombudsman_go_by,
)
from portal.ras.route_settings import (
    ombudsman_opens_on as ombudsman_opens_on,
)
from portal.ras.route_settings import (
    team_manager_due as team_manager_due,
)

# --- who -------------------------------------------------------------------

PERSON = "person"  # the person, or someone with recorded authority to act for them
CARE_MANAGER = "care_manager"
TEAM_MANAGER = "team_manager"
COMPLAINTS_OFFICER = "complaints_officer"
ROLES = (PERSON, CARE_MANAGER, TEAM_MANAGER, COMPLAINTS_OFFICER)
STAFF_ROLES = (CARE_MANAGER, TEAM_MANAGER, COMPLAINTS_OFFICER)

# --- states ----------------------------------------------------------------

NOT_STARTED = "not_started"
CARE_MANAGER_WAITING = "care_manager_waiting"
CARE_MANAGER_ANSWERED = "care_manager_answered"
TEAM_MANAGER_WAITING = "team_manager_waiting"
TEAM_MANAGER_ANSWERED = "team_manager_answered"
COMPLAINT_WAITING = "complaint_waiting"
COMPLAINT_ACKNOWLEDGED = "complaint_acknowledged"
COMPLAINT_ANSWERED = "complaint_answered"
CLOSED = "closed"
STATES = (
    NOT_STARTED,
    CARE_MANAGER_WAITING,
    CARE_MANAGER_ANSWERED,
    TEAM_MANAGER_WAITING,
    TEAM_MANAGER_ANSWERED,
    COMPLAINT_WAITING,
    COMPLAINT_ACKNOWLEDGED,
    COMPLAINT_ANSWERED,
    CLOSED,
)

# --- moves -----------------------------------------------------------------

RAISE = "raise"  # tell the care manager you disagree
ADD_INFORMATION = "add_information"  # add more to the step that is waiting for an answer
REQUEST_ADVOCATE = "request_advocate"
ARRANGE_MEETING = "arrange_meeting"  # a staff answer that leaves the step waiting for a decision
AGREE_NEW_AMOUNT = "agree_new_amount"
KEEP_AMOUNT = "keep_amount"  # explain why the amount stands
ESCALATE = "escalate"  # ask a team manager to look again
COMPLAIN = "complain"  # make a formal complaint
ACKNOWLEDGE = "acknowledge"
ANSWER_COMPLAINT = "answer_complaint"  # the council's final answer
CLOSE = "close"  # the person is content and closes the disagreement
LETTER_POSTED = "letter_posted"  # not a move: an entry on the timeline, staff posted a letter about another
MOVES = (
    RAISE,
    ADD_INFORMATION,
    REQUEST_ADVOCATE,
    ARRANGE_MEETING,
    AGREE_NEW_AMOUNT,
    KEEP_AMOUNT,
    ESCALATE,
    COMPLAIN,
    ACKNOWLEDGE,
    ANSWER_COMPLAINT,
    CLOSE,
)

# --- when a move is open ---------------------------------------------------

ALWAYS = "always"
ONCE_DUE_DATE_PASSED = "once_due_date_passed"  # the answer date has passed with no decision
ONCE_ONLY = "once_only"  # for example, an advocate is asked for once per disagreement


@dataclass(frozen=True)
class Rule:
    move: str
    from_state: str
    who: str
    to_state: str
    when: str = ALWAYS


def _staff_answers(waiting: str, answered: str, who: str) -> tuple[Rule, ...]:
    return (
        Rule(ARRANGE_MEETING, waiting, who, waiting),
        Rule(AGREE_NEW_AMOUNT, waiting, who, answered),
        Rule(KEEP_AMOUNT, waiting, who, answered),
    )


OPEN_STATES = (
    CARE_MANAGER_WAITING,
    CARE_MANAGER_ANSWERED,
    TEAM_MANAGER_WAITING,
    TEAM_MANAGER_ANSWERED,
    COMPLAINT_WAITING,
    COMPLAINT_ACKNOWLEDGED,
)
WAITING_STATES = (CARE_MANAGER_WAITING, TEAM_MANAGER_WAITING, COMPLAINT_WAITING, COMPLAINT_ACKNOWLEDGED)

RULES: tuple[Rule, ...] = (
    Rule(RAISE, NOT_STARTED, PERSON, CARE_MANAGER_WAITING),
    *(Rule(ADD_INFORMATION, state, PERSON, state) for state in WAITING_STATES),
    *(
        Rule(REQUEST_ADVOCATE, state, PERSON, state, ONCE_ONLY)
        for state in OPEN_STATES + (COMPLAINT_ANSWERED,)
    ),
    *_staff_answers(CARE_MANAGER_WAITING, CARE_MANAGER_ANSWERED, CARE_MANAGER),
    Rule(ESCALATE, CARE_MANAGER_ANSWERED, PERSON, TEAM_MANAGER_WAITING),
    Rule(ESCALATE, CARE_MANAGER_WAITING, PERSON, TEAM_MANAGER_WAITING, ONCE_DUE_DATE_PASSED),
    *_staff_answers(TEAM_MANAGER_WAITING, TEAM_MANAGER_ANSWERED, TEAM_MANAGER),
    Rule(COMPLAIN, TEAM_MANAGER_ANSWERED, PERSON, COMPLAINT_WAITING),
    Rule(COMPLAIN, TEAM_MANAGER_WAITING, PERSON, COMPLAINT_WAITING, ONCE_DUE_DATE_PASSED),
    Rule(ACKNOWLEDGE, COMPLAINT_WAITING, COMPLAINTS_OFFICER, COMPLAINT_ACKNOWLEDGED),
    Rule(ANSWER_COMPLAINT, COMPLAINT_WAITING, COMPLAINTS_OFFICER, COMPLAINT_ANSWERED),
    Rule(ANSWER_COMPLAINT, COMPLAINT_ACKNOWLEDGED, COMPLAINTS_OFFICER, COMPLAINT_ANSWERED),
    *(Rule(CLOSE, state, PERSON, CLOSED) for state in OPEN_STATES),
)

# --- why a move is refused -------------------------------------------------

ALLOWED = "allowed"
# the case is not at a point where this move exists (closed, answered, not started...)
NOT_NOW = state_machine.NOT_NOW
NOT_YOUR_MOVE = state_machine.NOT_YOUR_MOVE  # the move exists now, but someone else makes it
TOO_EARLY = "too_early"  # the move opens when the answer date has passed
ALREADY_DONE = "already_done"  # a once-only move that has been made


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one disagreement."""

    state: str = NOT_STARTED
    due: date | None = None  # when the current step's answer is due
    advocate_requested: bool = False


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str
    to_state: str | None = None
    opens_on: date | None = None  # for TOO_EARLY: the first day the move is open


def check(facts: Facts, move: str, role: str, today: date) -> Verdict:
    """May `role` make `move` now? If so, the state it leads to; if not, why not."""
    rule = state_machine.rule_for(RULES, facts.state, move, role, (STATES, MOVES, ROLES))
    if isinstance(rule, str):
        return Verdict(False, rule)
    if rule.when == ONCE_DUE_DATE_PASSED:
        if facts.due is None:
            raise ValueError(f"{facts.state} needs a due date")
        if not is_overdue(facts.due, today):
            return Verdict(False, TOO_EARLY, opens_on=first_day_after(facts.due))
    if rule.when == ONCE_ONLY and facts.advocate_requested:
        return Verdict(False, ALREADY_DONE)
    return Verdict(True, ALLOWED, to_state=rule.to_state)


def moves_open(facts: Facts, role: str, today: date) -> tuple[str, ...]:
    """Every move `role` can make now, in the order of MOVES."""
    return tuple(move for move in MOVES if check(facts, move, role, today).allowed)


def opening_dates(facts: Facts, role: str, today: date) -> dict[str, date]:
    """For each move that is not open yet but will open with time: the first day `check` allows it.

    Pages that tell a person "you can ask from ..." take the date from here, so the date a page
    promises is the date the rules accept."""
    found = {}
    for move in MOVES:
        verdict = check(facts, move, role, today)
        if verdict.reason == TOO_EARLY and verdict.opens_on is not None:
            found[move] = verdict.opens_on
    return found


def comes_first(state: str | None, move: str, role: str = PERSON) -> str | None:
    """When `move` does not exist yet in `state`: the move `role` must make first to reach a state
    where it does (for example, ask a team manager before a formal complaint). None if there is none."""
    state = state or NOT_STARTED
    for rule in RULES:
        if (
            rule.from_state == state
            and rule.who == role
            and rule.to_state != state
            and any(
                later.move == move and later.from_state == rule.to_state and later.who == role
                for later in RULES
            )
        ):
            return rule.move
    return None


def first_day_after(due: date) -> date:
    """The answer is due by the end of its due date, so a move that waits for it opens the next day,
    whatever day that is (a person can send a form at a weekend)."""
    return due + timedelta(days=1)


def is_overdue(due: date, today: date) -> bool:
    """An answer is overdue from the day after its due date."""
    return today >= first_day_after(due)


# --- where the person is on the route --------------------------------------

STEP_PLAN = "plan"
STEP_CARE_MANAGER = "care_manager"
STEP_ADVOCATE = "advocate"
STEP_TEAM_MANAGER = "team_manager"
STEP_COMPLAINT = "complaint"
STEP_OMBUDSMAN = "ombudsman"
STEPS = (STEP_PLAN, STEP_CARE_MANAGER, STEP_ADVOCATE, STEP_TEAM_MANAGER, STEP_COMPLAINT, STEP_OMBUDSMAN)

# The step each state belongs to: the step whose record holds the request and its answer. An answered
# complaint is still the complaint's state (its record holds the final answer); the guide shows the person
# at the Ombudsman then, because the council's complaints process has finished (see `current_step`).
STEP_OF_STATE = {
    CARE_MANAGER_WAITING: STEP_CARE_MANAGER,
    CARE_MANAGER_ANSWERED: STEP_CARE_MANAGER,
    TEAM_MANAGER_WAITING: STEP_TEAM_MANAGER,
    TEAM_MANAGER_ANSWERED: STEP_TEAM_MANAGER,
    COMPLAINT_WAITING: STEP_COMPLAINT,
    COMPLAINT_ACKNOWLEDGED: STEP_COMPLAINT,
    COMPLAINT_ANSWERED: STEP_COMPLAINT,
}
ANSWERED_STEPS = (STEP_CARE_MANAGER, STEP_TEAM_MANAGER, STEP_COMPLAINT)  # the steps the council answers


def step_of_state(state: str) -> str | None:
    """The step a disagreement in `state` is at: None before it starts and once it is closed."""
    return STEP_OF_STATE.get(state)


def current_step(state: str, has_plan: bool, ombudsman_is_open: bool = False) -> str | None:
    """The step the person is on, for the step-by-step guide. None when the disagreement is closed."""
    if state == CLOSED:
        return None
    if state == NOT_STARTED:
        return STEP_CARE_MANAGER if has_plan else STEP_PLAN
    if ombudsman_is_open or state == COMPLAINT_ANSWERED:
        return STEP_OMBUDSMAN
    return STEP_OF_STATE[state]


# How far the person is with each step of the guide.
TODO = "todo"
CURRENT = "current"  # the step the person is on
CURRENT_WAITING = "current_waiting"  # the step the person is on, waiting for the council's answer
WAITING = "waiting"  # sent, and waiting for an answer, while the person is on a later step
DONE = "done"
ASKED = "asked"  # the person asked us to find an advocate
PROGRESS = (TODO, CURRENT, CURRENT_WAITING, WAITING, DONE, ASKED)


def progress(
    finished: dict[str, bool], advocate_asked: bool, has_plan: bool, here: str | None
) -> dict[str, str]:
    """For each step of the guide, how far the person is with it. `finished` has the steps the person has
    sent, each True once it is answered or left behind.

    Only the step the person is on is "current" (or "current_waiting" when it waits for an answer), so
    the guide says "You are here" once: a complaint still waiting when the Ombudsman opens is "waiting"."""
    status = dict.fromkeys(STEPS, TODO)
    if has_plan:
        status[STEP_PLAN] = DONE
    for step in ANSWERED_STEPS:
        if step in finished:
            status[step] = DONE if finished[step] else WAITING
    if advocate_asked:
        status[STEP_ADVOCATE] = ASKED
    if here is not None:
        status[here] = CURRENT_WAITING if status[here] == WAITING else CURRENT
    return status


def staff_step(state: str) -> str | None:
    """Whose work list a disagreement is on: the role that must act next, if any."""
    return {
        CARE_MANAGER_WAITING: CARE_MANAGER,
        TEAM_MANAGER_WAITING: TEAM_MANAGER,
        COMPLAINT_WAITING: COMPLAINTS_OFFICER,
        COMPLAINT_ACKNOWLEDGED: COMPLAINTS_OFFICER,
    }.get(state)


# What staff do next, for each state on a work list.
ANSWER = "answer"  # a care manager's or team manager's answer: one of STAFF_ANSWERS
STAFF_ANSWERS = (AGREE_NEW_AMOUNT, KEEP_AMOUNT, ARRANGE_MEETING)
STAFF_TASKS = {
    CARE_MANAGER_WAITING: ANSWER,
    TEAM_MANAGER_WAITING: ANSWER,
    COMPLAINT_WAITING: ACKNOWLEDGE,
    COMPLAINT_ACKNOWLEDGED: ANSWER_COMPLAINT,
}


def staff_task(state: str) -> str | None:
    """The task that waits for staff in `state` (ANSWER, ACKNOWLEDGE or ANSWER_COMPLAINT), if any."""
    return STAFF_TASKS.get(state)


def work_due(state: str, due_on: date, acknowledge_due_on: date | None = None) -> date:
    """When staff must act: the answer's due date, or for a complaint not yet acknowledged, the sooner of
    the date to say we have it and the date of the final answer."""
    if state == COMPLAINT_WAITING and acknowledge_due_on is not None:
        return min(acknowledge_due_on, due_on)
    return due_on


# What an answer decided.
NEW_AMOUNT = "new_amount"
AMOUNT_STANDS = "amount_stands"
OUTCOME_OF_MOVE = {AGREE_NEW_AMOUNT: NEW_AMOUNT, KEEP_AMOUNT: AMOUNT_STANDS}
UPHELD = "upheld"
PARTLY_UPHELD = "partly_upheld"
NOT_UPHELD = "not_upheld"
COMPLAINT_OUTCOMES = (UPHELD, PARTLY_UPHELD, NOT_UPHELD)
GO_TO_OMBUDSMAN = "ombudsman"  # not a move of the route: going to the Ombudsman, which a page can promise


def ombudsman_open(state: str, complained_on: date | None, limits: TimeLimits, today: date) -> bool:
    """The person can go to the Ombudsman once the council's final complaint answer is given,
    or once the set number of weeks have passed since the complaint without one."""
    if state == COMPLAINT_ANSWERED:
        return True
    if state in (COMPLAINT_WAITING, COMPLAINT_ACKNOWLEDGED) and complained_on is not None:
        return today >= ombudsman_opens_on(limits, complained_on)
    return False

"""Taking a disagreement along its route: each move checked by the rules, saved once with its messages.

Both the person's pages (`disagree`) and the staff pages (`staff`) call these functions, so that
every change goes through `portal.ras.disagreement.check` and the same conditional update:
a change is written only if nobody changed the disagreement first. A form sent twice (a double
click, a retry) carries the same one-time token, so it is stored once and notified once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from portal.access import audit
from portal.journeys.disagree import messages
from portal.journeys.disagree.reading import (
    OMBUDSMAN as OMBUDSMAN,
)
from portal.journeys.disagree.reading import (
    agreed_amount as agreed_amount,
)
from portal.journeys.disagree.reading import (
    complaint_date as complaint_date,
)
from portal.journeys.disagree.reading import (
    current_step as current_step,
)
from portal.journeys.disagree.reading import (
    disagreement_for as disagreement_for,
)
from portal.journeys.disagree.reading import (
    facts_of as facts_of,
)
from portal.journeys.disagree.reading import (
    ombudsman_open as ombudsman_open,
)
from portal.journeys.disagree.reading import (
    opening_dates as opening_dates,
)
from portal.journeys.disagree.reading import (  # what a page reads, also known by this module's name
    route_config as route_config,
)
from portal.journeys.disagree.reading import (
    verdict as verdict,
)
from portal.journeys.pages import AlreadySent, Refused
from portal.ras import disagreement as rules
from portal.ras.disagreement import Facts, Verdict
from portal.store import db
from portal.store import disagreements as store
from portal.store.disagreement_models import Disagreement, DisagreementEntry, DisagreementStep, new_reference
from portal.store.models import Assessment, User

log = logging.getLogger(__name__)

__all__ = ["AlreadySent", "Refused"]  # raised by the moves below; the page registry knows them


@dataclass(frozen=True)
class Actor:
    user: User
    role: str  # rules.PERSON or a staff role
    basis: str  # self | authority:<basis> | staff:<role>


# --- changing ----------------------------------------------------------------


def check_not_sent_before(token: str | None) -> None:
    if token and store.token_used(token):
        raise AlreadySent


def _advance(case: Disagreement, move: str, actor: Actor, today: date) -> Verdict:
    """Check the move, then write the new state only if nobody changed the disagreement first."""
    found = verdict(case, move, actor.role, today)
    if not found.allowed:
        raise Refused(found)
    if not store.move_state(case, found.to_state):
        db().rollback()
        raise Refused(Verdict(False, rules.NOT_NOW))
    set_committed_value(case, "state", found.to_state)
    set_committed_value(case, "version", case.version + 1)
    return found


def add_entry(
    case: Disagreement,
    move: str,
    actor: Actor,
    today: date,
    token: str | None,
    *,
    step_kind: str | None = None,
    text: str | None = None,
    weekly_pence: int | None = None,
    details: dict | None = None,
) -> DisagreementEntry:
    entry = DisagreementEntry(
        disagreement_id=case.id,
        step_kind=step_kind,
        kind=move,
        author_id=actor.user.id,
        author_role=actor.role,
        basis=actor.basis,
        sent_on=today,
        text=text,
        weekly_pence=weekly_pence,
        details=details or {},
        send_token=token,
    )
    db().add(entry)
    return entry


def commit_once(case: Disagreement | None = None, move: str | None = None) -> None:
    """Save the change; with `move`, the messages that tell people about it too, in the same transaction."""
    try:
        if move is not None:
            db().flush()
            db().expire(case)
            messages.tell_about(case, move)
        db().commit()
    except IntegrityError:
        # The same form, sent at the same moment from another tab or a retry: the first one won.
        db().rollback()
        raise AlreadySent from None


def raise_disagreement(
    assessment: Assessment,
    actor: Actor,
    today: date,
    token: str | None,
    *,
    reason: str,
    weekly_pence: int | None,
    talk: str,
    contact: dict,
) -> Disagreement:
    check_not_sent_before(token)
    existing = disagreement_for(assessment)
    if existing is not None:
        raise Refused(verdict(existing, rules.RAISE, actor.role, today))
    found = rules.check(Facts(), rules.RAISE, actor.role, today)
    if not found.allowed:
        raise Refused(found)
    limits = route_config().limits
    case = Disagreement(
        assessment_id=assessment.id,
        person_id=assessment.person_id,
        state=found.to_state,
        raised_on=today,
        raised_by_id=actor.user.id,
        reference=new_reference(),
    )
    from portal.journeys.staff.roles import assign_new_case

    assign_new_case(assessment.person)  # first, so that its messages go to the staff who hold the case
    db().add(case)
    try:
        db().flush()
    except IntegrityError:
        db().rollback()
        raise AlreadySent from None
    db().add(
        DisagreementStep(
            disagreement_id=case.id,
            kind=rules.STEP_CARE_MANAGER,
            opened_on=today,
            due_on=rules.care_manager_due(limits, today),
        )
    )
    add_entry(
        case,
        rules.RAISE,
        actor,
        today,
        token,
        step_kind=rules.STEP_CARE_MANAGER,
        text=reason,
        weekly_pence=weekly_pence,
        details={"talk": talk, **contact},
    )
    commit_once(case, rules.RAISE)
    _after(case, rules.RAISE, actor)
    return case


def add_information(case: Disagreement, actor: Actor, today: date, token: str | None, text: str) -> None:
    check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ADD_INFORMATION, actor, today)
    add_entry(case, rules.ADD_INFORMATION, actor, today, token, step_kind=step.kind, text=text)
    commit_once(case, rules.ADD_INFORMATION)
    _after(case, rules.ADD_INFORMATION, actor)


def request_advocate(
    case: Disagreement, actor: Actor, today: date, token: str | None, text: str | None
) -> None:
    check_not_sent_before(token)
    _advance(case, rules.REQUEST_ADVOCATE, actor, today)
    case.advocate_requested_on = today
    add_entry(case, rules.REQUEST_ADVOCATE, actor, today, token, step_kind=rules.STEP_ADVOCATE, text=text)
    commit_once(case, rules.REQUEST_ADVOCATE)
    _after(case, rules.REQUEST_ADVOCATE, actor)


def _leave(step: DisagreementStep | None, today: date) -> None:
    if step is not None and step.answered_on is None and step.left_on is None:
        step.left_on = today


def escalate(
    case: Disagreement, actor: Actor, today: date, token: str | None, *, reason: str, weekly_pence: int | None
) -> None:
    check_not_sent_before(token)
    previous = current_step(case)
    _advance(case, rules.ESCALATE, actor, today)
    _leave(previous, today)
    db().add(
        DisagreementStep(
            disagreement_id=case.id,
            kind=rules.STEP_TEAM_MANAGER,
            opened_on=today,
            due_on=rules.team_manager_due(route_config().limits, today),
        )
    )
    add_entry(
        case,
        rules.ESCALATE,
        actor,
        today,
        token,
        step_kind=rules.STEP_TEAM_MANAGER,
        text=reason,
        weekly_pence=weekly_pence,
    )
    commit_once(case, rules.ESCALATE)
    _after(case, rules.ESCALATE, actor)


def complain(
    case: Disagreement, actor: Actor, today: date, token: str | None, *, complaint: str, put_right: str
) -> None:
    check_not_sent_before(token)
    previous = current_step(case)
    _advance(case, rules.COMPLAIN, actor, today)
    _leave(previous, today)
    limits = route_config().limits
    db().add(
        DisagreementStep(
            disagreement_id=case.id,
            kind=rules.STEP_COMPLAINT,
            opened_on=today,
            acknowledge_due_on=rules.complaint_acknowledge_due(limits, today),
            due_on=rules.complaint_answer_due(limits, today),
        )
    )
    add_entry(
        case,
        rules.COMPLAIN,
        actor,
        today,
        token,
        step_kind=rules.STEP_COMPLAINT,
        text=complaint,
        details={"put_right": put_right},
    )
    commit_once(case, rules.COMPLAIN)
    _after(case, rules.COMPLAIN, actor)


def close(case: Disagreement, actor: Actor, today: date, token: str | None, text: str | None) -> None:
    check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.CLOSE, actor, today)
    _leave(step, today)
    case.closed_on = today
    add_entry(case, rules.CLOSE, actor, today, token, step_kind=step.kind if step else None, text=text)
    commit_once(case, rules.CLOSE)
    _after(case, rules.CLOSE, actor)


def staff_answer(
    case: Disagreement,
    move: str,
    actor: Actor,
    today: date,
    token: str | None,
    *,
    text: str,
    weekly_pence: int | None = None,
    meeting: dict | None = None,
) -> None:
    """A care manager's or team manager's answer: a new amount, the amount stands, or a meeting."""
    if move not in rules.STAFF_ANSWERS:
        raise ValueError(move)
    check_not_sent_before(token)
    step = current_step(case)
    _advance(case, move, actor, today)
    if move in rules.OUTCOME_OF_MOVE:
        step.answered_on, step.answered_by_id, step.outcome = (
            today,
            actor.user.id,
            rules.OUTCOME_OF_MOVE[move],
        )
        step.agreed_weekly_pence = weekly_pence if move == rules.AGREE_NEW_AMOUNT else None
    add_entry(
        case,
        move,
        actor,
        today,
        token,
        step_kind=step.kind,
        text=text,
        weekly_pence=weekly_pence if move == rules.AGREE_NEW_AMOUNT else None,
        details=meeting or {},
    )
    commit_once(case, move)
    _after(case, move, actor)


def acknowledge(case: Disagreement, actor: Actor, today: date, token: str | None, text: str) -> None:
    check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ACKNOWLEDGE, actor, today)
    step.acknowledged_on = today
    add_entry(case, rules.ACKNOWLEDGE, actor, today, token, step_kind=step.kind, text=text)
    commit_once(case, rules.ACKNOWLEDGE)
    _after(case, rules.ACKNOWLEDGE, actor)


def answer_complaint(
    case: Disagreement, actor: Actor, today: date, token: str | None, *, outcome: str, text: str
) -> None:
    check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ANSWER_COMPLAINT, actor, today)
    step.acknowledged_on = step.acknowledged_on or today
    step.answered_on, step.answered_by_id, step.outcome = today, actor.user.id, outcome
    add_entry(
        case,
        rules.ANSWER_COMPLAINT,
        actor,
        today,
        token,
        step_kind=step.kind,
        text=text,
        details={"outcome": outcome},
    )
    commit_once(case, rules.ANSWER_COMPLAINT)
    _after(case, rules.ANSWER_COMPLAINT, actor)


def _after(case: Disagreement, move: str, actor: Actor) -> None:
    """Once a change is saved (with its messages): write it to the audit log when someone other than the
    person made it."""
    db().expire(case)
    audit(actor.user, case.person, move, f"disagreement:{case.reference}", actor.basis)

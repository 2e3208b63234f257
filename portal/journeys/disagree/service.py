"""Taking a disagreement along its route: each move checked by the rules, saved once, then notified.

Both the person's pages (`disagree`) and the staff pages (`staff`) call these functions, so that
every change goes through `portal.ras.disagreement.check` and the same conditional update:
a change is written only if nobody changed the disagreement first. A form sent twice (a double
click, a retry) carries the same one-time token, so it is stored once and notified once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from portal import notify
from portal.access import audit
from portal.i18n import long_date, money
from portal.ras import disagreement as rules
from portal.ras.disagreement import Facts, Verdict
from portal.store import db, once
from portal.store.disagreement_models import (
    CaseAssignment,
    Disagreement,
    DisagreementEntry,
    DisagreementStep,
    StaffMember,
)
from portal.store.models import Assessment, Authority, User

log = logging.getLogger(__name__)

STEP_OF_STATE = {
    rules.CARE_MANAGER_WAITING: rules.STEP_CARE_MANAGER,
    rules.CARE_MANAGER_ANSWERED: rules.STEP_CARE_MANAGER,
    rules.TEAM_MANAGER_WAITING: rules.STEP_TEAM_MANAGER,
    rules.TEAM_MANAGER_ANSWERED: rules.STEP_TEAM_MANAGER,
    rules.COMPLAINT_WAITING: rules.STEP_COMPLAINT,
    rules.COMPLAINT_ACKNOWLEDGED: rules.STEP_COMPLAINT,
    rules.COMPLAINT_ANSWERED: rules.STEP_COMPLAINT,
}
OUTCOME_OF_MOVE = {rules.AGREE_NEW_AMOUNT: "new_amount", rules.KEEP_AMOUNT: "amount_stands"}
STAFF_ANSWERS = (rules.AGREE_NEW_AMOUNT, rules.KEEP_AMOUNT, rules.ARRANGE_MEETING)


class Refused(Exception):
    """The rules do not allow this move now. Nothing was changed."""

    def __init__(self, verdict: Verdict):
        super().__init__(verdict.reason)
        self.verdict = verdict


class AlreadySent(Exception):
    """This exact form was sent before; it was stored then, and nothing more was done."""


@dataclass(frozen=True)
class Actor:
    user: User
    role: str  # rules.PERSON or a staff role
    basis: str  # self | authority:<basis> | staff:<role>


# --- reading -----------------------------------------------------------------

def route_config() -> rules.DisagreementConfig:
    return current_app.extensions["ras_config"].disagreement


def disagreement_for(assessment: Assessment) -> Disagreement | None:
    return db().scalar(select(Disagreement).where(Disagreement.assessment_id == assessment.id))


def current_step(case: Disagreement | None) -> DisagreementStep | None:
    if case is None or case.state not in STEP_OF_STATE:
        return None
    return case.step(STEP_OF_STATE[case.state])


def facts_of(case: Disagreement | None) -> Facts:
    if case is None:
        return Facts()
    step = current_step(case)
    return Facts(state=case.state, due=step.due_on if step else None,
                 advocate_requested=case.advocate_requested_on is not None)


def verdict(case: Disagreement | None, move: str, role: str, today: date) -> Verdict:
    return rules.check(facts_of(case), move, role, today)


def agreed_amount(case: Disagreement | None) -> DisagreementStep | None:
    """The step whose answer agreed the latest new amount, if any. The stored budget is never changed."""
    if case is None:
        return None
    agreed = [step for step in case.steps if step.outcome == "new_amount" and step.agreed_weekly_pence]
    return max(agreed, key=lambda step: (step.answered_on, step.id)) if agreed else None


def complaint_date(case: Disagreement | None) -> date | None:
    step = case.step(rules.STEP_COMPLAINT) if case else None
    return step.opened_on if step else None


def ombudsman_open(case: Disagreement | None, today: date) -> bool:
    if case is None:
        return False
    return rules.ombudsman_open(case.state, complaint_date(case), route_config().limits, today)


OMBUDSMAN = "ombudsman"  # going to the Ombudsman: not a move of the route, but a date a page can promise


def opening_dates(case: Disagreement | None, today: date) -> dict[str, date]:
    """What the person cannot do yet but will be able to with time, and the first day they can:
    the dates the rules accept, for every page that says "you can ... from"."""
    found = rules.opening_dates(facts_of(case), rules.PERSON, today)
    complained_on = complaint_date(case)
    if complained_on is not None and case.state in (rules.COMPLAINT_WAITING, rules.COMPLAINT_ACKNOWLEDGED) \
            and not ombudsman_open(case, today):
        found[OMBUDSMAN] = rules.ombudsman_opens_on(route_config().limits, complained_on)
    return found


# --- changing ----------------------------------------------------------------

def _check_not_sent_before(token: str | None) -> None:
    if token and db().scalar(select(DisagreementEntry.id).where(DisagreementEntry.send_token == token)):
        raise AlreadySent


def _advance(case: Disagreement, move: str, actor: Actor, today: date) -> Verdict:
    """Check the move, then write the new state only if nobody changed the disagreement first."""
    found = verdict(case, move, actor.role, today)
    if not found.allowed:
        raise Refused(found)
    written = db().execute(
        update(Disagreement)
        .where(Disagreement.id == case.id, Disagreement.state == case.state,
               once.unchanged_since_shown(case, found.to_state))  # two messages at once: both kept
        .values(state=found.to_state, version=case.version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if written != 1:
        db().rollback()
        raise Refused(Verdict(False, rules.NOT_NOW))
    set_committed_value(case, "state", found.to_state)
    set_committed_value(case, "version", case.version + 1)
    return found


def _entry(case: Disagreement, move: str, actor: Actor, today: date, token: str | None, *,
           step_kind: str | None = None, text: str | None = None, weekly_pence: int | None = None,
           details: dict | None = None) -> DisagreementEntry:
    entry = DisagreementEntry(disagreement_id=case.id, step_kind=step_kind, kind=move, author_id=actor.user.id,
                              author_role=actor.role, basis=actor.basis, sent_on=today, text=text,
                              weekly_pence=weekly_pence, details=details or {}, send_token=token)
    db().add(entry)
    return entry


def _commit() -> None:
    try:
        db().commit()
    except IntegrityError:
        # The same form, sent at the same moment from another tab or a retry: the first one won.
        db().rollback()
        raise AlreadySent from None


def raise_disagreement(assessment: Assessment, actor: Actor, today: date, token: str | None, *, reason: str,
                       weekly_pence: int | None, talk: str, contact: dict) -> Disagreement:
    _check_not_sent_before(token)
    existing = disagreement_for(assessment)
    if existing is not None:
        raise Refused(verdict(existing, rules.RAISE, actor.role, today))
    found = rules.check(Facts(), rules.RAISE, actor.role, today)
    if not found.allowed:
        raise Refused(found)
    limits = route_config().limits
    case = Disagreement(assessment_id=assessment.id, person_id=assessment.person_id, state=found.to_state,
                        raised_on=today, raised_by_id=actor.user.id)
    db().add(case)
    try:
        db().flush()
    except IntegrityError:
        db().rollback()
        raise AlreadySent from None
    db().add(DisagreementStep(disagreement_id=case.id, kind=rules.STEP_CARE_MANAGER, opened_on=today,
                              due_on=rules.care_manager_due(limits, today)))
    _entry(case, rules.RAISE, actor, today, token, step_kind=rules.STEP_CARE_MANAGER, text=reason,
           weekly_pence=weekly_pence, details={"talk": talk, **contact})
    _commit()
    from portal.journeys.staff.roles import assign_new_case

    assign_new_case(case)
    _after(case, rules.RAISE, actor)
    return case


def add_information(case: Disagreement, actor: Actor, today: date, token: str | None, text: str) -> None:
    _check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ADD_INFORMATION, actor, today)
    _entry(case, rules.ADD_INFORMATION, actor, today, token, step_kind=step.kind, text=text)
    _commit()
    _after(case, rules.ADD_INFORMATION, actor)


def request_advocate(case: Disagreement, actor: Actor, today: date, token: str | None, text: str | None) -> None:
    _check_not_sent_before(token)
    _advance(case, rules.REQUEST_ADVOCATE, actor, today)
    case.advocate_requested_on = today
    _entry(case, rules.REQUEST_ADVOCATE, actor, today, token, step_kind=rules.STEP_ADVOCATE, text=text)
    _commit()
    _after(case, rules.REQUEST_ADVOCATE, actor)


def _leave(step: DisagreementStep | None, today: date) -> None:
    if step is not None and step.answered_on is None and step.left_on is None:
        step.left_on = today


def escalate(case: Disagreement, actor: Actor, today: date, token: str | None, *, reason: str,
             weekly_pence: int | None) -> None:
    _check_not_sent_before(token)
    previous = current_step(case)
    _advance(case, rules.ESCALATE, actor, today)
    _leave(previous, today)
    db().add(DisagreementStep(disagreement_id=case.id, kind=rules.STEP_TEAM_MANAGER, opened_on=today,
                              due_on=rules.team_manager_due(route_config().limits, today)))
    _entry(case, rules.ESCALATE, actor, today, token, step_kind=rules.STEP_TEAM_MANAGER, text=reason,
           weekly_pence=weekly_pence)
    _commit()
    _after(case, rules.ESCALATE, actor)


def complain(case: Disagreement, actor: Actor, today: date, token: str | None, *, complaint: str,
             put_right: str) -> None:
    _check_not_sent_before(token)
    previous = current_step(case)
    _advance(case, rules.COMPLAIN, actor, today)
    _leave(previous, today)
    limits = route_config().limits
    db().add(DisagreementStep(disagreement_id=case.id, kind=rules.STEP_COMPLAINT, opened_on=today,
                              acknowledge_due_on=rules.complaint_acknowledge_due(limits, today),
                              due_on=rules.complaint_answer_due(limits, today)))
    _entry(case, rules.COMPLAIN, actor, today, token, step_kind=rules.STEP_COMPLAINT, text=complaint,
           details={"put_right": put_right})
    _commit()
    _after(case, rules.COMPLAIN, actor)


def close(case: Disagreement, actor: Actor, today: date, token: str | None, text: str | None) -> None:
    _check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.CLOSE, actor, today)
    _leave(step, today)
    case.closed_on = today
    _entry(case, rules.CLOSE, actor, today, token, step_kind=step.kind if step else None, text=text)
    _commit()
    _after(case, rules.CLOSE, actor)


def staff_answer(case: Disagreement, move: str, actor: Actor, today: date, token: str | None, *, text: str,
                 weekly_pence: int | None = None, meeting: dict | None = None) -> None:
    """A care manager's or team manager's answer: a new amount, the amount stands, or a meeting."""
    if move not in STAFF_ANSWERS:
        raise ValueError(move)
    _check_not_sent_before(token)
    step = current_step(case)
    _advance(case, move, actor, today)
    if move in OUTCOME_OF_MOVE:
        step.answered_on, step.answered_by_id, step.outcome = today, actor.user.id, OUTCOME_OF_MOVE[move]
        step.agreed_weekly_pence = weekly_pence if move == rules.AGREE_NEW_AMOUNT else None
    _entry(case, move, actor, today, token, step_kind=step.kind, text=text,
           weekly_pence=weekly_pence if move == rules.AGREE_NEW_AMOUNT else None, details=meeting or {})
    _commit()
    _after(case, move, actor)


def acknowledge(case: Disagreement, actor: Actor, today: date, token: str | None, text: str) -> None:
    _check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ACKNOWLEDGE, actor, today)
    step.acknowledged_on = today
    _entry(case, rules.ACKNOWLEDGE, actor, today, token, step_kind=step.kind, text=text)
    _commit()
    _after(case, rules.ACKNOWLEDGE, actor)


def answer_complaint(case: Disagreement, actor: Actor, today: date, token: str | None, *, outcome: str,
                     text: str) -> None:
    _check_not_sent_before(token)
    step = current_step(case)
    _advance(case, rules.ANSWER_COMPLAINT, actor, today)
    step.acknowledged_on = step.acknowledged_on or today
    step.answered_on, step.answered_by_id, step.outcome = today, actor.user.id, outcome
    _entry(case, rules.ANSWER_COMPLAINT, actor, today, token, step_kind=step.kind, text=text,
           details={"outcome": outcome})
    _commit()
    _after(case, rules.ANSWER_COMPLAINT, actor)


# --- who is told ---------------------------------------------------------------

def _person_side(case: Disagreement) -> list[str]:
    """The person and everyone who acts for them with recorded authority."""
    emails = []
    if case.person.user is not None and case.person.user.email:
        emails.append(case.person.user.email)
    for authority in db().scalars(select(Authority).where(Authority.person_id == case.person_id)):
        user = db().get(User, authority.user_id)
        if user and user.email:
            emails.append(user.email)
    if case.raised_by.email:
        emails.append(case.raised_by.email)
    return list(dict.fromkeys(emails))


def _assigned(case: Disagreement, role: str) -> list[str]:
    assignment = db().scalar(select(CaseAssignment).where(CaseAssignment.person_id == case.person_id,
                                                          CaseAssignment.role == role))
    if assignment is None or not assignment.staff_user.email:
        return []
    return [assignment.staff_user.email]


def _complaints_officers() -> list[str]:
    officers = db().scalars(select(StaffMember).where(StaffMember.role == rules.COMPLAINTS_OFFICER,
                                                      StaffMember.active.is_(True)))
    return [officer.user.email for officer in officers if officer.user.email]


def _staff_for(case: Disagreement, step_kind: str | None) -> list[str]:
    if step_kind == rules.STEP_TEAM_MANAGER:
        return _assigned(case, rules.TEAM_MANAGER)
    if step_kind == rules.STEP_COMPLAINT:
        return _complaints_officers()
    return _assigned(case, rules.CARE_MANAGER)


def _after(case: Disagreement, move: str, actor: Actor) -> None:
    """Once a change is saved: write it to the audit log when someone other than the person made it,
    and tell the people who need to know."""
    db().expire(case)
    audit(actor.user, case.person, move, f"disagreement:{case.reference}", actor.basis)
    _notify(case, move)


def _notify(case: Disagreement, move: str) -> None:
    """Tell the people who need to know. Personal details stay on the portal, behind sign-in."""
    step = current_step(case)
    ref = case.reference
    timeline = url_for("disagree.timeline", public_id=case.assessment.public_id, _external=True)
    staff_page = url_for("staff.case", reference=ref, _external=True)
    due = _("Please answer by %(date)s.", date=long_date(step.due_on)) if step else ""
    messages: list[notify.Message] = []

    def to_person(subject: str, *lines: str) -> None:
        body = "\n\n".join([*lines, _("See everything on your timeline: %(url)s", url=timeline)])
        messages.extend(notify.Message(email, f"{subject} ({ref})", body) for email in _person_side(case))

    def to_staff(emails: list[str], subject: str, *lines: str) -> None:
        body = "\n\n".join([*lines, _("Open the case: %(url)s", url=staff_page)])
        messages.extend(notify.Message(email, f"{subject} ({ref})", body) for email in emails)

    answer = next((e for e in reversed(case.entries) if e.kind == move), None)
    if move == rules.RAISE:
        to_person(_("We have your message"),
                  _("Thank you for telling us you think the budget is not right."),
                  _("Your reference is %(ref)s.", ref=ref),
                  _("The care manager should answer by %(date)s.", date=long_date(step.due_on)))
        to_staff(_staff_for(case, step.kind), _("New disagreement with a budget"),
                 _("A person disagrees with their budget."), due)
    elif move in (rules.ADD_INFORMATION, rules.REQUEST_ADVOCATE):
        what = (_("The person added more information.") if move == rules.ADD_INFORMATION
                else _("The person asked for help from an advocate."))
        to_staff(_staff_for(case, step.kind if step else None), _("More on a disagreement"), what)
        if move == rules.REQUEST_ADVOCATE:
            to_person(_("You asked for an advocate"), _("We will help you find an advocate."))
    elif move == rules.ESCALATE:
        to_person(_("We have your request for a team manager"),
                  _("A team manager will look again."),
                  _("They should answer by %(date)s.", date=long_date(step.due_on)))
        to_staff(_staff_for(case, step.kind), _("A disagreement needs a team manager"),
                 _("A person asked a team manager to look again."), due)
    elif move == rules.COMPLAIN:
        to_person(_("We have your complaint"),
                  _("We will tell you we have your complaint by %(date)s.", date=long_date(step.acknowledge_due_on)),
                  _("We will give our final answer by %(date)s.", date=long_date(step.due_on)))
        to_staff(_staff_for(case, step.kind), _("New formal complaint"),
                 _("A person made a formal complaint about their budget."), due)
    elif move == rules.CLOSE:
        to_staff(_staff_for(case, step.kind if step else None), _("A disagreement is closed"),
                 _("The person closed their disagreement."))
    else:
        heading = {
            rules.AGREE_NEW_AMOUNT: _("We agreed a new amount"),
            rules.KEEP_AMOUNT: _("We have answered you"),
            rules.ARRANGE_MEETING: _("We would like to talk with you"),
            rules.ACKNOWLEDGE: _("We have your complaint"),
            rules.ANSWER_COMPLAINT: _("Our final answer to your complaint"),
        }[move]
        lines = [answer.text] if answer and answer.text else []
        if answer and answer.weekly_pence:
            lines.insert(0, _("The new amount is %(amount)s a week.", amount=money(answer.weekly_pence)))
        to_person(heading, *lines)
    for message in messages:
        notify.send(message)


# --- letters -------------------------------------------------------------------
#
# A person who asked us to get in touch by letter gets a letter for everything we tell them. Each one is
# a task on the work list of the staff who sent it (or who hold the step), until they say it is posted.
# Emails still go to the people who have them, as a copy.

LETTER_POSTED = "letter_posted"  # an entry: staff posted the letter about another entry
LETTER_KINDS = (rules.RAISE, rules.REQUEST_ADVOCATE, rules.ESCALATE, rules.COMPLAIN, rules.ARRANGE_MEETING,
                rules.AGREE_NEW_AMOUNT, rules.KEEP_AMOUNT, rules.ACKNOWLEDGE, rules.ANSWER_COMPLAINT)
ROLE_OF_STEP = {rules.STEP_CARE_MANAGER: rules.CARE_MANAGER, rules.STEP_TEAM_MANAGER: rules.TEAM_MANAGER,
                rules.STEP_COMPLAINT: rules.COMPLAINTS_OFFICER}


@dataclass(frozen=True)
class Letter:
    case: Disagreement
    entry: DisagreementEntry  # what the letter tells the person
    address: str
    role: str  # the staff role that posts it

    @property
    def confirms(self) -> bool:
        """True when the letter says we have something the person sent; False when it carries our answer."""
        return self.entry.author_role == rules.PERSON


def postal_address(case: Disagreement) -> str | None:
    """The address to post letters to, if the person asked for letters."""
    first = next((entry for entry in case.entries if entry.kind == rules.RAISE), None)
    if first is None or first.details.get("contact_by") != "letter":
        return None
    return first.details.get("contact_details") or None


def _letter_role(case: Disagreement, entry: DisagreementEntry) -> str:
    if entry.author_role in rules.STAFF_ROLES:
        return entry.author_role
    return ROLE_OF_STEP.get(entry.step_kind) or rules.staff_step(case.state) or rules.CARE_MANAGER


def letters_to_post(case: Disagreement) -> list[Letter]:
    """Letters not posted yet, oldest first."""
    address = postal_address(case)
    if address is None:
        return []
    posted = {entry.details.get("for_entry") for entry in case.entries if entry.kind == LETTER_POSTED}
    return [Letter(case, entry, address, _letter_role(case, entry)) for entry in case.entries
            if entry.kind in LETTER_KINDS and entry.id not in posted]


def cases_with_letters() -> list[Disagreement]:
    """Disagreements whose person asked for letters."""
    asked = select(DisagreementEntry.disagreement_id).where(
        DisagreementEntry.kind == rules.RAISE, DisagreementEntry.details["contact_by"].as_string() == "letter")
    return list(db().scalars(select(Disagreement).where(Disagreement.id.in_(asked)).order_by(Disagreement.id)))


def letter_posted(case: Disagreement, entry_id: int, actor: Actor, today: date, token: str | None) -> None:
    """Staff say they posted the letter about one entry. It shows on the timeline. Saying it twice does nothing."""
    _check_not_sent_before(token)
    letter = next((letter for letter in letters_to_post(case) if letter.entry.id == entry_id), None)
    if letter is None:
        raise AlreadySent
    if letter.role != actor.role:
        raise Refused(Verdict(False, rules.NOT_YOUR_MOVE))
    _entry(case, LETTER_POSTED, actor, today, token, step_kind=letter.entry.step_kind,
           details={"for_entry": entry_id})
    _commit()
    audit(actor.user, case.person, LETTER_POSTED, f"disagreement:{case.reference}", actor.basis)

"""Who is told about each move on a disagreement's route, and what they are told.

The messages are written to the outbox in the same transaction as the move (`service.commit_once`), in each
reader's language, and sent after it is saved. A person who asked for letters gets a letter (a task for
staff) instead of emails. Emails carry a reference and a link; personal details stay behind sign-in.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale

from portal import notify
from portal.i18n import gettext as _
from portal.i18n import long_date, money
from portal.journeys.disagree.reading import current_step
from portal.ras import disagreement as rules
from portal.store import disagreements as store
from portal.store.disagreement_models import Disagreement

# --- who is told ---------------------------------------------------------------


def _person_side(case: Disagreement) -> list[str]:
    """The person and everyone who acts for them with recorded authority."""
    emails = []
    if case.person.user is not None and case.person.user.email:
        emails.append(case.person.user.email)
    emails.extend(user.email for user in store.acting_for(case.person_id) if user.email)
    if case.raised_by.email:
        emails.append(case.raised_by.email)
    return list(dict.fromkeys(emails))


def _assigned(case: Disagreement, role: str) -> list[str]:
    assignment = store.assignment(case.person_id, role)
    if assignment is None or not assignment.staff_user.email:
        return []
    return [assignment.staff_user.email]


def _complaints_officers() -> list[str]:
    return [
        officer.user.email for officer in store.active_staff(rules.COMPLAINTS_OFFICER) if officer.user.email
    ]


def _staff_for(case: Disagreement, step_kind: str | None) -> list[str]:
    if step_kind == rules.STEP_TEAM_MANAGER:
        return _assigned(case, rules.TEAM_MANAGER)
    if step_kind == rules.STEP_COMPLAINT:
        return _complaints_officers()
    return _assigned(case, rules.CARE_MANAGER)


def postal_address(case: Disagreement) -> str | None:
    """The address to post letters to, if the person asked for letters."""
    first = next((entry for entry in case.entries if entry.kind == rules.RAISE), None)
    if first is None or first.details.get("contact_by") != "letter":
        return None
    return first.details.get("contact_details") or None


def tell_about(case: Disagreement, move: str) -> None:
    """Tell the people who need to know, each in their own language (called before the change is committed:
    the messages are saved with it, and sent after)."""
    for language in notify.languages():
        with force_locale(language):
            _notify_in(case, move, language)


def _notify_in(case: Disagreement, move: str, language: str) -> None:
    """Tell the people who write in `language`. Personal details stay on the portal, behind sign-in."""
    step = current_step(case)
    ref = case.reference
    timeline = url_for("disagree.timeline", public_id=case.assessment.public_id, _external=True)
    staff_page = url_for("staff.case", reference=ref, _external=True)
    due = _("Please answer by %(date)s.", date=long_date(step.due_on)) if step else ""
    messages: list[notify.Message] = []
    answer = next((e for e in reversed(case.entries) if e.kind == move), None)

    def message(to: str, subject: str, body: str, channel: str = notify.EMAIL) -> notify.Message:
        return notify.Message(
            to,
            f"{subject} ({ref})",
            body,
            channel=channel,
            language=language,
            kind=f"disagreement.{move}",
            person_id=case.person_id,
            about=f"disagreement_entry:{answer.id}" if answer else None,
        )

    def to_person(subject: str, *lines: str) -> None:
        body = "\n\n".join([*lines, _("See everything on your timeline: %(url)s", url=timeline)])
        address = postal_address(case)
        if address is None:
            messages.extend(
                message(email, subject, body)
                for email in _person_side(case)
                if notify.language_of(email) == language
            )
        elif notify.language_of_user(case.person.user or case.raised_by) == language:
            # they asked for letters: a letter for staff to post, in the person's language
            messages.append(message(address, subject, body, notify.LETTER))

    def to_staff(emails: list[str], subject: str, *lines: str) -> None:
        body = "\n\n".join([*lines, _("Open the case: %(url)s", url=staff_page)])
        messages.extend(
            message(email, subject, body) for email in emails if notify.language_of(email) == language
        )

    if move == rules.RAISE:
        to_person(
            _("We have your message"),
            _("Thank you for telling us you think the budget is not right."),
            _("Your reference is %(ref)s.", ref=ref),
            _("The care manager should answer by %(date)s.", date=long_date(step.due_on)),
        )
        to_staff(
            _staff_for(case, step.kind),
            _("New disagreement with a budget"),
            _("A person disagrees with their budget."),
            due,
        )
    elif move in (rules.ADD_INFORMATION, rules.REQUEST_ADVOCATE):
        what = (
            _("The person added more information.")
            if move == rules.ADD_INFORMATION
            else _("The person asked for help from an advocate.")
        )
        to_staff(_staff_for(case, step.kind if step else None), _("More on a disagreement"), what)
        if move == rules.REQUEST_ADVOCATE:
            to_person(_("You asked for an advocate"), _("We will help you find an advocate."))
    elif move == rules.ESCALATE:
        to_person(
            _("We have your request for a team manager"),
            _("A team manager will look again."),
            _("They should answer by %(date)s.", date=long_date(step.due_on)),
        )
        to_staff(
            _staff_for(case, step.kind),
            _("A disagreement needs a team manager"),
            _("A person asked a team manager to look again."),
            due,
        )
    elif move == rules.COMPLAIN:
        to_person(
            _("We have your complaint"),
            _(
                "We will tell you we have your complaint by %(date)s.",
                date=long_date(step.acknowledge_due_on),
            ),
            _("We will give our final answer by %(date)s.", date=long_date(step.due_on)),
        )
        to_staff(
            _staff_for(case, step.kind),
            _("New formal complaint"),
            _("A person made a formal complaint about their budget."),
            due,
        )
    elif move == rules.CLOSE:
        to_staff(
            _staff_for(case, step.kind if step else None),
            _("A disagreement is closed"),
            _("The person closed their disagreement."),
        )
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

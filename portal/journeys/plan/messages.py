"""Who is told about each decision on a support plan, and what they are told.

Messages go to the outbox in the same transaction as the decision, in each reader's language. The person
and everyone who acts for them with recorded authority are told every decision; the team manager is told
when a plan waits for them. Emails carry a link; what the plan says stays behind sign-in.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale

from portal import notify
from portal.i18n import gettext as _
from portal.i18n import money
from portal.ras.plan import approval as rules
from portal.store import disagreements as cases
from portal.store.approval_models import PlanDecision
from portal.store.models import Assessment
from portal.store.plan_models import Plan


def person_side(assessment: Assessment) -> list[str]:
    """The person and everyone who acts for them."""
    emails = []
    person = assessment.person
    if person.user is not None and person.user.email:
        emails.append(person.user.email)
    emails.extend(user.email for user in cases.acting_for(person.id) if user.email)
    return list(dict.fromkeys(emails))


def _assigned(assessment: Assessment, role: str) -> list[str]:
    found = cases.assignment(assessment.person_id, role)
    return [found.staff_user.email] if found is not None and found.staff_user.email else []


def _for_person(decision: PlanDecision, final: int | None) -> tuple[str, list[str]]:
    """The subject and lines the person is told, in the language in force."""
    to = decision.to_state
    if decision.move == rules.RETURN:
        return _("We asked for changes to the support plan"), [
            _("Your care manager has looked at the plan. They wrote comments on it."),
            _("Look at the comments. Change the plan, then send it to us again."),
        ]
    if to == rules.AGREED:
        lines = [
            _("The support plan is agreed."),
            _("The budget is %(amount)s a week.", amount=money(final or 0)),
        ]
        return _("The support plan is agreed"), lines
    if to == rules.AWAITING_TEAM_MANAGER:
        return _("A team manager will look at the support plan"), [
            _("Your care manager has looked at the plan."),
            _("The plan costs more or less than the estimate by more than our rules allow."),
            _("So a team manager must agree it too. We will tell you when they have."),
        ]
    if to == rules.AWAITING_PANEL:
        return _("A panel will look at the support plan"), [
            _("The budget for this plan is high, so a panel of senior staff looks at it."),
            _("There is no top limit. We will tell you what they decide."),
        ]
    return _("The support plan needs another look"), [
        _("The plan was not agreed yet. Your care manager will look at it again and talk with you."),
        *([decision.reason] if decision.reason else []),
    ]


def tell_about(assessment: Assessment, plan: Plan, decision: PlanDecision, final: int | None) -> None:
    """Tell the people who need to know about the decision, each in their own language (before it is
    committed: the messages are saved with it)."""
    for language in notify.languages():
        with force_locale(language):
            page = "plan.plan" if decision.to_state == rules.RETURNED else "plan.sent"
            link = url_for(page, public_id=assessment.public_id, _external=True)
            subject, lines = _for_person(decision, final)
            body = "\n\n".join([*lines, _("See the plan: %(url)s", url=link)])
            reference = plan.submission.reference if plan.submission else ""
            for email in person_side(assessment):
                if notify.language_of(email) == language:
                    notify.send(
                        _message(email, f"{subject} ({reference})", body, language, assessment, decision)
                    )
            if decision.to_state in (rules.AWAITING_TEAM_MANAGER, rules.AWAITING_PANEL):
                staff_link = url_for("staff.person", public_id=assessment.public_id, _external=True)
                staff_body = "\n\n".join(
                    [
                        _("A support plan is waiting for your decision."),
                        _("Open the case: %(url)s", url=staff_link),
                    ]
                )
                for email in _assigned(assessment, rules.TEAM_MANAGER):
                    if notify.language_of(email) == language:
                        notify.send(
                            _message(
                                email,
                                f"{_('A support plan needs your decision')} ({reference})",
                                staff_body,
                                language,
                                assessment,
                                decision,
                            )
                        )


def tell_sent(assessment: Assessment, plan: Plan, reference: str) -> None:
    """Tell the care manager a plan was sent (again)."""
    for language in notify.languages():
        with force_locale(language):
            link = url_for("staff.person", public_id=assessment.public_id, _external=True)
            body = "\n\n".join(
                [_("A person sent their support plan."), _("Open the case: %(url)s", url=link)]
            )
            for email in _assigned(assessment, rules.CARE_MANAGER):
                if notify.language_of(email) == language:
                    notify.send(
                        notify.Message(
                            email,
                            f"{_('A support plan was sent')} ({reference})",
                            body,
                            language=language,
                            kind="plan.send",
                            person_id=assessment.person_id,
                            about=f"plan:{plan.public_id}",
                        )
                    )


def _message(
    to: str, subject: str, body: str, language: str, assessment: Assessment, decision: PlanDecision
) -> notify.Message:
    return notify.Message(
        to,
        subject,
        body,
        language=language,
        kind=f"plan.{decision.move}",
        person_id=assessment.person_id,
        about=f"plan_decision:{decision.public_id}",
    )

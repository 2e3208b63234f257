"""Reviews: when each is due (from the rules), asking for an early review, recording a review done and
opening a reassessment, each saved once with the messages it sends.

The due date always comes from `portal.ras.reviews.schedule`, fed by the store's one query
(`portal.store.reviews`): the person's account page, the sent page and the staff's list show the same
date, and it is the date the rules count as due.
"""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import force_locale

from portal import notify
from portal.content import config
from portal.i18n import gettext as _
from portal.i18n import long_date
from portal.journeys.pages import AlreadySent
from portal.ras import reviews as rules
from portal.store import reviews as store
from portal.store.models import Person, User
from portal.store.review_models import Review, ReviewRequest


def review_rules() -> rules.ReviewRules:
    found = config().reviews
    assert found is not None, "content/council.yaml has no reviews"
    return found


def schedule_of(row: store.DueRow) -> rules.Schedule:
    return rules.schedule(
        review_rules(),
        row.starts_on,
        [row.last_done_on] if row.last_done_on else [],
        [row.early_asked_on] if row.early_asked_on else [],
    )


# --- asking for an early review ------------------------------------------------------------------


def ask_early(
    person: Person, row: store.DueRow, user: User, basis: str, reason: str, today: date, token: str
) -> ReviewRequest:
    """Store the request and its messages, once. A second request while one waits is not stored: the
    person lands on the one they sent (AlreadySent)."""
    try:
        if store.lock_and_find_waiting(person.id, row.agreement_id) is not None:
            raise AlreadySent
        request = store.add_request(person.id, row.agreement_id, user.id, basis, reason, today, token)
        _tell_about_request(person, request, user)
        store.commit_once()
    except store.AlreadyStored as again:
        raise AlreadySent from again
    return request


def _person_side(person: Person, also: User | None = None) -> list[str]:
    """The person and everyone acting for them."""
    users = [person.user, *store.helpers_of(person.id), also]
    return list(dict.fromkeys(user.email for user in users if user is not None and user.email))


def _send(to: str, kind: str, person: Person, about: str, subject: str, *lines: str) -> None:
    notify.send(
        notify.Message(
            to,
            subject,
            "\n\n".join(lines),
            language=notify.language_of(to),
            kind=kind,
            person_id=person.id,
            about=about,
        )
    )


def _tell_about_request(person: Person, request: ReviewRequest, asker: User) -> None:
    account = url_for("account.home", _external=True)
    for email in _person_side(person, asker):
        with force_locale(notify.language_of(email)):
            _send(
                email,
                "review.ask",
                person,
                f"review_request:{request.reference}",
                _("We have your request for an early review (%(ref)s)", ref=request.reference),
                _("Thank you for telling us that things have changed."),
                _("Your reference is %(ref)s.", ref=request.reference),
                _("Your care manager will get in touch to talk about it."),
                _("See your account: %(url)s", url=account),
            )
    care_manager = store.care_manager_of(person.id)
    if care_manager is not None and care_manager.email:
        page = url_for("review_staff.record", public_id=person.public_id, _external=True)
        with force_locale(notify.language_of(care_manager.email)):
            _send(
                care_manager.email,
                "review.ask",
                person,
                f"review_request:{request.reference}",
                _("Early review asked for (%(ref)s)", ref=request.reference),
                _("A person asked for an early review. It is due now."),
                _("Open the review: %(url)s", url=page),
            )


# --- recording a review --------------------------------------------------------------------------


def record_review(
    person: Person,
    row: store.DueRow,
    staff: User,
    basis: str,
    outcome: str,
    notes: str,
    today: date,
    token: str,
) -> Review:
    """Store the review and its messages, once. A review that finds a reassessment is needed opens one: a
    new form for the person, started from their previous answers."""
    try:
        reassessment = None
        if outcome == rules.REASSESS:
            previous = store.assessment_by_id(row.assessment_id)
            assert previous is not None
            reassessment = store.open_reassessment(previous, config().version)
        review = store.add_review(
            person.id,
            row.agreement_id,
            staff.id,
            basis,
            outcome,
            notes,
            today,
            token,
            reassessment.id if reassessment else None,
        )
        _tell_about_review(person, review, reassessment.public_id if reassessment else None)
        store.commit_once()
    except store.AlreadyStored as again:
        raise AlreadySent from again
    return review


def _tell_about_review(person: Person, review: Review, reassessment: str | None) -> None:
    for email in _person_side(person):
        with force_locale(notify.language_of(email)):
            if reassessment is None:
                lines = (
                    _("We looked at your support plan again on %(date)s.", date=long_date(review.done_on)),
                    _("Nothing needs to change."),
                )
            else:
                link = url_for("assessment.task_list", public_id=reassessment, _external=True)
                lines = (
                    _("We looked at your support plan again on %(date)s.", date=long_date(review.done_on)),
                    _("Please answer the questions again. Your last answers are filled in."),
                    _("Change the ones that are different now: %(url)s", url=link),
                )
            _send(
                email,
                f"review.{review.outcome}",
                person,
                f"review:{review.public_id}",
                _("Your review"),
                *lines,
            )

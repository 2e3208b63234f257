"""Reviews, for care managers and team managers: the reviews due, soonest first, and recording a review.

- A care manager sees the people assigned to them; a team manager sees everyone with an agreed budget.
  A complaints officer does not review: every page here is "Page not found" for them.
- Nobody sees their own case, someone they act for, or a person whose assessment they started
  (`portal.journeys.staff.roles.conflict`): such a person is not on the list, and opening them is
  "Page not found", written to the audit log as refused.
- Every look at a person's review and every review recorded is written to the audit log.

The list is read in one query (`portal.store.reviews.due_rows_for_staff`); when each review is due comes
from the rules (`portal.ras.reviews`), so the list sorts by the same date the person sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, g, request, url_for
from flask_wtf import FlaskForm

from portal.access import audit
from portal.clock import today
from portal.i18n import gettext as _
from portal.journeys.pages import Journey, Page
from portal.journeys.paging import page_number, pagination
from portal.journeys.review import forms, service
from portal.journeys.staff import roles
from portal.ras import reviews as rules
from portal.ras import staff_roles
from portal.store import disagreements as cases
from portal.store import last_page_or
from portal.store import reviews as store
from portal.store.disagreement_models import StaffMember
from portal.store.models import Person

bp = Blueprint("review_staff", __name__, url_prefix="/staff/reviews")

REVIEWERS = staff_roles.CASE_HOLDERS
PER_PAGE = 20


def may_review() -> bool:
    """For the page header: the signed-in member of staff reviews people's plans."""
    member = roles._header_member()  # noqa: SLF001  (looked up once a request, for the header)
    return member is not None and member.role in REVIEWERS


def may_review_person(member: StaffMember, person: Person) -> bool:
    """A team manager reviews anyone; a care manager the people assigned to them. Never with a conflict."""
    if roles.conflict(member, person.id) is not None:
        return False
    if member.role == staff_roles.TEAM_MANAGER:
        return True
    assignment = cases.assignment(person.id, staff_roles.CARE_MANAGER)
    return assignment is not None and assignment.staff_user_id == member.user_id


@dataclass(frozen=True)
class DueRow:
    name: str
    href: str
    weekly_pence: int
    starts_on: date
    due_on: date
    overdue: bool
    early: bool


@dataclass(frozen=True)
class Subject:
    person: Person | None = None
    row: store.DueRow | None = None
    schedule: rules.Schedule | None = None


def _due_list(member: StaffMember, now: date) -> list[DueRow]:
    assigned = None if member.role == staff_roles.TEAM_MANAGER else member.role
    found = [(row, service.schedule_of(row)) for row in store.due_rows_for_staff(member.user_id, assigned)]
    return [
        DueRow(
            row.person.name or _("Not given"),
            url_for("review_staff.record", public_id=row.person.public_id),
            row.weekly_pence,
            row.starts_on,
            schedule.due_on,
            schedule.overdue(now),
            schedule.why == rules.EARLY,
        )
        for row, schedule in sorted(found, key=lambda pair: (pair[1].due_on, pair[0].person.id))
    ]


class StaffReviews(Journey[Subject]):
    name = "review_staff"
    decorators = (roles.staff_required(roles=REVIEWERS),)
    pages = (
        Page("due", "", template="review/staff-due.html"),
        Page(
            "record",
            "/people/<public_id>",
            form=forms.RecordForm,
            move="record_review",
            template="review/staff-record.html",
        ),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Subject | Response:
        if page.id == "due":
            return Subject()
        member: StaffMember = g.staff
        action = "staff_record_review" if posting else "staff_view_review"
        person = store.person_by_public_id(args["public_id"])
        if person is None:
            abort(404)
        reason = roles.conflict(member, person.id)
        if reason is not None:
            audit(
                member.user, person, f"refused_{action}", f"person:{person.public_id}", f"conflict:{reason}"
            )
            abort(404)
        row = store.due_row(person.id)
        if row is None or not may_review_person(member, person):
            abort(404)
        audit(member.user, person, action, f"person:{person.public_id}", roles.basis(member))
        return Subject(person, row, service.schedule_of(row))

    def save(self, page: Page, subject: Subject, form: FlaskForm) -> None:
        assert subject.person is not None and subject.row is not None
        member: StaffMember = g.staff
        service.record_review(
            subject.person,
            subject.row,
            member.user,
            roles.basis(member),
            form.outcome.data,
            form.notes.data.strip(),
            today(),
            form.send_token.data,
        )

    def done(self, page: Page, subject: Subject) -> str:
        return url_for("review_staff.due", done=1)

    def context(self, page: Page, subject: Subject, form: FlaskForm | None) -> dict[str, Any]:
        now = today()
        if page.id == "due":
            rows = _due_list(g.staff, now)
            number = last_page_or(page_number(), len(rows), PER_PAGE)
            return {
                "rows": rows[(number - 1) * PER_PAGE : number * PER_PAGE],
                "total": len(rows),
                "pagination": pagination(
                    "review_staff.due", number, len(rows), PER_PAGE, _("Pages of reviews due")
                ),
                "done": bool(request.args.get("done")),
                "today": now,
            }
        assert subject.person is not None and subject.row is not None
        return {
            "person": subject.person,
            "row": subject.row,
            "schedule": subject.schedule,
            "overdue": subject.schedule.overdue(now) if subject.schedule else False,
            "request": store.waiting_request(subject.row.agreement_id),
            "reviews": store.reviews_of(subject.person.id),
            "outcome_names": {
                rules.NO_CHANGE: _("Nothing needs to change"),
                rules.REASSESS: _("Reassessment"),
            },
        }


journey = StaffReviews()
journey.register(bp)

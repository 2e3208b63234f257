"""What the account page says about reviews: for the person and each person the user acts for who has an
agreed budget, when the next review is due, and a link to ask for an early one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for

from portal.access import audit, basis_for, may_open
from portal.clock import today
from portal.journeys.review import service
from portal.ras import reviews as rules
from portal.store import reviews as store
from portal.store.models import User


@dataclass(frozen=True)
class ReviewSummary:
    id: str
    name: str | None  # None for the user's own review
    due_on: date
    overdue: bool
    asked_on: date | None  # an early review asked for, not yet done
    href: str | None  # ask for an early review, or see the one asked for (none for a helper who may not ask)


def review_summaries(user: User) -> list[ReviewSummary]:
    people = store.people_reachable(user.id)
    rows = store.due_rows_for_people([person.id for person in people])
    now = today()
    found = []
    for row in sorted(rows, key=lambda r: r.person.user_id != user.id):
        basis = basis_for(user, row.person)
        if basis is None:  # pragma: no cover - people_reachable found them
            continue
        audit(user, row.person, "view review", f"person:{row.person.public_id}", basis)
        schedule = service.schedule_of(row)
        asked = not rules.may_ask_early(schedule)
        found.append(
            ReviewSummary(
                row.person.public_id,
                None if basis == "self" else row.person.name,
                schedule.due_on,
                schedule.overdue(now),
                schedule.early_asked_on,
                url_for("review.sent" if asked else "review.ask", public_id=row.person.public_id)
                if asked or may_open(user, row.person, "review.ask")
                else None,
            )
        )
    return found


def review_records(person_ids: list[int]) -> dict[str, list[dict[str, str | None]]]:
    """The reviews part of the download of everything held about these people."""
    asked, done = store.records_of(person_ids)
    return {
        "early_reviews_asked_for": [
            {
                "reference": r.reference,
                "asked": r.asked_on.isoformat(),
                "reason": r.reason,
                "sent_as": r.basis,
            }
            for r in asked
        ],
        "reviews_done": [
            {"done": r.done_on.isoformat(), "outcome": r.outcome, "notes": r.notes, "by": r.done_by.name}
            for r in done
        ],
    }

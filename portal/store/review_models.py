"""Reviews of a person's care and support plan, and the early reviews people ask for.

- `ReviewRequest`: a person (or someone acting for them) asks for an early review, with a reason ("my
  needs have changed"). Written once, with a reference they can quote; never changed.
- `Review`: a care manager or team manager records a review done: nothing needs to change, or the person
  needs to answer the questions again (a reassessment, `reassessment_id`). Written once; never changed.

When the next review is due is worked out by `portal.ras.reviews` from the agreed budget in force
(`AgreedBudget.starts_on`), the reviews done and the early reviews asked for; it is never stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NoReturn

from sqlalchemy import Connection, Date, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from portal.store.models import Assessment, Base, ImmutableRecordError, Person, User, new_public_id, utcnow


class ReviewRequest(Base):
    """An early review asked for by the person or someone acting for them."""

    __tablename__ = "review_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # REV-7K3M-9QX2
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreed_budgets.id"))  # the budget in force
    reason: Mapped[str] = mapped_column(Text)
    asked_on: Mapped[date] = mapped_column(Date)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    basis: Mapped[str] = mapped_column(String(60))  # self | authority:<basis>
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_token: Mapped[str] = mapped_column(String(64), unique=True)
    person: Mapped[Person] = relationship()
    asked_by: Mapped[User] = relationship()
    __table_args__ = (
        Index("ix_review_requests_person_asked", "person_id", "asked_on"),
        Index("ix_review_requests_agreement_asked", "agreement_id", "asked_on"),
    )


class Review(Base):
    """A review done, and what it found."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreed_budgets.id"))
    done_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(30))  # portal.ras.reviews.OUTCOMES
    notes: Mapped[str] = mapped_column(Text)
    done_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    basis: Mapped[str] = mapped_column(String(60))  # staff:<role>
    done_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_token: Mapped[str] = mapped_column(String(64), unique=True)
    # The new form the person answers again, when the review found they need a reassessment.
    reassessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), unique=True)
    person: Mapped[Person] = relationship()
    done_by: Mapped[User] = relationship()
    reassessment: Mapped[Assessment | None] = relationship()
    __table_args__ = (
        Index("ix_reviews_person_done", "person_id", "done_on"),
        Index("ix_reviews_agreement_done", "agreement_id", "done_on"),
    )


@event.listens_for(ReviewRequest, "before_update")
@event.listens_for(Review, "before_update")
def _refuse_update(mapper: Mapper[Any], connection: Connection, target: object) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError(f"{type(target).__name__} records are never changed once written")


@event.listens_for(ReviewRequest, "before_delete")
@event.listens_for(Review, "before_delete")
def _refuse_delete(mapper: Mapper[Any], connection: Connection, target: object) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError(f"{type(target).__name__} records are never deleted")

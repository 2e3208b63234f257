"""Records for the disagreement route and the staff who answer it.

- `StaffMember`: a user with a staff role (care manager, team manager, complaints officer).
- `CaseAssignment`: which care manager and which team manager hold a person's case.
- `Disagreement`: one per assessment: its reference, where it is on the route (`state`).
- `DisagreementStep`: each step taken (care manager, team manager, complaint) with its dates.
- `DisagreementEntry`: everything anyone sent, as it was sent. Written once; never changed or deleted.
- `LocalMessage`: notifications kept in the database by the local notifier (development and demo).

Dates that time limits count from and to are stored as dates (`..._on`); moments are UTC times (`..._at`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NoReturn

from sqlalchemy import Connection, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from portal.store import references
from portal.store.models import Assessment, Base, ImmutableRecordError, Person, User, utcnow

REFERENCE_ALPHABET = references.ALPHABET


def new_reference() -> str:
    """A reference a person can read out: DIS-7K3M-9QPD."""
    return references.new_reference("DIS")


class StaffMember(Base):
    """A member of council staff: a user with one staff role."""

    __tablename__ = "staff_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    role: Mapped[str] = mapped_column(String(30))  # care_manager | team_manager | complaints_officer
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[User] = relationship()


class CaseAssignment(Base):
    """The care manager or team manager who holds a person's case. One of each per person."""

    __tablename__ = "case_assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(30))  # care_manager | team_manager
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    staff_user: Mapped[User] = relationship()
    __table_args__ = (UniqueConstraint("person_id", "role", name="uq_case_assignments_person_role"),)


class Disagreement(Base):
    """A person's disagreement with one budget, and where it is on the route."""

    __tablename__ = "disagreements"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True, default=new_reference)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    state: Mapped[str] = mapped_column(String(30), index=True)
    # Every change of state adds 1, and is written only if nobody changed the record first.
    version: Mapped[int] = mapped_column(Integer, default=1)
    raised_on: Mapped[date]
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    advocate_requested_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    assessment: Mapped[Assessment] = relationship()
    person: Mapped[Person] = relationship()
    raised_by: Mapped[User] = relationship()
    steps: Mapped[list[DisagreementStep]] = relationship(
        back_populates="disagreement", order_by="DisagreementStep.id"
    )
    entries: Mapped[list[DisagreementEntry]] = relationship(
        back_populates="disagreement", order_by="DisagreementEntry.id"
    )

    def step(self, kind: str) -> DisagreementStep | None:
        return next((step for step in self.steps if step.kind == kind), None)


class DisagreementStep(Base):
    """One step of the route that the person took: its dates and the council's decision."""

    __tablename__ = "disagreement_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    disagreement_id: Mapped[int] = mapped_column(ForeignKey("disagreements.id"))
    kind: Mapped[str] = mapped_column(String(20))  # care_manager | team_manager | complaint
    opened_on: Mapped[date]
    due_on: Mapped[date]  # the answer is due by the end of this day
    acknowledge_due_on: Mapped[date | None]  # complaints only
    acknowledged_on: Mapped[date | None]
    answered_on: Mapped[date | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # new_amount | amount_stands (care and team manager); upheld | partly_upheld | not_upheld (complaint)
    outcome: Mapped[str | None] = mapped_column(String(30))
    agreed_weekly_pence: Mapped[int | None] = mapped_column(Integer)
    left_on: Mapped[date | None]  # the person moved on, or closed the disagreement, before an answer
    disagreement: Mapped[Disagreement] = relationship(back_populates="steps")
    answered_by: Mapped[User | None] = relationship()
    __table_args__ = (UniqueConstraint("disagreement_id", "kind", name="uq_disagreement_steps_kind"),)


class DisagreementEntry(Base):
    """Something sent by the person, someone acting for them, or the council. Never changed."""

    __tablename__ = "disagreement_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    disagreement_id: Mapped[int] = mapped_column(ForeignKey("disagreements.id"), index=True)
    step_kind: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))  # a move of the route, e.g. raise, add_information
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_role: Mapped[str] = mapped_column(String(30))  # person | care_manager | ...
    basis: Mapped[str] = mapped_column(String(60))  # self | authority:<basis> | staff:<role>
    at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_on: Mapped[date]
    text: Mapped[str | None] = mapped_column(Text)
    weekly_pence: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The form's one-time token: sending the same form twice stores it once.
    send_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    disagreement: Mapped[Disagreement] = relationship(back_populates="entries")
    author: Mapped[User] = relationship()


class LocalMessage(Base):
    """A notification kept by the local notifier instead of being emailed (development and demo)."""

    __tablename__ = "local_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(DisagreementEntry, "before_update")
def _refuse_update(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: DisagreementEntry
) -> NoReturn:
    raise ImmutableRecordError("What was sent is never changed once written")


@event.listens_for(DisagreementEntry, "before_delete")
def _refuse_delete(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: DisagreementEntry
) -> NoReturn:
    raise ImmutableRecordError("What was sent is never deleted")

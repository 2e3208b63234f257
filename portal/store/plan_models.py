"""Support plans: a draft the person builds item by item, and the plan as it was sent, kept for good.

Money is integer pence. A quantity is kept in whole hundredths (7.5 hours is 750), so it is exact
on every database. The draft's items use today's prices; a sent plan keeps, in its submission, the
prices and the budget it was compared with, so that later changes never rewrite it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from sqlalchemy import JSON, Connection, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from portal.store import references
from portal.store.models import Assessment, Base, ImmutableRecordError, new_public_id, utcnow

REFERENCE_ALPHABET = references.ALPHABET


def new_reference() -> str:
    """A reference a person can read out on the phone, like PLAN-7K3M-9QX2."""
    return references.new_reference("PLAN")


class Plan(Base):
    """One support plan for an assessment's budget: a draft until it is sent."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    # Where the plan is (`portal.ras.plan.approval`): draft | submitted | returned | awaiting_manager |
    # awaiting_panel | agreed. Only a draft or a returned plan can be changed.
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assessment: Mapped[Assessment] = relationship()
    # The items in the plan now. An item that is removed is kept, marked removed, so that removing it
    # again (a double click, the back button) finds it and says it has gone.
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="PlanItem.id",
        primaryjoin="and_(Plan.id == PlanItem.plan_id, PlanItem.removed_at.is_(None))",
    )
    removed_items: Mapped[list[PlanItem]] = relationship(
        order_by="PlanItem.id",
        viewonly=True,
        primaryjoin="and_(Plan.id == PlanItem.plan_id, PlanItem.removed_at.is_not(None))",
    )
    # Every version sent, the first first. Sending again after a return adds a version; none is changed.
    submissions: Mapped[list[PlanSubmission]] = relationship(
        back_populates="plan", order_by="PlanSubmission.version"
    )

    @property
    def submission(self) -> PlanSubmission | None:
        """The version sent last: the one the council decides on."""
        return self.submissions[-1] if self.submissions else None

    @property
    def submitted(self) -> bool:
        """Sent, and not returned for changes: kept as it was sent."""
        return self.status not in ("draft", "returned")


class PlanItem(Base):
    """One item of a draft plan, as the person gave it."""

    __tablename__ = "plan_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    price_id: Mapped[str] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(String(200))  # own-cost items: what it is
    own_pence: Mapped[int | None] = mapped_column(Integer)  # own-cost items: the cost each time
    quantity_hundredths: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(20))
    management: Mapped[str] = mapped_column(String(40))
    needs: Mapped[list[str]] = mapped_column(JSON)
    provider: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The one-time token of the form that added it: sending that form again adds nothing.
    send_token: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    removed_at: Mapped[datetime | None]
    plan: Mapped[Plan] = relationship(back_populates="items")

    @property
    def quantity(self) -> Decimal:
        return Decimal(self.quantity_hundredths).scaleb(-2)

    @quantity.setter
    def quantity(self, value: Decimal) -> None:
        hundredths = value * 100
        if hundredths != hundredths.to_integral_value():
            raise ValueError("a quantity has at most 2 decimal places")
        self.quantity_hundredths = int(hundredths)


class PlanSubmission(Base):
    """A plan as it was sent: its reference, its items and totals, the prices and the budget it was
    compared with. Written once; never changed. A plan returned for changes and sent again has a new
    version (1, 2, ...), each with its own reference."""

    __tablename__ = "plan_submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    reference: Mapped[str] = mapped_column(String(20), unique=True, default=new_reference)
    calculation_id: Mapped[int] = mapped_column(ForeignKey("calculations.id"))
    config_version: Mapped[str] = mapped_column(String(60))
    prices_version: Mapped[str] = mapped_column(String(60))
    result: Mapped[dict[str, Any]]
    weekly_pence: Mapped[int] = mapped_column(Integer)
    one_off_pence: Mapped[int] = mapped_column(Integer)
    yearly_pence: Mapped[int] = mapped_column(Integer)
    position: Mapped[str] = mapped_column(String(10))  # below | within | above the tolerance
    declaration: Mapped[str] = mapped_column(Text)  # the words the sender agreed to
    basis: Mapped[str] = mapped_column(
        String(60)
    )  # "self", or "authority:<basis>" for someone acting for them
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    plan: Mapped[Plan] = relationship(back_populates="submissions")
    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_plan_submissions_plan_version"),)


@event.listens_for(PlanSubmission, "before_update")
def _refuse_update(mapper: Mapper[Any], connection: Connection, target: PlanSubmission) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError("PlanSubmission records are never changed once written")


@event.listens_for(PlanSubmission, "before_delete")
def _refuse_delete(mapper: Mapper[Any], connection: Connection, target: PlanSubmission) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError("PlanSubmission records are never deleted")

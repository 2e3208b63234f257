"""The final personal budget: the figure the council agrees with the person's support plan.

The indicative budget (`Calculation`) is the RAS estimate at the start of planning; the agreed budget is
what the council actually pays, set when the plan is approved. It may differ from the estimate, and the
reason is kept in the person's own words. An agreement is written once and never changed: a later
decision (a new plan, a review, a reassessment, a disagreement upheld) writes a new one, and the newest
is the one in force.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NoReturn

from sqlalchemy import Connection, Date, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from portal.store.models import Assessment, Base, ImmutableRecordError, Person, new_public_id, utcnow


class AgreedBudget(Base):
    """A final personal budget as the council agreed it. Written once; never changed."""

    __tablename__ = "agreed_budgets"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    plan_version: Mapped[int | None] = mapped_column(Integer)  # which sent version of the plan
    config_version: Mapped[str] = mapped_column(String(60))  # the rules the indicative figure used
    indicative_weekly_pence: Mapped[int] = mapped_column(Integer)  # the RAS figure it was compared with
    weekly_pence: Mapped[int] = mapped_column(Integer)  # the agreed figure
    reason: Mapped[str | None] = mapped_column(Text)  # required when it differs from the RAS figure
    starts_on: Mapped[date] = mapped_column(Date)  # the day the plan, and this budget, start
    agreed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    agreed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # the fairness report's period
    person: Mapped[Person] = relationship()
    assessment: Mapped[Assessment] = relationship()


@event.listens_for(AgreedBudget, "before_update")
def _refuse_update(mapper: Mapper[Any], connection: Connection, target: AgreedBudget) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError("AgreedBudget records are never changed once written")


@event.listens_for(AgreedBudget, "before_delete")
def _refuse_delete(mapper: Mapper[Any], connection: Connection, target: AgreedBudget) -> NoReturn:  # noqa: ARG001
    raise ImmutableRecordError("AgreedBudget records are never deleted")

"""Records of the council's decisions on a support plan.

- `PlanComment`: a comment by staff on one item of a sent version of the plan, or on the whole plan.
- `PlanDecision`: each decision (return, approve, agree or refuse an exception, panel outcome), with the
  final weekly figure it set, its reason, who made it in which role, and when.

Both are written once and never changed or deleted. Where the plan is now is its `status`
(`portal.ras.plan.approval`); these records say how it got there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import Connection, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from portal.store.disagreement_models import CaseAssignment
from portal.store.models import Assessment, Base, ImmutableRecordError, User, new_public_id, utcnow


class PlanComment(Base):
    """A staff comment on one item of a sent plan (`item_key`, the item's public id), or on the whole
    plan (no item key)."""

    __tablename__ = "plan_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    plan_version: Mapped[int] = mapped_column(Integer)  # the sent version it is about
    item_key: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    decision_id: Mapped[int] = mapped_column(ForeignKey("plan_decisions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[User] = relationship()


class PlanDecision(Base):
    """One decision on a sent plan. Written once; never changed."""

    __tablename__ = "plan_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    plan_version: Mapped[int] = mapped_column(Integer)
    move: Mapped[str] = mapped_column(String(30))  # a move of portal.ras.plan.approval
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    final_weekly_pence: Mapped[int | None] = mapped_column(Integer)  # an approval: the final figure
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(30))
    # The one-time token of the form that made it: the same form sent again decides nothing more.
    send_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[User] = relationship()
    comments: Mapped[list[PlanComment]] = relationship(order_by="PlanComment.id", viewonly=True)


@event.listens_for(PlanComment, "before_update")
@event.listens_for(PlanDecision, "before_update")
def _refuse_update(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: PlanComment | PlanDecision
) -> NoReturn:
    raise ImmutableRecordError(f"{type(target).__name__} records are never changed once written")


@event.listens_for(PlanComment, "before_delete")
@event.listens_for(PlanDecision, "before_delete")
def _refuse_delete(  # noqa: ARG001
    mapper: Mapper[Any], connection: Connection, target: PlanComment | PlanDecision
) -> NoReturn:
    raise ImmutableRecordError(f"{type(target).__name__} records are never deleted")


# The case list's query starts from the cases a member of staff holds, then each person's forms.
Index(
    "ix_case_assignments_staff_role",
    CaseAssignment.__table__.c.staff_user_id,
    CaseAssignment.__table__.c.role,
)
Index("ix_assessments_person_id", Assessment.__table__.c.person_id)

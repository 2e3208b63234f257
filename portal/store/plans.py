"""The queries of the support plan journey: find a plan, add, change and remove its items once, and send
it once. Each change is committed here. Sending twice, by a double click, the back button, a retry or
two tabs at the same moment, changes the record once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, Result, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.store import db
from portal.store.models import utcnow
from portal.store.pdf_models import PlanPdf
from portal.store.plan_models import Plan, PlanItem, PlanSubmission


@dataclass(frozen=True)
class ItemFields:
    """What a person gave for one item of their plan."""

    price_id: str
    description: str | None  # own-cost items: what it is
    own_pence: int | None  # own-cost items: the cost each time
    quantity: Decimal
    frequency: str
    management: str
    needs: tuple[str, ...]
    provider: str | None


@dataclass(frozen=True)
class SubmissionFields:
    """The plan as it is sent: its totals, the versions it was worked out with, and who sent it on what
    basis."""

    calculation_id: int
    config_version: str
    prices_version: str
    result: dict[str, Any]
    weekly_pence: int
    one_off_pence: int
    yearly_pence: int
    position: str
    declaration: str
    basis: str


def _changed(result: Result[Any]) -> int:
    """How many rows an UPDATE changed."""
    return cast(CursorResult[Any], result).rowcount


def plan_for(assessment_id: int) -> Plan | None:
    """The assessment's support plan, if one is started."""
    return db().scalar(select(Plan).where(Plan.assessment_id == assessment_id))


def _start_plan(assessment_id: int, user_id: int) -> Plan:
    """The plan, made with its first item. Two first items at once (two tabs) share one plan."""
    session = db()
    plan = Plan(assessment_id=assessment_id, created_by_id=user_id)
    session.add(plan)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        found = plan_for(assessment_id)
        if found is None:  # pragma: no cover - the clash was not another plan for this assessment
            raise
        plan = found
    return plan


def _fill(row: PlanItem, fields: ItemFields, user_id: int) -> None:
    row.price_id = fields.price_id
    row.description = fields.description
    row.own_pence = fields.own_pence
    row.quantity = fields.quantity
    row.frequency = fields.frequency
    row.management = fields.management
    row.needs = list(fields.needs)
    row.provider = fields.provider
    row.updated_by_id = user_id
    row.plan.updated_at = utcnow()


def add_item(plan: Plan | None, assessment_id: int, fields: ItemFields, user_id: int, token: str) -> bool:
    """Add an item to the plan once, making the plan with its first item. The same form sent again finds
    its one-time `token` used and adds nothing: False when the form was stored before."""
    session = db()
    if session.scalar(select(PlanItem.id).where(PlanItem.send_token == token)) is not None:
        return False
    row = PlanItem(plan=plan or _start_plan(assessment_id, user_id), updated_by_id=user_id, send_token=token)
    session.add(row)
    _fill(row, fields, user_id)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # the same form, sent at the same moment: the first one added it
        return False
    return True


def change_item(row: PlanItem, fields: ItemFields, user_id: int) -> None:
    _fill(row, fields, user_id)
    db().commit()


def remove_item(row: PlanItem) -> bool:
    """Mark the item removed. It is kept, so that removing it again finds it: False when it was removed
    already (by the same form sent twice)."""
    session = db()
    removed = _changed(
        session.execute(
            update(PlanItem)
            .where(PlanItem.id == row.id, PlanItem.removed_at.is_(None))
            .values(removed_at=utcnow())
        )
    )
    row.plan.updated_at = utcnow()
    session.commit()
    return bool(removed)


def submit(
    plan: Plan,
    fields: SubmissionFields,
    user_id: int,
    tell: Callable[[PlanSubmission], None] | None = None,
) -> bool:
    """Send the plan once: True when this call sent it, False when it was sent already.

    A draft is sent as version 1; a plan returned for changes is sent again as the next version, and the
    versions before it are kept as they were. The conditional UPDATE lets only one request move the plan
    from draft (or returned) to submitted; the unique (plan_id, version) of the submission is the second
    lock. The reference is retried if it is taken. `tell` writes the messages about it to the outbox,
    in the same transaction.
    """
    session = db()
    for _attempt in range(5):
        version = (
            session.scalar(select(func.max(PlanSubmission.version)).where(PlanSubmission.plan_id == plan.id))
            or 0
        ) + 1
        claimed = _changed(
            session.execute(
                update(Plan)
                .where(Plan.id == plan.id, Plan.status.in_(("draft", "returned")))
                .values(status="submitted", submitted_at=utcnow(), submitted_by_id=user_id)
            )
        )
        if claimed != 1:
            session.rollback()
            return False
        submission = PlanSubmission(
            plan_id=plan.id,
            version=version,
            calculation_id=fields.calculation_id,
            config_version=fields.config_version,
            prices_version=fields.prices_version,
            result=fields.result,
            weekly_pence=fields.weekly_pence,
            one_off_pence=fields.one_off_pence,
            yearly_pence=fields.yearly_pence,
            position=fields.position,
            declaration=fields.declaration,
            basis=fields.basis,
            submitted_by_id=user_id,
        )
        session.add(submission)
        if tell is not None:
            session.flush()
            tell(submission)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue  # another request sent it first, or the reference was taken: look again
        session.expire(plan)
        return True
    raise RuntimeError("could not send the plan")  # pragma: no cover - five reference clashes in a row


# --- a sent plan's PDF, made once --------------------------------------------------------------


def kept_pdf(submission: PlanSubmission, language: str) -> bytes | None:
    """The sent plan's PDF in this language, if it has been made."""
    return db().scalar(
        select(PlanPdf.pdf).where(PlanPdf.submission_id == submission.id, PlanPdf.language == language)
    )


def keep_pdf(submission: PlanSubmission, language: str, pdf: bytes) -> None:
    """Keep the sent plan's PDF. Two made at the same moment are the same: the second is not kept."""
    try:
        with db().begin_nested():
            db().add(PlanPdf(submission_id=submission.id, language=language, pdf=pdf))
        db().commit()
    except IntegrityError:
        db().rollback()

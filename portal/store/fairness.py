"""The queries of the council's fairness report and recalibration preview: the budgets agreed in a period,
with what the report groups them by. Two statements whatever the number of cases: the agreements (with the
person's date of birth and whether the plan went to panel), then the items of their plans.

Every agreement made in the period counts, each once: a form whose budget was agreed again (after a
review, say) counts for each agreement in the period, as each was a decision the council made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, insert, literal, select

from portal.ras.fairness import Case, age_group
from portal.ras.plan.approval import AWAITING_PANEL
from portal.ras.recalibration import FitCase
from portal.ras.scoring import Calculation as Worked
from portal.store import db
from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanDecision
from portal.store.models import Answer, AuditEvent, Calculation, utcnow
from portal.store.plan_models import PlanItem

BIRTH_QUESTION = "date_of_birth"


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of `first` to the start of the day after `last` (times are UTC)."""
    return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())


def _born(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _in_period(first: date, last: date) -> ColumnElement[bool]:
    start, end = _bounds(first, last)
    return and_(AgreedBudget.agreed_at >= start, AgreedBudget.agreed_at < end)


def cases_statement(first: date, last: date) -> Select[int | None, int, int, datetime, str, bool]:
    """The agreements in the period, with the date of birth answered and whether the plan went to panel."""
    panel = exists().where(
        PlanDecision.plan_id == AgreedBudget.plan_id, PlanDecision.to_state == AWAITING_PANEL
    )
    return (
        select(
            AgreedBudget.plan_id,
            AgreedBudget.indicative_weekly_pence,
            AgreedBudget.weekly_pence,
            AgreedBudget.agreed_at,
            Answer.value,
            panel.label("panel"),
        )
        .outerjoin(
            Answer,
            and_(Answer.assessment_id == AgreedBudget.assessment_id, Answer.question_id == BIRTH_QUESTION),
        )
        .where(_in_period(first, last))
        .order_by(AgreedBudget.id)
    )


def items_statement(first: date, last: date) -> Select[int, str, str]:
    """The items of the plans agreed in the period."""
    return (
        select(PlanItem.plan_id, PlanItem.price_id, PlanItem.management)
        .where(
            PlanItem.removed_at.is_(None),
            PlanItem.plan_id.in_(select(AgreedBudget.plan_id).where(_in_period(first, last))),
        )
        .order_by(PlanItem.id)
    )


def fit_statement(first: date, last: date) -> Select[Any]:
    """The agreements in the period, with the answers and the stored working of their indicative budgets."""
    return (
        select(
            AgreedBudget.indicative_weekly_pence,
            AgreedBudget.weekly_pence,
            AgreedBudget.agreed_at,
            Calculation.answers,
            Calculation.result,
            Answer.value,
        )
        .join(Calculation, Calculation.assessment_id == AgreedBudget.assessment_id)
        .outerjoin(
            Answer,
            and_(Answer.assessment_id == AgreedBudget.assessment_id, Answer.question_id == BIRTH_QUESTION),
        )
        .where(_in_period(first, last))
        .order_by(AgreedBudget.id)
    )


def agreed_cases(first: date, last: date) -> list[Case]:
    """Every budget agreed from `first` to `last` (both included), as the report needs it."""
    rows = db().execute(cases_statement(first, last)).all()
    items: dict[int | None, list[tuple[str, str]]] = {}
    for plan_id, price_id, management in db().execute(items_statement(first, last)):
        items.setdefault(plan_id, []).append((price_id, management))
    return [
        Case(
            indicative_pence=indicative,
            agreed_pence=agreed,
            agreed_on=agreed_at.date(),
            born_on=_born(born),
            management=tuple(m for _p, m in items.get(plan_id, ())),
            services=tuple(p for p, _m in items.get(plan_id, ())),
            panel=bool(to_panel),
        )
        for plan_id, indicative, agreed, agreed_at, born, to_panel in rows
    ]


def fit_cases(first: date, last: date) -> Sequence[FitCase]:
    """Every plan agreed from `first` to `last`, with the answers and points of its indicative budget."""
    cases = []
    for indicative, agreed, agreed_at, answers, result, born in db().execute(fit_statement(first, last)):
        worked = Worked.from_dict(result)
        cases.append(
            FitCase(
                answers=answers,
                total_points=worked.total_points,
                family_percent=Fraction(worked.adjustment.percent),
                indicative_pence=indicative,
                agreed_pence=agreed,
                age_group=age_group(_born(born), agreed_at.date()),
            )
        )
    return cases


def audit_counted(first: date, last: date, actor_id: int, action: str, basis: str) -> None:
    """Write to the audit log that this member of staff looked at the figures of everyone whose budget was
    agreed in the period: one row for each person, in one INSERT ... SELECT whatever their number."""
    people = (
        select(
            literal(actor_id),
            AgreedBudget.person_id,
            literal(action),
            literal(f"ras_report:{first.isoformat()}:{last.isoformat()}"),
            literal(basis),
            literal(utcnow()),
        )
        .where(_in_period(first, last))
        .group_by(AgreedBudget.person_id)
    )
    db().execute(
        insert(AuditEvent).from_select(["actor_id", "person_id", "action", "target", "basis", "at"], people)
    )
    db().commit()

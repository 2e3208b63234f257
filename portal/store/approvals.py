"""The queries of plan approval: decide on a sent plan once (return, approve, agree an exception, record
the panel's outcome), with its comments and, when the plan is agreed, the agreed budget; read what was
decided; and the staff case list, one query a page whatever the number of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from portal.store import db, last_page_or
from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanComment, PlanDecision
from portal.store.disagreement_models import CaseAssignment, Disagreement
from portal.store.models import Assessment, Calculation, Person, User, utcnow
from portal.store.plan_models import Plan
from portal.store.plans import _changed
from portal.store.staff import no_conflict


@dataclass(frozen=True)
class DecisionFields:
    """One decision as the rules allowed it."""

    move: str
    from_state: str
    to_state: str
    plan_version: int
    actor_id: int
    actor_role: str
    final_weekly_pence: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class AgreedFields:
    """The agreed budget written when a decision agrees the plan."""

    person_id: int
    assessment_id: int
    config_version: str
    indicative_weekly_pence: int
    weekly_pence: int
    reason: str | None
    starts_on: date


def decide(
    plan: Plan,
    fields: DecisionFields,
    comments: Iterable[tuple[str | None, str]],
    agreed: AgreedFields | None,
    token: str,
    tell: Callable[[PlanDecision], None],
) -> PlanDecision | None:
    """Make the decision once: move the plan from `from_state` to `to_state`, keep the decision and its
    comments (item key or None for the whole plan, text), write the agreed budget if there is one, and
    `tell` the people who need to know (the outbox, in the same transaction). None when the same form was
    stored before, or someone else decided first: nothing is changed then."""
    session = db()
    if session.scalar(select(PlanDecision.id).where(PlanDecision.send_token == token)) is not None:
        return None
    moved = _changed(
        session.execute(
            update(Plan)
            .where(Plan.id == plan.id, Plan.status == fields.from_state)
            .values(status=fields.to_state, updated_at=utcnow())
        )
    )
    if moved != 1:
        session.rollback()
        return None
    decision = PlanDecision(
        plan_id=plan.id,
        plan_version=fields.plan_version,
        move=fields.move,
        from_state=fields.from_state,
        to_state=fields.to_state,
        final_weekly_pence=fields.final_weekly_pence,
        reason=fields.reason or None,
        actor_id=fields.actor_id,
        actor_role=fields.actor_role,
        send_token=token,
    )
    session.add(decision)
    session.flush()
    for item_key, text in comments:
        session.add(
            PlanComment(
                plan_id=plan.id,
                plan_version=fields.plan_version,
                item_key=item_key,
                text=text,
                decision_id=decision.id,
                author_id=fields.actor_id,
            )
        )
    if agreed is not None:
        session.add(
            AgreedBudget(
                person_id=agreed.person_id,
                assessment_id=agreed.assessment_id,
                plan_id=plan.id,
                plan_version=fields.plan_version,
                config_version=agreed.config_version,
                indicative_weekly_pence=agreed.indicative_weekly_pence,
                weekly_pence=agreed.weekly_pence,
                reason=agreed.reason or None,
                starts_on=agreed.starts_on,
                agreed_by_id=fields.actor_id,
            )
        )
    session.flush()
    tell(decision)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # the same form at the same moment: the first one decided
        return None
    session.expire(plan)
    return decision


def decisions_of(plan_id: int) -> list[PlanDecision]:
    """Every decision on the plan, the first first."""
    return list(
        db().scalars(select(PlanDecision).where(PlanDecision.plan_id == plan_id).order_by(PlanDecision.id))
    )


def comments_on(plan_id: int, version: int) -> list[PlanComment]:
    """The staff comments on one sent version of the plan."""
    return list(
        db().scalars(
            select(PlanComment)
            .where(PlanComment.plan_id == plan_id, PlanComment.plan_version == version)
            .order_by(PlanComment.id)
        )
    )


def last_approval(plan_id: int) -> PlanDecision | None:
    """The care manager's last approval: the final figure the next decisions are about."""
    return db().scalar(
        select(PlanDecision)
        .where(PlanDecision.plan_id == plan_id, PlanDecision.move == "approve")
        .order_by(PlanDecision.id.desc())
        .limit(1)
    )


def agreed_budget(assessment_id: int) -> AgreedBudget | None:
    """The agreed budget in force for the assessment: the newest."""
    return db().scalar(
        select(AgreedBudget)
        .where(AgreedBudget.assessment_id == assessment_id)
        .order_by(AgreedBudget.agreed_at.desc(), AgreedBudget.id.desc())
        .limit(1)
    )


def agreed_budgets(assessment_ids: Sequence[int]) -> dict[int, AgreedBudget]:
    """The agreed budget in force for each of these assessments that has one, in one query."""
    found: dict[int, AgreedBudget] = {}
    if not assessment_ids:
        return found
    rows = db().scalars(
        select(AgreedBudget)
        .where(AgreedBudget.assessment_id.in_(assessment_ids))
        .order_by(AgreedBudget.agreed_at, AgreedBudget.id)
    )
    for row in rows:
        found[row.assessment_id] = row  # the newest last
    return found


# --- the staff case list -----------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    """One sent form of a person this member of staff holds, as the case list shows it."""

    assessment_public_id: str
    person_name: str | None
    form_sent_at: datetime | None
    weekly_pence: int | None  # None for a form that makes no budget
    plan_status: str | None
    plan_sent_at: datetime | None
    disagreement_state: str | None
    person_id: int
    questionnaire_id: str


def case_list(
    staff_user_id: int,
    role: str,
    order: dict[str | None, int],
    page: int,
    per_page: int,
    plan_states: Sequence[str] | None = None,
    disagreement_states: Sequence[str] = (),
    held: bool = True,
) -> tuple[list[CaseRow], int]:
    """The sent forms (with a budget or not) of the people assigned to this member of staff in `role`, the
    soonest action first (`order`: a rank for each plan state, None for no plan), then the longest
    waiting; one page of them and how many there are in all. Two statements, whatever the number of
    cases. Cases where they have a conflict of interest are left out (their own, someone they act for,
    someone whose form they started). `plan_states` (with `disagreement_states`) narrows the list.
    `held=False` (the panel, who holds no cases) lists every person's form in `plan_states`, whoever
    holds the case."""
    where = [Assessment.status == "submitted", no_conflict(staff_user_id)]
    if plan_states is not None:
        where.append(or_(Plan.status.in_(plan_states), Disagreement.state.in_(disagreement_states)))
    if held:
        people = (
            select()
            .select_from(CaseAssignment)
            .join(
                Person,
                and_(
                    Person.id == CaseAssignment.person_id,
                    CaseAssignment.staff_user_id == staff_user_id,
                    CaseAssignment.role == role,
                ),
            )
        )
    else:
        people = select().select_from(Person)
    base = (
        people.join(Assessment, Assessment.person_id == Person.id)
        .outerjoin(Calculation, Calculation.assessment_id == Assessment.id)
        .outerjoin(Plan, Plan.assessment_id == Assessment.id)
        .outerjoin(Disagreement, Disagreement.assessment_id == Assessment.id)
        .where(and_(*where))
    )
    total = db().scalar(base.with_only_columns(func.count(Assessment.id))) or 0
    page = last_page_or(page, total, per_page)
    rank = case(
        *((Plan.status == state, rank) for state, rank in order.items() if state is not None),
        else_=order.get(None, len(order)),
    )
    rows = db().execute(
        base.with_only_columns(
            Assessment.public_id,
            Person.name,
            Assessment.submitted_at,
            Calculation.weekly_pence,
            Plan.status,
            Plan.submitted_at,
            Disagreement.state,
            Person.id,
            Assessment.questionnaire_id,
        )
        .order_by(rank, func.coalesce(Plan.submitted_at, Assessment.submitted_at), Assessment.id)
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    )
    return [CaseRow(*tuple(row)) for row in rows], total


def reached_panel(assessment_id: int, awaiting_panel: str) -> bool:
    """Whether the form's plan waits for the panel (`awaiting_panel`, the rules' state), or has waited
    for it: the panel sees a case from then on."""
    plan_id = db().scalar(select(Plan.id).where(Plan.assessment_id == assessment_id))
    if plan_id is None:
        return False
    waits = db().scalar(select(Plan.status).where(Plan.id == plan_id)) == awaiting_panel
    waited = db().scalar(
        select(PlanDecision.id)
        .where(PlanDecision.plan_id == plan_id, PlanDecision.from_state == awaiting_panel)
        .limit(1)
    )
    return waits or waited is not None


def assigned_to(person_id: int, staff_user_id: int, role: str) -> bool:
    """Whether the person's case is held by this member of staff in this role."""
    found = db().scalar(
        select(CaseAssignment.id).where(
            CaseAssignment.person_id == person_id,
            CaseAssignment.staff_user_id == staff_user_id,
            CaseAssignment.role == role,
        )
    )
    return found is not None


def user(user_id: int | None) -> User | None:
    """A user by id (who filled in or sent a form)."""
    return db().get(User, user_id) if user_id is not None else None


def token_used(token: str) -> bool:
    """Whether a decision was stored from the form with this one-time token."""
    return db().scalar(select(PlanDecision.id).where(PlanDecision.send_token == token)) is not None


def records_of(
    person_ids: Sequence[int],
) -> tuple[list[PlanDecision], list[PlanComment], list[AgreedBudget]]:
    """Every decision on these people's plans, every comment, and every agreed budget: for the download of
    everything held about them."""
    plans = select(Plan.id).join(Assessment, Assessment.id == Plan.assessment_id)
    plans = plans.where(Assessment.person_id.in_(list(person_ids)))
    decisions = db().scalars(
        select(PlanDecision).where(PlanDecision.plan_id.in_(plans)).order_by(PlanDecision.id)
    )
    comments = db().scalars(
        select(PlanComment).where(PlanComment.plan_id.in_(plans)).order_by(PlanComment.id)
    )
    agreed = db().scalars(
        select(AgreedBudget).where(AgreedBudget.person_id.in_(list(person_ids))).order_by(AgreedBudget.id)
    )
    return list(decisions), list(comments), list(agreed)

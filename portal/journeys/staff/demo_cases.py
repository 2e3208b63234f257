"""`flask --app portal demo-cases --count 300`: fill a demo database with made-up people whose plans were
agreed, so that the fairness report and the recalibration preview have something to show. Demo mode only.

Everything is worked out by the portal's own rules: the answers go through the real scoring, each plan's
items through the plan rules, and the way each plan was decided (straight agreed, to a team manager
when outside the tolerance, to the panel at the panel level) follows the approval rules' tests. The
random numbers are seeded, so the same count and seed give the same people every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.clock import today
from portal.content import config
from portal.journeys.staff.roles import ensure_demo_staff
from portal.ras import Calculation as Worked
from portal.ras import calculate, first_unanswered
from portal.ras import disagreement as staff_roles
from portal.ras.fairness import Case, outside_tolerance
from portal.ras.model import Config
from portal.ras.plan import Item, assessed_needs, summarise
from portal.ras.plan import approval as plan_rules
from portal.store import db
from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanDecision
from portal.store.models import Answer, Assessment, Calculation, Person, User
from portal.store.plan_models import Plan, PlanItem, PlanSubmission
from portal.store.sessions import user_by_subject

ISSUER = "demo-cases"
# The main help each age group tends to have, and the smaller things added to it.
MAIN_HELP = {
    "young": ("personal_assistant", "day_activities", "home_care_agency"),
    "old": ("home_care_agency",),
}
EXTRAS = ("meals", "telecare", "transport", "cleaning")
# How people's money is managed, most often first (a plan sometimes mixes two ways).
WAYS = ("council_arranged",) * 5 + ("direct_payment",) * 3 + ("individual_service_fund",)


@dataclass(frozen=True)
class Made:
    person: Person
    assessment: Assessment
    agreed: AgreedBudget


def _born(rng: random.Random, on: date) -> date:
    age = rng.choice((rng.randint(18, 64), rng.randint(65, 74), rng.randint(75, 84), rng.randint(85, 99)))
    return date(on.year - age, rng.randint(1, 12), rng.randint(1, 28))


def _answers(rng: random.Random, cfg: Config, born: date, older: bool) -> dict[str, str]:
    """Complete answers along the questionnaire's own path; older people tend to need more."""
    q = cfg.questionnaire
    answers: dict[str, str] = {}
    while (question_id := first_unanswered(q, answers)) is not None:
        question = q.questions[question_id]
        if question.kind == "date_of_birth":
            answers[question_id] = born.isoformat()
            continue
        options = question.option_ids
        if not options:  # pragma: no cover - the demo questionnaire asks only radios and a birth date
            answers[question_id] = "1"
            continue
        # A lean towards the higher-needs answers for older people: pick twice, keep the later option.
        picks = [rng.randrange(len(options)) for _ in range(2 if older else 1)]
        answers[question_id] = options[max(picks)]
    return answers


def _items(
    rng: random.Random, cfg: Config, target_pence: int, older: bool, needs: tuple[str, ...]
) -> list[Item]:
    """Plan items that cost about `target_pence` a week: a main kind of help in quarter hours, and extras."""
    prices = cfg.prices.items
    way = rng.choice(WAYS)
    items = []
    for number, extra in enumerate(rng.sample(EXTRAS, rng.randint(0, 2))):
        price = prices[extra].price_pence or 0
        quantity = Decimal(rng.randint(1, 5)) if extra in ("meals", "transport", "cleaning") else Decimal(1)
        if price * quantity < target_pence // 3:
            items.append(Item(f"x{number}", extra, price, quantity, "per_week", way, needs[:1]))
    spent = sum(int(i.unit_pence * i.quantity) for i in items)
    main = rng.choice(MAIN_HELP["old" if older else "young"])
    price = prices[main].price_pence or 1
    quarters = max(1, (max(target_pence - spent, price) * 4 + price // 2) // price)
    main_way = rng.choice(WAYS) if rng.randrange(6) == 0 else way  # now and then a plan mixes two ways
    items.insert(0, Item("main", main, price, Decimal(quarters) / 4, "per_week", main_way, needs))
    return items


def _target(rng: random.Random, indicative: int, older: bool, nights: bool) -> int:
    """What the care manager and the person agreed, before it is priced: mostly the RAS figure or near it,
    sometimes well above (nights) or below (help found in the community)."""
    roll = rng.randrange(100)
    if roll < 45:
        change = rng.randint(-300, 300)  # basis points: within 3 percent
    elif roll < 80:
        change = rng.randint(-1500, 1500)
    else:
        change = rng.randint(-3000, 3000)
    if nights:
        change += 600  # night-time help often costs more than the points give
    change += -500 if older else 300  # home care for older people often costs less; younger people's more
    return max(1000, indicative * (10000 + change) // 10000)


def _decisions(
    cfg: Config, plan: Plan, indicative: int, final: int, actor: int, at: datetime
) -> list[PlanDecision]:
    case = Case(indicative, final, at.date(), None, (), (), False)
    steps = [(plan_rules.SEND, None, plan_rules.SENT)]
    state = plan_rules.SENT
    panel = final >= cfg.panel_weekly_pence
    if outside_tolerance(case, cfg.tolerance_percent):
        steps.append((plan_rules.APPROVE, state, plan_rules.AWAITING_TEAM_MANAGER))
        state = plan_rules.AWAITING_TEAM_MANAGER
        steps.append(
            (plan_rules.AGREE_EXCEPTION, state, plan_rules.AWAITING_PANEL if panel else plan_rules.AGREED)
        )
    else:
        steps.append((plan_rules.APPROVE, state, plan_rules.AWAITING_PANEL if panel else plan_rules.AGREED))
    if panel:
        steps.append((plan_rules.PANEL_AGREE, plan_rules.AWAITING_PANEL, plan_rules.AGREED))
    rows = []
    for move, before, after in steps[1:]:
        rows.append(
            PlanDecision(
                plan_id=plan.id,
                plan_version=1,
                move=move,
                from_state=before,
                to_state=after,
                final_weekly_pence=final,
                reason=None if move == plan_rules.APPROVE else "Agreed with the person and their family.",
                actor_id=actor,
                actor_role=staff_roles.TEAM_MANAGER
                if move != plan_rules.APPROVE
                else staff_roles.CARE_MANAGER,
                send_token=f"demo-cases-{plan.id}-{move}",
                created_at=at,
            )
        )
    return rows


def make_cases(count: int, seed: int) -> int:
    """Add `count` people with agreed plans; returns how many were added (people made before are kept)."""
    cfg = config()
    rng = random.Random(seed)
    session = db()
    staff = ensure_demo_staff(commit=False)
    care_manager = staff[staff_roles.CARE_MANAGER].id
    day = today()
    made = 0
    for number in range(count):
        subject = f"{seed}-{number}"
        if user_by_subject(ISSUER, subject) is not None:
            continue
        agreed_on = day - timedelta(days=rng.randint(1, 365))
        sent_at = datetime.combine(agreed_on - timedelta(days=rng.randint(7, 40)), time(10))
        born = _born(rng, agreed_on)
        older = (agreed_on.year - born.year) >= 65
        answers = _answers(rng, cfg, born, older)
        worked = calculate(cfg, answers)
        if worked.weekly_pence == 0:
            continue
        user = User(issuer=ISSUER, subject=subject, name=f"Demo person {number + 1}")
        person = Person(name=user.name, user=user)
        assessment = Assessment(
            person=person,
            started_by_id=0,
            config_version=cfg.version,
            status="submitted",
            created_at=sent_at - timedelta(days=2),
            submitted_at=sent_at,
        )
        session.add_all([user, person])
        session.flush()
        assessment.started_by_id = assessment.submitted_by_id = user.id
        session.add(assessment)
        session.flush()
        session.add_all(
            Answer(assessment_id=assessment.id, question_id=q, value=v, updated_by_id=user.id)
            for q, v in answers.items()
        )
        stored = Calculation(
            assessment_id=assessment.id,
            config_version=cfg.version,
            answers=answers,
            result=worked.to_dict(),
            weekly_pence=worked.weekly_pence,
            yearly_pence=worked.yearly_pence,
            created_at=sent_at,
        )
        session.add(stored)
        session.flush()
        budget = Worked.from_dict(stored.result)
        nights = any(area.question_id == "nights" and area.points > 0 for area in budget.areas)
        needs = assessed_needs(budget)
        items = _items(rng, cfg, _target(rng, worked.weekly_pence, older, nights), older, needs)
        summary = summarise(cfg, budget, items)
        plan = Plan(
            assessment_id=assessment.id,
            created_by_id=user.id,
            status=plan_rules.AGREED,
            created_at=sent_at,
            submitted_at=sent_at + timedelta(days=3),
            submitted_by_id=user.id,
        )
        session.add(plan)
        session.flush()
        for item in items:
            row = PlanItem(
                plan_id=plan.id,
                price_id=item.price_id,
                frequency=item.frequency,
                management=item.management,
                needs=list(item.needs),
                updated_by_id=user.id,
            )
            row.quantity = item.quantity
            session.add(row)
        session.add(
            PlanSubmission(
                plan_id=plan.id,
                version=1,
                calculation_id=stored.id,
                config_version=cfg.version,
                prices_version=cfg.prices.version,
                result=summary.to_dict(),
                weekly_pence=summary.weekly_pence,
                one_off_pence=summary.one_off_pence,
                yearly_pence=summary.yearly_pence,
                position=summary.comparison.position,
                declaration="Made up for the demo.",
                basis="self",
                submitted_by_id=user.id,
                submitted_at=plan.submitted_at,
            )
        )
        at = datetime.combine(agreed_on, time(15))
        session.add_all(_decisions(cfg, plan, worked.weekly_pence, summary.weekly_pence, care_manager, at))
        final = summary.weekly_pence
        session.add(
            AgreedBudget(
                person_id=person.id,
                assessment_id=assessment.id,
                plan_id=plan.id,
                plan_version=1,
                config_version=cfg.version,
                indicative_weekly_pence=worked.weekly_pence,
                weekly_pence=final,
                reason=None if final == worked.weekly_pence else "The plan we agreed costs this much.",
                starts_on=agreed_on + timedelta(days=7),
                agreed_by_id=care_manager,
                agreed_at=at,
            )
        )
        made += 1
    session.commit()
    return made


@click.command("demo-cases")
@click.option("--count", default=300, show_default=True, type=click.IntRange(1, 5000), help="how many people")
@click.option("--seed", default=2026, show_default=True, help="the same seed makes the same people")
@with_appcontext
def demo_cases(count: int, seed: int) -> None:
    """Fill a demo database with made-up people whose plans were agreed (demo mode only)."""
    settings = current_app.extensions["portal_settings"]
    if not (settings.demo_sign_in and config().council.demo):
        raise click.ClickException(
            "demo-cases only runs in demo mode (the demo sign-in on, and council demo: true in "
            "content/council.yaml): it makes up people, and must never touch a council's real records"
        )
    made = make_cases(count, seed)
    click.echo(f"Added {made} made-up people with agreed plans.")

"""Reading a disagreement: where it is on its route, what the rules say about a move now, and the dates a
page can promise. Nothing here changes anything; `service` makes the changes.
"""

from __future__ import annotations

from datetime import date

from portal.content import config
from portal.ras import disagreement as rules
from portal.ras.disagreement import Facts, Verdict
from portal.store import disagreements as store
from portal.store.disagreement_models import Disagreement, DisagreementStep
from portal.store.models import Assessment


def route_config() -> rules.DisagreementConfig:
    return config().disagreement


def disagreement_for(assessment: Assessment) -> Disagreement | None:
    return store.for_assessment(assessment.id)


def current_step(case: Disagreement | None) -> DisagreementStep | None:
    """The record of the step the disagreement is at (its request and answer); None if there is none."""
    kind = rules.step_of_state(case.state) if case is not None else None
    return case.step(kind) if kind is not None else None


def facts_of(case: Disagreement | None) -> Facts:
    if case is None:
        return Facts()
    step = current_step(case)
    return Facts(
        state=case.state,
        due=step.due_on if step else None,
        advocate_requested=case.advocate_requested_on is not None,
    )


def verdict(case: Disagreement | None, move: str, role: str, today: date) -> Verdict:
    return rules.check(facts_of(case), move, role, today)


def agreed_amount(case: Disagreement | None) -> DisagreementStep | None:
    """The step whose answer agreed the latest new amount, if any. The stored budget is never changed."""
    if case is None:
        return None
    agreed = [step for step in case.steps if step.outcome == rules.NEW_AMOUNT and step.agreed_weekly_pence]
    return max(agreed, key=lambda step: (step.answered_on, step.id)) if agreed else None


def complaint_date(case: Disagreement | None) -> date | None:
    step = case.step(rules.STEP_COMPLAINT) if case else None
    return step.opened_on if step else None


def ombudsman_open(case: Disagreement | None, today: date) -> bool:
    if case is None:
        return False
    return rules.ombudsman_open(case.state, complaint_date(case), route_config().limits, today)


OMBUDSMAN = rules.GO_TO_OMBUDSMAN  # not a move of the route, but a date a page can promise


def opening_dates(case: Disagreement | None, today: date) -> dict[str, date]:
    """What the person cannot do yet but will be able to with time, and the first day they can:
    the dates the rules accept, for every page that says "you can ... from"."""
    found = rules.opening_dates(facts_of(case), rules.PERSON, today)
    complained_on = complaint_date(case)
    if (
        complained_on is not None
        and case.state in (rules.COMPLAINT_WAITING, rules.COMPLAINT_ACKNOWLEDGED)
        and not ombudsman_open(case, today)
    ):
        found[OMBUDSMAN] = rules.ombudsman_opens_on(route_config().limits, complained_on)
    return found

"""Each persona's figures, worked out by hand in tests/personas.py, are what the rules work out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.ras import calculate
from portal.ras import plan as plan_rules
from portal.ras.plan import summarise
from tests.personas import PERSONA_IDS, PERSONAS


def _item(config, key: str, price_id: str, fields: dict, needs) -> plan_rules.Item:
    price_item = config.prices.items[price_id]
    own = price_item.own_cost
    return plan_rules.Item(
        key=key,
        price_id=price_id,
        unit_pence=plan_rules.parse_money(fields["amount"]) if own else price_item.price_pence,
        quantity=Decimal(1) if own else plan_rules.parse_quantity(fields["quantity"]),
        frequency=fields.get("frequency", price_item.frequencies[0]),
        management=fields["management"],
        needs=tuple(n for n in needs if n in fields.get("needs", ())),
        description=fields.get("description"),
    )


@pytest.mark.parametrize("persona", PERSONAS, ids=PERSONA_IDS)
def test_the_rules_agree_with_the_figures_worked_out_by_hand(demo_config, persona):
    calc = calculate(demo_config, persona.answers)
    expected = persona.budget
    assert (
        calc.total_points,
        calc.weekly_before_pence,
        calc.adjustment.reduction_pence,
        calc.weekly_pence,
        calc.yearly_pence,
        calc.panel,
        calc.adjustment.carer_assessment,
    ) == (
        expected.points,
        expected.before_pence,
        expected.reduction_pence,
        expected.weekly_pence,
        expected.yearly_pence,
        expected.panel,
        expected.carer_assessment,
    )
    assert (f"{calc.adjustment.percent}%" if calc.adjustment.percent else None) == expected.percent

    needs = plan_rules.assessed_needs(calc)
    items = [
        _item(demo_config, str(i), item.price_id, item.fields, needs)
        for i, item in enumerate(persona.plan_items)
    ]
    plan = summarise(demo_config, calc, items)
    c = plan.comparison
    assert (
        plan.weekly_pence,
        plan.one_off_pence,
        plan.yearly_pence,
        c.weekly_difference_pence,
        c.yearly_difference_pence,
        c.lowest_yearly_pence,
        c.highest_yearly_pence,
        c.within,
    ) == (
        persona.plan.weekly_pence,
        persona.plan.one_off_pence,
        persona.plan.yearly_pence,
        persona.plan.weekly_difference_pence,
        persona.plan.yearly_difference_pence,
        persona.plan.lowest_yearly_pence,
        persona.plan.highest_yearly_pence,
        persona.plan.close,
    )


@pytest.mark.parametrize("persona", PERSONAS, ids=PERSONA_IDS)
def test_the_answers_are_the_questions_the_journey_asks_in_order(questionnaire, persona):
    from portal.ras import path

    assert list(persona.answers) == path(questionnaire, persona.answers)


def test_the_personas_cover_every_kind_of_person_the_pages_treat_differently():
    budgets = [p.budget for p in PERSONAS]
    assert any(p.helper for p in PERSONAS) and any(not p.helper for p in PERSONAS)
    assert (
        any(b.zero for b in budgets)
        and any(b.panel for b in budgets)
        and any(b.carer_assessment for b in budgets)
    )
    assert {p.answers.get("informal_help_continues") for p in PERSONAS} >= {"yes", "less", "no", None}
    assert any("caring_for_child" in p.answers for p in PERSONAS)
    assert any(p.refused_dates_of_birth for p in PERSONAS)
    assert {p.plan.close for p in PERSONAS} == {True, False}
    assert any(p.plan.weekly_difference_pence < 0 for p in PERSONAS)
    assert any(p.plan.one_off_pence for p in PERSONAS)

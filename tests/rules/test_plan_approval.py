"""The plan-approval state machine: every state, every move, who makes it, what it needs."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.ras.plan import approval as rules
from portal.ras.plan.approval import Decision, Facts

BASE = Facts(
    state=rules.SENT,
    indicative_weekly_pence=10000,
    plan_position="within",
    tolerance_percent=Decimal(10),
    panel_weekly_pence=60000,
)


def test_send_from_draft_and_from_returned_goes_to_sent():
    for state in (rules.DRAFT, rules.RETURNED):
        verdict = rules.check(replace(BASE, state=state), rules.SEND, rules.PERSON, Decision())
        assert verdict.allowed and verdict.to_state == rules.SENT


@pytest.mark.parametrize(
    "state", [rules.SENT, rules.AWAITING_TEAM_MANAGER, rules.AWAITING_PANEL, rules.AGREED]
)
def test_a_sent_plan_cannot_be_sent_again(state):
    assert rules.check(replace(BASE, state=state), rules.SEND, rules.PERSON).reason == rules.NOT_NOW


def test_return_needs_a_comment_and_the_care_manager():
    assert rules.check(BASE, rules.RETURN, rules.CARE_MANAGER, Decision()).reason == rules.COMMENT_NEEDED
    assert rules.check(BASE, rules.RETURN, rules.PERSON, Decision(comments=1)).reason == rules.NOT_YOUR_MOVE
    assert (
        rules.check(BASE, rules.RETURN, rules.TEAM_MANAGER, Decision(comments=1)).reason
        == rules.NOT_YOUR_MOVE
    )
    verdict = rules.check(BASE, rules.RETURN, rules.CARE_MANAGER, Decision(comments=2))
    assert verdict.to_state == rules.RETURNED


def test_approve_at_the_indicative_figure_needs_no_reason_and_is_agreed():
    verdict = rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=10000))
    assert verdict.allowed and verdict.to_state == rules.AGREED


def test_approve_needs_a_figure():
    assert rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, Decision()).reason == rules.FIGURE_NEEDED
    assert (
        rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=-1)).reason
        == rules.FIGURE_NEEDED
    )


def test_a_different_figure_needs_a_reason():
    decision = Decision(final_weekly_pence=10500, reason="  ")
    assert rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, decision).reason == rules.REASON_NEEDED
    verdict = rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, replace(decision, reason="More hours"))
    assert verdict.to_state == rules.AGREED  # 5% over: within the tolerance


def test_exactly_the_tolerance_is_within_one_penny_more_is_not():
    within = Decision(final_weekly_pence=11000, reason="r")
    over = Decision(final_weekly_pence=11001, reason="r")
    under = Decision(final_weekly_pence=8999, reason="r")
    assert rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, within).to_state == rules.AGREED
    assert rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, over).to_state == rules.AWAITING_TEAM_MANAGER
    assert rules.check(BASE, rules.APPROVE, rules.CARE_MANAGER, under).to_state == rules.AWAITING_TEAM_MANAGER


def test_a_plan_outside_the_tolerance_needs_the_team_manager_even_at_the_indicative_figure():
    facts = replace(BASE, plan_position="above")
    verdict = rules.check(facts, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=10000))
    assert verdict.to_state == rules.AWAITING_TEAM_MANAGER


def test_team_manager_agrees_or_refuses_with_a_reason():
    facts = replace(BASE, state=rules.AWAITING_TEAM_MANAGER, final_weekly_pence=11500)
    assert (
        rules.check(facts, rules.AGREE_EXCEPTION, rules.TEAM_MANAGER, Decision()).reason
        == rules.REASON_NEEDED
    )
    assert rules.check(facts, rules.AGREE_EXCEPTION, rules.CARE_MANAGER, Decision(reason="x")).reason == (
        rules.NOT_YOUR_MOVE
    )
    agreed = rules.check(facts, rules.AGREE_EXCEPTION, rules.TEAM_MANAGER, Decision(reason="Needs more"))
    assert agreed.to_state == rules.AGREED
    refused = rules.check(facts, rules.REFUSE_EXCEPTION, rules.TEAM_MANAGER, Decision(reason="Too much"))
    assert refused.to_state == rules.SENT


def test_over_the_panel_level_goes_to_the_panel_never_capped():
    high = Facts(
        state=rules.SENT,
        indicative_weekly_pence=60000,
        tolerance_percent=Decimal(10),
        panel_weekly_pence=60000,
    )
    verdict = rules.check(high, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=60000))
    assert verdict.to_state == rules.AWAITING_PANEL
    just_under = rules.check(
        high, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=59999, reason="r")
    )
    assert just_under.to_state == rules.AGREED


def test_outside_tolerance_and_over_the_panel_level_goes_to_team_manager_then_panel():
    facts = replace(BASE, indicative_weekly_pence=50000)
    approve = Decision(final_weekly_pence=70000, reason="Two carers")
    assert (
        rules.check(facts, rules.APPROVE, rules.CARE_MANAGER, approve).to_state == rules.AWAITING_TEAM_MANAGER
    )
    waiting = replace(facts, state=rules.AWAITING_TEAM_MANAGER, final_weekly_pence=70000)
    after = rules.check(waiting, rules.AGREE_EXCEPTION, rules.TEAM_MANAGER, Decision(reason="Agreed"))
    assert after.to_state == rules.AWAITING_PANEL


@pytest.mark.parametrize("role", [rules.TEAM_MANAGER, rules.PANEL])
def test_panel_outcome_by_team_manager_or_panel_with_a_reason(role):
    facts = replace(BASE, state=rules.AWAITING_PANEL, final_weekly_pence=65000)
    assert rules.check(facts, rules.PANEL_AGREE, role, Decision()).reason == rules.REASON_NEEDED
    assert rules.check(facts, rules.PANEL_AGREE, role, Decision(reason="Agreed")).to_state == rules.AGREED
    assert rules.check(facts, rules.PANEL_REFUSE, role, Decision(reason="No")).to_state == rules.SENT
    assert rules.check(facts, rules.PANEL_AGREE, rules.CARE_MANAGER, Decision(reason="x")).reason == (
        rules.NOT_YOUR_MOVE
    )


def test_nothing_moves_an_agreed_plan():
    facts = replace(BASE, state=rules.AGREED, final_weekly_pence=10000)
    for role in rules.ROLES:
        assert rules.moves_open(facts, role) == ()


def test_moves_open_by_role_and_state():
    assert rules.moves_open(BASE, rules.CARE_MANAGER) == (rules.RETURN, rules.APPROVE)
    assert rules.moves_open(BASE, rules.TEAM_MANAGER) == ()
    assert rules.moves_open(replace(BASE, state=rules.RETURNED), rules.PERSON) == (rules.SEND,)


def test_unknown_state_move_or_role_is_an_error():
    with pytest.raises(ValueError):
        rules.check(replace(BASE, state="lost"), rules.SEND, rules.PERSON)
    with pytest.raises(ValueError):
        rules.check(BASE, "fly", rules.PERSON)
    with pytest.raises(ValueError):
        rules.check(BASE, rules.SEND, "mayor")


def test_case_stage():
    assert rules.case_stage(None, False) == rules.ASSESSMENT_SENT
    assert rules.case_stage(rules.DRAFT, False) == rules.ASSESSMENT_SENT
    assert rules.case_stage(rules.SENT, False) == rules.PLAN_SENT
    assert rules.case_stage(rules.RETURNED, False) == rules.PLAN_RETURNED
    assert rules.case_stage(rules.AWAITING_PANEL, False) == rules.AWAITING_APPROVAL
    assert rules.case_stage(rules.AGREED, False) == rules.PLAN_AGREED
    assert rules.case_stage(rules.AGREED, True) == rules.DISAGREEMENT_OPEN
    assert rules.case_stage(None, False, makes_budget=False) == rules.FORM_SENT


def test_a_sent_form_without_a_plan_comes_before_plans_that_wait_on_the_person_or_are_agreed():
    order = rules.action_order(rules.CARE_MANAGER)
    assert order[rules.SENT] < order[None] < order[rules.RETURNED] < order[rules.AGREED]


def test_action_order_puts_each_roles_work_first():
    assert (
        min(rules.action_order(rules.CARE_MANAGER), key=rules.action_order(rules.CARE_MANAGER).get)
        == rules.SENT
    )
    tm = rules.action_order(rules.TEAM_MANAGER)
    assert tm[rules.AWAITING_TEAM_MANAGER] < tm[rules.SENT] < tm[rules.AGREED]
    for role in (rules.CARE_MANAGER, rules.TEAM_MANAGER, rules.PANEL):
        assert set(rules.action_order(role)) == {*rules.STATES, None}


@given(
    indicative=st.integers(min_value=0, max_value=200000),
    final=st.integers(min_value=0, max_value=200000),
    position=st.sampled_from(["below", "within", "above"]),
)
def test_every_approval_ends_somewhere_and_is_never_capped(indicative, final, position):
    facts = replace(BASE, indicative_weekly_pence=indicative, plan_position=position)
    verdict = rules.check(
        facts, rules.APPROVE, rules.CARE_MANAGER, Decision(final_weekly_pence=final, reason="r")
    )
    assert verdict.allowed
    if final >= facts.panel_weekly_pence:
        assert verdict.to_state in (rules.AWAITING_TEAM_MANAGER, rules.AWAITING_PANEL)
    if verdict.to_state == rules.AGREED:
        assert position == "within" and final < facts.panel_weekly_pence

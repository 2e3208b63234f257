"""Every figure on the budget and plan pages can be checked by hand: the parts shown add up to the totals
shown, each rounding is said where it happens, and the year comes from how often help is paid."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.web.helpers import WORKED_EXAMPLE

# 54 points: 40 x £6 + 14 x £7.50 = £345 a week before family help.
POINTS_54 = {
    **WORKED_EXAMPLE,
    "nutrition": "full_help",
    "personal_hygiene": "full_help",
    "toilet": "full_help",
    "dressing": "full_help",
    "home_safety": "full_help",
    "home_environment": "some_help",
    "relationships": "daily_help",
    "nights": "none",
}


def pounds(text: str) -> list[Decimal]:
    """Every amount of money in a text, in pounds, as written (£336.375 stays exact)."""
    return [Decimal(m.replace(",", "")) for m in re.findall(r"£([0-9][0-9,]*(?:\.[0-9]+)?)", text)]


def _adjustment_lines(page) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page.select("#adjustment li")]


def test_family_help_on_345_pounds_says_how_it_rounds_and_the_parts_add_up(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(
        {**POINTS_54, "informal_help": "few_hours", "informal_help_continues": "less"}
    )
    page = response.soup
    assert page.select_one("#weekly-before").get_text(strip=True) == "£345"
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£336.38 a week"
    lines = _adjustment_lines(page)
    # the halving, the sum before rounding, the rounding rule, and what is taken off as before - after
    # Percents are said in money: 2.5% is £2.50 in every £100.
    assert lines == [
        "We counted help from the person who helps you. You told us they can keep helping you, but less "
        "than now.",
        "For this help we take off £5 in every £100 of the money from points.",
        "They will help less. So we take off only half of that. That is £2.50 in every £100.",
        "£345 take away £2.50 in every £100 is £336.375.",
        "We round this to the nearest penny. Half a penny or more goes up. "
        "So the estimate is £336.38 a week.",
        "So we take off £8.62. That is £345 take away £336.38.",
    ]
    assert Decimal(345) * (100 - Decimal("2.5")) / 100 == Decimal("336.375")
    # Step 4 adds up as shown: before - taken off = the estimate; the estimate x 52 = the year
    result = [pounds(row.get_text(" ", strip=True))[0] for row in page.select("#result-table tr")]
    before, taken_off, weekly, yearly = result
    assert (before, taken_off, weekly) == (Decimal(345), Decimal("8.62"), Decimal("336.38"))
    assert before - taken_off == weekly and weekly * 52 == yearly


def test_help_that_will_be_less_says_it_is_half_of_the_full_percent(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(
        {**WORKED_EXAMPLE, "informal_help": "every_day", "informal_help_continues": "less"}
    )
    page = response.soup
    text = page.select_one("#adjustment").get_text(" ", strip=True)
    assert "So we take only £13.20 off each week." in text
    lines = _adjustment_lines(page)
    assert lines[:3] == [
        "We counted help from the person who helps you. You told us they can keep helping you, but less "
        "than now.",
        "For this help we take off £20 in every £100 of the money from points.",
        "They will help less. So we take off only half of that. That is £10 in every £100.",
    ]
    # no rounding happened, so none is claimed
    assert not any("round" in line for line in lines)
    assert lines[-1] == "So we take off £13.20. That is £132 take away £118.80."


def test_the_worked_example_keeps_its_figures_and_shows_the_sum(portal):
    portal.sign_in("alex")
    _, response = portal.budget_for(WORKED_EXAMPLE)
    page = response.soup
    assert page.select_one("#weekly-amount").get_text(strip=True) == "£118.80 a week"
    assert page.select_one("#yearly-amount").get_text(strip=True) == "That is £6,177.60 a year."
    assert _adjustment_lines(page) == [
        "We counted help from the person who helps you. You told us they can keep helping you.",
        "For this help we take off £10 in every £100 of the money from points.",
        "£132 take away £10 in every £100 is £118.80.",
        "So we take off £13.20. That is £132 take away £118.80.",
    ]


# --- the support plan ---------------------------------------------------------------------------


def _item_costs(page) -> list[str]:
    return [
        dd.get_text(" ", strip=True)
        for card in page.select(".govuk-summary-card[id^=item-]")
        for dt, dd in zip(
            card.select(".govuk-summary-list__key"), card.select(".govuk-summary-list__value"), strict=True
        )
        if dt.get_text(strip=True) == "Cost"
    ]


def test_an_item_of_54_pounds_a_month_is_648_pounds_a_year_and_the_page_says_how_it_rounds(portal):
    from tests.web.plan_helpers import add_item, figures, plan_url

    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Gardening",
            "amount": "54",
            "frequency": "per_month",
            "needs": ["nutrition"],
            "management": "direct_payment",
        },
    )
    page = portal.get(plan_url(sent)).soup
    assert _item_costs(page) == ["£54 a month. That is £648 a year, and £12.46 a week."]
    shown = figures(page)
    assert (shown["weekly"], shown["regular-yearly"], shown["one-off"], shown["yearly"]) == (
        "£12.46",
        "£648",
        "£0",
        "£648",
    )
    rounding = page.select_one("#plan-rounding").get_text(" ", strip=True)
    assert "We work out each cost to the nearest penny. Half a penny or more goes up." in rounding
    assert "For help paid each month or year, the cost a week is the cost a year divided by 52." in rounding
    assert "So it can be a few pence different from the cost a week times 52." in rounding
    assert (Decimal(648) / 52).quantize(Decimal("0.01")) == Decimal("12.46")  # the year / 52, to the penny


def test_every_figure_of_a_plan_adds_up_as_shown(portal):
    from tests.web.plan_helpers import PA_WEEKLY, add_item, figures, plan_url

    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    add_item(portal, sent, "personal_assistant", PA_WEEKLY | {"quantity": "7.25"})  # £119.625 -> £119.63
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Gardening",
            "amount": "54",
            "frequency": "per_month",
            "needs": ["nutrition"],
            "management": "council_arranged",
        },
    )
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Swimming",
            "amount": "30",
            "frequency": "per_year",
            "needs": ["nutrition"],
            "management": "direct_payment",
        },
    )
    add_item(
        portal,
        sent,
        "equipment",
        {"description": "A rail", "amount": "250", "needs": ["toilet"], "management": "direct_payment"},
    )
    page = portal.get(plan_url(sent)).soup
    costs = _item_costs(page)
    assert costs == [
        "£119.63 a week. That is £6,220.76 a year.",
        "£54 a month. That is £648 a year, and £12.46 a week.",
        "£30 a year. That is £0.58 a week.",
        "£250 once only",
    ]
    # the item's year is its cost x how often it is paid, as shown
    assert Decimal("119.63") * 52 == Decimal("6220.76") and Decimal(54) * 12 == 648
    weekly = [Decimal("119.63"), Decimal("12.46"), Decimal("0.58"), Decimal(0)]  # as each cost says
    shown = {k: pounds(v)[0] if pounds(v) else v for k, v in figures(page).items()}
    assert sum(weekly) == shown["weekly"] == Decimal("132.67")
    assert Decimal("6220.76") + 648 + 30 == shown["regular-yearly"]
    assert shown["regular-yearly"] + shown["one-off"] == shown["yearly"]
    assert shown["yearly"] - shown["budget-yearly"] == shown["yearly-difference"]
    assert shown["weekly"] - shown["budget-weekly"] == shown["weekly-difference"]
    assert shown["budget-weekly"] * 52 == shown["budget-yearly"]
    # the ways add up to the plan, and each way's year is its regular year plus its one-offs
    ways = [
        {
            dt.get_text(strip=True): pounds(dd.get_text(" ", strip=True))
            for dt, dd in zip(
                card.select(".govuk-summary-list__key"),
                card.select(".govuk-summary-list__value"),
                strict=True,
            )
        }
        for card in page.select("#ways .govuk-summary-card")
    ]
    assert sum(w["A week"][0] for w in ways) == shown["weekly"]
    years = [(w.get("A year") or w["A year, with one-off costs"])[0] for w in ways]
    assert sum(years) == shown["yearly"]
    for way in ways:
        if "One-off costs" in way:
            assert (
                way["Help paid each week, month or year, for a year"][0] + way["One-off costs"][0]
                == way["A year, with one-off costs"][0]
            )


# --- the amount asked for when disagreeing --------------------------------------------------------


@pytest.mark.parametrize(
    "hours,amount,shown",
    [
        ("6", "", "Your support plan costs £99 a week."),  # less than the £118.80 budget: never ask for less
        ("7.2", "", "Your support plan costs £118.80 a week."),  # the same as the budget
        (
            "7.5",
            "123.75",
            "That is £4.95 a week more than the budget. We have put the plan's cost in the box for you.",
        ),
    ],
)
def test_the_raise_form_fills_in_the_plans_cost_only_when_it_is_more_than_the_budget(
    portal, hours, amount, shown
):
    from tests.web.plan_helpers import PA_WEEKLY, add_item

    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    add_item(portal, sent, "personal_assistant", PA_WEEKLY | {"quantity": hours})
    page = portal.get(f"/assessments/{sent}/disagree/care-manager").soup
    assert page.select_one("input[name=amount]").get("value", "") == amount
    assert shown in page.select_one("main").get_text(" ", strip=True)


# --- the tolerance edge shown is the one the rule applies ----------------------------------------


@pytest.mark.parametrize(
    "amount,position,message",
    [
        # Budget £336.38 a week, £17,491.76 a year; 10% is £1,749.176. The rule: within when no more than
        # £1,749.176 over, so £1,749.17 over is within and £1,749.18 over is not. The page must say £1,749.17.
        (
            "19,240.93",
            "within",
            "The plan is close to the budget. It is not more than £1,749.17 a year over or under it.",
        ),
        (
            "19,240.94",
            "above",
            "The plan costs more than the budget. It is more than £1,749.17 a year over it.",
        ),
        (
            "15,742.59",
            "within",
            "The plan is close to the budget. It is not more than £1,749.17 a year over or under it.",
        ),
        (
            "15,742.58",
            "below",
            "The plan costs less than the budget. It is more than £1,749.17 a year under it.",
        ),
    ],
)
def test_the_tolerance_shown_is_the_edge_the_rule_applies(portal, amount, position, message):
    from tests.web.plan_helpers import add_item, figures, plan_url

    portal.sign_in("alex")
    sent, _ = portal.budget_for(
        {**POINTS_54, "informal_help": "few_hours", "informal_help_continues": "less"}
    )
    add_item(
        portal,
        sent,
        "other",
        {
            "description": "Everything",
            "amount": amount,
            "frequency": "one_off",
            "needs": ["nutrition"],
            "management": "direct_payment",
        },
    )
    page = portal.get(plan_url(sent)).soup
    shown = figures(page)
    assert shown["budget-yearly"] == "£17,491.76"
    assert page.select_one("#tolerance-message").get_text(strip=True) == message
    assert "Plans from £15,742.59 to £19,240.93 a year are close to the budget." in page.get_text(
        " ", strip=True
    )
    # checked by hand: the difference shown is within the amount said exactly when the plan is close
    said = pounds(message)[0]
    difference = pounds(shown["yearly-difference"])[0]
    assert (difference <= said) == (position == "within")


# --- needs for each way of looking after the money, in the plan's order ---------------------------


def test_the_needs_of_each_way_are_in_the_same_order_as_the_plan(portal):
    from tests.web.plan_helpers import add_item, plan_url

    portal.sign_in("alex")
    sent, _ = portal.budget_for(WORKED_EXAMPLE)
    # added night help first, then food: the plan's order is the assessment's, not the order added,
    # and not the alphabet (the ids "nights" < "nutrition"; the words "Eating ..." < "Help ...")
    add_item(
        portal,
        sent,
        "sleep_in_night",
        {"quantity": "1", "frequency": "per_week", "needs": ["nights"], "management": "direct_payment"},
    )
    add_item(
        portal,
        sent,
        "meals",
        {
            "quantity": "7",
            "frequency": "per_week",
            "needs": ["toilet", "nutrition"],
            "management": "direct_payment",
        },
    )
    plan_order = [
        label.get_text(strip=True)
        for label in portal.get(plan_url(sent, "/add/telecare")).soup.select(
            "#needs label, [name=needs] + label"
        )
    ]
    assert plan_order == [
        "Eating and drinking",
        "Washing and keeping clean",
        "Using the toilet",
        "Help at night",
    ]
    page = portal.get(plan_url(sent)).soup
    way = [li.get_text(strip=True) for li in page.select("#way-direct_payment li")]
    assert way == ["Eating and drinking", "Using the toilet", "Help at night"]
    assert way == sorted(way, key=plan_order.index)

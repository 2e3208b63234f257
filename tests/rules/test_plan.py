"""Support plan arithmetic: frequencies, totals to the penny, tolerance edges, needs, panel, storage.

The property tests check portal.ras.plan against a reference written straight from the text of
ras-demo.md with exact fractions, so the two share no code.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.ras import calculate, load_config
from portal.ras.model import FREQUENCIES, MANAGEMENT_WAYS
from portal.ras.plan import (
    ADD,
    CHANGE,
    REMOVE,
    SEND,
    Difference,
    EntryError,
    Item,
    PlanSummary,
    PlanVerdict,
    check,
    compare,
    format_quantity,
    line_for,
    moves,
    parse_money,
    parse_quantity,
    summarise,
    unit_price,
    weeks_factor,
)
from tests.examples import WORKED_EXAMPLE

CONFIG = load_config(Path(__file__).resolve().parents[2] / "content")

# ras-demo.md, "Price list for the support plan (2026/27)".
DEMO_PRICES = {
    "personal_assistant": 1650,
    "home_care_agency": 2600,
    "sleep_in_night": 12000,
    "waking_night": 26000,
    "day_activities": 5500,
    "short_break": 14000,
    "meals": 650,
    "cleaning": 1800,
    "transport": 800,
    "telecare": 500,
    "equipment": None,
    "other": None,
}


def item(
    price_id="personal_assistant",
    quantity="1",
    frequency="per_week",
    management="direct_payment",
    needs=("nutrition",),
    unit=None,
    key="a",
    **extra,
) -> Item:
    pence = unit if unit is not None else DEMO_PRICES[price_id]
    return Item(
        key=key,
        price_id=price_id,
        unit_pence=pence,
        quantity=Decimal(quantity),
        frequency=frequency,
        management=management,
        needs=tuple(needs),
        **extra,
    )


def own(pence: int, frequency: str = "one_off", **extra) -> Item:
    return item("other", "1", frequency, unit=pence, description="A thing", **extra)


# --- the demo price list ------------------------------------------------------


def test_demo_price_list_is_exactly_the_reference():
    prices = CONFIG.prices
    assert prices.version == "example-prices-2026-27"
    assert {i.id: i.price_pence for i in prices.items.values()} == DEMO_PRICES
    assert list(prices.items) == list(DEMO_PRICES)
    assert prices.items["equipment"].frequencies == ("one_off",)
    assert prices.items["telecare"].frequencies == ("per_week",)
    assert prices.items["other"].frequencies == FREQUENCIES
    assert prices.items["other"].own_cost and not prices.items["meals"].own_cost
    assert (prices.item_limit_pence, prices.quantity_limit) == (5_000_000, 1000)


def test_unit_price_comes_from_the_list_or_the_person():
    assert unit_price(CONFIG.prices, "waking_night") == 26000
    assert unit_price(CONFIG.prices, "waking_night", own_pence=1) == 26000  # the list wins
    assert unit_price(CONFIG.prices, "equipment", own_pence=125050) == 125050
    with pytest.raises(ValueError):
        unit_price(CONFIG.prices, "other")
    with pytest.raises(KeyError):
        unit_price(CONFIG.prices, "helicopter")


# --- one item, each frequency, to the penny ------------------------------------


@pytest.mark.parametrize(
    "frequency,weekly,one_off,yearly",
    [
        # 7.5 hours of a personal assistant at £16.50 = £123.75 each time
        ("per_week", 12375, 0, 643500),  # £123.75 a week, x 52
        ("per_month", 2856, 0, 148500),  # 12375 x 12 / 52 = 2855.77 -> 2856 a week; 12375 x 12 a year
        ("per_year", 238, 0, 12375),  # 12375 / 52 = 237.98 -> 238 a week; the year is what is paid
        ("one_off", 0, 12375, 12375),  # counted in the year, not in the week
    ],
)
def test_each_frequency_as_ras_demo_says(frequency, weekly, one_off, yearly):
    line = line_for(item(quantity="7.5", frequency=frequency), 52)
    assert (line.each_pence, line.weekly_pence, line.one_off_pence, line.yearly_pence) == (
        12375,
        weekly,
        one_off,
        yearly,
    )


def test_a_monthly_and_a_yearly_cost_of_your_own():
    assert (
        line_for(own(10000, "per_month"), 52).weekly_pence == 2308
    )  # £100 a month: 2307.69p -> £23.08 a week
    assert line_for(own(52000, "per_year"), 52).weekly_pence == 1000  # £520 a year: £10 a week exactly
    assert line_for(own(10000, "per_year"), 52).yearly_pence == 10000  # 192.31p a week, but the year is £100


def test_the_year_comes_from_how_often_it_is_paid_not_from_the_rounded_week():
    # £54 a month is £648 a year, as a person works it out; the week is £12.46, rounded, shown apart
    line = line_for(own(5400, "per_month"), 52)
    assert (line.each_pence, line.weekly_pence, line.yearly_pence) == (5400, 1246, 64800)
    assert line.weekly_pence * 52 == 64792  # what the rule used to show as the year
    plan = summarise(
        CONFIG, calculate(CONFIG, _worked()), [own(5400, "per_month"), own(1000, "one_off", key="o")]
    )
    assert (plan.weekly_pence, plan.regular_yearly_pence, plan.one_off_pence, plan.yearly_pence) == (
        1246,
        64800,
        1000,
        65800,
    )
    assert plan.year_is_not_weeks
    assert not summarise(CONFIG, calculate(CONFIG, _worked()), [own(5200, "per_month")]).year_is_not_weeks


def test_each_time_is_rounded_first_and_everything_follows_from_it():
    # 7.25 hours at £16.50 = £119.625, shown as £119.63; the month's week and year follow from £119.63
    line = line_for(item(quantity="7.25", frequency="per_month"), 52)
    assert (line.each_pence, line.weekly_pence, line.yearly_pence) == (
        11963,
        2761,
        143556,
    )  # 11963 x 12 / 52 = 2760.69


def test_half_a_penny_rounds_up_per_item_per_week():
    assert line_for(own(26, "per_year"), 52).weekly_pence == 1  # 26 / 52 = exactly 0.5p
    assert line_for(own(25, "per_year"), 52).weekly_pence == 0  # 0.48p
    assert line_for(item(quantity="0.01"), 52).weekly_pence == 17  # 16.5p
    assert line_for(item(quantity="0.01", frequency="one_off"), 52).one_off_pence == 17
    # rounding happens per item: two items of 0.5p a week are 1p each, 2p in all
    plan = summarise(
        CONFIG, calculate(CONFIG, _worked()), [own(26, "per_year", key="x"), own(26, "per_year", key="y")]
    )
    assert plan.weekly_pence == 2


def test_weeks_factor():
    assert weeks_factor("per_week", 52) == (1, 1)
    assert weeks_factor("per_month", 52) == (12, 52)
    assert weeks_factor("per_year", 52) == (1, 52)
    with pytest.raises(ValueError):
        weeks_factor("one_off", 52)
    with pytest.raises(ValueError):
        weeks_factor("fortnightly", 52)


def test_an_item_refuses_what_is_not_a_plan_line():
    with pytest.raises(ValueError):
        item(frequency="fortnightly")
    with pytest.raises(ValueError):
        item(management="cash")
    with pytest.raises(ValueError):
        item(unit=-1)
    with pytest.raises(ValueError):
        item(quantity="-1")
    with pytest.raises(ValueError):
        Item(
            key="a",
            price_id="meals",
            unit_pence=650,
            quantity=7.5,
            frequency="per_week",  # type: ignore[arg-type]
            management="direct_payment",
            needs=(),
        )


# --- the whole plan against the worked example's budget --------------------------


def _worked():
    return dict(WORKED_EXAMPLE)


@pytest.fixture(scope="module")
def budget():
    calc = calculate(CONFIG, _worked())
    assert (calc.weekly_pence, calc.yearly_pence) == (11880, 617760)
    return calc


def test_a_plan_for_the_worked_example(budget):
    items = [
        item(
            "personal_assistant",
            "6",
            "per_week",
            "direct_payment",
            ("personal_hygiene", "nutrition"),
            key="pa",
        ),
        item("meals", "7", "per_week", "council_arranged", ("nutrition",), key="meals"),
        item("sleep_in_night", "4", "per_month", "individual_service_fund", ("nights",), key="nights"),
        own(45000, "one_off", key="rail", needs=("toilet",), management="direct_payment"),
    ]
    plan = summarise(CONFIG, budget, items)
    assert [line.weekly_pence for line in plan.lines] == [9900, 4550, 11077, 0]  # 48000 x 12 / 52 = 11076.92
    assert plan.weekly_pence == 25527
    assert plan.one_off_pence == 45000
    assert plan.yearly_pence == (9900 + 4550) * 52 + 48000 * 12 + 45000
    assert plan.needs == ("nutrition", "personal_hygiene", "toilet", "nights")
    assert plan.uncovered == ()
    assert [(w.management, w.weekly_pence, w.one_off_pence, w.needs) for w in plan.ways] == [
        ("direct_payment", 9900, 45000, ("nutrition", "personal_hygiene", "toilet")),
        ("council_arranged", 4550, 0, ("nutrition",)),
        ("individual_service_fund", 11077, 0, ("nights",)),
    ]
    c = plan.comparison
    assert (c.budget_weekly_pence, c.budget_yearly_pence) == (11880, 617760)
    assert c.weekly_difference_pence == 25527 - 11880
    assert c.yearly_difference_pence == plan.yearly_pence - 617760
    assert c.position == "above"
    assert (plan.config_version, plan.prices_version) == ("example-2026-1", "example-prices-2026-27")


def test_an_empty_plan(budget):
    plan = summarise(CONFIG, budget, [])
    assert (plan.weekly_pence, plan.one_off_pence, plan.yearly_pence, plan.ways) == (0, 0, 0, ())
    assert plan.uncovered == plan.needs == ("nutrition", "personal_hygiene", "toilet", "nights")
    assert plan.comparison.position == "below"
    assert plan.comparison.weekly_difference_pence == -11880


def test_needs_no_item_covers_yet(budget):
    plan = summarise(CONFIG, budget, [item(needs=("nights", "toilet"))])
    assert plan.uncovered == ("nutrition", "personal_hygiene")


def test_only_areas_with_points_are_needs(budget):
    assert "dressing" not in summarise(CONFIG, budget, []).needs  # answered "independent": 0 points


# --- the tolerance band, at its edges ---------------------------------------------


# The worked example: £6,177.60 a year. 10% is £617.76, so £5,559.84 to £6,795.36 is within.
@pytest.mark.parametrize(
    "yearly,position",
    [
        (679536, "within"),  # exactly 10% above
        (679537, "above"),  # one penny more
        (555984, "within"),  # exactly 10% below
        (555983, "below"),  # one penny less
        (617760, "within"),  # the budget itself
        (0, "below"),
    ],
)
def test_tolerance_edges(budget, yearly, position):
    items = [own(yearly, "one_off")] if yearly else []
    plan = summarise(CONFIG, budget, items)
    assert plan.yearly_pence == yearly
    assert plan.comparison.position == position
    assert plan.comparison.tolerance_pence == 61776
    assert (plan.comparison.lowest_yearly_pence, plan.comparison.highest_yearly_pence) == (555984, 679536)


def test_tolerance_with_weekly_items_exactly_at_the_edge(budget):
    # 10% over the weekly budget, every week: £130.68 a week is £6,795.36 a year, exactly the edge.
    at_edge = summarise(CONFIG, budget, [own(13068, "per_week")])
    assert (at_edge.yearly_pence, at_edge.comparison.position) == (679536, "within")
    over = summarise(CONFIG, budget, [own(13069, "per_week")])
    assert over.comparison.position == "above"


def test_one_off_items_count_in_the_tolerance(budget):
    weekly_only = summarise(CONFIG, budget, [own(11880, "per_week")])
    assert weekly_only.comparison.position == "within"
    with_one_off = summarise(CONFIG, budget, [own(11880, "per_week"), own(61777, "one_off", key="b")])
    assert with_one_off.comparison.weekly_difference_pence == 0
    assert with_one_off.comparison.yearly_difference_pence == 61777
    assert with_one_off.comparison.position == "above"


def test_tolerance_of_a_fraction_of_a_penny():
    # 10% of 617761p is 61776.1p: 679537p is within (not more than 10% over), 679538p is not.
    c = compare(0, 679537, 0, 617761, Decimal(10))
    assert (c.position, c.highest_yearly_pence, c.tolerance_pence) == ("within", 679537, 61776)
    assert compare(0, 679538, 0, 617761, Decimal(10)).position == "above"
    # 617761 - 61776.1 = 555984.9: 555985p is within, 555984p is below
    assert compare(0, 555985, 0, 617761, Decimal(10)).position == "within"
    assert compare(0, 555984, 0, 617761, Decimal(10)).position == "below"


def test_a_zero_budget_has_no_room_either_way():
    assert compare(0, 0, 0, 0, Decimal(10)).position == "within"
    assert compare(0, 1, 0, 0, Decimal(10)).position == "above"


def test_the_tolerance_comes_from_the_council():
    wider = replace(CONFIG, tolerance_percent=Decimal("12.5"))
    plan = summarise(wider, calculate(wider, _worked()), [own(679537, "one_off")])
    assert plan.comparison.position == "within"
    assert plan.comparison.highest_yearly_pence == 694980  # 617760 x 1.125


# --- the panel --------------------------------------------------------------------


def test_panel_when_the_plan_reaches_the_level(budget):
    assert not summarise(CONFIG, budget, [own(59999, "per_week")]).panel
    plan = summarise(CONFIG, budget, [own(60000, "per_week")])
    assert (plan.budget_panel, plan.plan_panel, plan.panel) == (False, True, True)
    # A one-off, however large, is not a weekly cost.
    assert not summarise(CONFIG, budget, [own(4_000_000, "one_off")]).plan_panel


def test_panel_when_the_budget_went_to_panel(budget):
    high = replace(budget, weekly_pence=60300, yearly_pence=60300 * 52, panel=True)
    plan = summarise(CONFIG, high, [])
    assert (plan.budget_panel, plan.plan_panel, plan.panel_weekly_pence) == (True, False, 60000)


# --- stored exactly as it was sent -----------------------------------------------------


def test_round_trip_through_json(budget):
    plan = summarise(
        CONFIG,
        budget,
        [
            item("personal_assistant", "7.25", "per_week", provider="Ana", key="1"),
            item("telecare", "1", "per_week", "council_arranged", ("nights",), key="2"),
            own(125050, "one_off", key="3"),
        ],
    )
    stored = json.loads(json.dumps(plan.to_dict()))
    again = PlanSummary.from_dict(stored)
    assert again == plan
    assert stored["lines"][0]["quantity"] == "7.25"
    assert stored["lines"][0]["unit_pence"] == 1650  # the price it was compared with is kept
    assert stored["comparison"]["budget_yearly_pence"] == 617760
    assert stored["comparison"]["tolerance_percent"] == "10"


def test_from_dict_refuses_something_else(budget):
    stored = summarise(CONFIG, budget, [item()]).to_dict()
    for broken in (
        stored | {"format": 2},
        stored | {"weekly_pence": "1"},
        stored | {"comparison": stored["comparison"] | {"position": "sideways"}},
    ):
        with pytest.raises(ValueError):
            PlanSummary.from_dict(broken)


# --- what people type ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,pence",
    [
        ("£1,250.50", 125050),
        ("1250.5", 125050),
        ("£12", 1200),
        ("12.00", 1200),
        (" £ 7.99 ", 799),
        ("0.99", 99),
        (".5", 50),
        ("1,000,000", 100_000_000),
        ("5.", 500),
    ],
)
def test_parse_money(text, pence):
    assert parse_money(text) == pence


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("twelve", "not_a_number"),
        ("£", "empty"),
        ("1,25", "not_a_number"),
        ("12p", "not_a_number"),
        ("1e3", "not_a_number"),
        ("12.3.4", "not_a_number"),
        ("-5", "negative"),
        ("-£5", "negative"),
        ("£-5", "negative"),
        ("\u22125", "negative"),
        ("0", "zero"),
        ("£0.00", "zero"),
        ("12.345", "too_precise"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("١٢", "not_a_number"),
    ],
)
def test_parse_money_refuses(text, reason):
    with pytest.raises(EntryError) as error:
        parse_money(text)
    assert error.value.reason == reason


@pytest.mark.parametrize(
    "text,value",
    [
        ("7", Decimal(7)),
        ("7.5", Decimal("7.5")),
        ("7.50", Decimal("7.5")),
        ("0.25", Decimal("0.25")),
        ("1,000", Decimal(1000)),
        (" 3 ", Decimal(3)),
    ],
)
def test_parse_quantity(text, value):
    parsed = parse_quantity(text)
    assert parsed == value and str(parsed) == str(value)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty"),
        ("seven", "not_a_number"),
        ("7,5", "not_a_number"),
        ("-1", "negative"),
        ("0", "zero"),
        ("0.001", "too_precise"),
        ("7.125", "too_precise"),
    ],
)
def test_parse_quantity_refuses(text, reason):
    with pytest.raises(EntryError) as error:
        parse_quantity(text)
    assert error.value.reason == reason


def test_format_quantity():
    assert format_quantity(Decimal("7.50")) == "7.5"
    assert format_quantity(Decimal("10")) == "10"
    assert format_quantity(Decimal("1E+1")) == "10"
    assert format_quantity(Decimal("0.25")) == "0.25"


# --- properties, against a reference written from ras-demo.md ---------------------------


def _half_up(exact: Fraction) -> int:
    return int(exact + Fraction(1, 2)) if exact >= 0 else -int(-exact + Fraction(1, 2))


def _reference_weekly(unit: int, quantity: Fraction, frequency: str) -> int:
    """ras-demo.md: per week; per month x 12 / 52; per year / 52; whole pence, half up, per item;
    from the amount shown for each time it is paid."""
    each = _half_up(unit * quantity)
    return _half_up(
        each
        * {"per_week": Fraction(1), "per_month": Fraction(12, 52), "per_year": Fraction(1, 52)}[frequency]
    )


def _reference_yearly(unit: int, quantity: Fraction, frequency: str) -> int:
    """The amount shown for each time, x the times it is paid in a year."""
    return _half_up(unit * quantity) * {"per_week": 52, "per_month": 12, "per_year": 1}[frequency]


quantities = st.integers(min_value=1, max_value=100_000).map(
    lambda hundredths: Decimal(hundredths).scaleb(-2)
)


@st.composite
def plan_items(draw):
    price_id = draw(st.sampled_from(list(CONFIG.prices.items)))
    price_item = CONFIG.prices.items[price_id]
    if price_item.own_cost:
        unit, quantity = draw(st.integers(1, CONFIG.prices.item_limit_pence)), Decimal(1)
    else:
        unit, quantity = price_item.price_pence, draw(quantities)
    needs = draw(
        st.lists(st.sampled_from(["nutrition", "personal_hygiene", "toilet", "nights"]), unique=True)
    )
    return Item(
        key=str(draw(st.integers(0, 10**9))),
        price_id=price_id,
        unit_pence=unit,
        quantity=quantity,
        frequency=draw(st.sampled_from(price_item.frequencies)),
        management=draw(st.sampled_from(MANAGEMENT_WAYS)),
        needs=tuple(needs),
    )


@settings(max_examples=300)
@given(st.lists(plan_items(), max_size=12))
def test_totals_are_the_sum_of_the_items_to_the_penny(items):
    budget = calculate(CONFIG, _worked())
    plan = summarise(CONFIG, budget, items)
    recurring = [i for i in items if i.frequency != "one_off"]
    one_offs = [i for i in items if i.frequency == "one_off"]
    expected_weekly = sum(
        _reference_weekly(i.unit_pence, Fraction(i.quantity), i.frequency) for i in recurring
    )
    expected_one_off = sum(int(i.unit_pence * Fraction(i.quantity) + Fraction(1, 2)) for i in one_offs)
    assert plan.weekly_pence == expected_weekly == sum(line.weekly_pence for line in plan.lines)
    assert plan.one_off_pence == expected_one_off == sum(line.one_off_pence for line in plan.lines)
    expected_regular_yearly = sum(
        _reference_yearly(i.unit_pence, Fraction(i.quantity), i.frequency) for i in recurring
    )
    assert (
        plan.yearly_pence
        == expected_regular_yearly + expected_one_off
        == sum(line.yearly_pence for line in plan.lines)
    )
    assert plan.regular_yearly_pence == expected_regular_yearly
    # the week of monthly and yearly help is its year / 52, so the year is within half a penny a week of it
    assert abs(plan.regular_yearly_pence - plan.weekly_pence * 52) <= 26 * len(recurring)
    # the ways add up to the plan
    assert sum(w.weekly_pence for w in plan.ways) == plan.weekly_pence
    assert sum(w.one_off_pence for w in plan.ways) == plan.one_off_pence
    assert sum(w.yearly_pence for w in plan.ways) == plan.yearly_pence
    # every need is either covered by an item or listed as not covered
    covered = {n for i in items for n in i.needs}
    assert set(plan.uncovered) == set(plan.needs) - covered
    # the position follows the exact rule
    difference = Fraction(plan.yearly_pence - budget.yearly_pence)
    band = Fraction(budget.yearly_pence) * Fraction(CONFIG.tolerance_percent) / 100
    expected = "above" if difference > band else "below" if difference < -band else "within"
    assert plan.comparison.position == expected
    assert PlanSummary.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@given(st.lists(plan_items(), max_size=6), st.data())
def test_order_does_not_change_the_totals(items, data):
    budget = calculate(CONFIG, _worked())
    shuffled = data.draw(st.permutations(items))
    a, b = summarise(CONFIG, budget, items), summarise(CONFIG, budget, shuffled)
    assert (a.weekly_pence, a.one_off_pence, a.yearly_pence, a.uncovered, a.comparison) == (
        b.weekly_pence,
        b.one_off_pence,
        b.yearly_pence,
        b.uncovered,
        b.comparison,
    )


@given(st.lists(plan_items(), max_size=6), plan_items())
def test_adding_an_item_never_lowers_the_cost(items, extra):
    budget = calculate(CONFIG, _worked())
    before, after = summarise(CONFIG, budget, items), summarise(CONFIG, budget, items + [extra])
    assert after.weekly_pence >= before.weekly_pence
    assert after.yearly_pence >= before.yearly_pence
    assert set(after.uncovered) <= set(before.uncovered)


@given(st.integers(min_value=1, max_value=10**10))
def test_money_typed_any_usual_way_reads_back_to_the_same_pence(pence):
    pounds, rest = divmod(pence, 100)
    for text in (f"{pounds}.{rest:02d}", f"£{pounds:,}.{rest:02d}", f" £ {pounds}.{rest:02d} "):
        assert parse_money(text) == pence
    if rest == 0:
        assert parse_money(f"£{pounds:,}") == pence


@given(st.integers(min_value=1, max_value=10**7))
def test_quantities_read_back_exactly(hundredths):
    value = Decimal(hundredths).scaleb(-2)
    assert parse_quantity(format_quantity(value)) == value
    assert "E" not in format_quantity(value)


@given(st.lists(plan_items(), max_size=6))
def test_each_difference_from_the_budget_is_the_plan_less_the_budget_in_words_a_person_checks(items):
    budget = calculate(CONFIG, _worked())
    c = summarise(CONFIG, budget, items).comparison
    for difference, plan, given_budget in (
        (c.weekly_difference, c.weekly_difference_pence + c.budget_weekly_pence, c.budget_weekly_pence),
        (c.yearly_difference, c.yearly_difference_pence + c.budget_yearly_pence, c.budget_yearly_pence),
    ):
        assert difference.amount_pence >= 0
        signed = {"more": 1, "less": -1, "same": 0}[difference.direction] * difference.amount_pence
        assert plan - given_budget == signed


def test_a_difference_says_more_less_or_the_same():
    assert (Difference(2450).direction, Difference(2450).amount_pence) == ("more", 2450)
    assert (Difference(-3000).direction, Difference(-3000).amount_pence) == ("less", 3000)
    assert (Difference(0).direction, Difference(0).amount_pence) == ("same", 0)


def test_what_may_be_done_to_a_plan():
    assert check(SEND, sent=False, items=1).allowed
    assert check(SEND, sent=False) == PlanVerdict(False, moves.NO_HELP_YET)
    assert check(SEND, sent=False, items=2, not_priced=1) == PlanVerdict(False, moves.NOT_ON_PRICE_LIST)
    assert check(SEND, sent=False, not_priced=1) == PlanVerdict(False, moves.NOT_ON_PRICE_LIST)
    for move in (ADD, CHANGE, REMOVE):
        assert check(move, sent=False).allowed  # a draft with help that is off the price list can be mended
        assert check(move, sent=True) == PlanVerdict(False, moves.ALREADY_SENT)
    assert check(SEND, sent=True, items=1) == PlanVerdict(False, moves.ALREADY_SENT)
    with pytest.raises(ValueError, match="not a plan move"):
        check("delete", sent=False)


def test_the_rules_are_split_but_import_as_one():
    from portal.ras import plan

    assert plan.Item is plan.items.Item and plan.summarise is plan.summary.summarise
    for module in (plan.items, plan.summary, plan.moves, plan):
        assert len(Path(module.__file__).read_text().splitlines()) < 400, module.__name__

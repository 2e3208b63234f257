"""The fairness report's figures and the recalibration fit: exact, in whole pence, never float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from portal.ras import calculate
from portal.ras.fairness import (
    MIXED,
    UNKNOWN,
    Case,
    age_group,
    chart_bars,
    outside_tolerance,
    percent_text,
    quantile,
    report,
    spread,
)
from portal.ras.model import Band
from portal.ras.recalibration import FitCase, features, fit, preview, solve

DAY = date(2026, 6, 1)


def case(
    indicative: int,
    agreed: int,
    born=date(1950, 1, 1),
    ways=("direct_payment",),
    services=("meals",),
    panel=False,
):
    return Case(indicative, agreed, DAY, born, tuple(ways), tuple(services), panel)


def test_quartiles_are_linear_and_exact():
    assert quantile([1, 2, 3, 4], Fraction(1, 2)) == Fraction(5, 2)
    assert quantile([10], Fraction(1, 4)) == 10
    assert quantile([0, 100, 200, 300, 400], Fraction(1, 4)) == 100
    assert quantile([0, 1], Fraction(3, 4)) == Fraction(3, 4)
    with pytest.raises(ValueError):
        quantile([], Fraction(1, 2))


def test_spread_rounds_half_up_to_the_penny_and_handles_none():
    s = spread([-3, 0, 4, 5])
    assert (s.count, s.median, s.lower_quartile, s.upper_quartile) == (4, 2, -1, 4)  # 2, -0.75, 4.25
    assert s.interquartile_range == 5
    assert all(isinstance(v, int) for v in (s.median, s.lower_quartile, s.upper_quartile))
    empty = spread([])
    assert empty.median is None and empty.interquartile_range is None


@pytest.mark.parametrize(
    "born,group",
    [
        (date(2000, 1, 1), "18-64"),
        (date(1961, 6, 2), "18-64"),  # 64, their birthday is tomorrow
        (date(1961, 6, 1), "65-74"),  # 65 today
        (date(1945, 1, 1), "75-84"),
        (date(1930, 1, 1), "85+"),
        (date(2010, 1, 1), UNKNOWN),  # under 18
        (None, UNKNOWN),
    ],
)
def test_age_groups(born, group):
    assert age_group(born, DAY) == group


def test_outside_tolerance_uses_the_plan_rules_exactly_the_tolerance_is_within():
    assert not outside_tolerance(case(10000, 11000), Decimal(10))
    assert outside_tolerance(case(10000, 11001), Decimal(10))
    assert not outside_tolerance(case(10000, 9000), Decimal(10))
    assert outside_tolerance(case(10000, 8999), Decimal(10))


def test_the_report_groups_and_counts():
    cases = [
        case(10000, 10000, born=date(1990, 1, 1), ways=("direct_payment",), services=("personal_assistant",)),
        case(
            10000,
            12000,
            born=date(1940, 1, 1),
            ways=("council_arranged",),
            services=("home_care_agency", "meals"),
        ),
        case(
            50000,
            65000,
            born=date(1940, 1, 1),
            ways=("council_arranged", "direct_payment"),
            services=("meals", "meals"),
            panel=True,
        ),
    ]
    r = report(
        cases,
        Decimal(10),
        ("direct_payment", "council_arranged"),
        ("personal_assistant", "home_care_agency", "meals"),
    )
    assert r.everyone.count == 3 and r.everyone.outside_tolerance == 2 and r.everyone.to_panel == 1
    assert r.everyone.spread.median == 2000 and r.everyone.spread.upper_quartile == 8500
    ages = {row.group: row.count for row in r.by_age}
    assert ages == {"18-64": 1, "65-74": 0, "75-84": 0, "85+": 2}
    ways = {row.group: row.count for row in r.by_management}
    assert ways == {"direct_payment": 1, "council_arranged": 1, MIXED: 1}
    services = {row.group: row.count for row in r.by_service}
    assert services == {
        "personal_assistant": 1,
        "home_care_agency": 1,
        "meals": 2,
    }  # a plan counts once a type
    assert percent_text(r.everyone.outside_share) == "67" and percent_text(Fraction(1, 8)) == "13"
    assert [row.dimension for row in r.rows][:2] == ["all", "age"]


def test_chart_bars_are_whole_units_on_one_scale_with_zero_inside():
    bars, lowest, highest, zero = chart_bars([("a", spread([-500, 0, 500])), ("b", spread([]))], 400, 20)
    assert len(bars) == 1  # a group with no cases has no bar
    assert lowest <= -250 and highest >= 250 and 0 < zero < 400
    assert bars[0].low <= bars[0].median <= bars[0].high
    assert all(isinstance(v, int) for v in (bars[0].low, bars[0].high, bars[0].median, zero))


def test_solve_is_exact():
    assert solve([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(3)]], [Fraction(3), Fraction(5)]) == [
        Fraction(4, 5),
        Fraction(7, 5),
    ]
    with pytest.raises(ValueError):
        solve([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]], [Fraction(1), Fraction(2)])


def _fit_case(demo_config, answers, agreed=None):
    worked = calculate(demo_config, answers)
    return FitCase(
        answers=answers,
        total_points=worked.total_points,
        family_percent=Fraction(worked.adjustment.percent),
        indicative_pence=worked.weekly_pence,
        agreed_pence=worked.weekly_pence if agreed is None else agreed,
        age_group="65-74",
    )


def test_the_fit_recovers_the_table_the_budgets_were_made_with(demo_config, answers_for_points):
    points = [12, 30, 45, 70, 85, 95]
    cases = [_fit_case(demo_config, answers_for_points(p)) for p in points]
    result = fit(demo_config.bands, cases)
    reached = [
        b for b in range(len(demo_config.bands)) if any(features(demo_config.bands, c)[b] for c in cases)
    ]
    for b in reached:
        assert result.pence_per_point[b] == demo_config.bands[b].pence_per_point
    assert result.mean_gap_present == 0


def test_a_band_no_one_reaches_keeps_its_value():
    bands = (Band(10, 100), Band(None, 200))
    cases = [
        FitCase({}, 5, Fraction(0), 500, 600, "18-64"),
        FitCase({}, 8, Fraction(0), 800, 960, "18-64"),
    ]
    result = fit(bands, cases)
    assert result.exact[1] is None and result.pence_per_point == (120, 200)
    assert result.mean_gap_present == 130 and result.mean_gap_fitted == 0


def test_preview_reworks_each_budget_with_the_rules(demo_config, answers_for_points):
    cases = [_fit_case(demo_config, answers_for_points(p)) for p in (12, 45, 85)]
    present = [b.pence_per_point for b in demo_config.bands]
    same = preview(demo_config, present, cases)
    assert (same.everyone.gain, same.everyone.lose, same.everyone.same) == (0, 0, 3)
    more = preview(demo_config, [p + 100 for p in present], cases)
    assert more.everyone.gain == 3 and more.everyone.change.median > 0
    assert {row.group: row.count for row in more.by_age}["65-74"] == 3
    assert demo_config.bands[0].pence_per_point == present[0]  # the live rules are untouched

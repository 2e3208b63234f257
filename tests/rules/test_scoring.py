"""Points to money, checked against the figures in ras-demo.md."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from portal.ras import (
    Adjustment,
    AreaLine,
    Band,
    BandLine,
    Calculation,
    band_lines,
    calculate,
    round_half_up,
)
from portal.ras.scoring import family_help_case

DEMO_BANDS = (Band(40, 600), Band(80, 750), Band(None, 900))


def test_worked_example(demo_config, worked_example):
    calc = calculate(demo_config, worked_example)
    assert calc.config_version == "example-2026-1"
    assert calc.total_points == 22
    assert calc.bands == (
        BandLine(from_point=1, to_point=22, points=22, pence_per_point=600, subtotal_pence=13200),
    )
    assert calc.weekly_before_pence == 13200
    assert calc.adjustment == Adjustment(
        help_option="most_days",
        continues_option="yes",
        percent=Decimal(10),
        reduction_pence=1320,
        carer_assessment=False,
        help_percent=Decimal(10),
        share=Decimal(1),
        carer_view="yes",  # the carer's view: the demo's agreement_question is informal_help_continues
        carer_agreed=True,
    )
    assert (calc.weekly_exact_pence, calc.weekly_was_rounded) == (Decimal(11880), False)
    assert calc.weekly_pence == 11880
    assert calc.yearly_pence == 617760
    assert calc.panel is False


def test_worked_example_lists_every_area_in_order(demo_config, worked_example):
    calc = calculate(demo_config, worked_example)
    assert calc.areas == (
        AreaLine("nutrition", "daily_help", 6),
        AreaLine("personal_hygiene", "daily_help", 8),
        AreaLine("toilet", "some_help", 4),
        AreaLine("dressing", "independent", 0),
        AreaLine("home_safety", "independent", 0),
        AreaLine("home_environment", "independent", 0),
        AreaLine("relationships", "independent", 0),
        AreaLine("work_learning", "independent", 0),
        AreaLine("community", "independent", 0),
        AreaLine("caring_for_child", None, 0),  # skipped: cares_for_child is "no"
        AreaLine("nights", "some_nights", 4),
    )


def test_demo_settings_are_the_reference(demo_config):
    assert demo_config.bands == DEMO_BANDS
    assert demo_config.panel_weekly_pence == 60000
    assert demo_config.weeks_per_year == 52
    assert demo_config.tolerance_percent == Decimal(10)


@pytest.mark.parametrize(
    ("points", "weekly_before"),
    [
        (0, 0),
        (1, 600),
        (22, 13200),
        (40, 24000),
        (41, 24750),
        (80, 54000),
        (81, 54900),
        (101, 72900),
    ],
)
def test_band_function_at_the_edges(points, weekly_before):
    lines = band_lines(DEMO_BANDS, points)
    assert sum(line.subtotal_pence for line in lines) == weekly_before
    assert sum(line.points for line in lines) == points


def test_band_lines_say_which_points_cost_what():
    assert band_lines(DEMO_BANDS, 41) == (
        BandLine(1, 40, 40, 600, 24000),
        BandLine(41, 41, 1, 750, 750),
    )
    assert band_lines(DEMO_BANDS, 101) == (
        BandLine(1, 40, 40, 600, 24000),
        BandLine(41, 80, 40, 750, 30000),
        BandLine(81, 101, 21, 900, 18900),
    )
    assert band_lines(DEMO_BANDS, 80) == (
        BandLine(1, 40, 40, 600, 24000),
        BandLine(41, 80, 40, 750, 30000),
    )
    assert band_lines(DEMO_BANDS, 0) == ()
    with pytest.raises(ValueError):
        band_lines(DEMO_BANDS, -1)


@pytest.mark.parametrize(
    ("points", "weekly_before", "band_count"),
    [
        (40, 24000, 1),
        (41, 24750, 2),
        (80, 54000, 2),
        (81, 54900, 3),
        (101, 72900, 3),
    ],
)
def test_band_edges_from_real_answers(demo_config, answers_for_points, points, weekly_before, band_count):
    calc = calculate(demo_config, answers_for_points(points))
    assert calc.total_points == points
    assert calc.weekly_before_pence == weekly_before
    assert len(calc.bands) == band_count
    assert calc.weekly_pence == weekly_before  # no family help
    assert calc.yearly_pence == weekly_before * 52


def test_most_help_everywhere_is_101_points(demo_config, questionnaire):
    answers = {qid: q.options[-1].id for qid, q in questionnaire.questions.items() if q.kind == "radios"}
    answers.update(date_of_birth="1950-05-05", cares_for_child="yes", informal_help="none")
    del answers["informal_help_continues"]
    calc = calculate(demo_config, answers)
    assert calc.total_points == 101
    assert calc.weekly_pence == 72900
    assert calc.yearly_pence == 72900 * 52
    assert calc.panel is True


def test_zero_points_gives_nothing(demo_config, no_needs):
    calc = calculate(demo_config, no_needs)
    assert calc.total_points == 0
    assert calc.bands == ()
    assert calc.weekly_before_pence == 0
    assert calc.weekly_pence == 0
    assert calc.yearly_pence == 0
    assert calc.panel is False
    assert all(line.points == 0 for line in calc.areas)


def test_zero_points_with_family_help_is_still_zero(demo_config, no_needs):
    calc = calculate(demo_config, no_needs | {"informal_help": "every_day", "informal_help_continues": "yes"})
    assert calc.adjustment.percent == Decimal(20)
    assert calc.adjustment.reduction_pence == 0
    assert calc.weekly_pence == 0


# Every family-help answer, on the worked example's £132.00 a week.
@pytest.mark.parametrize(
    ("help_option", "continues", "percent", "weekly", "carer", "full", "share", "kind"),
    [
        ("none", None, "0", 13200, False, "0", "1", "none"),
        ("few_hours", "yes", "5", 12540, False, "5", "1", "reduced"),
        ("few_hours", "less", "2.5", 12870, True, "5", "0.5", "less"),
        ("few_hours", "no", "0", 13200, True, "5", "0", "stops"),
        ("most_days", "yes", "10", 11880, False, "10", "1", "reduced"),
        ("most_days", "less", "5", 12540, True, "10", "0.5", "less"),
        ("most_days", "no", "0", 13200, True, "10", "0", "stops"),
        ("every_day", "yes", "20", 10560, False, "20", "1", "reduced"),
        ("every_day", "less", "10", 11880, True, "20", "0.5", "less"),
        ("every_day", "no", "0", 13200, True, "20", "0", "stops"),
    ],
)
def test_every_family_help_answer(
    demo_config, worked_example, help_option, continues, percent, weekly, carer, full, share, kind
):
    answers = worked_example | {"informal_help": help_option}
    if continues is None:
        del answers["informal_help_continues"]
    else:
        answers["informal_help_continues"] = continues
    calc = calculate(demo_config, answers)
    assert calc.weekly_before_pence == 13200
    assert calc.adjustment == Adjustment(
        help_option=help_option,
        continues_option=continues,
        percent=Decimal(percent),
        reduction_pence=13200 - weekly,
        carer_assessment=carer,
        help_percent=Decimal(full),
        share=Decimal(share),
        carer_view=continues,  # informal_help_continues is the carer's view in the demo
        carer_agreed=continues in ("yes", "less"),
    )
    assert str(calc.adjustment.percent) == percent  # stored without trailing zeros
    # the percent taken off is the help's own percent x the share, so "half of 20%" can be shown as 10%
    assert calc.adjustment.help_percent * calc.adjustment.share == calc.adjustment.percent
    assert family_help_case(calc.adjustment) == kind
    # a budget stored before the share was kept explains itself the same way, from the council's rule
    old = calc.to_dict()
    del old["adjustment"]["help_percent"], old["adjustment"]["share"]
    assert family_help_case(Calculation.from_dict(old).adjustment, demo_config.family_help) == kind
    assert calc.weekly_pence == weekly
    assert calc.yearly_pence == weekly * 52


def test_no_family_help_ignores_a_stale_continues_answer(demo_config, worked_example):
    calc = calculate(demo_config, worked_example | {"informal_help": "none", "informal_help_continues": "no"})
    assert calc.adjustment.continues_option is None
    assert calc.adjustment.carer_assessment is False
    assert calc.weekly_pence == 13200


def test_half_a_penny_rounds_up_with_5_percent(demo_config, answers_for_points):
    # 41 points: 24750p a week; 5% off: 24750 x 0.95 = 23512.5p -> 23513p.
    calc = calculate(
        demo_config, answers_for_points(41, informal_help="few_hours", informal_help_continues="yes")
    )
    assert calc.weekly_before_pence == 24750
    assert calc.weekly_pence == 23513
    assert calc.adjustment.reduction_pence == 1237
    assert round(24750 * 0.95) == 23512  # Python's round() rounds halves to even: not our rule


def test_half_a_penny_rounds_up_with_a_halved_reduction(demo_config, answers_for_points):
    # 42 points: 25500p; 2.5% off: 25500 x 0.975 = 24862.5p -> 24863p (banker's rounding would give 24862p).
    calc = calculate(
        demo_config, answers_for_points(42, informal_help="few_hours", informal_help_continues="less")
    )
    assert calc.weekly_before_pence == 25500
    assert calc.adjustment.percent == Decimal("2.5")
    assert calc.weekly_pence == 24863
    assert calc.adjustment.reduction_pence == 637
    assert calc.yearly_pence == 24863 * 52


def test_the_amount_taken_off_is_before_less_the_rounded_week(demo_config, answers_for_points):
    # 54 points: £345 a week; 2.5% off: 34500 x 0.975 = 33637.5p -> £336.38.
    # Taken off: £345 - £336.38 = £8.62, not 2.5% of £345 rounded on its own (862.5p -> £8.63),
    # so the figures shown add up.
    calc = calculate(
        demo_config, answers_for_points(54, informal_help="few_hours", informal_help_continues="less")
    )
    assert calc.weekly_before_pence == 34500
    assert (calc.weekly_exact_pence, calc.weekly_was_rounded) == (Decimal("33637.5"), True)
    assert (calc.weekly_pence, calc.adjustment.reduction_pence) == (33638, 862)
    assert calc.weekly_before_pence - calc.adjustment.reduction_pence == calc.weekly_pence


def test_round_half_up():
    assert round_half_up(Decimal("24862.5")) == 24863
    assert round_half_up(Decimal("24862.49")) == 24862
    assert round_half_up(Decimal("0.5")) == 1
    assert round_half_up(Decimal(2)) == 2


def _fixed_weekly(config, pence):
    """The demo config, but every budget of 1 point or more is exactly `pence` a week."""
    return replace(config, bands=(Band(up_to=1, pence_per_point=pence), Band(up_to=None, pence_per_point=0)))


def test_panel_at_exactly_600_pounds_a_week(demo_config, worked_example):
    answers = worked_example | {"informal_help": "none"}
    assert calculate(_fixed_weekly(demo_config, 60000), answers).panel is True
    assert calculate(_fixed_weekly(demo_config, 59999), answers).panel is False


def test_panel_uses_the_amount_after_family_help(demo_config, worked_example):
    answers = worked_example | {"informal_help": "few_hours", "informal_help_continues": "yes"}
    calc = calculate(_fixed_weekly(demo_config, 63158), answers)  # 5% off 63158p is 60000.1p -> 60000p
    assert calc.weekly_pence == 60000
    assert calc.panel is True
    calc = calculate(_fixed_weekly(demo_config, 63157), answers)  # -> 59999.15p -> 59999p
    assert calc.weekly_pence == 59999
    assert calc.panel is False


def test_panel_with_real_answers(demo_config, answers_for_points):
    below = calculate(demo_config, answers_for_points(86))
    above = calculate(demo_config, answers_for_points(87))
    assert (below.weekly_pence, below.panel) == (59400, False)
    assert (above.weekly_pence, above.panel) == (60300, True)


def test_round_trip_through_json(demo_config, worked_example, answers_for_points):
    cases = [
        worked_example,
        answers_for_points(0),
        answers_for_points(101),
        answers_for_points(42, informal_help="few_hours", informal_help_continues="less"),
    ]
    for answers in cases:
        calc = calculate(demo_config, answers)
        stored = json.loads(json.dumps(calc.to_dict()))
        again = Calculation.from_dict(stored)
        assert again == calc
        assert again.to_dict() == calc.to_dict()
        assert isinstance(again.adjustment.percent, Decimal)


def test_stored_form_is_plain_json(demo_config, worked_example):
    stored = calculate(demo_config, worked_example).to_dict()
    assert stored["adjustment"]["percent"] == "10"
    assert stored["config_version"] == "example-2026-1"
    assert stored["areas"][9] == {"question_id": "caring_for_child", "option_id": None, "points": 0}
    assert json.loads(json.dumps(stored)) == stored


def test_from_dict_refuses_something_else(demo_config, worked_example):
    stored = calculate(demo_config, worked_example).to_dict()
    with pytest.raises(ValueError):
        Calculation.from_dict(stored | {"format": 99})
    with pytest.raises(ValueError):
        Calculation.from_dict(stored | {"weekly_pence": 118.8})


@pytest.mark.parametrize(
    "change",
    [
        {"nights": None},  # a need question not answered
        {"date_of_birth": None},
        {"toilet": "sometimes"},  # not an option
        {"date_of_birth": "27/03/1960"},  # not a YYYY-MM-DD date
        {"informal_help_continues": None},  # needed, because informal_help is "most_days"
        {"cares_for_child": "yes"},  # now caring_for_child is needed too
    ],
)
def test_calculation_refuses_incomplete_answers(demo_config, worked_example, change):
    answers = {k: v for k, v in (worked_example | change).items() if v is not None}
    with pytest.raises(ValueError, match="not complete"):
        calculate(demo_config, answers)


def test_stale_answers_do_not_count(demo_config, worked_example):
    fresh = calculate(demo_config, worked_example)
    stale = calculate(demo_config, worked_example | {"caring_for_child": "full_help", "for_whom": "myself"})
    assert stale == fresh


def test_every_option_scores_its_points(demo_config, no_needs, questionnaire):
    for question in questionnaire.scored_questions:
        for option in question.options:
            answers = no_needs | {question.id: option.id}
            if question.id == "caring_for_child":
                answers["cares_for_child"] = "yes"
            calc = calculate(demo_config, answers)
            assert calc.total_points == option.points
            assert [line.points for line in calc.areas if line.question_id == question.id] == [option.points]


def test_a_council_that_renames_its_family_help_answers_gets_the_right_explanation(
    demo_config, worked_example
):
    # The explanation comes from the council's rule (percent and share), never from the demo's option ids.
    rule = demo_config.family_help
    renamed = replace(
        rule,
        reduction_percent={"nobody": Decimal(0), "daily": Decimal(10)},
        continues_factor={"yes_same": Decimal(1), "a_bit_less": Decimal("0.5"), "cannot": Decimal(0)},
    )

    def old(help_option, continues, percent):
        return Adjustment(
            help_option=help_option,
            continues_option=continues,
            percent=Decimal(percent),
            reduction_pence=0,
            carer_assessment=False,
        )

    assert family_help_case(old("nobody", None, "0"), renamed) == "none"
    assert family_help_case(old("daily", "a_bit_less", "5"), renamed) == "less"
    assert family_help_case(old("daily", "cannot", "0"), renamed) == "stops"
    assert family_help_case(old("daily", "yes_same", "10"), renamed) == "reduced"
    # the demo's id "less" means nothing to this council's rule: nothing says a share was taken off
    assert family_help_case(old("daily", "less", "10"), renamed) == "reduced"
    # answers the rule does not know: what the adjustment says is enough for nothing taken off
    assert family_help_case(old("gone", None, "0"), renamed) == "none"
    assert family_help_case(old("gone", "gone_too", "0"), renamed) == "stops"

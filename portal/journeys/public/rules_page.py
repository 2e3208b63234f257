"""What the public rules page and the price list show, worked out before the template sees them. Every
figure comes from the rules layer (`portal.ras.open_rules`, `portal.ras.scoring`) and every council word
from content; the template only lays them out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portal import ras
from portal.i18n import content_text, money, ngettext, number
from portal.i18n import gettext as _
from portal.journeys.budget import words
from portal.journeys.budget.page import explanation
from portal.ras.open_rules import OpenRules


def _numeric(text: str, **more: Any) -> dict[str, Any]:
    return {"text": text, "format": "numeric", **more}


def _table(caption: str, head: list[dict[str, Any]], rows: list[list[dict[str, Any]]], **attrs: Any) -> dict:
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": head,
        "rows": rows,
        **({"attributes": attrs} if attrs else {}),
    }


def _label(question_id: str, option_id: str) -> str:
    return content_text(f"options.{question_id}.{option_id}.label.self")


def _percent(value: Decimal) -> str:
    return _("%(percent)s%%", percent=number(value))


def _share(share: Decimal) -> str:
    if share == 1:
        return _("All of it")
    if share == 0:
        return _("None of it")
    if share == Decimal("0.5"):
        return _("Half of it")
    return _("%(percent)s%% of it", percent=number(share * 100))


@dataclass(frozen=True)
class ExampleSums:
    """The worked example as sums a person can do with a calculator."""

    points_table: dict[str, Any]
    band_sums: list[str]  # "22 points × £6 = £132"
    help_answers: list[str]  # the example's answers about help from family and friends
    family_help_lead: str
    family_help_steps: list[str]
    weekly: str
    yearly_sum: str  # "£118.80 × 52 weeks = £6,177.60"


def example_sums(calc: ras.Calculation, config: ras.Config) -> ExampleSums:
    explained = explanation(calc, config, None)
    sums = [
        ngettext(
            "%(num)s point × %(price)s = %(total)s",
            "%(num)s points × %(price)s = %(total)s",
            band.points,
            price=money(band.pence_per_point),
            total=money(band.subtotal_pence),
        )
        for band in calc.bands
    ]
    if len(calc.bands) > 1:
        sums.append(
            _(
                "Added up, that is %(total)s a week.",
                total=money(calc.weekly_before_pence),
            )
        )
    lead, steps = words.family_help(calc, config.family_help)
    rule, adjustment = config.family_help, calc.adjustment
    help_answers = [
        _("Who helps now: %(answer)s.", answer=_label(rule.help_question, adjustment.help_option))
    ]
    if adjustment.continues_option is not None:
        help_answers.append(
            _(
                "Can they keep helping: %(answer)s.",
                answer=_label(rule.continues_question, adjustment.continues_option),
            )
        )
    return ExampleSums(
        points_table={
            **explained.points_table,
            "caption": _("Points for each answer in the example"),
            "captionClasses": "govuk-table__caption--m",
            "attributes": {"id": "example-points"},
        },
        band_sums=sums,
        help_answers=help_answers,
        family_help_lead=lead,
        family_help_steps=steps,
        weekly=money(calc.weekly_pence),
        yearly_sum=ngettext(
            "%(weekly)s × %(num)s week = %(yearly)s",
            "%(weekly)s × %(num)s weeks = %(yearly)s",
            config.weeks_per_year,
            weekly=money(calc.weekly_pence),
            yearly=money(calc.yearly_pence),
        ),
    )


def area_tables(rules: OpenRules) -> list[dict[str, Any]]:
    """For each section: its title, and a table for each scored question of the answers and their points."""
    return [
        {
            "title": content_text(f"sections.{area.section_id}.title"),
            "tables": [
                _table(
                    content_text(f"questions.{question.id}.area"),
                    [{"text": _("Answer")}, _numeric(_("Points"))],
                    [
                        [{"text": _label(question.id, option.id)}, _numeric(str(option.points))]
                        for option in question.options
                    ],
                    id=f"points-{question.id}",
                )
                for question in area.questions
            ],
        }
        for area in rules.areas
    ]


def bands_table(rules: OpenRules) -> dict[str, Any]:
    rows = []
    for band in rules.bands:
        if band.last is None:
            points = _("%(first)s or more", first=band.first)
        else:
            points = _("%(first)s to %(last)s", first=band.first, last=band.last)
        rows.append([{"text": points}, _numeric(money(band.pence_per_point))])
    return _table(
        _("Money for each point, each week"),
        [{"text": _("Points")}, _numeric(_("Money for each point a week"))],
        rows,
        id="bands-table",
    )


def family_help_tables(rules: OpenRules) -> tuple[dict[str, Any], dict[str, Any]]:
    help_table = _table(
        _("What we take off for help from family and friends"),
        [{"text": _("Who helps now")}, _numeric(_("We take off"))],
        [
            [{"text": _label(rules.help_question, row.option_id)}, _numeric(_percent(row.percent))]
            for row in rules.help
        ],
        id="family-help-table",
    )
    share_table = _table(
        _("If they can keep helping"),
        [{"text": _("Can they keep helping?")}, {"text": _("How much of that we take off")}],
        [
            [{"text": _label(rules.continues_question, row.option_id)}, {"text": _share(row.share)}]
            for row in rules.shares
        ],
        id="keep-helping-table",
    )
    return help_table, share_table


def prices_table(config: ras.Config) -> dict[str, Any]:
    rows = []
    for item in config.prices.items.values():
        name = content_text(f"prices.{item.id}.name")
        if item.own_cost:
            price = _("You tell us the cost")
        else:
            assert item.price_pence is not None
            price = content_text(f"prices.{item.id}.price", amount=money(item.price_pence))
        rows.append(
            [
                {"text": name},
                {"text": content_text(f"prices.{item.id}.hint")},
                {"text": price},
            ]
        )
    return _table(
        _("Prices"),
        [{"text": _("Help")}, {"text": _("What it is")}, {"text": _("Price")}],
        rows,
        id="prices-table",
    )

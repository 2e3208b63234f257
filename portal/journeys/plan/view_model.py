"""What the plan pages show, ready to display: the comparison table's rows and the totals for each way of
looking after the money, from the rules' summary, and the choices of help from the price list. Every
figure is worked out by the rules (`portal.ras.plan`) and put in words here; templates only show them,
with GOV.UK macros, and do no sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.i18n import content_text, money
from portal.i18n import gettext as _
from portal.journeys.plan import words
from portal.ras import PriceItem, PriceList
from portal.ras.plan import ONE_OFF, PlanSummary


@dataclass(frozen=True)
class FigureRow:
    """One row of the table of the plan and the budget. `*_figure` names a figure for the page's tests and
    scripts (its data-figure); `total` rows add up the rows above them."""

    label: str
    weekly: str
    yearly: str
    weekly_figure: str | None = None
    yearly_figure: str | None = None
    total: bool = False


def comparison_rows(summary: PlanSummary, name: str | None) -> list[FigureRow]:
    """The plan a week and a year, one-offs apart, its total, the budget, and the difference."""
    c = summary.comparison
    return [
        FigureRow(
            _("Help that is paid each week, month or year"),
            money(summary.weekly_pence),
            money(summary.regular_yearly_pence),
            "weekly",
            "regular-yearly",
        ),
        FigureRow(_("One-off costs"), _("Not weekly"), money(summary.one_off_pence), None, "one-off"),
        FigureRow(
            _("The plan costs"),
            money(summary.weekly_pence),
            money(summary.yearly_pence),
            None,
            "yearly",
            total=True,
        ),
        FigureRow(
            _("The budget is") if name else _("Your budget is"),
            money(c.budget_weekly_pence),
            money(c.budget_yearly_pence),
            "budget-weekly",
            "budget-yearly",
        ),
        FigureRow(
            _("Difference"),
            words.difference_figure(c.weekly_difference),
            words.difference_figure(c.yearly_difference),
            "weekly-difference",
            "yearly-difference",
            total=True,
        ),
    ]


@dataclass(frozen=True)
class WayCard:
    """The total for one way of looking after the money, and the needs its help is for."""

    management: str
    title: str
    needs: tuple[str, ...]  # the needs' names
    figures: tuple[tuple[str, str], ...]  # (what, how much)


def way_cards(summary: PlanSummary, name: str | None) -> list[WayCard]:
    cards = []
    for way in summary.ways:
        figures = [(_("A week"), money(way.weekly_pence))]
        if way.one_off_pence:
            figures += [
                (_("Help paid each week, month or year, for a year"), money(way.regular_yearly_pence)),
                (_("One-off costs"), money(way.one_off_pence)),
                (_("A year, with one-off costs"), money(way.yearly_pence)),
            ]
        else:
            figures.append((_("A year"), money(way.yearly_pence)))
        cards.append(
            WayCard(
                management=way.management,
                title=words.management_label(way.management, name),
                needs=tuple(words.need_name(need) for need in way.needs),
                figures=tuple(figures),
            )
        )
    return cards


def help_choices(prices: PriceList) -> list[dict[str, Any]]:
    """The radios of "What help do you want to add?": each item's name, and its price and what it is."""
    choices = []
    for price_item in prices.items.values():
        hint = content_text(f"prices.{price_item.id}.hint")
        if price_item.price_pence is not None:  # not an own-cost item
            hint = (
                content_text(f"prices.{price_item.id}.price", amount=money(price_item.price_pence))
                + ". "
                + hint
            )
        choices.append({"text": content_text(f"prices.{price_item.id}.name"), "hint": {"text": hint}})
    return choices


def fixed_frequency(price_item: PriceItem) -> str | None:
    """How often help is paid for, when the price list allows one way only (then the page does not ask)."""
    if len(price_item.frequencies) > 1:
        return None
    return (
        _("This is paid for once only.")
        if price_item.frequencies[0] == ONE_OFF
        else _("This is paid for each week.")
    )


def shown_summary(summary: PlanSummary, name: str | None) -> dict[str, Any]:
    """A plan's summary as its pages (and the staff's case page) show it."""
    return {
        "summary": summary,
        "figure_rows": comparison_rows(summary, name),
        "way_cards": way_cards(summary, name),
        "rounding": words.rounding_sentences(summary),
    }

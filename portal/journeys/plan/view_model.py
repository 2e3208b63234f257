"""What the plan pages show, ready to display: the comparison table's rows and the totals for each way of
looking after the money, from the rules' summary, and the choices of help from the price list. Every
figure is worked out by the rules (`portal.ras.plan`) and put in words here; templates only show them,
with GOV.UK macros, and do no sums.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from portal.i18n import content_text, money
from portal.i18n import gettext as _
from portal.journeys.plan import words
from portal.ras import PriceItem, PriceList
from portal.ras.plan import ONE_OFF, Line, PlanSummary


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
        "item_cards": ItemCards,
    }


_ITEM = "ITEMKEY"  # where an item's key goes in a link made once for the page
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")  # a key a link holds as it is (an item's public id)


class ItemCards:
    """Each item of a plan as the parameters of a GOV.UK summary list: how much, the cost, the needs, who
    gives the help and how the money is looked after; with `card`, a summary card with the item's name as
    its title and `actions` (endpoints, such as "plan.change-item") as its links.

    What every item shares is looked up once for the page: the rows' names, the links' words, and each
    link's address with a mark where the item's key goes. `names` are the names a sent plan was sent with,
    for help the council has since taken off its list."""

    def __init__(
        self,
        name: str | None,
        public_id: str | None = None,
        actions: Sequence[str] | None = None,
        names: Mapping[str, str] | None = None,
        card: bool = True,
    ) -> None:
        self.name, self.names, self.card = name, dict(names or {}), card
        self.keys = {
            "amount": {"text": _("How much")},
            "cost": {"text": _("Cost")},
            "needs": {"text": _("Needs it helps with")},
            "provider": {"text": _("Who will give the help")},
            "management": {"text": _("How the money is looked after")},
        }
        self.not_known_yet, self.none_chosen = _("Not known yet"), _("None chosen")
        action_words = {"plan.change-item": _("Change"), "plan.remove-item": _("Remove")}
        self.actions = (
            None
            if actions is None
            else [(_link(endpoint, public_id), action_words[endpoint]) for endpoint in actions]
        )

    def __call__(self, line: Line) -> dict[str, Any]:
        item, keys = line.item, self.keys
        rows = [
            {"key": keys["amount"], "value": {"text": words.amount(line)}},
            {"key": keys["cost"], "value": {"text": words.cost(line)}},
            {"key": keys["needs"], "value": {"html": self._needs(item.needs)}},
            {"key": keys["provider"], "value": {"text": item.provider or self.not_known_yet}},
            {
                "key": keys["management"],
                "value": {"text": words.management_label(item.management, self.name)},
            },
        ]
        if not self.card:
            return {"rows": rows}
        card: dict[str, Any] = {
            "title": {"text": words.item_name(line, self.names), "headingLevel": 3},
            "attributes": {"id": f"item-{item.key}"},
        }
        if self.actions is not None:
            card["actions"] = {
                "items": [{"href": link(item.key), "text": text} for link, text in self.actions]
            }
        return {"rows": rows, "card": card}

    def _needs(self, needs: Sequence[str]) -> Markup:
        if not needs:
            return Markup(escape(self.none_chosen))
        names = "".join([f"<li>{escape(words.need_name(need))}</li>" for need in needs])
        return Markup(f'<ul class="govuk-list">{names}</ul>')


def _link(endpoint: str, public_id: str | None) -> Callable[[str], str]:
    """The address of `endpoint` for an item's key, made with `url_for` once for the page."""
    before, after = url_for(endpoint, public_id=public_id, item_id=_ITEM).split(_ITEM)

    def link(key: str) -> str:
        if _PLAIN_KEY.fullmatch(key):
            return before + key + after
        return url_for(endpoint, public_id=public_id, item_id=key)

    return link

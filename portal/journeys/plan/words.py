"""The support plan in words: the sentences pages, the live total and the PDF all use.

The figures come from `portal.ras.plan`; this module only puts them into easy-read sentences,
through Flask-Babel (UI text) and the council's content (item names, money choices, messages).
"""

from __future__ import annotations

from portal.content import config
from portal.i18n import content_text, lang, money, number, person_text, plural_text
from portal.i18n import gettext as _
from portal.ras.plan import LESS, MORE, Difference, Line, PlanSummary


def difference(difference: Difference, period: str, name: str | None) -> str:
    """The difference in words.

    '£24.50 a week more than your budget', '£30 a year less than Sam's budget', 'the same as your budget'.
    """
    amount = money(difference.amount_pence)
    if period == "week":
        if difference.direction == MORE:
            return (
                _("%(amount)s a week more than %(name)s's budget", amount=amount, name=name)
                if name
                else _("%(amount)s a week more than your budget", amount=amount)
            )
        if difference.direction == LESS:
            return (
                _("%(amount)s a week less than %(name)s's budget", amount=amount, name=name)
                if name
                else _("%(amount)s a week less than your budget", amount=amount)
            )
    else:
        if difference.direction == MORE:
            return (
                _("%(amount)s a year more than %(name)s's budget", amount=amount, name=name)
                if name
                else _("%(amount)s a year more than your budget", amount=amount)
            )
        if difference.direction == LESS:
            return (
                _("%(amount)s a year less than %(name)s's budget", amount=amount, name=name)
                if name
                else _("%(amount)s a year less than your budget", amount=amount)
            )
    return _("the same as %(name)s's budget", name=name) if name else _("the same as your budget")


def difference_figure(difference: Difference) -> str:
    """'£24.50 more', '£30 less', 'No difference': a difference in the comparison table."""
    if difference.direction == MORE:
        return _("%(amount)s more", amount=money(difference.amount_pence))
    if difference.direction == LESS:
        return _("%(amount)s less", amount=money(difference.amount_pence))
    return _("No difference")


def item_name(line_or_row, names: dict[str, str] | None = None) -> str:
    """The person's own words for an own-cost item; otherwise the price list's name.

    `names` are the names a sent plan was sent with, for help the council has since taken off its list.
    """
    item = getattr(line_or_row, "item", line_or_row)
    if getattr(item, "description", None):
        return item.description
    try:
        return content_text(f"prices.{item.price_id}.name")
    except KeyError:
        key = getattr(item, "key", None) or getattr(item, "public_id", None)
        return (names or {}).get(key or "") or _("Help that is not on the price list any more")


def how_often(frequency: str) -> str:
    if frequency == "per_week":
        return _("each week")
    if frequency == "per_month":
        return _("each month")
    if frequency == "per_year":
        return _("each year")
    if frequency == "one_off":
        return _("once only")
    raise KeyError(frequency)


def amount(line: Line) -> str:
    """'7.5 hours each week', '1 alarm each week', '£30 each month', '£450 once only'.
    An item with the person's own cost has their description and no count."""
    item = line.item
    if item.description is not None:
        what = money(item.unit_pence)
    else:
        try:
            what = plural_text(f"prices.{item.price_id}.count", item.quantity, quantity=number(item.quantity))
        except KeyError:  # a sent plan's help that the council has since taken off its list
            what = number(item.quantity)
    return _("%(what)s %(how_often)s", what=what, how_often=how_often(item.frequency))


def cost(line: Line) -> str:
    """What one item costs, with its cost a year (from how often it is paid) and a week."""
    each = money(line.each_pence)
    yearly = money(line.yearly_pence)
    frequency = line.item.frequency
    if frequency == "per_week":
        return _("%(amount)s a week. That is %(yearly)s a year.", amount=each, yearly=yearly)
    if frequency == "one_off":
        return _("%(amount)s once only", amount=each)
    if frequency == "per_month":
        return _(
            "%(amount)s a month. That is %(yearly)s a year, and %(weekly)s a week.",
            amount=each,
            yearly=yearly,
            weekly=money(line.weekly_pence),
        )
    return _("%(amount)s a year. That is %(weekly)s a week.", amount=each, weekly=money(line.weekly_pence))


def item_cost_sentence(line: Line) -> str:
    """'This costs £123.75 a week.' for the live total and the item page."""
    frequency = line.item.frequency
    each = money(line.each_pence)
    yearly = money(line.yearly_pence)
    if frequency == "per_week":
        return _("This costs %(amount)s a week. That is %(yearly)s a year.", amount=each, yearly=yearly)
    if frequency == "per_month":
        return _(
            "This costs %(amount)s a month. That is %(yearly)s a year, and %(weekly)s a week.",
            amount=each,
            yearly=yearly,
            weekly=money(line.weekly_pence),
        )
    if frequency == "per_year":
        return _(
            "This costs %(amount)s a year. That is %(weekly)s a week.",
            amount=each,
            weekly=money(line.weekly_pence),
        )
    return _("This costs %(amount)s once only. It counts in the cost for the year.", amount=each)


def rounding_sentences(summary: PlanSummary) -> list[str]:
    """How the plan's figures are rounded, said where they are shown, so each can be checked by hand."""
    if not summary.lines:
        return []
    sentences = [_("We work out each cost to the nearest penny. Half a penny or more goes up.")]
    if any(line.item.frequency in ("per_month", "per_year") for line in summary.lines):
        sentences.append(
            _(
                "For help paid each month or year, the cost a week is the cost a year divided by %(weeks)s.",
                weeks=summary.weeks_per_year,
            )
        )
    if summary.year_is_not_weeks:
        sentences.append(
            _(
                "The cost a year comes from how often the help is paid. So it can be a few pence "
                "different from the cost a week times %(weeks)s.",
                weeks=summary.weeks_per_year,
            )
        )
    return sentences


def total_sentences(summary: PlanSummary, name: str | None) -> list[str]:
    """The plan's cost a week and a year, and how far it is from the budget, in words."""
    c = summary.comparison
    sentences = [_("The plan costs %(weekly)s a week.", weekly=money(summary.weekly_pence))]
    if summary.one_off_pence:
        sentences.append(
            _(
                "With one-off costs of %(one_off)s, that is %(yearly)s a year.",
                one_off=money(summary.one_off_pence),
                yearly=money(summary.yearly_pence),
            )
        )
    else:
        sentences.append(_("That is %(yearly)s a year.", yearly=money(summary.yearly_pence)))
    sentences.append(_("That is %(difference)s.", difference=difference(c.weekly_difference, "week", name)))
    return sentences


def tolerance_message(summary: PlanSummary) -> str:
    return content_text(
        f"plan.tolerance.{summary.comparison.position}", amount=money(summary.comparison.tolerance_pence)
    )


def panel_messages(summary: PlanSummary) -> list[str]:
    messages = []
    if summary.budget_panel:
        messages.append(content_text("plan.panel.budget", amount=money(summary.panel_weekly_pence)))
    elif summary.plan_panel:
        messages.append(content_text("plan.panel.plan", amount=money(summary.panel_weekly_pence)))
    return messages


def management_label(way: str, name: str | None) -> str:
    return person_text(f"plan.management.{way}.label", name)


def need_name(need: str) -> str:
    """The short name of a need: the area of the question, in whichever questionnaire asks it."""
    return content_text(config().area_key(need))


# Between the names in need_names: Urdu writes its own comma.
COMMAS = {"ur": "\u060c "}


def need_names(needs: list[str]) -> str:
    """The needs' short names on one line: "Eating and drinking, Washing and keeping clean"."""
    return COMMAS.get(lang(), ", ").join(need_name(need) for need in needs)

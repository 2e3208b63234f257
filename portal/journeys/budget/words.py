"""The budget's family-help step in words: each figure with the sum that makes it, so a person can check
it with a calculator. The figures come from `portal.ras`; this module only puts them into sentences."""

from __future__ import annotations

from decimal import Decimal

from portal import ras
from portal.i18n import content_text, money, number
from portal.i18n import gettext as _
from portal.ras import scoring


def exact_money(pence: Decimal) -> str:
    """An amount before it is rounded to the penny: £336.375. Whole pence are shown as money() does."""
    if pence == pence.to_integral_value():
        return money(int(pence))
    return "£" + number(pence / 100)


def _share(share: Decimal) -> str:
    return (
        _("half") if share == Decimal("0.5") else _("%(amount)s in every £1", amount=exact_money(share * 100))
    )


def in_every_100(percent: Decimal) -> str:
    """A percent said in money, which easy read prefers: 2.5% is "£2.50 in every £100"."""
    return _("%(amount)s in every £100", amount=exact_money(percent * 100))


def _carer_sentences(adj: scoring.Adjustment, takes_off: bool) -> list[str]:
    """Whose help was counted, and what the carer said, when the council asks the carer's own view."""
    if adj.not_agreed:
        if adj.carer_name:
            return [
                _(
                    "%(carer)s did not say they are willing and able to keep helping. So their help is not "
                    "counted.",
                    carer=adj.carer_name,
                )
            ]
        return []
    if takes_off and adj.carer_agreed:
        if adj.carer_name:
            return [
                _(
                    "We counted the help of %(carer)s. %(carer)s said they are willing and able to keep "
                    "helping.",
                    carer=adj.carer_name,
                )
            ]
        return [_("The person who helps said they are willing and able to keep helping.")]
    return []


def _counted(carer: str | None, less: bool, name: str | None) -> str:
    """Whose help was counted, and what the person told us the carer can do (a view given for the carer).
    `name` is the person's, when someone else fills the form in for them."""
    if carer and not name:
        if less:
            return _(
                "We counted help from %(carer)s. You told us %(carer)s can keep helping you, but less "
                "than now.",
                carer=carer,
            )
        return _("We counted help from %(carer)s. You told us %(carer)s can keep helping you.", carer=carer)
    if carer:
        if less:
            return _(
                "We counted help from %(carer)s. You told us %(carer)s can keep helping %(name)s, but less "
                "than now.",
                carer=carer,
                name=name,
            )
        return _(
            "We counted help from %(carer)s. You told us %(carer)s can keep helping %(name)s.",
            carer=carer,
            name=name,
        )
    if not name:
        if less:
            return _(
                "We counted help from the person who helps you. You told us they can keep helping you, but "
                "less than now."
            )
        return _("We counted help from the person who helps you. You told us they can keep helping you.")
    if less:
        return _(
            "We counted help from the person who helps %(name)s. You told us they can keep helping "
            "%(name)s, but less than now.",
            name=name,
        )
    return _(
        "We counted help from the person who helps %(name)s. You told us they can keep helping %(name)s.",
        name=name,
    )


def _not_counted(carer: str | None, name: str | None) -> str:
    """Why nothing is taken off when the carer cannot keep helping (a view given for the carer)."""
    if carer and not name:
        return _("We take nothing off because %(carer)s cannot keep helping you.", carer=carer)
    if carer:
        return _(
            "We take nothing off because %(carer)s cannot keep helping %(name)s.", carer=carer, name=name
        )
    if not name:
        return _("We take nothing off because the person who helps you cannot keep helping.")
    return _("We take nothing off because the person who helps %(name)s cannot keep helping.", name=name)


def whose_help(calc: ras.Calculation, rule: ras.FamilyHelpRule | None, name: str | None = None) -> list[str]:
    """Whose help was counted and what the carer can do, when the council asks the carer's own view
    (family_help.agreement_question); none otherwise. `name` is the person's when someone else fills the
    form in for them (None on their own form)."""
    adj = calc.adjustment
    if rule is None or adj.help_option == "":
        return []
    case = scoring.family_help_case(adj, rule)
    if not rule.view_given_for_carer or adj.carer_view is None:
        return _carer_sentences(adj, case in (scoring.FAMILY_HELP_LESS, scoring.FAMILY_HELP_FULL))
    if case in (scoring.FAMILY_HELP_LESS, scoring.FAMILY_HELP_FULL):
        return [_counted(adj.carer_name, case == scoring.FAMILY_HELP_LESS, name)]
    if case == scoring.FAMILY_HELP_STOPS:
        return [_not_counted(adj.carer_name, name)]
    return []


def family_help(
    calc: ras.Calculation, rule: ras.FamilyHelpRule | None, name: str | None = None
) -> tuple[str, list[str]]:
    """The council's sentence for the case the rules name, and the steps of the sum (none when nothing is
    taken off), after whose help was counted (`whose_help`). Rules without a family-help rule (a carer's
    budget) take nothing off for it."""
    adj = calc.adjustment
    if rule is None or adj.help_option == "":
        return _("Help from family or friends does not change this budget. So we take nothing off."), []
    case = scoring.family_help_case(adj, rule)
    takes_off = case in (scoring.FAMILY_HELP_LESS, scoring.FAMILY_HELP_FULL)
    lead = content_text(
        f"family_help.explain.{case}", **({"amount": money(adj.reduction_pence)} if takes_off else {})
    )
    carer = whose_help(calc, rule, name)
    if adj.percent == 0:
        return lead, carer
    steps = carer
    if case == scoring.FAMILY_HELP_LESS and adj.help_percent is not None:
        steps.append(
            _(
                "For this help we take off %(full)s of the money from points.",
                full=in_every_100(adj.help_percent),
            )
        )
        steps.append(
            _(
                "They will help less. So we take off only %(share)s of that. That is %(part)s.",
                share=_share(adj.share),
                part=in_every_100(adj.percent),
            )
        )
    else:
        steps.append(
            _("For this help we take off %(part)s of the money from points.", part=in_every_100(adj.percent))
        )
    steps.append(
        _(
            "%(before)s take away %(part)s is %(exact)s.",
            before=money(calc.weekly_before_pence),
            part=in_every_100(adj.percent),
            exact=exact_money(calc.weekly_exact_pence),
        )
    )
    if calc.weekly_was_rounded:
        steps.append(
            _(
                "We round this to the nearest penny. Half a penny or more goes up. So the estimate is "
                "%(weekly)s a week.",
                weekly=money(calc.weekly_pence),
            )
        )
    steps.append(
        _(
            "So we take off %(reduction)s. That is %(before)s take away %(weekly)s.",
            reduction=money(adj.reduction_pence),
            before=money(calc.weekly_before_pence),
            weekly=money(calc.weekly_pence),
        )
    )
    return lead, steps

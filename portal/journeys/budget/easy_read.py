"""The budget in easy read: one idea a sentence, in money, with a picture beside each idea.

"Your answers add up to 22 points. Each point is worth £6. That makes £132. Your family helps, so we take
off £13.20. Your budget is £118.80 a week."

Every figure comes from the rules' own result (`portal.ras.Calculation`): the points, each band's price
and amount, the money from points, what is taken off and the budget. Nothing is worked out here, so the
sentences and the tables below them can never disagree. Where the rules round, the sentence says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portal import ras
from portal.i18n import gettext as _
from portal.i18n import money, ngettext, number

# The pictures beside the ideas: content/pictures/ideas/<id>.svg, their words under pictures.ideas.
POINTS, MONEY, FAMILY_HELP, BUDGET, YEAR = "points", "money", "family_help", "budget", "year"


@dataclass(frozen=True)
class Idea:
    picture: str  # the id of its picture in content/pictures/ideas/
    sentences: tuple[str, ...]
    id: str


def _points(calc: ras.Calculation, name: str | None) -> Idea:
    if name:
        said = ngettext(
            "%(name)s's answers add up to %(num)s point.",
            "%(name)s's answers add up to %(num)s points.",
            calc.total_points,
            name=name,
        )
    else:
        said = ngettext(
            "Your answers add up to %(num)s point.",
            "Your answers add up to %(num)s points.",
            calc.total_points,
        )
    return Idea(POINTS, (said,), "easy-points")


def _money(calc: ras.Calculation) -> Idea:
    if not calc.bands:
        return Idea(MONEY, (_("No points means no money from points."),), "easy-money")
    if len(calc.bands) == 1:
        band = calc.bands[0]
        return Idea(
            MONEY,
            (
                _("Each point is worth %(price)s.", price=money(band.pence_per_point)),
                _("That makes %(amount)s.", amount=money(calc.weekly_before_pence)),
            ),
            "easy-money",
        )
    sentences = []
    for band in calc.bands:
        sentences.append(
            ngettext(
                "Point %(first)s is worth %(price)s. That makes %(amount)s.",
                "Points %(first)s to %(last)s are worth %(price)s each. %(num)s points make %(amount)s.",
                band.points,
                first=number(band.from_point),
                last=number(band.to_point),
                price=money(band.pence_per_point),
                amount=money(band.subtotal_pence),
            )
        )
    sentences.append(_("Together that makes %(amount)s.", amount=money(calc.weekly_before_pence)))
    return Idea(MONEY, tuple(sentences), "easy-money")


def _family_help(calc: ras.Calculation, lead: str, whose: Sequence[str]) -> Idea:
    """The council's own sentence for the case (family_help.explain), whose help was counted (when the
    council asks the carer's view), then the rounding, if any."""
    sentences = [lead, *whose]
    if calc.weekly_was_rounded:
        sentences.append(_("We rounded this to the nearest penny."))
    return Idea(FAMILY_HELP, tuple(sentences), "easy-family-help")


def _budget(calc: ras.Calculation, weeks_per_year: int, name: str | None) -> Idea:
    weekly = money(calc.weekly_pence)
    said = (
        _("Your budget is %(amount)s a week.", amount=weekly)
        if not name
        else _("%(name)s's budget is %(amount)s a week.", name=name, amount=weekly)
    )
    year = ngettext(
        "%(weekly)s for %(num)s week is %(yearly)s a year.",
        "%(weekly)s for each of %(num)s weeks is %(yearly)s a year.",
        weeks_per_year,
        weekly=weekly,
        yearly=money(calc.yearly_pence),
    )
    return Idea(BUDGET, (said, year), "easy-budget")


def ideas(
    calc: ras.Calculation,
    family_help_lead: str,
    weeks_per_year: int,
    name: str | None,
    whose_help: Sequence[str] = (),
) -> tuple[Idea, ...]:
    """The budget in four ideas: the points, the money they make, family help, the budget.
    `family_help_lead` is the council's sentence for the family-help case (`words.family_help`), and
    `whose_help` the sentences that say whose help was counted (`words.whose_help`)."""
    return (
        _points(calc, name),
        _money(calc),
        _family_help(calc, family_help_lead, whose_help),
        _budget(calc, weeks_per_year, name),
    )

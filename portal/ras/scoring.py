"""Answers to points, points to money. Pure functions, whole pence.

1. Each scored question on the path gives the points of the option chosen.
2. The total is priced band by band (the resource allocation table): each
   point costs the price of the band it falls in.
3. Help from family or friends takes a percent off that weekly amount:
   percent = the help answer's percent x the "can they keep helping" factor.
   When the council needs the carer's agreement (family_help.needs_carer_agreement), the factor is 0
   unless the carer said they are willing and able to keep helping.
   weekly = round_half_up(before x (100 - percent) / 100), to the whole penny.
   The amount taken off is before - weekly, so the figures shown add up.
4. yearly = weekly x weeks_per_year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

from portal.ras.model import Band, Config, FamilyHelpRule
from portal.ras.routing import first_unanswered, relevant_answers

FORMAT = 1  # of Calculation.to_dict(); bump when the stored shape changes

# Which explanation of the family-help step fits. Each is also the key of the council's words for it:
# text family_help.explain.<case>.
FAMILY_HELP_NONE = "none"  # nobody helps now: nothing is taken off
FAMILY_HELP_STOPS = "stops"  # someone helps now, but cannot carry on: nothing is taken off
FAMILY_HELP_LESS = "less"  # someone helps now, but will help less: only a share is taken off
FAMILY_HELP_FULL = "reduced"  # someone helps now and will carry on: all of the help's percent is taken off
# someone helps now, but the carer did not say they are willing and able to keep helping, and the council
# takes help off only when they agreed (family_help.needs_carer_agreement): nothing is taken off
FAMILY_HELP_NOT_AGREED = "not_agreed"
FAMILY_HELP_CASES = (
    FAMILY_HELP_NONE,
    FAMILY_HELP_STOPS,
    FAMILY_HELP_LESS,
    FAMILY_HELP_FULL,
    FAMILY_HELP_NOT_AGREED,
)


@dataclass(frozen=True)
class AreaLine:
    question_id: str
    option_id: str | None  # None when the question was skipped
    points: int


@dataclass(frozen=True)
class BandLine:
    from_point: int
    to_point: int
    points: int
    pence_per_point: int
    subtotal_pence: int


@dataclass(frozen=True)
class Adjustment:
    help_option: str
    continues_option: str | None  # None when that question was skipped
    percent: Decimal  # the percent actually taken off, e.g. Decimal("2.5")
    reduction_pence: int  # before - weekly: what is taken off, once the weekly amount is rounded
    carer_assessment: bool  # tell the carer about their right to a carer's assessment
    # The help answer's own percent, and the share of it taken off because of "can they keep helping"
    # (1 = all, 0.5 = half, 0 = none), so percent = help_percent x share. None in budgets stored
    # before these were kept.
    help_percent: Decimal | None = None
    share: Decimal | None = None
    # The family carer's own view, when the council asks it: their name (None if not given), their answer
    # to "are you willing and able to keep helping" (None if not asked), whether that answer means yes,
    # and whether the help was not taken off only because they did not agree.
    carer_name: str | None = None
    carer_view: str | None = None
    carer_agreed: bool = False
    not_agreed: bool = False


@dataclass(frozen=True)
class Calculation:
    config_version: str
    areas: tuple[AreaLine, ...]
    total_points: int
    bands: tuple[BandLine, ...]
    weekly_before_pence: int
    adjustment: Adjustment
    weekly_pence: int
    yearly_pence: int
    panel: bool

    @property
    def weekly_exact_pence(self) -> Decimal:
        """before x (100 - percent) / 100, before it is rounded to the penny: 33637.5 for 2.5% off £345."""
        with localcontext(Context(prec=40)):
            return _plain(Decimal(self.weekly_before_pence) * (100 - self.adjustment.percent) / 100)

    @property
    def weekly_was_rounded(self) -> bool:
        return self.weekly_exact_pence != self.weekly_pence

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe copy (Decimals as strings), to store as it is."""
        a = self.adjustment
        return {
            "format": FORMAT,
            "config_version": self.config_version,
            "areas": [
                {"question_id": line.question_id, "option_id": line.option_id, "points": line.points}
                for line in self.areas
            ],
            "total_points": self.total_points,
            "bands": [
                {
                    "from_point": b.from_point,
                    "to_point": b.to_point,
                    "points": b.points,
                    "pence_per_point": b.pence_per_point,
                    "subtotal_pence": b.subtotal_pence,
                }
                for b in self.bands
            ],
            "weekly_before_pence": self.weekly_before_pence,
            "adjustment": {
                "help_option": a.help_option,
                "continues_option": a.continues_option,
                "percent": str(a.percent),
                "reduction_pence": a.reduction_pence,
                "carer_assessment": a.carer_assessment,
                **(
                    {}
                    if a.help_percent is None
                    else {"help_percent": str(a.help_percent), "share": str(a.share)}
                ),
                **(
                    {}
                    if a.carer_name is None and a.carer_view is None and not a.not_agreed
                    else {
                        "carer_name": a.carer_name,
                        "carer_view": a.carer_view,
                        "carer_agreed": a.carer_agreed,
                        "not_agreed": a.not_agreed,
                    }
                ),
            },
            "weekly_pence": self.weekly_pence,
            "yearly_pence": self.yearly_pence,
            "panel": self.panel,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Calculation:
        """The Calculation that to_dict() stored. ValueError if it is not one."""
        if d.get("format") != FORMAT:
            raise ValueError(f"not a stored calculation of format {FORMAT}")
        a = d["adjustment"]
        return cls(
            config_version=str(d["config_version"]),
            areas=tuple(
                AreaLine(question_id=x["question_id"], option_id=x["option_id"], points=_int(x["points"]))
                for x in d["areas"]
            ),
            total_points=_int(d["total_points"]),
            bands=tuple(
                BandLine(
                    from_point=_int(b["from_point"]),
                    to_point=_int(b["to_point"]),
                    points=_int(b["points"]),
                    pence_per_point=_int(b["pence_per_point"]),
                    subtotal_pence=_int(b["subtotal_pence"]),
                )
                for b in d["bands"]
            ),
            weekly_before_pence=_int(d["weekly_before_pence"]),
            adjustment=Adjustment(
                help_option=a["help_option"],
                continues_option=a["continues_option"],
                percent=Decimal(a["percent"]),
                reduction_pence=_int(a["reduction_pence"]),
                carer_assessment=bool(a["carer_assessment"]),
                help_percent=Decimal(a["help_percent"]) if "help_percent" in a else None,
                share=Decimal(a["share"]) if "share" in a else None,
                carer_name=a.get("carer_name"),
                carer_view=a.get("carer_view"),
                carer_agreed=bool(a.get("carer_agreed", False)),
                not_agreed=bool(a.get("not_agreed", False)),
            ),
            weekly_pence=_int(d["weekly_pence"]),
            yearly_pence=_int(d["yearly_pence"]),
            panel=bool(d["panel"]),
        )


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"expected a whole number, not {value!r}")
    return value


# The adjustment of rules that have no family-help rule: nothing is taken off. Its help_option is "".
NO_FAMILY_HELP_RULE = Adjustment(
    help_option="",
    continues_option=None,
    percent=Decimal(0),
    reduction_pence=0,
    carer_assessment=False,
    help_percent=Decimal(0),
    share=Decimal(1),
)


def family_help_case(adjustment: Adjustment, rule: FamilyHelpRule | None = None) -> str:
    """Which explanation of the family-help step fits (one of FAMILY_HELP_CASES), from the help's own
    percent and the share of it taken off.

    A budget stored before those were kept has only its answers: the council's FamilyHelpRule gives
    their percent and share. Answers the rule no longer knows are read from what the adjustment itself
    says: nothing taken off with no "can they keep helping" answer means nobody helped.
    """
    if adjustment.not_agreed:
        return FAMILY_HELP_NOT_AGREED
    help_percent, share = adjustment.help_percent, adjustment.share
    if help_percent is None and rule is not None and adjustment.help_option in rule.reduction_percent:
        help_percent = rule.reduction_percent[adjustment.help_option]
        share = (
            Decimal(1)
            if adjustment.continues_option is None
            else rule.continues_factor.get(adjustment.continues_option)
        )
    if help_percent is None or share is None:
        if adjustment.percent == 0:
            return FAMILY_HELP_NONE if adjustment.continues_option is None else FAMILY_HELP_STOPS
        return FAMILY_HELP_FULL
    if help_percent == 0:
        return FAMILY_HELP_NONE
    if share == 0:
        return FAMILY_HELP_STOPS
    return FAMILY_HELP_LESS if share != 1 else FAMILY_HELP_FULL


def yearly(weekly_pence: int, weeks_per_year: int) -> int:
    """A weekly amount for a whole year: the council's number of weeks, in whole pence."""
    return weekly_pence * weeks_per_year


def band_lines(bands: tuple[Band, ...], total_points: int) -> tuple[BandLine, ...]:
    """How `total_points` are priced: one line for each band that has points in it."""
    if total_points < 0:
        raise ValueError("points cannot be negative")
    lines = []
    lower = 0  # the last point of the band before
    for band in bands:
        if total_points <= lower:
            break
        upper = total_points if band.up_to is None else min(total_points, band.up_to)
        points = upper - lower
        lines.append(
            BandLine(
                from_point=lower + 1,
                to_point=upper,
                points=points,
                pence_per_point=band.pence_per_point,
                subtotal_pence=points * band.pence_per_point,
            )
        )
        lower = upper
    return tuple(lines)


def round_half_up(value: Decimal) -> int:
    """To the whole penny, halves away from zero (2.5 -> 3)."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _plain(value: Decimal) -> Decimal:
    """Decimal("10.0") -> Decimal("10"), Decimal("2.50") -> Decimal("2.5"); never an exponent."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def adjustment(rule: FamilyHelpRule | None, answers: Mapping[str, str], before_pence: int) -> Adjustment:
    """The family-help reduction. `answers` must be the relevant, complete answers. Rules without a
    family-help rule (a carer's budget, unless its questionnaire gives one) take nothing off."""
    if rule is None:
        return NO_FAMILY_HELP_RULE
    help_option = answers[rule.help_question]
    continues_option = answers.get(rule.continues_question)
    factor = Decimal(1) if continues_option is None else rule.continues_factor[continues_option]
    carer_name = answers.get(rule.carer_name_question) if rule.carer_name_question else None
    carer_view = answers.get(rule.agreement_question) if rule.agreement_question else None
    carer_agreed = carer_view is not None and carer_view in rule.agreed_answers
    # Help is counted only when the carer agreed, if the council says so; "not agreed" is only said when it
    # is what stops a reduction that would otherwise be made.
    not_agreed = (
        rule.needs_carer_agreement and not carer_agreed and rule.reduction_percent[help_option] * factor != 0
    )
    if not_agreed:
        factor = Decimal(0)
    with localcontext(Context(prec=40)):
        percent = _plain(rule.reduction_percent[help_option] * factor)
        weekly = round_half_up(Decimal(before_pence) * (100 - percent) / 100)
    return Adjustment(
        help_option=help_option,
        continues_option=continues_option,
        percent=percent,
        reduction_pence=before_pence - weekly,
        carer_assessment=continues_option in rule.carer_assessment_when,
        help_percent=_plain(rule.reduction_percent[help_option]),
        share=_plain(factor),
        carer_name=carer_name.strip() or None if carer_name else None,
        carer_view=carer_view,
        carer_agreed=carer_agreed,
        not_agreed=not_agreed,
    )


def calculate(config: Config, answers: Mapping[str, str]) -> Calculation:
    """The indicative budget for complete answers to `config.questionnaire`, with `config`'s bands and
    family-help rule. For a questionnaire with its own money rules pass `config.rules_for(its id)`: the
    same steps, its points, bands and version. ValueError if any answers are missing."""
    q = config.questionnaire  # config.rules_for(<questionnaire id>) for another questionnaire's budget
    missing = first_unanswered(q, answers)
    if missing is not None:
        raise ValueError(f"the answers are not complete: {missing} has no answer")
    counted = relevant_answers(q, answers)
    areas = []
    for question in q.scored_questions:
        option_id = counted.get(question.id)
        points = question.option(option_id).points if option_id is not None else 0
        areas.append(AreaLine(question_id=question.id, option_id=option_id, points=points))
    total = sum(line.points for line in areas)
    bands = band_lines(config.bands, total)
    before = sum(line.subtotal_pence for line in bands)
    adjust = adjustment(config.family_help, counted, before)
    weekly = before - adjust.reduction_pence
    return Calculation(
        config_version=config.version,
        areas=tuple(areas),
        total_points=total,
        bands=bands,
        weekly_before_pence=before,
        adjustment=adjust,
        weekly_pence=weekly,
        yearly_pence=yearly(weekly, config.weeks_per_year),
        panel=weekly >= config.panel_weekly_pence,
    )

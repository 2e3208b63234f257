"""The council's rules laid open, for the public page "How budgets are worked out": every area and its
answers with their points, the money for each band of points, the family-help rule, and a worked example
that the rules themselves work out. Pure: everything comes from the Config and `portal.ras.scoring`, so the
page can never show a figure the rules would not give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from portal.ras.model import Config, Question
from portal.ras.scoring import Calculation, calculate


@dataclass(frozen=True)
class AreaRules:
    """One section of the questionnaire: its questions that score points."""

    section_id: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class BandRule:
    """Points `first` to `last` (None: and every point above) are each worth `pence_per_point` a week."""

    first: int
    last: int | None
    pence_per_point: int


@dataclass(frozen=True)
class HelpRule:
    option_id: str  # an answer to the family-help question
    percent: Decimal  # the percent of the money from points taken off for it


@dataclass(frozen=True)
class ShareRule:
    option_id: str  # an answer to "can they keep helping"
    share: Decimal  # the share of that percent taken off: 1 = all, 0.5 = half, 0 = none


@dataclass(frozen=True)
class OpenRules:
    version: str
    areas: tuple[AreaRules, ...]
    unscored: tuple[str, ...]  # ids of questions asked without points
    bands: tuple[BandRule, ...]
    help_question: str
    help: tuple[HelpRule, ...]
    continues_question: str
    shares: tuple[ShareRule, ...]
    weeks_per_year: int
    tolerance_percent: Decimal
    panel_weekly_pence: int
    example: Calculation  # the worked example, worked out by the rules


def band_rules(config: Config) -> tuple[BandRule, ...]:
    rules, first = [], 1
    for band in config.bands:
        rules.append(BandRule(first, band.up_to, band.pence_per_point))
        if band.up_to is not None:
            first = band.up_to + 1
    return tuple(rules)


def open_rules(config: Config, example_answers: Mapping[str, str]) -> OpenRules:
    """Everything the public rules page shows. `example_answers` are complete answers for the worked
    example (ValueError if they are not)."""
    q = config.questionnaire
    areas = tuple(
        AreaRules(
            section.id, tuple(q.questions[qid] for qid in section.question_ids if q.questions[qid].scored)
        )
        for section in q.sections
    )
    rule = config.family_help
    assert rule is not None, "the council's own rules (council.yaml) always have a family-help rule"
    return OpenRules(
        version=config.version,
        areas=tuple(area for area in areas if area.questions),
        unscored=tuple(qid for qid, question in q.questions.items() if not question.scored),
        bands=band_rules(config),
        help_question=rule.help_question,
        help=tuple(HelpRule(option, percent) for option, percent in rule.reduction_percent.items()),
        continues_question=rule.continues_question,
        shares=tuple(ShareRule(option, share) for option, share in rule.continues_factor.items()),
        weeks_per_year=config.weeks_per_year,
        tolerance_percent=config.tolerance_percent,
        panel_weekly_pence=config.panel_weekly_pence,
        example=calculate(config, example_answers),
    )

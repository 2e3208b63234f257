"""What changed between two budgets, and why: for a person who answered the questions again.

Pure: it compares two calculations as they were stored (`portal.ras.scoring.Calculation`) and the
answers each used. Nothing is worked out again: every figure here is one the budget pages show, so the
change in each step is the difference of two figures a person can check on the two budget pages.

- each answer that changed, with its points before and after (None for a question that scores no
  points, such as help from family, which changes step 3 instead);
- the money, step by step: points, money from points, taken off for help from family, the weekly and
  the yearly budget, each before, after and the difference;
- whether the council's rules changed between the two (a different version): then some of the
  difference comes from the rules, not from the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portal.ras.scoring import Calculation

# The money steps, in order. Each is also the key of its words on the page.
POINTS = "points"
FROM_POINTS = "from_points"
FAMILY_HELP = "family_help"
WEEKLY = "weekly"
YEARLY = "yearly"
STEPS = (POINTS, FROM_POINTS, FAMILY_HELP, WEEKLY, YEARLY)


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    before: str | None  # None when the question was not asked before (skipped, or new)
    after: str | None  # None when it is not asked now
    points_before: int | None  # None for a question that scores no points
    points_after: int | None

    @property
    def points_change(self) -> int | None:
        if self.points_before is None or self.points_after is None:
            return None
        return self.points_after - self.points_before


@dataclass(frozen=True)
class Step:
    key: str  # one of STEPS
    before: int  # points, or pence
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Changes:
    answers: tuple[AnswerChange, ...]
    steps: tuple[Step, ...]
    rules_before: str
    rules_after: str

    @property
    def rules_changed(self) -> bool:
        return self.rules_before != self.rules_after

    @property
    def weekly(self) -> Step:
        return self.step(WEEKLY)

    def step(self, key: str) -> Step:
        return next(step for step in self.steps if step.key == key)

    @property
    def nothing_changed(self) -> bool:
        return not self.answers and all(step.change == 0 for step in self.steps)


def _points(calc: Calculation) -> dict[str, int]:
    return {area.question_id: area.points for area in calc.areas if area.option_id is not None}


def compare(
    before: Calculation,
    after: Calculation,
    answers_before: Mapping[str, str],
    answers_after: Mapping[str, str],
    question_order: Iterable[str],
) -> Changes:
    """What changed from `before` to `after`. `answers_*` are the answers each calculation used (as stored
    with it); `question_order` lists the question ids in the order they are asked (questions not in it
    come last, in the order found)."""
    points_before, points_after = _points(before), _points(after)
    scored = {area.question_id for area in before.areas} | {area.question_id for area in after.areas}
    order = list(dict.fromkeys([*question_order, *answers_before, *answers_after]))
    changed = []
    for question_id in order:
        was, now = answers_before.get(question_id), answers_after.get(question_id)
        if was == now:
            continue
        counts = question_id in scored
        changed.append(
            AnswerChange(
                question_id,
                was,
                now,
                points_before.get(question_id, 0) if counts else None,
                points_after.get(question_id, 0) if counts else None,
            )
        )
    steps = (
        Step(POINTS, before.total_points, after.total_points),
        Step(FROM_POINTS, before.weekly_before_pence, after.weekly_before_pence),
        Step(FAMILY_HELP, before.adjustment.reduction_pence, after.adjustment.reduction_pence),
        Step(WEEKLY, before.weekly_pence, after.weekly_pence),
        Step(YEARLY, before.yearly_pence, after.yearly_pence),
    )
    return Changes(tuple(changed), steps, before.config_version, after.config_version)

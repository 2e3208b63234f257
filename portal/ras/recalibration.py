"""Recalibration: what money per point would have matched the budgets the council agreed, and who would
gain or lose under a proposed new table. Nothing here changes the live rules: publishing a new rules
version is a separate step (content/council.yaml, its `version`, and the date in content/transparency.yaml).

The fit is ordinary least squares with the band edges fixed. For each agreed plan, the weekly budget
before family help is the sum over the bands of (points in that band x pence per point), and family help
takes its percent off. So the agreed weekly amount is modelled as

    agreed = sum over bands b of  p_b x points_b x (100 - family help percent) / 100

and the pence per point p_b are the values that make the sum of squared differences smallest. The normal
equations are solved exactly with fractions (no float); each fitted value is then rounded half up to the
whole penny, as the rules table holds whole pence. A band no agreed plan reaches cannot be fitted: it
keeps its present value, and the page says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from portal.ras.fairness import AGE_GROUPS, UNKNOWN, Spread, round_fraction, spread
from portal.ras.model import Band, Config
from portal.ras.scoring import band_lines, calculate


@dataclass(frozen=True)
class FitCase:
    """One agreed plan, as the fit and the preview need it."""

    answers: Mapping[str, str]  # the answers the indicative budget was worked out from
    total_points: int
    family_percent: Fraction  # the percent family help took off
    indicative_pence: int
    agreed_pence: int
    age_group: str


def features(bands: Sequence[Band], case: FitCase) -> tuple[Fraction, ...]:
    """Points in each band, times the share left after family help."""
    share = (100 - case.family_percent) / 100
    points = [0] * len(bands)
    for index, line in enumerate(band_lines(tuple(bands), case.total_points)):
        points[index] = line.points
    return tuple(Fraction(p) * share for p in points)


def solve(matrix: list[list[Fraction]], vector: list[Fraction]) -> list[Fraction]:
    """Solve matrix x = vector exactly (Gauss-Jordan with fractions). ValueError when it is singular."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            raise ValueError("singular")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][size] for i in range(size)]


@dataclass(frozen=True)
class Fit:
    cases: int
    exact: tuple[Fraction | None, ...]  # the least-squares value for each band; None when not fitted
    pence_per_point: tuple[int, ...]  # rounded to the penny; a band not fitted keeps its present value
    present: tuple[int, ...]
    mean_gap_present: int | None  # the mean of |agreed - indicative| with the present table, in pence
    mean_gap_fitted: int | None  # the same with the fitted table (before the rounding of each budget)


def fit(bands: Sequence[Band], cases: Sequence[FitCase]) -> Fit:
    """Least squares with the band edges fixed, exactly."""
    present = tuple(b.pence_per_point for b in bands)
    rows = [features(bands, c) for c in cases]
    used = [b for b in range(len(bands)) if any(r[b] != 0 for r in rows)]
    exact: list[Fraction | None] = [None] * len(bands)
    if used:
        targets = []
        for r, c in zip(rows, cases, strict=True):
            fixed = sum((r[b] * present[b] for b in range(len(bands)) if b not in used), Fraction(0))
            targets.append(c.agreed_pence - fixed)
        normal = [[sum((r[i] * r[j] for r in rows), Fraction(0)) for j in used] for i in used]
        right = [sum((r[i] * t for r, t in zip(rows, targets, strict=True)), Fraction(0)) for i in used]
        try:
            for b, value in zip(used, solve(normal, right), strict=True):
                exact[b] = value
        except ValueError:
            pass
    fitted = tuple(round_fraction(v) if v is not None else present[b] for b, v in enumerate(exact))

    def mean_gap(values: Sequence[Fraction]) -> int | None:
        if not cases:
            return None
        total = sum(
            (abs(sum((x * p for x, p in zip(r, values, strict=True)), Fraction(0)) - c.agreed_pence))
            for r, c in zip(rows, cases, strict=True)
        )
        return round_fraction(Fraction(total) / len(cases))

    return Fit(
        cases=len(cases),
        exact=tuple(exact),
        pence_per_point=fitted,
        present=present,
        mean_gap_present=mean_gap([Fraction(p) for p in present]),
        mean_gap_fitted=mean_gap([v if v is not None else Fraction(present[b]) for b, v in enumerate(exact)]),
    )


def with_rates(config: Config, pence_per_point: Sequence[int]) -> Config:
    """The rules with the same band edges and new money per point (for the preview only)."""
    bands = tuple(replace(b, pence_per_point=p) for b, p in zip(config.bands, pence_per_point, strict=True))
    return replace(config, bands=bands, version=f"{config.version}-preview")


@dataclass(frozen=True)
class ChangeRow:
    group: str
    count: int
    gain: int
    lose: int
    same: int
    change: Spread  # new indicative - present indicative, in pence a week


@dataclass(frozen=True)
class Preview:
    everyone: ChangeRow
    by_age: tuple[ChangeRow, ...]


def _change_row(group: str, changes: Sequence[int]) -> ChangeRow:
    return ChangeRow(
        group=group,
        count=len(changes),
        gain=sum(1 for c in changes if c > 0),
        lose=sum(1 for c in changes if c < 0),
        same=sum(1 for c in changes if c == 0),
        change=spread(changes),
    )


def preview(config: Config, pence_per_point: Sequence[int], cases: Sequence[FitCase]) -> Preview:
    """Each person's indicative budget worked out again by the rules with the proposed table, against the
    one they had: who would gain, who would lose, and by how much."""
    proposed = with_rates(config, pence_per_point)
    by_age: dict[str, list[int]] = {group: [] for group, _first in AGE_GROUPS}
    every = []
    for case in cases:
        change = calculate(proposed, case.answers).weekly_pence - case.indicative_pence
        every.append(change)
        by_age.setdefault(case.age_group or UNKNOWN, []).append(change)
    return Preview(
        everyone=_change_row("all", every),
        by_age=tuple(_change_row(group, changes) for group, changes in by_age.items()),
    )

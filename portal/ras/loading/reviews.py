"""council.yaml, `reviews`: when a person's plan is looked at again (`portal.ras.reviews`)."""

from __future__ import annotations

from typing import Any

from portal.ras.loading.yaml_files import ContentFile
from portal.ras.reviews import ReviewRules

KEY = "reviews"


def review_rules(f: ContentFile, value: Any) -> ReviewRules:
    data = f.mapping(
        KEY, value, required=("first_after_weeks",), optional=("then_every_months", "then_every_weeks")
    )
    first = f.whole_number(
        f"{KEY}.first_after_weeks", data["first_after_weeks"], minimum=1, what="a whole number of weeks"
    )
    months, weeks = data.get("then_every_months"), data.get("then_every_weeks")
    if (months is None) == (weeks is None):
        f.fail(
            KEY,
            "needs then_every_months or then_every_weeks (how often reviews happen after the first), "
            "but not both",
        )
    if months is not None:
        months = f.whole_number(
            f"{KEY}.then_every_months", months, minimum=1, what="a whole number of months"
        )
        if months > 12:
            f.fail(
                f"{KEY}.then_every_months",
                f"must be 12 or less: a review is due at least once a year, not {months}",
            )
    if weeks is not None:
        weeks = f.whole_number(f"{KEY}.then_every_weeks", weeks, minimum=1, what="a whole number of weeks")
        if weeks > 52:
            f.fail(
                f"{KEY}.then_every_weeks",
                f"must be 52 or less: a review is due at least once a year, not {weeks}",
            )
    return ReviewRules(first_after_weeks=first, then_every_months=months, then_every_weeks=weeks)

"""A weekly amount of money, typed in pounds and kept in whole pence: read with `portal.ras.money`, with
messages a person can act on."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from portal.ras import money
from portal.store import approvals
from portal.store.models import Assessment

MAX_WEEKLY_PENCE = 100_000 * 100  # £100,000 a week: far above any real budget, and never a cap on one


def parse_pence(text: str) -> int:
    """'150', '£1,250.50' -> pence. ValueError with a message a person can act on."""
    try:
        return money.parse_pence(text, most=MAX_WEEKLY_PENCE)
    except money.EntryError as error:
        if error.reason == "zero":
            raise ValueError(_l("The amount must be more than £0")) from None
        if error.reason == "too_big":
            raise ValueError(_l("Check the amount. It must be a weekly amount, like 150")) from None
        raise ValueError(_l("Enter the amount in pounds, like 150 or 150.50")) from None


def pounds_text(pence: int | None) -> str:
    if pence is None:
        return ""
    return f"{pence // 100}" if pence % 100 == 0 else f"{pence // 100}.{pence % 100:02d}"


class Amount:
    """A weekly amount in pounds, typed as text."""

    pence: int | None = None

    def validate_amount(self, field):
        self.pence = None
        if not (field.data or "").strip():
            if self.amount_required():
                raise ValidationError(self.amount_missing)
            return
        try:
            self.pence = parse_pence(field.data)
        except ValueError as error:
            raise ValidationError(str(error.args[0])) from None

    def amount_required(self) -> bool:
        return False

    amount_missing = _l("Enter the amount")


def budget_in_force(assessment: Assessment) -> int:
    """The weekly budget a disagreement is about: the agreed (final) budget once the council has agreed a
    plan, otherwise the estimate the rules worked out."""
    agreed = approvals.agreed_budget(assessment.id)
    if agreed is not None:
        return agreed.weekly_pence
    assert assessment.calculation is not None
    return assessment.calculation.weekly_pence

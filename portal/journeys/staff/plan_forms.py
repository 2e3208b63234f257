"""The staff's forms for a sent support plan: return it with comments, approve it with the final weekly
budget, agree (or not) a plan outside the tolerance, and record the panel's outcome.

Each carries a one-time `send_token` (`pages.SendOnceForm`). Money is typed in pounds and kept in pence.
Whatever a form says, the rules (`portal.ras.plan.approval`) decide.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.forms import TextInput, choice_radios, text_box
from portal.journeys.disagree.amounts import Amount, pounds_text
from portal.journeys.pages import SendOnceForm
from portal.ras.plan import approval as rules

__all__ = ["pounds_text"]  # the approve form is filled in with the plan's weekly cost


class ReturnForm(SendOnceForm):
    """Comments on the whole plan and, in fields added for each item (`item_<key>`), on each item."""

    whole_plan = text_box(_l("Comment on the whole plan"))
    item_fields: tuple[tuple[str, str], ...] = ()  # (field name, item key)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.comments():
            self.whole_plan.errors = [str(_l("Write a comment on the plan or on one of its items"))]
            return False
        return valid

    def comments(self) -> tuple[tuple[str | None, str], ...]:
        found: list[tuple[str | None, str]] = []
        for name, key in self.item_fields:
            text = (self[name].data or "").strip()
            if text:
                found.append((key, text))
        if (self.whole_plan.data or "").strip():
            found.append((None, self.whole_plan.data.strip()))
        return tuple(found)


def return_form(items: list[tuple[str, str]], **kwargs: Any) -> ReturnForm:
    """The return form with a comment box for each item: (item key, item name)."""

    class Form(ReturnForm):
        pass

    names = []
    for number, (key, label) in enumerate(items, start=1):
        name = f"item_{number}"
        setattr(Form, name, text_box(_l("Comment on %(item)s", item=label)))
        names.append((name, key))
    Form.item_fields = tuple(names)
    return Form(**kwargs)


class ApproveForm(Amount, SendOnceForm):
    amount = StringField(
        _l("Final budget each week"),
        description=_l("For example, 150 or 150.50."),
        widget=TextInput(),
        validators=[Length(max=20)],
    )
    reason = text_box(
        _l("Why the final budget is different from the estimate"),
        description=_l("Write in plain words. The person sees this beside the estimate."),
    )
    amount_missing = _l("Enter the final budget each week")
    indicative_pence: int = 0

    def amount_required(self) -> bool:
        return True

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if (
            self.pence is not None
            and self.pence != self.indicative_pence
            and not (self.reason.data or "").strip()
        ):
            self.reason.errors = [str(_l("Write why the final budget is different from the estimate"))]
            return False
        return valid


TOLERANCE_CHOICES = (
    SelectChoice(rules.AGREE_EXCEPTION, _l("Yes, I agree the plan and the final budget")),
    SelectChoice(rules.REFUSE_EXCEPTION, _l("No, send it back to the care manager")),
)
PANEL_CHOICES = (
    SelectChoice(rules.PANEL_AGREE, _l("The panel agreed the plan and the final budget")),
    SelectChoice(rules.PANEL_REFUSE, _l("The panel did not agree: send it back to the care manager")),
)


class ToleranceForm(SendOnceForm):
    decision = choice_radios(
        _l("Do you agree this plan outside the tolerance?"), TOLERANCE_CHOICES, _l("Choose yes or no")
    )
    reason = text_box(
        _l("Your reason"),
        _l("Write your reason"),
        _l("Write in plain words. The person sees this on the plan's timeline."),
    )

    @property
    def move(self) -> str:
        return (
            self.decision.data
            if self.decision.data in (rules.AGREE_EXCEPTION, rules.REFUSE_EXCEPTION)
            else (rules.AGREE_EXCEPTION)
        )


class PanelForm(SendOnceForm):
    decision = choice_radios(
        _l("What did the panel decide?"), PANEL_CHOICES, _l("Choose what the panel decided")
    )
    reason = text_box(
        _l("The panel's reason"),
        _l("Write the panel's reason"),
        _l("Write in plain words. The person sees this on the plan's timeline."),
    )

    @property
    def move(self) -> str:
        return (
            self.decision.data
            if self.decision.data in (rules.PANEL_AGREE, rules.PANEL_REFUSE)
            else (rules.PANEL_AGREE)
        )

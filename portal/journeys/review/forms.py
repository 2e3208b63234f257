"""Forms of the review pages: asking for an early review, and recording a review done.

Each carries a one-time `send_token` (`pages.SendOnceForm`): sent twice, it is stored once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from portal.forms import CharacterCount, RadioInput
from portal.journeys.pages import SendOnceForm
from portal.ras import reviews as rules

TEXT_MAX = 5000


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _text(label, required, description):
    return TextAreaField(
        label,
        description=description,
        widget=CharacterCount(),
        filters=[_stripped],
        validators=[
            DataRequired(message=required),
            Length(max=TEXT_MAX, message=_l("This must be %(max)s characters or fewer", max=f"{TEXT_MAX:,}")),
        ],
    )


class AskForm(SendOnceForm):
    reason = _text(
        _l("What has changed?"),
        _l("Tell us what has changed"),
        _l("Say it in your own words. For example, my needs have changed, or my carer cannot help now."),
    )

    def about(self, name: str | None) -> AskForm:
        if name:
            self.reason.description = _l(
                "Say it in your own words. For example, %(name)s needs more help now.", name=name
            )
        return self


def outcome_choices() -> list[SelectChoice]:
    return [
        SelectChoice(rules.NO_CHANGE, _l("Nothing needs to change")),
        SelectChoice(rules.REASSESS, _l("The person needs to answer the questions again (a reassessment)")),
    ]


class RecordForm(SendOnceForm):
    outcome = RadioField(
        _l("What did the review find?"),
        choices=outcome_choices(),
        widget=RadioInput(),
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Choose what the review found")),
            AnyOf(rules.OUTCOMES, message=_l("Choose what the review found")),
        ],
    )
    notes = _text(
        _l("Notes of the review"),
        _l("Write what you and the person talked about"),
        _l("Write in plain words. The person can ask to see this."),
    )

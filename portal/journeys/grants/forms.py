"""Forms for acting for someone: inviting a helper (with the day their access ends, if any), using an
invitation code, ending a grant; and the staff's forms to confirm, query or end a helper's grant."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, StopValidation

from portal.forms import DateField, Form, RadioInput, TextInput, text_box
from portal.journeys.pages import SendOnceForm
from portal.store.models import FILL_IN, SEE, SEND

LONGEST_END = timedelta(days=366 * 10)  # an end date at most about 10 years ahead

SCOPE_CHOICES = (
    SelectChoice(SEE, _l("See my information")),
    SelectChoice(FILL_IN, _l("See, fill in and change my forms and plan")),
    SelectChoice(SEND, _l("All of that, and send forms and disagree with a decision for me")),
)


def scope_label(scope: str) -> str:
    labels = {
        SEE: _l("see the information"),
        FILL_IN: _l("see, fill in and change forms and plans"),
        SEND: _l("see, fill in, change, send and disagree"),
    }
    return str(labels.get(scope, scope))


class InviteForm(Form):
    helper_name = StringField(
        _l("What is the name of the person you want to help you?"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter the name of the person you want to help you")),
            Length(max=100, message=_l("The name must be 100 characters or fewer")),
        ],
    )
    relationship = StringField(
        _l("How do you know them?"),
        description=_l(
            "For example, daughter, friend or advocate. "
            "An advocate is someone who helps you say what you want."
        ),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Tell us how you know them")),
            Length(max=100, message=_l("This must be 100 characters or fewer")),
        ],
    )
    scope = RadioField(
        _l("What can they do?"),
        choices=list(SCOPE_CHOICES),
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose what they can do"))],
    )
    end_date = DateField(
        _l("When does their access end? (optional)"),
        description=_l(
            "Give the last day they can help you. Leave this empty if they can help until you end it. "
            "For example, 3 3 2027"
        ),
    )

    def validate(self, extra_validators: Any = None) -> bool:
        """The end date is optional: three empty boxes mean no end date."""
        valid = super().validate(extra_validators)
        if not any(self.end_date.parts.values()):
            self.end_date.errors = []
            self.end_date.data = None
            return not any(field.errors for field in self)
        return valid

    def check_end_date(self, today: date) -> bool:
        """The last day must be after today, and within about 10 years. False, with the error, if not."""
        if self.end_date.data is None:
            return True
        if self.end_date.data <= today:
            self.end_date.errors = [str(_l("The last day must be in the future"))]
        elif self.end_date.data > today + LONGEST_END:
            self.end_date.errors = [str(_l("The last day must be within 10 years"))]
        if self.end_date.errors:
            self.end_date.error_part = "day"
            return False
        return True


class CodeForm(Form):
    code = StringField(
        _l("Invitation code"),
        description=_l("It has 12 letters and numbers. For example, ABCD-EFGH-JKMN."),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter the invitation code")),
            Length(max=40, message=_l("Enter the invitation code exactly as it was given to you")),
        ],
    )


class EndForm(Form):
    """Only the button: the confirmation is the page itself."""


# --- the staff's forms about a helper's grant -------------------------------------------------------


class _CouncilForm(SendOnceForm):
    """One required box of text; only spaces count as empty."""

    empty_message: Any = None

    def validate_note(self, field: Any) -> None:
        if not (field.data or "").strip():
            raise StopValidation(str(self.empty_message))


class CouncilConfirmForm(_CouncilForm):
    empty_message = _l("Write what you checked")
    note = text_box(
        _l("What did you check?"),
        empty_message,
        description=_l("For example, you saw the Lasting Power of Attorney and its reference number."),
    )


class CouncilConcernForm(_CouncilForm):
    empty_message = _l("Write what the concern is")
    note = text_box(
        _l("What is the concern?"),
        empty_message,
        description=_l("The person and their helper can read this."),
    )


class CouncilEndForm(_CouncilForm):
    empty_message = _l("Write why you are ending their access")
    note = text_box(
        _l("Why are you ending their access?"),
        empty_message,
        description=_l(
            "We send a message to the person and their helper. They can read this when they sign in."
        ),
    )

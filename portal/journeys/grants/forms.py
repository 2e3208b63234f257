"""Forms for acting for someone: inviting a helper, using an invitation code, ending a grant."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from portal.forms import Form, RadioInput, TextInput
from portal.store.models import FILL_IN, SEE, SEND

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

"""Forms for the assessment. One generic form class is built for any question in `content/`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from portal.forms import CharacterCount, CheckboxInput, Form, RadioInput, TextInput
from portal.journeys.assessment.answer_fields import answer_field
from portal.ras import Question

MORE_MAX = 2000
AUTHORITY_CHOICES = (
    SelectChoice("asked_by_person", _l("They asked me to")),
    SelectChoice("lasting_power_of_attorney", _l("I have a Lasting Power of Attorney for health and care")),
    SelectChoice("deputy", _l("A court made me their deputy")),
    SelectChoice("advocate", _l("I am their independent advocate")),
)


# How pages talk about the person to someone who helps them. "not_given" is stored as None (read as "they").
NOT_GIVEN = "not_given"
PRONOUN_CHOICES = (
    SelectChoice("he", _l("He, him, his")),
    SelectChoice("she", _l("She, her, hers")),
    SelectChoice("they", _l("They, them, their")),
    SelectChoice(NOT_GIVEN, _l("Not given")),
)


def pronouns_field(label, description, required: bool) -> RadioField:
    """The radios for how pages talk about a person: he, she, they or not given."""
    validators = [InputRequired(message=_l("Choose which words we should use"))] if required else [Optional()]
    return RadioField(
        label,
        description=description,
        choices=list(PRONOUN_CHOICES),
        widget=RadioInput(),
        validators=validators,
    )


def stored_pronouns(value: str | None) -> str | None:
    """What a choice of the pronouns radios is kept as: he, she or they; None when not given."""
    return value if value in ("he", "she", "they") else None


def authority_label(basis: str) -> str:
    return str(next((c.label for c in AUTHORITY_CHOICES if c.value == basis), basis))


class ForWhomForm(Form):
    for_whom = RadioField(
        _l("Who are you filling in this form for?"),
        choices=[SelectChoice("myself", _l("Myself")), SelectChoice("someone_else", _l("Someone else"))],
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose if this form is for you or for someone else"))],
    )


class SomeoneElseForm(Form):
    person_name = StringField(
        _l("What is their name?"),
        description=_l("We will use this name on the questions."),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter their name")),
            Length(max=100, message=_l("The name must be 100 characters or fewer")),
        ],
    )
    relationship = StringField(
        _l("How do you know them?"),
        description=_l("For example, daughter, friend or advocate."),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Tell us how you know them")),
            Length(max=100, message=_l("This must be 100 characters or fewer")),
        ],
    )
    basis = RadioField(
        _l("What gives you the right to fill this in for them?"),
        choices=list(AUTHORITY_CHOICES),
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose what gives you the right to fill this in"))],
    )
    basis_reference = StringField(
        _l("Reference (optional)"),
        description=_l(
            "The reference on the Lasting Power of Attorney, the number of the court order, "
            "or the name of the advocacy organisation."
        ),
        widget=TextInput(),
        validators=[Optional(), Length(max=200, message=_l("This must be 200 characters or fewer"))],
    )
    pronouns = pronouns_field(
        _l("How should we talk about them? (optional)"),
        _l("We use this on the pages you read about them. For example: he needs help with his meals."),
        required=False,
    )


class PronounsForm(Form):
    pronouns = pronouns_field(
        _l("How should we talk about you to people who help you?"),
        _l(
            "Someone who helps you reads about you on this service. "
            "For example: she needs help with her meals. Choose the words we should use."
        ),
        required=True,
    )


class DeclarationForm(Form):
    confirm = BooleanField(
        _l("I confirm the answers are true, as far as I know."),
        widget=CheckboxInput(),
        validators=[InputRequired(message=_l("Tick the box to say the answers are true"))],
    )


class DeleteForm(Form):
    delete = RadioField(
        _l("Are you sure you want to delete this form?"),
        choices=[SelectChoice("yes", _l("Yes, delete it")), SelectChoice("no", _l("No, keep it"))],
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose if you want to delete the form"))],
    )


class _QuestionForm(Form):
    more_max = MORE_MAX  # shown on the page as a hint, before anyone goes over it
    more = TextAreaField(
        _l("Tell us more (optional)"),
        widget=CharacterCount(),
        validators=[
            Optional(),
            Length(
                max=MORE_MAX,
                message=_l("Tell us more must be %(max)s characters or fewer", max=f"{MORE_MAX:,}"),
            ),
        ],
    )


def question_form(question: Question, required_message: str, formdata=None, data=None) -> Form:
    """A form whose answer field is named by the question id, as councils and tests rely on. The field is
    the one its answer type asks for (see `answer_fields`)."""
    field = answer_field(question).field(question, required_message)
    form_class = type(f"QuestionForm_{question.id}", (_QuestionForm,), {question.id: field})
    if formdata is None:
        return form_class(data=data or {})
    return form_class(formdata=formdata)

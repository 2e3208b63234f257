"""Each answer type on the web: its WTForms field and widget, its error messages, and how its answer is
shown on the check page. The rules of each type are in `portal.ras.answers`; this module words them.

A question page includes `assessment/answers/<template>.html` for its field, so a new question of a
known kind needs content only: no view and no template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms.fields import Field, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, StopValidation

from portal.clock import today as portal_today
from portal.forms import DateField, RadioInput, TextInput
from portal.i18n import gettext as _
from portal.i18n import long_date, number
from portal.journeys.assessment.question_words import option_words
from portal.ras import Question
from portal.ras import answers as kinds

TextKey = Callable[[str], str]


def _check_with(
    answer: kinds.AnswerType, question: Question, required: str, messages: Callable[[str], str]
) -> Callable[[Any, Field], None]:
    """A WTForms validator that asks the answer type and words its reason."""

    def validate(form: Any, field: Field) -> None:
        checked = answer.check_or_empty(
            field.data, question.option_ids, today=portal_today(), optional=question.optional
        )
        if not checked.ok:
            raise StopValidation(
                required
                if checked.reason in (kinds.MISSING, kinds.NOT_AN_OPTION)
                else messages(checked.reason or "")
            )
        field.data = checked.value

    return validate


class AnswerField:
    """How one kind of answer is asked and shown on the web."""

    answer: ClassVar[kinds.AnswerType]
    template: ClassVar[str]  # assessment/answers/<template>.html draws the field

    def field(self, question: Question, required: str) -> Field:
        raise NotImplementedError

    def stored(self, field: Field) -> str:
        """The text to store for a field that has passed its checks."""
        return field.data

    def shown(
        self,
        question: Question,
        value: str,
        name: str | None,
        text_key: TextKey = str,
        answers: Mapping[str, str] | None = None,
    ) -> str:
        """A stored answer as the check page shows it. `text_key` turns a text key into its
        questionnaire's (`Questionnaire.text_key`); `answers` are the answers given, for words that name
        one of them (`uses_answer`)."""
        return value

    def message(self, reason: str) -> str:
        """The words for a reason the answer type gives, other than a missing answer."""
        raise NotImplementedError(reason)


class ChoiceField(AnswerField):
    answer = kinds.ANSWER_TYPES[kinds.Choice.kind]
    template = "choice"

    def field(self, question: Question, required: str) -> Field:
        return RadioField(
            choices=[SelectChoice(option_id, option_id) for option_id in question.option_ids],
            widget=RadioInput(),
            validate_choice=False,
            validators=[
                InputRequired(message=required),
                _check_with(self.answer, question, required, self.message),
            ],
        )

    def shown(
        self,
        question: Question,
        value: str,
        name: str | None,
        text_key: TextKey = str,
        answers: Mapping[str, str] | None = None,
    ) -> str:
        return option_words(text_key(f"options.{question.id}.{value}.label"), question, name, answers or {})


class AnswerDateField(DateField):
    """Three boxes, checked by the answer type: the error says which box, as the GOV.UK pattern does."""

    def __init__(
        self,
        answer: kinds.Date,
        messages: Callable[[str], str],
        autocomplete: bool,
        required: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(messages={"required": required}, **kwargs)
        self.answer = answer
        self.reason_message = messages
        self.autocomplete = autocomplete  # a birthday's boxes may be filled in by the browser

    def items(self, name: str | None) -> list[dict[str, Any]]:
        """The three boxes for govukDateInput: the box an error is about, and any left empty, marked. A
        birthday's boxes say what they are to the browser, on the person's own form only."""
        widths = {kinds.DAY: 2, kinds.MONTH: 2, kinds.YEAR: 4}
        labels = {kinds.DAY: _("Day"), kinds.MONTH: _("Month"), kinds.YEAR: _("Year")}
        boxes = []
        for part in kinds.PARTS:
            bad = bool(self.errors) and (self.error_part == part or not self.parts[part])
            box = {
                "name": part,
                "label": labels[part],
                "value": self.parts[part],
                "classes": f"govuk-input--width-{widths[part]}" + (" govuk-input--error" if bad else ""),
            }
            if self.autocomplete:
                box["autocomplete"] = "off" if name else f"bday-{part}"
            boxes.append(box)
        return boxes

    def pre_validate(self, form: Any) -> None:
        checked = self.answer.check_parts(
            self.parts[kinds.DAY], self.parts[kinds.MONTH], self.parts[kinds.YEAR], today=portal_today()
        )
        if not checked.ok:
            self.error_part = checked.part
            if checked.reason == kinds.MISSING:
                raise StopValidation(self.messages["required"])
            if checked.reason == kinds.PART_MISSING:
                names = {kinds.DAY: _l("a day"), kinds.MONTH: _l("a month"), kinds.YEAR: _l("a year")}
                raise StopValidation(
                    _("The date must include %(part)s", part=names[checked.part or kinds.DAY])
                )
            raise StopValidation(self.reason_message(checked.reason or ""))
        self.data = date.fromisoformat(checked.value or "")


class DateAnswerField(AnswerField):
    answer: ClassVar[kinds.Date] = kinds.Date()
    template = "date"
    autocomplete = False

    def field(self, question: Question, required: str) -> Field:
        return AnswerDateField(self.answer, self.message, self.autocomplete, required)

    def stored(self, field: Field) -> str:
        return field.iso()

    def shown(
        self,
        question: Question,
        value: str,
        name: str | None,
        text_key: TextKey = str,
        answers: Mapping[str, str] | None = None,
    ) -> str:
        return long_date(value)

    def message(self, reason: str) -> str:
        if reason == kinds.NOT_NUMBERS:
            return _("Use numbers for the date, like 27 3 1960")
        if reason == kinds.YEAR_NOT_FOUR_DIGITS:
            return _("The year must have 4 numbers, like 1960")
        return self.not_real()

    def not_real(self) -> str:
        return _("The date must be a real date")


class DateOfBirthField(DateAnswerField):
    answer: ClassVar[kinds.Date] = kinds.DateOfBirth()
    autocomplete = True

    def not_real(self) -> str:
        return _("Enter a real date")

    def message(self, reason: str) -> str:
        if reason == kinds.NOT_IN_PAST:
            return _("The date of birth must be in the past")
        if reason == kinds.TOO_LONG_AGO:
            return _(
                "Check the year. It must be after %(year)s",
                year=kinds.DateOfBirth().earliest_year(portal_today()),
            )
        return super().message(reason)


class NumberField(AnswerField):
    answer = kinds.ANSWER_TYPES[kinds.Number.kind]
    template = "number"

    def field(self, question: Question, required: str) -> Field:
        return StringField(
            widget=TextInput(),
            validators=[
                InputRequired(message=required),
                _check_with(self.answer, question, required, self.message),
            ],
        )

    def shown(
        self,
        question: Question,
        value: str,
        name: str | None,
        text_key: TextKey = str,
        answers: Mapping[str, str] | None = None,
    ) -> str:
        return number(int(value))

    def message(self, reason: str) -> str:
        if reason == kinds.TOO_SMALL:
            return _("The number must be %(lowest)s or more", lowest=number(kinds.Number.LOWEST))
        if reason == kinds.TOO_BIG:
            return _("The number must be %(highest)s or less", highest=number(kinds.Number.HIGHEST))
        return _("Enter a whole number, like 2")


class TextAnswerField(AnswerField):
    answer = kinds.ANSWER_TYPES[kinds.Text.kind]
    template = "text"

    def field(self, question: Question, required: str) -> Field:
        # An optional question may be sent empty: the answer type keeps it as left empty.
        present = [] if question.optional else [InputRequired(message=required)]
        return StringField(
            widget=TextInput(),
            validators=[*present, _check_with(self.answer, question, required, self.message)],
        )

    def shown(
        self,
        question: Question,
        value: str,
        name: str | None,
        text_key: TextKey = str,
        answers: Mapping[str, str] | None = None,
    ) -> str:
        return value if value != kinds.LEFT_EMPTY else _("Not given")

    def message(self, reason: str) -> str:
        return _("Your answer must be %(max)s characters or fewer", max=number(kinds.Text.MAX_LENGTH))


FIELDS: dict[str, AnswerField] = {
    kinds.Choice.kind: ChoiceField(),
    kinds.Date.kind: DateAnswerField(),
    kinds.DateOfBirth.kind: DateOfBirthField(),
    kinds.Number.kind: NumberField(),
    kinds.Text.kind: TextAnswerField(),
}
assert set(FIELDS) == set(kinds.KINDS), "every answer type needs its web field"


def answer_field(question: Question) -> AnswerField:
    return FIELDS[question.kind]

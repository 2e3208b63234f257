"""Forms for the disagreement route, for the person and for staff.

Each form carries a one-time `send_token` (`pages.SendOnceForm`), made when the page is shown. Sending
the same form twice (a double click, the back button, a retry) stores it once. Money is typed in pounds
and kept in pence. `values()` gives what a form says, as the move that stores it takes it.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields import BooleanField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from portal.forms import CheckboxInput, DateField, TextInput, choice_radios, text_box
from portal.i18n import gettext as _
from portal.journeys.disagree import words
from portal.journeys.disagree.amounts import Amount, pounds_text
from portal.journeys.pages import SendOnceForm, new_token
from portal.ras import disagreement as rules

__all__ = ["new_token", "pounds_text"]  # new_token: made when a form is shown; tests make their own

SHORT_MAX = 200


TALK_CHOICES = tuple(SelectChoice(value, label) for value, label in words.TALK_CHOICE.items())
CONTACT_CHOICES = tuple(SelectChoice(value, label) for value, label in words.CONTACT_CHOICE.items())
THROUGH_SOMEONE = (words.BY_CARER, words.BY_ADVOCATE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PHONE = re.compile(r"^\+?[\d\s().-]+$")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def is_phone_number(text: str) -> bool:
    """A UK or international number: digits, spaces, brackets and dashes, 10 to 15 digits."""
    return bool(PHONE.match(text)) and 10 <= sum(c.isdigit() for c in text) <= 15


class RaiseForm(Amount, SendOnceForm):
    reason = text_box(
        _l("Why do you think the budget is not right?"),
        _l("Tell us why you think the budget is not right"),
        _l("Say it in your own words. Tell us what help you need that the budget does not pay for."),
    )
    amount = StringField(
        _l("How much money do you think you need each week? (optional)"),
        description=_l("For example, 150 or 150.50. Leave this empty if you do not know."),
        widget=TextInput(),
        validators=[Length(max=20)],
    )
    talk = choice_radios(
        _l("Would you like to meet or talk on the phone?"),
        TALK_CHOICES,
        _l("Choose if you would like to talk"),
    )
    contact_by = choice_radios(
        _l("How should we get in touch?"), CONTACT_CHOICES, _l("Choose how we should get in touch")
    )
    contact_name = StringField(
        _l("Their name"),
        description=_l("Only if we should get in touch through someone."),
        widget=TextInput(),
        validators=[Length(max=SHORT_MAX)],
    )
    contact_details = StringField(
        _l("Phone number, email or address"),
        description=_l("Where we should get in touch."),
        widget=TextInput(),
        validators=[Length(max=SHORT_MAX)],
    )

    def validate_contact_name(self, field):
        if self.contact_by.data in THROUGH_SOMEONE and not (field.data or "").strip():
            raise ValidationError(_l("Enter the name of the person we should get in touch with"))

    def validate_contact_details(self, field):
        """What is given must fit the way chosen: an email address for email, a phone number for phone,
        an address with a postcode for a letter. Through someone, any of them."""
        value = (field.data or "").strip()
        by = self.contact_by.data
        if by == words.BY_EMAIL:
            if not value:
                raise ValidationError(_l("Enter the email address we should use"))
            if not EMAIL.match(value):
                raise ValidationError(
                    _l("Enter an email address in the correct format, like name@example.com")
                )
        elif by == words.BY_PHONE:
            if not value:
                raise ValidationError(_l("Enter the phone number we should use"))
            if not is_phone_number(value):
                raise ValidationError(_l("Enter a phone number, like 01632 960 001 or 07700 900 982"))
        elif by == words.BY_LETTER:
            if not value:
                raise ValidationError(_l("Enter the address we should post letters to"))
            if not POSTCODE.search(value):
                raise ValidationError(
                    _l("Enter the address with its postcode, like 1 High Street, Exampletown, EX1 2AB")
                )
        elif by and not value:
            raise ValidationError(_l("Enter a phone number, email or address for us to use"))

    def about(self, name: str | None) -> RaiseForm:
        """When someone fills this in for the person: ask about that person, by name. The one filling it
        in is not asked "through my carer": they give their own details, or the person's advocate's."""
        if not name:
            return self
        self.reason.description = _(
            "Say it in your own words. Tell us what help %(name)s needs that the budget does not pay for.",
            name=name,
        )
        self.amount.label.text = _(
            "How much money do you think %(name)s needs each week? (optional)", name=name
        )
        choices = [
            SelectChoice(choice.value, _("Through %(name)s's advocate", name=name))
            if choice.value == words.BY_ADVOCATE
            else choice
            for choice in CONTACT_CHOICES
            if choice.value != words.BY_CARER
        ]
        message = _("Choose how we should get in touch")
        self.contact_by.choices = choices
        self.contact_by.validators = [
            InputRequired(message=message),
            AnyOf([choice.value for choice in choices], message=message),
        ]
        return self

    def contact(self) -> dict[str, str | None]:
        return {
            "contact_by": self.contact_by.data,
            "contact_name": (self.contact_name.data or "").strip() or None,
            "contact_details": (self.contact_details.data or "").strip(),
        }

    def values(self) -> dict[str, Any]:
        return {
            "reason": self.reason.data.strip(),
            "weekly_pence": self.pence,
            "talk": self.talk.data,
            "contact": self.contact(),
        }


class MoreForm(SendOnceForm):
    text = text_box(
        _l("What do you want to add?"),
        _l("Enter what you want to add"),
        _l("It is added to your messages. What you sent before stays as it is."),
    )

    def values(self) -> dict[str, Any]:
        return {"text": self.text.data.strip()}


class AdvocateForm(SendOnceForm):
    note = text_box(
        _l("Is there anything the advocate should know? (optional)"),
        None,
        _l("For example, the best time to call you."),
    )

    def values(self) -> dict[str, Any]:
        return {"text": (self.note.data or "").strip() or None}


class EscalateForm(Amount, SendOnceForm):
    reason = text_box(
        _l("Why do you want a team manager to look again?"),
        _l("Tell us why you want a team manager to look again"),
        _l("Say it in your own words."),
    )
    amount = StringField(
        _l("How much money do you think you need each week? (optional)"),
        description=_l("For example, 150 or 150.50. Leave this empty if you do not know."),
        widget=TextInput(),
        validators=[Length(max=20)],
    )

    def about(self, name: str | None) -> EscalateForm:
        if name:
            self.amount.label.text = _(
                "How much money do you think %(name)s needs each week? (optional)", name=name
            )
        return self

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.data.strip(), "weekly_pence": self.pence}


class ComplaintForm(SendOnceForm):
    complaint = text_box(
        _l("What is your complaint?"),
        _l("Tell us what your complaint is"),
        _l("Say what went wrong, in your own words."),
    )
    put_right = text_box(
        _l("What would put it right?"),
        _l("Tell us what would put it right"),
        _l("For example, the amount you need each week."),
    )

    def values(self) -> dict[str, Any]:
        return {"complaint": self.complaint.data.strip(), "put_right": self.put_right.data.strip()}


class CloseForm(SendOnceForm):
    confirm = BooleanField(
        _l("I am happy now. Close my disagreement."),
        widget=CheckboxInput(),
        validators=[InputRequired(message=_l("Tick the box to close your disagreement"))],
    )
    note = text_box(_l("Anything you want to tell us? (optional)"))

    def about(self, name: str | None) -> CloseForm:
        """When someone fills this in for the person: the disagreement is about that person's budget."""
        if name:
            self.confirm.label.text = _(
                "I am happy now. Close the disagreement about %(name)s's budget.", name=name
            )
        return self

    def values(self) -> dict[str, Any]:
        return {"text": (self.note.data or "").strip() or None}


# --- staff --------------------------------------------------------------------

DECISION_CHOICES = tuple(SelectChoice(move, words.DECISION_CHOICE[move]) for move in rules.STAFF_ANSWERS)
OUTCOME_CHOICES = tuple(
    SelectChoice(outcome, words.OUTCOME_CHOICE[outcome]) for outcome in rules.COMPLAINT_OUTCOMES
)


class AnswerForm(Amount, SendOnceForm):
    decision = choice_radios(_l("What is your answer?"), DECISION_CHOICES, _l("Choose your answer"))
    amount = StringField(
        _l("New amount each week"),
        description=_l("Only when you agree a new amount. For example, 150 or 150.50."),
        widget=TextInput(),
        validators=[Length(max=20)],
    )
    meeting_date = DateField(
        _l("Date of the meeting or call"),
        description=_l("Only when you arrange a meeting. For example, 14 1 2027."),
        messages={"required": _l("Enter the date of the meeting")},
    )
    meeting_details = StringField(
        _l("Time and place, or the number you will call"),
        description=_l("Only when you arrange a meeting."),
        widget=TextInput(),
        validators=[Length(max=SHORT_MAX)],
    )
    message = text_box(
        _l("Your answer to the person"),
        _l("Write your answer to the person"),
        _l("Write in plain words. Say why. The person sees this on their timeline."),
    )
    amount_missing = _l("Enter the new amount each week")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def amount_required(self) -> bool:
        return self.decision.data == rules.AGREE_NEW_AMOUNT

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        meeting = self.decision.data == rules.ARRANGE_MEETING
        if not meeting:
            # The date boxes are only for a meeting; when they are not used, their errors do not count.
            self.meeting_date.errors = []
            valid = not any(field.errors for field in self)
        else:
            if self.meeting_date.data and self.today and self.meeting_date.data < self.today:
                self.meeting_date.errors = [str(_l("The meeting date must be today or later"))]
                self.meeting_date.error_part = "day"
                valid = False
            if not (self.meeting_details.data or "").strip():
                self.meeting_details.errors = [str(_l("Enter the time and place of the meeting"))]
                valid = False
        return valid

    def meeting(self) -> dict[str, str] | None:
        if self.decision.data != rules.ARRANGE_MEETING:
            return None
        return {"meeting_on": self.meeting_date.iso(), "meeting_details": self.meeting_details.data.strip()}

    @property
    def move(self) -> str:
        """The move this answer makes. Until one is chosen, the rules are asked about keeping the amount:
        any answer is open or closed together."""
        return self.decision.data if self.decision.data in rules.STAFF_ANSWERS else rules.KEEP_AMOUNT

    def values(self) -> dict[str, Any]:
        return {
            "move": self.decision.data,
            "text": self.message.data.strip(),
            "weekly_pence": self.pence,
            "meeting": self.meeting(),
        }


class AcknowledgeForm(SendOnceForm):
    message = text_box(
        _l("Your message to the person"),
        _l("Write your message to the person"),
        _l("Say that we have the complaint, who is looking at it, and when we will answer."),
    )

    def values(self) -> dict[str, Any]:
        return {"text": self.message.data.strip()}


class LetterPostedForm(SendOnceForm):
    """Staff say they have posted a letter. Nothing to fill in."""

    def values(self) -> dict[str, Any]:
        return {}


class ComplaintAnswerForm(SendOnceForm):
    outcome = choice_radios(
        _l("What is the council's final answer?"), OUTCOME_CHOICES, _l("Choose the final answer")
    )
    message = text_box(
        _l("Your answer to the person"),
        _l("Write your answer to the person"),
        _l("Write in plain words. Say what we found and what we will do."),
    )

    def values(self) -> dict[str, Any]:
        return {"outcome": self.outcome.data, "text": self.message.data.strip()}

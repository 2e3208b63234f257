"""GOV.UK widgets for WTForms, with the hidden "Error:" prefix translated and no empty hints,
and a date field that posts `<name>-day`, `<name>-month` and `<name>-year` as the GOV.UK pattern does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from babel import support
from flask import current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf import wtforms_widgets as gov
from markupsafe import Markup
from wtforms.fields import Field, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path
from wtforms.validators import AnyOf, InputRequired, Length, Optional, StopValidation

from portal.i18n import gettext as _


@lru_cache(maxsize=32)
def _wtforms_messages(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Form(FlaskForm):
    """Every portal form. As FlaskForm, but WTForms' own messages come from a catalogue read once per
    language: Flask-WTF reads and parses WTForms' .mo file again on every request that makes a form,
    which was about a twentieth of a question page's time."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            wrapped = super().wrap_formdata(form, formdata)
            if wrapped is None and request.method == "GET":
                # What the person typed before their session ended, shown again after they sign in.
                from portal.access import restored_formdata

                return restored_formdata(form)
            return wrapped

        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_messages(str(get_locale() or "en"))


class _Translated:
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        if not field.description and not (kwargs.get("params") or {}).get("hint"):
            params["hint"] = None
        return params

    def render(self, params: dict[str, Any]) -> Markup:
        """The GOV.UK macro's HTML for these parameters, made once and kept (`templating.RenderedOnce`):
        a question's radios are the same for everyone who sees that question in that language with that answer
        picked. A box or field holding what someone typed is made each time: it is theirs, and never kept."""
        from portal.templating import rendered_template_once

        if params.get("value"):
            return super().render(params)  # type: ignore[misc]
        return rendered_template_once(self.template, params)  # type: ignore[attr-defined]


class RadioInput(_Translated, gov.GovRadioInput):
    pass


class CheckboxInput(_Translated, gov.GovCheckboxInput):
    pass


class TextInput(_Translated, gov.GovTextInput):
    pass


class TextArea(_Translated, gov.GovTextArea):
    pass


class CharacterCount(_Translated, gov.GovCharacterCount):
    pass


class SubmitInput(gov.GovSubmitInput):
    pass


TEXT_MAX = 5000  # the most characters a box of text takes, unless it says otherwise


def text_box(
    label: Any, required_message: Any = None, description: Any = None, max_length: int = TEXT_MAX
) -> TextAreaField:
    """A box of text with a character count and a length limit: required, with `required_message` when it
    is empty, or optional when there is no message (a comment, a note)."""
    validators: list[Any] = (
        [Optional()] if required_message is None else [InputRequired(message=required_message)]
    )
    validators.append(
        Length(max=max_length, message=_l("This must be %(max)s characters or fewer", max=f"{max_length:,}"))
    )
    return TextAreaField(label, description=description, widget=CharacterCount(), validators=validators)


def choice_radios(label: Any, choices: Sequence[SelectChoice], message: Any) -> RadioField:
    """Radios that refuse a crafted value with the same clear message as a missing one."""
    values = [choice.value for choice in choices]
    return RadioField(
        label,
        choices=list(choices),
        widget=RadioInput(),
        validate_choice=False,
        validators=[InputRequired(message=message), AnyOf(values, message=message)],
    )


class DateField(Field):
    """Three boxes, day, month and year. `data` is a `date`; `parts` keeps what was typed.

    Error messages follow the GOV.UK date input pattern, and `error_part` says which box to
    highlight and link to from the error summary.
    """

    def __init__(self, label=None, validators=None, messages=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.messages = messages or {}
        self.parts = {"day": "", "month": "", "year": ""}
        self.error_part: str | None = None

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = data if isinstance(data, date) else None
        if isinstance(data, str) and data:
            self.data = date.fromisoformat(data)
        if self.data:
            self.parts = {
                "day": str(self.data.day),
                "month": str(self.data.month),
                "year": str(self.data.year),
            }
        if formdata is not None:
            self.parts = {part: (formdata.get(f"{self.name}-{part}") or "").strip() for part in self.parts}
            self.raw_data = list(self.parts.values())
            self.data = None

    def pre_validate(self, form):
        day, month, year = (self.parts[p] for p in ("day", "month", "year"))
        missing = [p for p in ("day", "month", "year") if not self.parts[p]]
        if len(missing) == 3:
            self.error_part = "day"
            raise StopValidation(self.messages.get("required") or _("Enter a date"))
        if missing:
            self.error_part = missing[0]
            names = {"day": _l("a day"), "month": _l("a month"), "year": _l("a year")}
            raise StopValidation(_("The date must include %(part)s", part=names[missing[0]]))
        # Digits of any script count (২৭ is 27), as int() reads them; "²" looks like a digit but is not one.
        if not (day.isdecimal() and month.isdecimal() and year.isdecimal()):
            self.error_part = "day" if not day.isdecimal() else ("month" if not month.isdecimal() else "year")
            raise StopValidation(_("Use numbers for the date, like 27 3 1960"))
        if len(year) != 4:
            self.error_part = "year"
            raise StopValidation(_("The year must have 4 numbers, like 1960"))
        try:
            self.data = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day or month of 10 or more digits overflows
            self.error_part = "day"
            raise StopValidation(_("Enter a real date")) from None

    def iso(self) -> str | None:
        return self.data.isoformat() if self.data else None


def error_summary(form) -> dict:
    """Params for govukErrorSummary: one link per error, to the box that needs fixing."""
    errors = []
    for field in form:
        if not field.errors:
            continue
        target = field.id
        if isinstance(field, DateField):
            target = f"{field.name}-{field.error_part or 'day'}"
        elif field.type == "HiddenField":
            target = "main-content"  # nothing to fix in a hidden field: the message says what to do
        errors.append({"text": field.errors[0], "href": f"#{target}"})
    return {"titleText": _("There is a problem"), "errorList": errors}

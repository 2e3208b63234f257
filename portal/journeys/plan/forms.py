"""Forms for the support plan. The item form is built for the price list item being added, so it asks
only what that item needs: how many (or what it is and what it costs), how often, which needs, who
gives it and how the money is looked after. A form that adds an item is sent once (`SendOnceForm`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf import wtforms_widgets as gov
from wtforms.fields import BooleanField, RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, StopValidation

from portal.content import config
from portal.forms import CheckboxInput, RadioInput, TextInput, _Translated
from portal.i18n import content_text, money, number
from portal.i18n import gettext as _
from portal.journeys.pages import SendOnceForm
from portal.ras import PriceItem, PriceList
from portal.ras.model import MANAGEMENT_WAYS
from portal.ras.money import EntryError, parse_pence
from portal.ras.plan import parse_quantity

DESCRIPTION_MAX = 200
PROVIDER_MAX = 100

FREQUENCY_LABELS = {
    "per_week": _l("Each week"),
    "per_month": _l("Each month"),
    "per_year": _l("Each year"),
    "one_off": _l("Once only"),
}


class CheckboxesInput(_Translated, gov.GovCheckboxesInput):
    pass


class ChooseHelpForm(FlaskForm):
    """What help do you want to add? One of the price list's items, or something else."""

    help = RadioField(widget=RadioInput(), validate_choice=False)


def choose_help_form(prices: PriceList, formdata=None, data=None) -> ChooseHelpForm:
    ids = list(prices.items)
    message = _("Select the help you want to add")
    form = ChooseHelpForm(formdata=formdata, data=data) if formdata is not None else ChooseHelpForm(data=data)
    form.help.choices = [SelectChoice(i, i) for i in ids]
    form.help.validators = [InputRequired(message=message), AnyOf(ids, message=message)]
    return form


class Quantity:
    """How many: a number more than 0, with at most 2 decimal places, not absurd. Sets field.parsed."""

    def __init__(self, price_item: PriceItem, prices: PriceList):
        self.price_item = price_item
        self.prices = prices

    def __call__(self, form, field):
        units = content_text(f"prices.{self.price_item.id}.units")
        try:
            value = parse_quantity(field.data or "")
        except EntryError as error:
            raise StopValidation(
                {
                    "empty": _("Enter how many %(units)s", units=units),
                    "not_a_number": _(
                        "Enter the number of %(units)s as a number, like 7 or 7.5", units=units
                    ),
                    "negative": _("The number of %(units)s must be more than 0", units=units),
                    "zero": _("The number of %(units)s must be more than 0", units=units),
                    "too_precise": _(
                        "The number of %(units)s can have up to 2 numbers after the point, like 7.25",
                        units=units,
                    ),
                }[error.reason]
            ) from None
        if value > self.prices.quantity_limit:
            raise StopValidation(
                _(
                    "The number of %(units)s must be %(most)s or fewer",
                    units=units,
                    most=number(self.prices.quantity_limit),
                )
            )
        if self.price_item.price_pence * value > self.prices.item_limit_pence:
            raise StopValidation(
                _(
                    "Check the number of %(units)s. This would cost more than %(most)s each time.",
                    units=units,
                    most=money(self.prices.item_limit_pence),
                )
            )
        field.parsed = value


class Money:
    """An amount of money in pounds and pence, like £1,250.50. Sets field.parsed to whole pence."""

    def __init__(self, prices: PriceList):
        self.prices = prices

    def __call__(self, form, field):
        try:
            pence = parse_pence(field.data or "")
        except EntryError as error:
            raise StopValidation(
                {
                    "empty": _("Enter how much it costs"),
                    "not_a_number": _("Enter the cost as an amount of money, like £12.50 or £1,250"),
                    "negative": _("The cost must be more than £0"),
                    "zero": _("The cost must be more than £0"),
                    "too_precise": _("Enter the cost in pounds and pence, like £12.50"),
                }[error.reason]
            ) from None
        if pence > self.prices.item_limit_pence:
            raise StopValidation(
                _("The cost must be %(most)s or less", most=money(self.prices.item_limit_pence))
            )
        field.parsed = pence


class OnlyFrom:
    """Every value chosen is one of `allowed`; at least one when `required`."""

    def __init__(self, allowed, message):
        self.allowed = set(allowed)
        self.message = message

    def __call__(self, form, field):
        if not field.data or any(value not in self.allowed for value in field.data):
            raise StopValidation(self.message)


class ItemForm(FlaskForm):
    """The item page's form; `item_form` makes one with the fields for a price list item."""


class AddItemForm(ItemForm, SendOnceForm):
    """The form that adds an item: sending it twice adds the item once."""


def _provider_field() -> StringField:
    """Made with each form, after the fields above it on the page, so that errors are listed in page order."""
    return StringField(
        _l("Who will give this help? (optional)"),
        description=_l(
            "For example, the name of a care company or a person. If you do not know yet, leave this empty."
        ),
        widget=TextInput(),
        validators=[
            Optional(),
            Length(
                max=PROVIDER_MAX,
                message=_l("Who will give this help must be %(max)s characters or fewer", max=PROVIDER_MAX),
            ),
        ],
    )


def item_form(
    price_item: PriceItem,
    prices: PriceList,
    needs: tuple[str, ...],
    name: str | None,
    formdata=None,
    data=None,
    csrf: bool = True,
    adding: bool = False,
) -> FlaskForm:
    """The form for one item: its fields depend on the price list item and the person's needs.
    A form that adds an item carries a one-time `send_token` (it is an `AddItemForm`)."""
    fields: dict[str, object] = {}
    if price_item.own_cost:
        fields["description"] = StringField(
            _l("What is it?"),
            widget=TextInput(),
            validators=[
                InputRequired(message=_l("Enter what it is")),
                Length(
                    max=DESCRIPTION_MAX,
                    message=_l("What it is must be %(max)s characters or fewer", max=DESCRIPTION_MAX),
                ),
            ],
        )
        fields["amount"] = StringField(
            _l("How much does it cost?"), widget=TextInput(), validators=[Money(prices)]
        )
    else:
        fields["quantity"] = StringField(
            content_text(f"prices.{price_item.id}.quantity"),
            widget=TextInput(),
            validators=[Quantity(price_item, prices)],
        )
    if len(price_item.frequencies) > 1:
        message = _l("Select how often it is paid for")
        fields["frequency"] = RadioField(
            _l("How often?"),
            widget=RadioInput(),
            validate_choice=False,
            choices=[SelectChoice(f, FREQUENCY_LABELS[f]) for f in price_item.frequencies],
            validators=[InputRequired(message=message), AnyOf(price_item.frequencies, message=message)],
        )
    if needs:
        fields["needs"] = SelectMultipleField(
            _l("Which needs does this help with?"),
            widget=CheckboxesInput(),
            validate_choice=False,
            description=_l("Select all that apply."),
            choices=[SelectChoice(n, content_text(config().area_key(n))) for n in needs],
            validators=[OnlyFrom(needs, _l("Select which needs this help is for"))],
        )
    fields["provider"] = _provider_field()
    person = "other" if name else "self"
    message = _l("Select how the money for this will be looked after")
    fields["management"] = RadioField(
        _l("How will the money for this be looked after?"),
        widget=RadioInput(),
        validate_choice=False,
        choices=[
            SelectChoice(
                way, content_text(f"plan.management.{way}.label.{person}", **({"name": name} if name else {}))
            )
            for way in MANAGEMENT_WAYS
        ],
        validators=[InputRequired(message=message), AnyOf(MANAGEMENT_WAYS, message=message)],
    )
    form_class = type(f"ItemForm_{price_item.id}", (AddItemForm if adding else ItemForm,), fields)
    meta = {} if csrf else {"csrf": False}
    if formdata is not None:
        return form_class(formdata=formdata, meta=meta)
    return form_class(data=data or {}, meta=meta)


def frequency_of(form, price_item: PriceItem) -> str:
    """The frequency chosen, or the only one the item allows."""
    if "frequency" in form:
        return form.frequency.data
    return price_item.frequencies[0]


class RemoveForm(FlaskForm):
    remove = RadioField(
        widget=RadioInput(),
        validate_choice=False,
        choices=[SelectChoice("yes", _l("Yes, remove it")), SelectChoice("no", _l("No, keep it"))],
        validators=[
            InputRequired(message=_l("Select yes if you want to remove this help")),
            AnyOf(("yes", "no"), message=_l("Select yes if you want to remove this help")),
        ],
    )


DECLARATION = _l("I confirm this plan is right, as far as I know.")


class SendForm(FlaskForm):
    confirm = BooleanField(
        DECLARATION,
        widget=CheckboxInput(),
        validators=[InputRequired(message=_l("Tick the box to say the plan is right"))],
    )

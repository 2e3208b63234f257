"""What every support plan page works from (`PlanPage`), and the plan as the rules work it out from what is
saved: the draft at today's prices, the cost of an item being filled in, and sending the plan once.

Every page takes the assessment's public id and goes through `open_plan` (404 for anyone who may not
reach it; audited when someone acts for another person). A plan needs a sent assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from flask import Response, abort, flash, g, redirect, url_for
from flask import session as browser_session
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from portal import ras
from portal.access import audit, current_user, load_assessment
from portal.content import config
from portal.i18n import gettext as _
from portal.i18n import money
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.plan import messages, words
from portal.journeys.plan.forms import DECLARATION, frequency_of, item_form
from portal.journeys.staff.roles import assign_new_case
from portal.ras import plan as rules
from portal.store import plans as store
from portal.store.models import Assessment
from portal.store.plan_models import Plan, PlanItem


@dataclass
class PlanPage:
    """What a plan page works on: the assessment, its stored budget, the plan (if started), and, on the
    pages for one item, that item and the help it is for."""

    assessment: Assessment
    budget: ras.Calculation
    plan: Plan | None
    name: str | None  # the person's name when someone acts for them
    row: PlanItem | None = None  # the item the page is about
    price_item: ras.PriceItem | None = None  # the help an item page is for
    chosen: str | None = None  # the help chosen on a "what help" page
    _draft: tuple[rules.PlanSummary, list[PlanItem]] | None = field(default=None, repr=False)

    @property
    def public_id(self) -> str:
        return self.assessment.public_id

    @property
    def needs(self) -> tuple[str, ...]:
        return rules.assessed_needs(self.budget)

    @property
    def sent(self) -> bool:
        return self.plan is not None and self.plan.submitted

    def item(self, item_id: str) -> PlanItem:
        """An item of this plan; 404 for any other id, so nobody learns what exists."""
        row = next((row for row in (self.plan.items if self.plan else []) if row.public_id == item_id), None)
        if row is None:
            abort(404)
        return row

    def removed_item(self, item_id: str) -> PlanItem | None:
        """An item that was in this plan and has been removed; None for any other id."""
        return next(
            (row for row in (self.plan.removed_items if self.plan else []) if row.public_id == item_id), None
        )

    def draft(self) -> tuple[rules.PlanSummary, list[PlanItem]]:
        """The draft plan's summary and the saved items that can no longer be priced (worked out once)."""
        if self._draft is None:
            self._draft = draft(self)
        return self._draft

    def verdict(self, move: str) -> rules.PlanVerdict:
        """What the rules say about `move` now."""
        if move == rules.ADD:
            return rules.check(move, sent=self.sent, items=len(self.plan.items) if self.plan else 0)
        if move != rules.SEND:
            return rules.check(move, sent=self.sent)
        summary, stale = self.draft()
        return rules.check(move, sent=self.sent, items=len(summary.lines), not_priced=len(stale))


def go_to(url: str) -> Response:
    """A redirect (Flask's `redirect` makes the app's own Response)."""
    return cast(Response, redirect(url))


def plan_page_for(assessment: Assessment, name: str | None = None) -> PlanPage:
    """The plan page of an assessment whose answers are sent, for someone already let in."""
    assert assessment.calculation is not None
    return PlanPage(
        assessment=assessment,
        budget=ras.Calculation.from_dict(assessment.calculation.result),
        plan=store.plan_for(assessment.id),
        name=name,
    )


def open_plan(public_id: str, action: str, *, after_sent: bool = False) -> PlanPage | Response:
    """The plan page, with access control; or where to go instead. A plan needs a sent assessment; once
    the plan is sent, only pages `after_sent` open, and the rest go to the sent plan."""
    assessment = load_assessment(public_id, action)
    if not assessment.submitted or assessment.calculation is None:
        return go_to(url_for("assessment.task_list", public_id=public_id))
    subject = plan_page_for(assessment, acting_for_name(assessment))
    if subject.sent and not after_sent:
        return go_to(url_for("plan.sent", public_id=public_id))
    return subject


# --- turning saved items into the rules' items ----------------------------------


def rules_item(row: PlanItem) -> rules.Item | None:
    """The rules' item for a saved one, at today's prices; None when the price list no longer has it."""
    price_item = config().prices.items.get(row.price_id)
    if (
        price_item is None
        or price_item.own_cost != (row.own_pence is not None)
        or row.frequency not in price_item.frequencies
    ):
        return None
    return rules.Item(
        key=row.public_id,
        price_id=row.price_id,
        unit_pence=rules.unit_price(config().prices, row.price_id, row.own_pence),
        quantity=row.quantity,
        frequency=row.frequency,
        management=row.management,
        needs=tuple(row.needs),
        description=row.description,
        provider=row.provider,
    )


def draft(
    subject: PlanPage, *, changed: rules.Item | None = None, replacing: str | None = None
) -> tuple[rules.PlanSummary, list[PlanItem]]:
    """The draft plan's summary, and the saved items that can no longer be priced.

    With `changed`, that item is put in place of the item `replacing` (or added at the end),
    without saving anything: this is how the live total shows a change before it is saved.
    """
    items: list[rules.Item] = []
    stale: list[PlanItem] = []
    for row in subject.plan.items if subject.plan else []:
        if row.public_id == replacing and changed is not None:
            items.append(changed)
            continue
        item = rules_item(row)
        if item is None:
            stale.append(row)
        else:
            items.append(item)
    if changed is not None and replacing is None:
        items.append(changed)
    return rules.summarise(config(), subject.budget, items), stale


def ready(subject: PlanPage) -> rules.PlanSummary | None:
    """The draft's summary when the rules let it be sent: at least one item, and every item priced."""
    return subject.draft()[0] if subject.verdict(rules.SEND).allowed else None


# --- an item's form ------------------------------------------------------------------


def item_from_form(
    form: FlaskForm, price_item: ras.PriceItem, needs: tuple[str, ...], key: str
) -> rules.Item:
    """The rules' item for a valid form. Needs are kept in the order of the assessment."""
    own = price_item.price_pence is None
    chosen = set(form.needs.data) if "needs" in form else set()
    return rules.Item(
        key=key,
        price_id=price_item.id,
        unit_pence=form.amount.parsed if price_item.price_pence is None else price_item.price_pence,
        quantity=Decimal(1) if own else form.quantity.parsed,
        frequency=frequency_of(form, price_item),
        management=form.management.data,
        needs=tuple(need for need in needs if need in chosen),
        description=form.description.data.strip() if own else None,
        provider=(form.provider.data or "").strip() or None,
    )


def item_fields(item: rules.Item, price_item: ras.PriceItem) -> store.ItemFields:
    """What is saved for an item."""
    return store.ItemFields(
        price_id=price_item.id,
        description=item.description,
        own_pence=item.unit_pence if price_item.own_cost else None,
        quantity=item.quantity,
        frequency=item.frequency,
        management=item.management,
        needs=item.needs,
        provider=item.provider,
    )


def saved_fields(row: PlanItem, price_item: ras.PriceItem) -> MultiDict[str, Any]:
    """A saved item as the form would post it, to fill in the form and show its cost."""
    fields: MultiDict[str, Any] = MultiDict(
        {"frequency": row.frequency, "management": row.management, "provider": row.provider or ""}
    )
    fields.setlist("needs", list(row.needs))
    if row.own_pence is not None:
        pounds, pence = divmod(row.own_pence, 100)
        fields.update({"description": row.description or "", "amount": f"{pounds}.{pence:02d}"})
    else:
        fields["quantity"] = rules.format_quantity(row.quantity)
    if row.price_id != price_item.id or row.frequency not in price_item.frequencies:
        # Different help chosen: keep what still makes sense, ask the rest again.
        fields = MultiDict(
            {k: v for k, v in fields.items(multi=True) if k in ("needs", "management", "provider")}
        )
        fields.setlist("needs", list(row.needs))
    return fields


def flash_once(message: str, category: str) -> None:
    """Flash a message unless the same one is waiting to be shown (the same form sent twice)."""
    if (category, message) not in browser_session.get("_flashes", []):
        flash(message, category)


# --- the live total -------------------------------------------------------------------


def cost_lines(subject: PlanPage, price_item: ras.PriceItem, fields: Any, replacing: str | None) -> list[str]:
    """The sentences under "What this costs": this item's cost and the plan's total with it.

    Used by the item page (without JavaScript, after "Work out the cost") and by the live total.
    """
    form = item_form(price_item, config().prices, subject.needs, subject.name, formdata=fields, csrf=False)
    number_field = "amount" if price_item.own_cost else "quantity"
    message: str | None
    if not (fields.get(number_field) or "").strip() or ("frequency" in form and not form.frequency.data):
        message = _("Fill in how much and how often to see what this costs.")
    elif not form[number_field].validate(form) or ("frequency" in form and not form.frequency.validate(form)):
        message = next(
            error for name in (number_field, "frequency") if name in form for error in form[name].errors
        )
    else:
        message = None
    if message is not None:
        return [message, *words.total_sentences(subject.draft()[0], subject.name)]
    item = rules.Item(
        key=replacing or "new",
        price_id=price_item.id,
        unit_pence=form.amount.parsed if price_item.price_pence is None else price_item.price_pence,
        quantity=Decimal(1) if price_item.own_cost else form.quantity.parsed,
        frequency=frequency_of(form, price_item),
        management="direct_payment",
        needs=(),
    )
    summary, _stale = draft(subject, changed=item, replacing=replacing)
    line = next(line for line in summary.lines if line.item.key == item.key)
    return [
        words.item_cost_sentence(line),
        _(
            "With this, the plan costs %(weekly)s a week and %(yearly)s a year.",
            weekly=money(summary.weekly_pence),
            yearly=money(summary.yearly_pence),
        ),
        _(
            "That is %(difference)s.",
            difference=words.difference(summary.comparison.weekly_difference, "week", subject.name),
        ),
    ]


# --- sending ----------------------------------------------------------------------------


def send_plan(subject: PlanPage, summary: rules.PlanSummary) -> bool:
    """Send the plan once, as the signed-in person: True when this sent it, False when it was sent
    already (a double click, the back button, a retry). Audited when someone acts for another."""
    assert subject.plan is not None and subject.assessment.calculation is not None
    user = current_user()
    assert user is not None  # the pages are for people signed in
    names = {line.item.key: words.item_name(line) for line in summary.lines}
    assign_new_case(subject.assessment.person)  # in demo mode the demo staff hold it; saved with the plan
    plan = subject.plan
    sent = store.submit(
        subject.plan,
        store.SubmissionFields(
            calculation_id=subject.assessment.calculation.id,
            config_version=summary.config_version,
            prices_version=summary.prices_version,
            result=summary.to_dict() | {"item_names": names},
            weekly_pence=summary.weekly_pence,
            one_off_pence=summary.one_off_pence,
            yearly_pence=summary.yearly_pence,
            position=summary.comparison.position,
            declaration=str(DECLARATION),
            basis=g.basis,
        ),
        user.id,
        lambda submission: messages.tell_sent(subject.assessment, plan, submission.reference),
    )
    if sent:
        audit(user, subject.assessment.person, "send plan", f"plan:{subject.plan.public_id}", g.basis)
    return sent

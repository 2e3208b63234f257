"""The support plan: add help item by item, see the running total against the budget, check, send,
print and download. Views stay thin: read the form, call `portal.ras.plan`, save, redirect.

Every route takes the assessment's public id and goes through `load_assessment` (404 for anyone
who may not reach it; audited when someone acts for another person). Item routes also check that
the item belongs to that assessment's plan. The plan is created with its first item.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import wraps

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session as browser_session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from portal import ras
from portal.access import audit, current_user, load_assessment, login_required
from portal.i18n import money
from portal.journeys.assessment.views import acting_for_name
from portal.journeys.plan import words
from portal.journeys.plan.forms import (
    DECLARATION,
    RemoveForm,
    SendForm,
    choose_help_form,
    frequency_of,
    item_form,
    new_token,
)
from portal.journeys.plan.pdf import render_pdf
from portal.ras import plan as rules
from portal.store import db
from portal.store.models import Assessment, utcnow
from portal.store.plan_models import Plan, PlanItem, PlanSubmission

bp = Blueprint("plan", __name__, url_prefix="/assessments")


def config() -> ras.Config:
    return current_app.extensions["ras_config"]


@dataclass
class Page:
    """What every plan page works from: the assessment, its stored budget, the plan (if started)."""

    assessment: Assessment
    budget: ras.Calculation
    plan: Plan | None
    name: str | None  # the person's name when someone acts for them

    @property
    def public_id(self) -> str:
        return self.assessment.public_id

    @property
    def needs(self) -> tuple[str, ...]:
        return rules.assessed_needs(self.budget)

    def item(self, item_id: str) -> PlanItem:
        """An item of this plan; 404 for any other id, so nobody learns what exists."""
        row = next((row for row in (self.plan.items if self.plan else []) if row.public_id == item_id), None)
        if row is None:
            abort(404)
        return row

    def removed_item(self, item_id: str) -> PlanItem | None:
        """An item that was in this plan and has been removed; None for any other id."""
        return next((row for row in (self.plan.removed_items if self.plan else []) if row.public_id == item_id), None)


def plan_page(get_action: str = "view plan", post_action: str = "change plan", *, sent: bool = False):
    """Load the page's assessment and plan with access control. A plan needs a sent assessment;
    once the plan is sent, only pages marked `sent` open, and the rest go to the sent plan."""

    def decorate(view):
        @wraps(view)
        def wrapper(public_id: str, **kwargs):
            assessment = load_assessment(public_id, get_action if request.method == "GET" else post_action)
            if not assessment.submitted or assessment.calculation is None:
                return redirect(url_for("assessment.task_list", public_id=public_id))
            plan = db().scalar(select(Plan).where(Plan.assessment_id == assessment.id))
            if plan is not None and plan.submitted and not sent:
                return redirect(url_for("plan.sent", public_id=public_id))
            page = Page(assessment=assessment, budget=ras.Calculation.from_dict(assessment.calculation.result),
                        plan=plan, name=acting_for_name(assessment))
            return view(page, **kwargs)

        return login_required(wrapper)

    return decorate


# --- turning saved items into the rules' items ----------------------------------

def _rules_item(row: PlanItem) -> rules.Item | None:
    """The rules' item for a saved one, at today's prices; None when the price list no longer has it."""
    price_item = config().prices.items.get(row.price_id)
    if (price_item is None or price_item.own_cost != (row.own_pence is not None)
            or row.frequency not in price_item.frequencies):
        return None
    return rules.Item(key=row.public_id, price_id=row.price_id,
                      unit_pence=rules.unit_price(config().prices, row.price_id, row.own_pence),
                      quantity=row.quantity, frequency=row.frequency, management=row.management,
                      needs=tuple(row.needs), description=row.description, provider=row.provider)


def draft(page: Page, *, changed: rules.Item | None = None, replacing: str | None = None):
    """The draft plan's summary, and the saved items that can no longer be priced.

    With `changed`, that item is put in place of the item `replacing` (or added at the end),
    without saving anything: this is how the live total shows a change before it is saved.
    """
    items: list[rules.Item] = []
    stale: list[PlanItem] = []
    for row in page.plan.items if page.plan else []:
        if row.public_id == replacing and changed is not None:
            items.append(changed)
            continue
        item = _rules_item(row)
        if item is None:
            stale.append(row)
        else:
            items.append(item)
    if changed is not None and replacing is None:
        items.append(changed)
    return rules.summarise(config(), page.budget, items), stale


def _lines_by_key(summary: rules.PlanSummary) -> dict[str, rules.Line]:
    return {line.item.key: line for line in summary.lines}


# --- the plan ---------------------------------------------------------------------

@bp.get("/<public_id>/plan")
@plan_page()
def show(page: Page):
    summary, stale = draft(page)
    return render_template("plan/plan.html", page=page, assessment=page.assessment, name=page.name,
                           summary=summary, stale=stale, words=words)


@bp.route("/<public_id>/plan/add", methods=["GET", "POST"])
@plan_page()
def choose(page: Page):
    """What help do you want to add? (GOV.UK "add another": one item at a time.)"""
    form = choose_help_form(config().prices, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        return redirect(url_for("plan.add", public_id=page.public_id, price_id=form.help.data))
    return render_template("plan/choose.html", page=page, form=form, name=page.name, prices=config().prices,
                           back=url_for("plan.show", public_id=page.public_id))


@bp.route("/<public_id>/plan/items/<item_id>/help", methods=["GET", "POST"])
@plan_page()
def change_help(page: Page, item_id: str):
    """Choose different help for an item that is already in the plan."""
    row = page.item(item_id)
    form = choose_help_form(config().prices, formdata=request.form if request.method == "POST" else None,
                            data={"help": row.price_id})
    if request.method == "POST" and form.validate():
        return redirect(url_for("plan.change", public_id=page.public_id, item_id=item_id, help=form.help.data))
    return render_template("plan/choose.html", page=page, form=form, name=page.name, item=row,
                           prices=config().prices,
                           back=url_for("plan.change", public_id=page.public_id, item_id=item_id))


@bp.route("/<public_id>/plan/add/<price_id>", methods=["GET", "POST"])
@plan_page()
def add(page: Page, price_id: str):
    price_item = config().prices.items.get(price_id)
    if price_item is None:
        return redirect(url_for("plan.choose", public_id=page.public_id))
    return _item_page(page, price_item, row=None)


@bp.route("/<public_id>/plan/items/<item_id>", methods=["GET", "POST"])
@plan_page()
def change(page: Page, item_id: str):
    row = page.item(item_id)
    price_item = config().prices.items.get(request.args.get("help") or row.price_id)
    if price_item is None:
        return redirect(url_for("plan.change_help", public_id=page.public_id, item_id=item_id))
    return _item_page(page, price_item, row=row)


def _saved_fields(row: PlanItem, price_item: ras.PriceItem) -> MultiDict:
    """A saved item as the form would post it, to fill in the form and show its cost."""
    fields = MultiDict({"frequency": row.frequency, "management": row.management,
                        "provider": row.provider or ""})
    fields.setlist("needs", list(row.needs))
    if row.own_pence is not None:
        pounds, pence = divmod(row.own_pence, 100)
        fields.update({"description": row.description or "", "amount": f"{pounds}.{pence:02d}"})
    else:
        fields["quantity"] = rules.format_quantity(row.quantity)
    if row.price_id != price_item.id or row.frequency not in price_item.frequencies:
        # Different help chosen: keep what still makes sense, ask the rest again.
        fields = MultiDict({k: v for k, v in fields.items(multi=True)
                            if k in ("needs", "management", "provider")})
        fields.setlist("needs", list(row.needs))
    return fields


def _item_page(page: Page, price_item: ras.PriceItem, row: PlanItem | None):
    prices = config().prices
    adding = row is None
    if request.method == "POST":
        form = item_form(price_item, prices, page.needs, page.name, formdata=request.form, adding=adding)
        if form.validate():
            item = _item_from_form(form, price_item, page.needs, key=row.public_id if row else "new")
            if request.form.get("action") != "cost":
                _save(page, row, price_item, item, form.send_token.data if adding else None)
                return redirect(url_for("plan.show", public_id=page.public_id))
    elif row is not None:
        # Filled in from the saved item; it shows no errors until it is posted.
        form = item_form(price_item, prices, page.needs, page.name, formdata=_saved_fields(row, price_item))
    else:
        form = item_form(price_item, prices, page.needs, page.name, adding=True)
        form.send_token.data = new_token()
    fields = request.form if request.method == "POST" else (_saved_fields(row, price_item) if row else MultiDict())
    return render_template(
        "plan/item.html", page=page, form=form, name=page.name, price_item=price_item, item=row,
        cost_lines=cost_lines(page, price_item, fields, row.public_id if row else None),
        cost_url=url_for("plan.cost", public_id=page.public_id),
        back=url_for("plan.change_help", public_id=page.public_id, item_id=row.public_id) if row
        else url_for("plan.choose", public_id=page.public_id),
        words=words,
    )


def _item_from_form(form, price_item: ras.PriceItem, needs: tuple[str, ...], key: str) -> rules.Item:
    """The rules' item for a valid form. Needs are kept in the order of the assessment."""
    own = price_item.own_cost
    chosen = set(form.needs.data) if "needs" in form else set()
    return rules.Item(
        key=key,
        price_id=price_item.id,
        unit_pence=form.amount.parsed if own else price_item.price_pence,
        quantity=Decimal(1) if own else form.quantity.parsed,
        frequency=frequency_of(form, price_item),
        management=form.management.data,
        needs=tuple(need for need in needs if need in chosen),
        description=form.description.data.strip() if own else None,
        provider=(form.provider.data or "").strip() or None,
    )


def _save(page: Page, row: PlanItem | None, price_item: ras.PriceItem, item: rules.Item,
          token: str | None = None) -> None:
    """Save a change, or add an item once: the same add form sent again (a double click without
    JavaScript, a resend) finds its token already used and adds nothing."""
    session = db()
    user = current_user()
    adding = row is None
    label = words.item_name(item)
    added = _("%(item)s has been added to the plan.", item=label)
    if adding and session.scalar(select(PlanItem.id).where(PlanItem.send_token == token)) is not None:
        _flash_once(added, "added")
        return
    if row is None:
        plan = page.plan or _new_plan(page)
        row = PlanItem(plan=plan, updated_by_id=user.id, send_token=token)
        session.add(row)
    row.price_id = price_item.id
    row.description = item.description
    row.own_pence = item.unit_pence if price_item.own_cost else None
    row.quantity = item.quantity
    row.frequency = item.frequency
    row.management = item.management
    row.needs = list(item.needs)
    row.provider = item.provider
    row.updated_by_id = user.id
    row.plan.updated_at = utcnow()
    try:
        session.commit()
    except IntegrityError:
        if not adding:
            raise
        session.rollback()  # the same form, sent at the same moment: the first one added it
    flash(added if adding else _("%(item)s has been changed.", item=label), "added")


def _flash_once(message: str, category: str) -> None:
    """Flash a message unless the same one is waiting to be shown (the same form sent twice)."""
    if (category, message) not in browser_session.get("_flashes", []):
        flash(message, category)


def _new_plan(page: Page) -> Plan:
    """The plan, made with its first item. Two first items at once (two tabs) share one plan."""
    session = db()
    plan = Plan(assessment_id=page.assessment.id, created_by_id=current_user().id)
    session.add(plan)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        plan = session.scalar(select(Plan).where(Plan.assessment_id == page.assessment.id))
    page.plan = plan
    return plan


# --- the live total -------------------------------------------------------------------

def cost_lines(page: Page, price_item: ras.PriceItem, fields, replacing: str | None) -> list[str]:
    """The sentences under "What this costs": this item's cost and the plan's total with it.

    Used by the item page (without JavaScript, after "Work out the cost") and by the live total.
    """
    form = item_form(price_item, config().prices, page.needs, page.name, formdata=fields, csrf=False)
    number_field = "amount" if price_item.own_cost else "quantity"
    if not (fields.get(number_field) or "").strip() or ("frequency" in form and not form.frequency.data):
        message = _("Fill in how much and how often to see what this costs.")
    elif not form[number_field].validate(form) or ("frequency" in form and not form.frequency.validate(form)):
        message = next(error for name in (number_field, "frequency") if name in form for error in form[name].errors)
    else:
        message = None
    if message is not None:
        summary, _stale = draft(page)
        return [message, *words.total_sentences(summary, page.name)]
    item = rules.Item(
        key=replacing or "new", price_id=price_item.id,
        unit_pence=form.amount.parsed if price_item.own_cost else price_item.price_pence,
        quantity=Decimal(1) if price_item.own_cost else form.quantity.parsed,
        frequency=frequency_of(form, price_item), management="direct_payment", needs=())
    summary, _stale = draft(page, changed=item, replacing=replacing)
    line = _lines_by_key(summary)[item.key]
    return [words.item_cost_sentence(line), _("With this, the plan costs %(weekly)s a week and %(yearly)s a year.",
                                                weekly=money(summary.weekly_pence),
                                                yearly=money(summary.yearly_pence)),
            _("That is %(difference)s.", difference=words.difference(
                summary.comparison.weekly_difference_pence, "week", page.name))]


@bp.get("/<public_id>/plan/cost")
@plan_page(get_action="view plan")
def cost(page: Page):
    """The live total, as JSON, for the item page's script. The figures come from the same rules."""
    price_item = config().prices.items.get(request.args.get("help", ""))
    replacing = request.args.get("item") or None
    if price_item is None:
        abort(404)
    if replacing is not None:
        page.item(replacing)
    return jsonify(lines=cost_lines(page, price_item, request.args, replacing))


# --- remove -----------------------------------------------------------------------------

@bp.route("/<public_id>/plan/items/<item_id>/remove", methods=["GET", "POST"])
@plan_page(post_action="change plan")
def remove(page: Page, item_id: str):
    gone = page.removed_item(item_id)
    if gone is not None:
        # Removed already (a double click, the back button): say so on the plan, do not fail.
        _flash_once(_("%(item)s has been removed from the plan already.", item=words.item_name(gone)), "removed")
        return redirect(url_for("plan.show", public_id=page.public_id))
    row = page.item(item_id)
    form = RemoveForm()
    if form.validate_on_submit():
        if form.remove.data == "yes":
            name = words.item_name(row)
            # Kept, marked removed, so that removing it again finds it. Only the draft's items are used.
            removed = db().execute(update(PlanItem).where(PlanItem.id == row.id, PlanItem.removed_at.is_(None))
                                   .values(removed_at=utcnow())).rowcount
            page.plan.updated_at = utcnow()
            db().commit()
            flash(_("%(item)s has been removed from the plan.", item=name) if removed
                  else _("%(item)s has been removed from the plan already.", item=name), "removed")
        return redirect(url_for("plan.show", public_id=page.public_id))
    return render_template("plan/remove.html", page=page, form=form, item=row, name=page.name, words=words)


# --- check and send ---------------------------------------------------------------------

def _ready(page: Page):
    """The draft's summary when it can be sent: at least one item, and every item priced."""
    summary, stale = draft(page)
    if not summary.lines or stale:
        return None
    return summary


@bp.get("/<public_id>/plan/check")
@plan_page()
def check(page: Page):
    summary = _ready(page)
    if summary is None:
        return redirect(url_for("plan.show", public_id=page.public_id))
    return render_template("plan/check.html", page=page, name=page.name, summary=summary, words=words)


@bp.route("/<public_id>/plan/send", methods=["GET", "POST"])
@plan_page(post_action="send plan")
def send(page: Page):
    summary = _ready(page)
    if summary is None:
        return redirect(url_for("plan.show", public_id=page.public_id))
    form = SendForm()
    if form.validate_on_submit():
        _submit(page, summary)
        return redirect(url_for("plan.sent", public_id=page.public_id))
    return render_template("plan/send.html", page=page, form=form, name=page.name, summary=summary, words=words)


def _submit(page: Page, summary: rules.PlanSummary) -> None:
    """Send the plan once. A double click, the back button or a retry finds it already sent.

    The conditional UPDATE lets only one request move the plan from draft to submitted; the
    unique plan_id on the submission is the second lock. The reference is retried if it is taken.
    """
    session = db()
    user = current_user()
    for _attempt in range(5):
        claimed = session.execute(
            update(Plan).where(Plan.id == page.plan.id, Plan.status == "draft")
            .values(status="submitted", submitted_at=utcnow(), submitted_by_id=user.id)
        ).rowcount
        if claimed != 1:
            session.rollback()
            return
        session.add(PlanSubmission(
            plan_id=page.plan.id, calculation_id=page.assessment.calculation.id,
            config_version=summary.config_version, prices_version=summary.prices_version,
            result=summary.to_dict() | {"item_names": {line.item.key: words.item_name(line) for line in summary.lines}},
            weekly_pence=summary.weekly_pence, one_off_pence=summary.one_off_pence,
            yearly_pence=summary.yearly_pence, position=summary.comparison.position,
            declaration=str(DECLARATION), basis=g.basis, submitted_by_id=user.id))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue  # another request sent it first, or the reference was taken: look again
        audit(user, page.assessment.person, "send plan", f"plan:{page.plan.public_id}", g.basis)
        return
    raise RuntimeError("could not send the plan")  # pragma: no cover - five reference clashes in a row


@bp.get("/<public_id>/plan/sent")
@plan_page(sent=True)
def sent(page: Page):
    if page.plan is None or not page.plan.submitted:
        return redirect(url_for("plan.show", public_id=page.public_id))
    submission = page.plan.submission
    summary = rules.PlanSummary.from_dict(submission.result)
    return render_template("plan/sent.html", page=page, name=page.name, summary=summary,
                           submission=submission, names=submission.result.get("item_names", {}), words=words)


# --- print and PDF ------------------------------------------------------------------------

@bp.get("/<public_id>/plan/plan.pdf")
@plan_page(get_action="download plan", sent=True)
def pdf(page: Page):
    """The plan as an accessible PDF to take to a meeting: the sent plan as it was sent, or the draft."""
    submission = page.plan.submission if page.plan is not None and page.plan.submitted else None
    if submission is not None:
        summary = rules.PlanSummary.from_dict(submission.result)
    else:
        summary, stale = draft(page)
        if not summary.lines:
            return redirect(url_for("plan.show", public_id=page.public_id))
    names = submission.result.get("item_names", {}) if submission else {}
    html = render_template("plan/pdf.html", page=page, name=page.name, person=page.assessment.person.name,
                           summary=summary, submission=submission, names=names, words=words)
    reference = submission.reference if submission else "draft"
    return Response(render_pdf(html), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="support-plan-{reference}.pdf"'})


def plan_total(assessment: Assessment):
    """The plan's cost for the disagreement route ("make your support plan to show the gap"): the sent
    plan as it was sent, or the draft at today's prices once it has help in it; None before that."""
    from portal.journeys.disagree.plan_hook import PlanTotal

    plan = support_plan_for(assessment)
    if plan is None or assessment.calculation is None:
        return None
    if plan.submitted and plan.submission is not None:
        summary = rules.PlanSummary.from_dict(plan.submission.result)
        url = url_for("plan.sent", public_id=assessment.public_id)
    else:
        page = Page(assessment=assessment, budget=ras.Calculation.from_dict(assessment.calculation.result),
                    plan=plan, name=None)
        summary, _stale = draft(page)
        if not summary.lines:
            return None
        url = url_for("plan.show", public_id=assessment.public_id)
    return PlanTotal(weekly_pence=summary.weekly_pence, yearly_pence=summary.yearly_pence, url=url)


@bp.record_once
def _tell_the_disagreement_route(state) -> None:
    state.app.extensions["plan_total_provider"] = plan_total


@bp.app_template_global()
def support_plan_for(assessment: Assessment) -> Plan | None:
    """The assessment's support plan, if one is started: the budget page links to it."""
    return db().scalar(select(Plan).where(Plan.assessment_id == assessment.id))

"""The support plan: add help item by item, see the running total against the budget, check, send,
print and download. The pages are declared (`PlanJourney.pages`); the page registry's one generic view
shows each form, checks it, asks the rules (`portal.ras.plan`), saves once (`portal.store.plans`) and
moves on. The live total (JSON) and the PDF are two small views of their own.

Every page takes the assessment's public id and goes through `open_plan` (404 for anyone who may not
reach it; audited when someone acts for another person). Item pages also check that the item belongs to
that assessment's plan. The plan is made with its first item.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, abort, flash, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, ngettext
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from portal.access import current_user, login_required
from portal.i18n import gettext as _
from portal.i18n import language_for_reader
from portal.journeys.pages import Allowed, AlreadySent, Journey, Page, Refused, Verdict
from portal.journeys.plan import approval_view, view_model, words
from portal.journeys.plan.drafts import (
    PlanPage,
    config,
    cost_lines,
    flash_once,
    go_to,
    item_fields,
    item_from_form,
    open_plan,
    plan_page_for,
    ready,
    saved_fields,
    send_plan,
)
from portal.journeys.plan.forms import (
    ChooseHelpForm,
    ItemForm,
    RemoveForm,
    SendForm,
    choose_help_form,
    item_form,
)
from portal.journeys.plan.pdf import PDF_SECONDS, PdfNotMade, render_pdf_within
from portal.journeys.plan.view_model import shown_summary
from portal.ras import plan as rules
from portal.ras.plan import approval
from portal.ras.plan.moves import FULL, MOST_ITEMS
from portal.store import approvals
from portal.store import plans as store
from portal.store.models import Assessment

bp = Blueprint("plan", __name__, url_prefix="/assessments")
log = logging.getLogger(__name__)

ITEM_PAGES = ("add-help", "change-item")
CHOOSE_PAGES = ("choose-help", "change-help")


class PlanJourney(Journey[PlanPage]):
    name = "plan"
    decorators = (login_required,)
    pages = (
        Page("plan", "/<public_id>/plan"),
        Page("choose-help", "/<public_id>/plan/add", form=ChooseHelpForm),
        Page("add-help", "/<public_id>/plan/add/<price_id>", form=ItemForm, move=rules.ADD),
        Page("change-item", "/<public_id>/plan/items/<item_id>", form=ItemForm, move=rules.CHANGE),
        Page("change-help", "/<public_id>/plan/items/<item_id>/help", form=ChooseHelpForm),
        Page("remove-item", "/<public_id>/plan/items/<item_id>/remove", form=RemoveForm, move=rules.REMOVE),
        Page("check", "/<public_id>/plan/check", move=rules.SEND),
        Page("send", "/<public_id>/plan/send", form=SendForm, move=rules.SEND),
        Page("sent", "/<public_id>/plan/sent"),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> PlanPage | Response:
        action = ("send plan" if page.move == rules.SEND else "change plan") if posting else "view plan"
        subject = open_plan(args["public_id"], action, after_sent=page.id == "sent")
        if isinstance(subject, Response):
            return subject
        if page.id == "sent" and not subject.sent:
            return self._to("plan", subject)
        if page.id == "remove-item" and (gone := subject.removed_item(args["item_id"])) is not None:
            # Removed already (a double click, the back button): say so on the plan, do not fail.
            flash_once(
                _("%(item)s has been removed from the plan already.", item=words.item_name(gone)), "removed"
            )
            return self._to("plan", subject)
        if "item_id" in args:
            subject.row = subject.item(args["item_id"])
        if page.id == "add-help":
            subject.price_item = config().prices.items.get(args["price_id"])
            if subject.price_item is None:
                return self._to("choose-help", subject)
        if page.id == "change-item":
            assert subject.row is not None
            subject.price_item = config().prices.items.get(request.args.get("help") or subject.row.price_id)
            if subject.price_item is None:
                return self._to("change-help", subject, item_id=subject.row.public_id)
        return subject

    def verdict(self, page: Page, subject: PlanPage, form: FlaskForm | None) -> Verdict:
        return subject.verdict(page.move) if page.move is not None else Allowed()

    def refuse(self, page: Page, subject: PlanPage, verdict: Verdict, status: int) -> ResponseReturnValue:
        """A plan that cannot be sent yet goes back to the plan, which says what is missing; a sent plan
        to what was sent. A full plan says so on the plan."""
        if getattr(verdict, "reason", None) == FULL:
            flash_once(
                ngettext(
                    "Your plan has %(num)s thing in it. That is the most a plan can have. "
                    "Remove something to add something new.",
                    "Your plan has %(num)s things in it. That is the most a plan can have. "
                    "Remove something to add something new.",
                    MOST_ITEMS,
                ),
                "full",
            )
        return self._to("sent" if subject.sent else "plan", subject)

    def make_form(self, page: Page, subject: PlanPage, posting: bool) -> FlaskForm:
        formdata: Any = request.form if posting else None
        if page.id in CHOOSE_PAGES:
            return choose_help_form(
                config().prices,
                formdata=formdata,
                data={"help": subject.row.price_id} if subject.row else None,
            )
        if page.id in ITEM_PAGES:
            assert subject.price_item is not None
            if subject.row is not None and not posting:
                # Filled in from the saved item; it shows no errors until it is posted.
                formdata = saved_fields(subject.row, subject.price_item)
            return item_form(
                subject.price_item,
                config().prices,
                subject.needs,
                subject.name,
                formdata=formdata,
                adding=subject.row is None,
            )
        return super().make_form(page, subject, posting)

    def preview(self, page: Page, subject: PlanPage, form: FlaskForm) -> bool:
        """ "Work out the cost" on an item page shows the cost of what was typed, and saves nothing."""
        return page.id in ITEM_PAGES and request.form.get("action") == "cost"

    def save(self, page: Page, subject: PlanPage, form: FlaskForm) -> None:
        if page.id in CHOOSE_PAGES:
            subject.chosen = form.help.data
            return
        if page.move is not None and not (verdict := subject.verdict(page.move)).allowed:
            raise Refused(verdict)
        user = current_user()
        assert user is not None  # the pages are for people signed in
        if page.id in ITEM_PAGES:
            assert subject.price_item is not None
            item = item_from_form(
                form, subject.price_item, subject.needs, key=subject.row.public_id if subject.row else "new"
            )
            fields, label = item_fields(item, subject.price_item), words.item_name(item)
            if subject.row is not None:
                store.change_item(subject.row, fields, user.id)
                flash(_("%(item)s has been changed.", item=label), "added")
            elif store.add_item(subject.plan, subject.assessment.id, fields, user.id, form.send_token.data):
                flash(_("%(item)s has been added to the plan.", item=label), "added")
            else:  # the same form sent again (a double click without JavaScript, a resend)
                flash_once(_("%(item)s has been added to the plan.", item=label), "added")
                raise AlreadySent
        elif page.id == "remove-item" and form.remove.data == "yes":
            assert subject.row is not None
            label = words.item_name(subject.row)
            flash(
                _("%(item)s has been removed from the plan.", item=label)
                if store.remove_item(subject.row)
                else _("%(item)s has been removed from the plan already.", item=label),
                "removed",
            )
        elif page.id == "send":
            summary = ready(subject)
            assert summary is not None  # the rules let it be sent
            if not send_plan(subject, summary):
                raise AlreadySent

    def done(self, page: Page, subject: PlanPage) -> str:
        if page.id == "choose-help":
            return url_for("plan.add-help", public_id=subject.public_id, price_id=subject.chosen)
        if page.id == "change-help":
            assert subject.row is not None
            return url_for(
                "plan.change-item",
                public_id=subject.public_id,
                item_id=subject.row.public_id,
                help=subject.chosen,
            )
        return url_for("plan.sent" if page.id == "send" else "plan.plan", public_id=subject.public_id)

    def context(self, page: Page, subject: PlanPage, form: FlaskForm | None) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "public_id": subject.public_id,
            "assessment": subject.assessment,
            "name": subject.name,
            "item": subject.row,
            "words": words,
        }
        if page.id in CHOOSE_PAGES:
            shown["choices"] = view_model.help_choices(config().prices)
            shown["back"] = (
                self._url("change-item", subject, item_id=subject.row.public_id)
                if subject.row
                else self._url("choose-help", subject)
            )
        elif page.id in ITEM_PAGES:
            assert subject.price_item is not None
            row = subject.row
            fields = (
                request.form
                if request.method == "POST"
                else (saved_fields(row, subject.price_item) if row else MultiDict())
            )
            shown |= {
                "price_item": subject.price_item,
                "fixed_frequency": view_model.fixed_frequency(subject.price_item),
                "cost_lines": cost_lines(subject, subject.price_item, fields, row.public_id if row else None),
                "cost_url": self._url("cost", subject),
                "back": (
                    self._url("change-help", subject, item_id=row.public_id)
                    if row
                    else self._url("choose-help", subject)
                ),
            }
        elif page.id == "sent":
            assert subject.plan is not None and subject.plan.submission is not None
            shown |= shown_summary(rules.PlanSummary.from_dict(subject.plan.submission.result), subject.name)
            shown |= {
                "submission": subject.plan.submission,
                "names": subject.plan.submission.result.get("item_names", {}),
                "approval": approval_view.PlanStatus(subject.plan, subject.assessment),
            }
        elif page.id in ("plan", "check", "send"):
            summary, stale = subject.draft()
            shown |= shown_summary(summary, subject.name) | {"stale": stale}
            if subject.plan is not None and subject.plan.status == approval.RETURNED:
                shown["returned"] = approval_view.Returned(subject.plan)
        return shown

    @staticmethod
    def _url(endpoint: str, subject: PlanPage, **args: Any) -> str:
        return url_for(f"plan.{endpoint}", public_id=subject.public_id, **args)

    def _to(self, endpoint: str, subject: PlanPage, **args: Any) -> Response:
        return go_to(self._url(endpoint, subject, **args))


JOURNEY = PlanJourney()
JOURNEY.register(bp)


# --- the live total and the PDF ---------------------------------------------------------


@bp.get("/<public_id>/plan/cost")
@login_required
def cost(public_id: str) -> ResponseReturnValue:
    """The live total, as JSON, for the item page's script. The figures come from the same rules."""
    subject = open_plan(public_id, "view plan")
    if isinstance(subject, Response):
        return subject
    price_item = config().prices.items.get(request.args.get("help", ""))
    replacing = request.args.get("item") or None
    if price_item is None:
        abort(404)
    if replacing is not None:
        subject.item(replacing)
    return jsonify(lines=cost_lines(subject, price_item, request.args, replacing))


@bp.get("/<public_id>/plan/plan.pdf")
@login_required
def pdf(public_id: str) -> ResponseReturnValue:
    """The plan as an accessible PDF to take to a meeting: the sent plan as it was sent (made once and
    kept: it never changes), or the draft."""
    began = time.monotonic()
    subject = open_plan(public_id, "download plan", after_sent=True)
    if isinstance(subject, Response):
        return subject
    submission = subject.plan.submission if subject.plan is not None and subject.sent else None
    reference = submission.reference if submission else "draft"
    language = language_for_reader(subject.assessment.person)  # staff print it in the person's language
    agreed = (
        approvals.agreed_budget(subject.assessment.id)
        if subject.plan is not None and subject.plan.status == "agreed"
        else None
    )
    # A sent plan's PDF never changes until the plan is agreed; the agreed one is kept beside it.
    kept_as = f"{language}:agreed" if agreed is not None else language
    made = store.kept_pdf(submission, kept_as) if submission is not None else None
    if made is None:
        if submission is not None:
            summary = rules.PlanSummary.from_dict(submission.result)
        else:
            summary = subject.draft()[0]
            if not summary.lines:
                return go_to(url_for("plan.plan", public_id=public_id))
        with force_locale(language):
            html = render_template(
                "plan/pdf.html",
                public_id=public_id,
                name=subject.name,
                person=subject.assessment.person.name,
                submission=submission,
                words=words,
                names=submission.result.get("item_names", {}) if submission else {},
                agreed=agreed,
                **shown_summary(summary, subject.name),
            )
        try:
            # The whole request, not only the PDF maker, stays within the limit (a busy server is slow at
            # each step), so that gunicorn never has to kill the worker.
            made = render_pdf_within(html, max(1.0, PDF_SECONDS - (time.monotonic() - began)))
        except PdfNotMade as error:
            log.warning("plan PDF not made: %s", error)
            back = url_for("plan.sent" if submission else "plan.plan", public_id=public_id)
            return render_template("plan/pdf-not-made.html", again=request.full_path, back=back), 503
        if submission is not None:
            store.keep_pdf(submission, kept_as, made)
    return Response(
        made,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="support-plan-{reference}.pdf"'},
    )


# --- what other journeys ask about the plan ------------------------------------------------


def plan_total(assessment: Assessment) -> Any:
    """The plan's cost for the disagreement route ("make your support plan to show the gap"): the sent
    plan as it was sent, or the draft at today's prices once it has help in it; None before that."""
    from portal.journeys.disagree.plan_hook import PlanTotal

    if assessment.calculation is None:
        return None
    subject = plan_page_for(assessment)
    if subject.plan is None:
        return None
    if subject.sent and subject.plan.submission is not None:
        summary = rules.PlanSummary.from_dict(subject.plan.submission.result)
        url = url_for("plan.sent", public_id=assessment.public_id)
    else:
        summary = subject.draft()[0]
        if not summary.lines:
            return None
        url = url_for("plan.plan", public_id=assessment.public_id)
    return PlanTotal(weekly_pence=summary.weekly_pence, yearly_pence=summary.yearly_pence, url=url)


@bp.record_once
def _tell_the_disagreement_route(state: Any) -> None:
    state.app.extensions["plan_total_provider"] = plan_total

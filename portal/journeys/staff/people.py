"""The staff's side of a person's form and support plan: the case list, the person's case page, and the
decisions on a sent plan (return it with comments, approve it with the final budget, agree a plan outside
the tolerance, record the panel's outcome).

Declared pages on the staff blueprint (`staff.<page id>`, templates `staff/<page id>.html`). Every page
is for active staff; a person's pages only for the care manager or team manager who holds the case, and
never for someone with a conflict of interest (`roles.conflict`). Anything else is "Page not found".
Every look and every decision is written to the audit log. The rules decide every move
(`portal.ras.plan.approval`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, g, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from portal.access import audit
from portal.clock import today
from portal.content import config
from portal.i18n import gettext as _
from portal.journeys.pages import Allowed, AlreadySent, Journey, Page, Verdict
from portal.journeys.paging import page_number, pagination
from portal.journeys.plan import decisions
from portal.journeys.plan import words as plan_words
from portal.journeys.staff import plan_forms as forms
from portal.journeys.staff.person_view import PER_PAGE, PersonCase, case_rows, decision_rows, decision_title
from portal.journeys.staff.roles import basis, conflict, staff_required
from portal.ras import staff_roles
from portal.ras.plan import approval as rules
from portal.store import approvals as store
from portal.store.models import Assessment
from portal.store.sessions import assessment_by_public_id

PERSON = "/people/<public_id>"
# Each decision page: the staff roles it is for (anyone else: "Page not found").
PAGE_ROLES: Mapping[str, tuple[str, ...]] = {
    "return-plan": (rules.CARE_MANAGER,),
    "approve-plan": (rules.CARE_MANAGER,),
    "tolerance": (rules.TEAM_MANAGER,),
    "panel": (rules.TEAM_MANAGER, rules.PANEL),
}
LIST_ROLES = (*staff_roles.CASE_HOLDERS, staff_roles.PANEL)  # the roles with a case list


@dataclass
class Held:
    """What a person page works on (nothing on the case list)."""

    assessment: Assessment | None
    view: PersonCase | None = None


def may_see(assessment: Assessment) -> bool:
    """The care manager or team manager who holds the person's case; a member of the panel once the plan
    has reached the panel (the panel holds no cases). The conflict of interest is checked before."""
    member = g.staff
    if member.role == staff_roles.PANEL:
        return store.reached_panel(assessment.id, rules.AWAITING_PANEL)
    if member.role not in staff_roles.CASE_HOLDERS:
        return False
    return store.assigned_to(assessment.person_id, member.user_id, member.role)


def load_person(public_id: str, action: str, needs_budget: bool = True) -> Assessment:
    """The sent form (with a budget, when `needs_budget`: every page about the plan), if this member of
    staff may see it; 404 otherwise. Audited."""
    member = g.staff
    assessment = assessment_by_public_id(public_id)
    if assessment is None or not assessment.submitted:
        abort(404)
    if needs_budget and assessment.calculation is None:
        abort(404)
    reason = conflict(member, assessment.person_id)
    if reason is not None:
        audit(
            member.user,
            assessment.person,
            f"refused_{action}",
            f"assessment:{public_id}",
            f"conflict:{reason}",
        )
        abort(404)
    if not may_see(assessment):
        abort(404)
    audit(member.user, assessment.person, action, f"assessment:{public_id}", basis(member))
    return assessment


class StaffPeople(Journey[Held]):
    name = "staff"
    decorators = (staff_required,)
    pages = (
        Page("cases", "/people"),
        Page("person", PERSON),
        Page("return-plan", f"{PERSON}/return", form=forms.ReturnForm, move=rules.RETURN),
        Page("approve-plan", f"{PERSON}/approve", form=forms.ApproveForm, move=rules.APPROVE),
        Page("tolerance", f"{PERSON}/tolerance", form=forms.ToleranceForm, move=rules.AGREE_EXCEPTION),
        Page("panel", f"{PERSON}/panel", form=forms.PanelForm, move=rules.PANEL_AGREE),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Held | Response:
        if page.id == "cases":
            if g.staff.role not in LIST_ROLES:
                abort(404)
            return Held(None)
        if page.id in PAGE_ROLES and g.staff.role not in PAGE_ROLES[page.id]:
            abort(404)
        action = f"staff_plan_{page.move}" if posting else "staff_view_person"
        assessment = load_person(args["public_id"], action, needs_budget=page.id != "person")
        return Held(assessment, PersonCase(assessment, g.staff, today()))

    def _plan_verdict(self, subject: Held, move: str) -> Verdict:
        view = subject.view
        assert view is not None
        if view.facts is None:
            return rules.Verdict(False, rules.NOT_NOW)
        return rules.check(view.facts, move, g.staff.role)

    def verdict(self, page: Page, subject: Held, form: FlaskForm | None) -> Verdict:
        if page.move is None:
            return Allowed()
        move = form.move if isinstance(form, (forms.ToleranceForm, forms.PanelForm)) else page.move
        return self._plan_verdict(subject, move)

    def make_form(self, page: Page, subject: Held, posting: bool) -> FlaskForm:
        view = subject.view
        assert view is not None
        formdata = None if not posting else request.form
        if page.id == "return-plan":
            items = []
            if view.sent_plan is not None:
                names = view.sent_plan["names"]
                items = [
                    (line.item.key, plan_words.item_name(line, names))
                    for line in view.sent_plan["summary"].lines
                ]
            return forms.return_form(items, formdata=formdata)
        if page.id == "approve-plan":
            sent_weekly = view.plan.submission.weekly_pence if view.plan and view.plan.submission else None
            form = forms.ApproveForm(
                formdata=formdata,
                data={"amount": forms.pounds_text(sent_weekly)} if not posting else None,
            )
            assert view.assessment.calculation is not None
            form.indicative_pence = view.assessment.calculation.weekly_pence
            return form
        assert page.form is not None
        return page.form(formdata=formdata)

    def save(self, page: Page, subject: Held, form: FlaskForm) -> None:
        view = subject.view
        assert view is not None and view.plan is not None and subject.assessment is not None
        actor = decisions.Actor(g.staff.user, g.staff.role)
        token = form.send_token.data
        if store.token_used(token):  # the same form again (a double click, the back button): done already
            raise AlreadySent
        if page.id == "return-plan":
            decisions.decide(
                view.plan, subject.assessment, rules.RETURN, actor, today(), token, comments=form.comments()
            )
        elif page.id == "approve-plan":
            decisions.decide(
                view.plan,
                subject.assessment,
                rules.APPROVE,
                actor,
                today(),
                token,
                final_weekly_pence=form.pence,
                reason=form.reason.data or "",
            )
        else:
            decisions.decide(
                view.plan, subject.assessment, form.move, actor, today(), token, reason=form.reason.data or ""
            )

    def done(self, page: Page, subject: Held) -> str:
        assert subject.assessment is not None
        return url_for("staff.person", public_id=subject.assessment.public_id, done=page.move)

    def context(self, page: Page, subject: Held, form: FlaskForm | None) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "staff": g.staff,
            "view": subject.view,
            "assessment": subject.assessment,
            "decision_title": decision_title,
            "decision_rows": decision_rows,
        }
        if page.id == "cases":
            current = page_number()
            rows, total = case_rows(g.staff, current)
            shown |= {
                "rows": rows,
                "total": total,
                "pagination": pagination("staff.cases", current, total, PER_PAGE, _("Pages of cases")),
                "intro": _case_list_intro(g.staff.role),
            }
        elif subject.view is not None:
            shown |= {
                "done": request.args.get("done"),
                "tolerance_percent": config().tolerance_percent,
                "panel_weekly_pence": config().panel_weekly_pence,
            }
        return shown

    def refuse(self, page: Page, subject: Held, verdict: Verdict, status: int) -> ResponseReturnValue:
        context = self.context(page, subject, None)
        if getattr(verdict, "reason", None) == rules.NOT_YOUR_MOVE:
            reason = _("Someone in another role makes this decision. Nothing was changed.")
        else:
            reason = _("This plan is not waiting for this decision now. Nothing was changed.")
        return render_template("staff/plan-cannot.html", page=page, reason=reason, **context), status


def _case_list_intro(role: str) -> str:
    """What the case list holds, for this role."""
    if role == rules.TEAM_MANAGER:
        return _(
            "Plans outside the tolerance, plans for the panel, and disagreements waiting for a team "
            "manager, for the people whose cases you hold."
        )
    if role == rules.PANEL:
        return _("Budgets waiting for the panel's decision, the longest waiting first.")
    return _("The people whose cases you hold. Plans waiting for you come first, then the longest waiting.")


JOURNEY = StaffPeople()

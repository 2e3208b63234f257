"""Your account: your own assessments, and those of the people you act for."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for

from portal.access import (
    audit,
    basis_for,
    current_user,
    login_required,
    may,
    may_open,
    needed_here,
    refuse,
    scope_needed,
)
from portal.content import config
from portal.i18n import content_text, long_date, money, ngettext
from portal.i18n import gettext as _
from portal.journeys.assessment.forms import PronounsForm, stored_pronouns
from portal.journeys.plan.account_part import approval_records
from portal.journeys.review.account_part import review_records, review_summaries
from portal.ras import disagreement as route
from portal.ras import progress, routing
from portal.store import approvals, db
from portal.store import assessments as store
from portal.store import grants as grants_store
from portal.store import reviews as people_store
from portal.store.models import Assessment, Grant, Person
from portal.store.outbox_models import written_to
from portal.store.plan_models import Plan, PlanItem, PlanSubmission

bp = Blueprint("account", __name__)


def _disagreement_stages() -> dict[str, str]:
    return {
        route.CARE_MANAGER_WAITING: _("waiting for the care manager"),
        route.CARE_MANAGER_ANSWERED: _("the care manager has answered"),
        route.TEAM_MANAGER_WAITING: _("waiting for a team manager"),
        route.TEAM_MANAGER_ANSWERED: _("a team manager has answered"),
        route.COMPLAINT_WAITING: _("waiting for the complaints team"),
        route.COMPLAINT_ACKNOWLEDGED: _("waiting for the complaints team"),
        route.COMPLAINT_ANSWERED: _("the complaints team has answered"),
        route.CLOSED: _("closed"),
    }


def _stage_tags() -> dict[str, dict[str, str]]:
    return {
        progress.FORM_DRAFT: {"text": _("Not sent yet"), "classes": ""},
        progress.BUDGET_READY: {"text": _("Budget ready"), "classes": "govuk-tag--green"},
        progress.PLAN_DRAFT: {"text": _("Support plan started"), "classes": "govuk-tag--teal"},
        progress.PLAN_SENT: {"text": _("Support plan sent"), "classes": "govuk-tag--green"},
        progress.PLAN_AGREED: {"text": _("Budget agreed"), "classes": "govuk-tag--green"},
        progress.DISAGREEMENT_OPEN: {"text": _("Disagreement open"), "classes": "govuk-tag--yellow"},
    }


def _cards(user, assessments: list[Assessment]) -> list[dict]:
    """One card for each form, that tells it apart from the others: whose it is, its number when a person has
    more than one, when it was started and sent, how far it has gone, and its references."""
    ids = [a.id for a in assessments]
    disagreements = store.disagreements_by_assessment(ids)
    plans = store.plans_by_assessment(ids)
    agreed_budgets = approvals.agreed_budgets(ids)
    numbers: dict[int, int] = {}
    forms_of: dict[int, int] = {}
    for assessment in sorted(assessments, key=lambda a: (a.created_at, a.id)):
        forms_of[assessment.person_id] = forms_of.get(assessment.person_id, 0) + 1
        numbers[assessment.id] = forms_of[assessment.person_id]
    questionnaires = config().questionnaires
    stages, tags = _disagreement_stages(), _stage_tags()
    sent_tag = {"text": _("Sent"), "classes": "govuk-tag--green"}  # a form that makes no budget
    cards = []
    for a in assessments:
        own = a.person.user_id == user.id
        name = a.person.name
        several = forms_of[a.person_id] > 1
        if own:
            title = (
                _("Your own form (number %(number)s)", number=numbers[a.id])
                if several
                else _("Your own form")
            )
        else:
            title = (
                _("Form for %(name)s (number %(number)s)", name=name, number=numbers[a.id])
                if several
                else _("Form for %(name)s", name=name)
            )
        plan, disagreement = plans.get(a.id), disagreements.get(a.id)
        stage = progress.stage(
            a.submitted, plan.status if plan else None, disagreement.state if disagreement else None
        )
        questionnaire = questionnaires.get(a.questionnaire_id, config().questionnaire)
        rows = [{"key": _("Started"), "value": long_date(a.created_at)}]
        if questionnaire.text_prefix:  # not the self-assessment: say which form it is
            rows.insert(0, {"key": _("Form"), "value": content_text(questionnaire.text_key("title"))})
        links = []
        if not a.submitted:
            answered = routing.answered_count(questionnaire, store.answers_of(a))
            rows.append(
                {
                    "key": _("Answers"),
                    "value": ngettext("%(num)d question answered", "%(num)d questions answered", answered),
                }
            )
            rows.append({"key": _("Last changed"), "value": long_date(a.updated_at)})
            changes = own or may_open(user, a.person, "assessment.question")
            links.append(
                {
                    "text": _("Carry on with this form") if changes else _("Look at the answers"),
                    "href": url_for("assessment.task_list", public_id=a.public_id),
                }
            )
            if own or may_open(user, a.person, "assessment.delete"):
                links.append(
                    {
                        "text": _("Delete this form"),
                        "href": url_for("assessment.delete", public_id=a.public_id),
                    }
                )
        elif not questionnaire.produces_budget:
            rows.append({"key": _("Sent"), "value": long_date(a.submitted_at)})
            rows.append({"key": _("Reference"), "value": a.reference or ""})
            links.append(
                {
                    "text": _("See the form you sent"),
                    "href": url_for("assessment.sent", public_id=a.public_id),
                }
            )
            cards.append({"id": a.public_id, "title": title, "rows": rows, "tag": sent_tag, "links": links})
            continue
        else:
            rows.append({"key": _("Sent"), "value": long_date(a.submitted_at)})
            if a.calculation is not None:
                own_name = questionnaire.text_key("budget")  # "Carer's budget", if the council names it
                rows.append(
                    {
                        "key": content_text(own_name)
                        if questionnaire.text_prefix and own_name in config().texts["en"]
                        else _("Budget"),
                        "value": _("%(amount)s a week", amount=money(a.calculation.weekly_pence)),
                    }
                )
            links.append(
                {
                    "text": _("See your budget") if own else _("See %(name)s's budget", name=name),
                    "href": url_for("budget.show", public_id=a.public_id),
                }
            )
            if (agreed := agreed_budgets.get(a.id)) is not None:
                rows.append(
                    {
                        "key": _("Final budget"),
                        "value": _(
                            "Agreed: %(amount)s a week, from %(date)s.",
                            amount=money(agreed.weekly_pence),
                            date=long_date(agreed.starts_on),
                        ),
                    }
                )
            if plan is not None and plan.submitted and plan.submission is not None:
                rows.append(
                    {
                        "key": _("Support plan"),
                        "value": _(
                            "Sent on %(date)s. Its reference is %(reference)s.",
                            date=long_date(plan.submission.submitted_at),
                            reference=plan.submission.reference,
                        ),
                    }
                )
                links.append(
                    {
                        "text": _("See the support plan you sent")
                        if own
                        else _("See the support plan sent for %(name)s", name=name),
                        "href": url_for("plan.sent", public_id=a.public_id),
                    }
                )
            elif plan is not None:
                rows.append(
                    {
                        "key": _("Support plan"),
                        "value": _("Sent back to you for changes. Change it and send it again.")
                        if plan.status == "returned"
                        else _("Started on %(date)s. Not sent yet.", date=long_date(plan.created_at)),
                    }
                )
                links.append(
                    {
                        "text": _("Carry on with the support plan")
                        if own or may_open(user, a.person, "plan.choose-help")
                        else _("See the support plan"),
                        "href": url_for("plan.plan", public_id=a.public_id),
                    }
                )
            if disagreement is not None:
                rows.append(
                    {
                        "key": _("Disagreement"),
                        "value": _(
                            "Its reference is %(reference)s: %(stage)s.",
                            reference=disagreement.reference,
                            stage=stages.get(disagreement.state, ""),
                        ),
                    }
                )
                links.append(
                    {
                        "text": _("See your disagreement")
                        if own
                        else _("See the disagreement for %(name)s", name=name),
                        "href": url_for("disagree.route", public_id=a.public_id),
                    }
                )
        cards.append({"id": a.public_id, "title": title, "rows": rows, "tag": tags[stage], "links": links})
    return cards


@bp.get("/account")
@login_required
def home():
    user = current_user()
    people = store.authorities_of(user.id)
    assessments = store.reachable_assessments(user.id)
    return render_template(
        "account/home.html",
        user=user,
        cards=_cards(user, assessments),
        authorities=people,
        # Whose pronouns the signed-in user may choose: their own, and those of people they fill in for.
        own_person=store.own_person(user.id),
        may_choose_pronouns={a.person.id for a in people if may_open(user, a.person, "account.pronouns")},
        reviews=review_summaries(user),
        deleted=bool(request.args.get("deleted")),
        saved=request.args.get("saved"),
    )


@bp.route("/account/people/<public_id>/pronouns", methods=["GET", "POST"])
@login_required
def pronouns(public_id: str):
    """How pages talk about a person to someone who helps them: he, she, they, or not given ("they").
    The person chooses, or a helper who may fill in and change their information. Saving the same choice
    again changes nothing; a change by someone else is audited."""
    user = current_user()
    person = people_store.person_by_public_id(public_id)
    if person is None or user is None:
        abort(404)
    posting = request.method == "POST"
    action = "change pronouns" if posting else "view pronouns"
    needed = needed_here(scope_needed(action))
    basis = may(user, person, needed)
    if basis is None:
        refuse(user, person, needed)
        abort(404)
    g.record_person = person
    # Nothing is chosen for someone who has not chosen yet (not given, too), as GOV.UK radios start.
    form = PronounsForm() if posting else PronounsForm(data={"pronouns": person.pronouns})
    if posting and form.validate():
        chosen = stored_pronouns(form.pronouns.data)
        if chosen != person.pronouns:
            person.pronouns = chosen
            db().commit()
            audit(user, person, action, f"person:{person.public_id}", basis)
        saved = "your-pronouns" if basis == "self" else "pronouns"
        return redirect(url_for("account.home", saved=saved), 303)
    if not posting:
        audit(user, person, action, f"person:{person.public_id}", basis)
    own = basis == "self"
    return render_template("account/pronouns.html", form=form, own=own, name=None if own else person.name)


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _plan_item(item: PlanItem) -> dict:
    return {
        "id": item.public_id,
        "help": item.price_id,
        "what_it_is": item.description,
        "own_cost_pence": item.own_pence,
        "how_many": str(item.quantity),
        "how_often": item.frequency,
        "money_looked_after_by": item.management,
        "needs": list(item.needs),
        "who_gives_it": item.provider,
        "added": _when(item.created_at),
        "changed": _when(item.updated_at),
        "removed": _when(item.removed_at),
    }


def _sent(submission: PlanSubmission) -> dict:
    """One version of the plan as it was sent."""
    return {
        "version": submission.version,
        "reference": submission.reference,
        "sent": _when(submission.submitted_at),
        "config_version": submission.config_version,
        "prices_version": submission.prices_version,
        "weekly_pence": submission.weekly_pence,
        "one_off_pence": submission.one_off_pence,
        "yearly_pence": submission.yearly_pence,
        "against_the_budget": submission.position,
        "declaration": submission.declaration,
        "sent_as": submission.basis,
        "plan": submission.result,
    }


def _plan(plan: Plan) -> dict:
    entry = {
        "id": plan.public_id,
        "status": plan.status,
        "started": _when(plan.created_at),
        "changed": _when(plan.updated_at),
        "sent": _when(plan.submitted_at),
        "items": [_plan_item(item) for item in plan.items],
        "removed_items": [_plan_item(item) for item in plan.removed_items],
    }
    if plan.submission is not None:
        entry["sent_plan"] = _sent(plan.submission)
        entry["earlier_versions_sent"] = [_sent(earlier) for earlier in plan.submissions[:-1]]
    return entry


def _grant_data(grant: Grant) -> dict:
    return {
        "relationship": grant.relationship_to_person,
        "basis": grant.basis,
        "basis_reference": grant.basis_reference,
        "can": grant.scope,
        "recorded": grant.starts_at.isoformat(),
        "ends": _when(grant.ends_at),
        "ended": _when(grant.ended_at),
        "confirmed_by_the_person": grant.confirmed_by_person,
        "confirmed_by_the_council": _when(grant.council_confirmed_at),
        "what_the_council_did": [
            {"what": note.kind, "when": note.at.isoformat(), "note": note.note}
            for note in grants_store.notes_of([grant.id])[grant.id]
        ],
    }


def _person_name(user, person: Person) -> str:
    return "you" if person.user_id == user.id else (person.name or "")


@bp.get("/account/your-information.json")
@login_required
def download():
    """Everything held about the signed-in person and the people they act for, as JSON: the account,
    who acts for whom, each form with its answers and budget, the support plan (draft, removed items and
    the plan as sent), the disagreement with its steps and messages, the staff who hold the case, the
    emails we sent, and the record of who looked at or changed the information."""
    user = current_user()
    assessments = store.reachable_assessments(user.id)
    own_person = store.own_person(user.id)
    acting_for = store.authorities_of(user.id)
    people = ([own_person] if own_person else []) + [a.person for a in acting_for]
    person_ids = [p.id for p in people]
    staff = store.staff_member(user.id)
    ids = [a.id for a in assessments]
    plans, disagreements = store.plans_by_assessment(ids), store.disagreements_by_assessment(ids)
    data = {
        "you": {
            "name": user.name,
            "email": user.email,
            "signed_in_with": user.issuer,
            "language": user.language,
            "account_created": user.created_at.isoformat(),
            "staff_role": staff.role if staff else None,
        },
        "people_you_act_for": [
            {"name": a.person.name, **_grant_data(a)} for a in grants_store.grants_held_by(user.id)
        ],
        "people_who_act_for_you": [
            {"name": helper.name, **_grant_data(a)}
            for a, helper in (grants_store.grants_for_person(own_person.id) if own_person else [])
        ],
        "invitations_you_made": [
            {
                "for": i.helper_name,
                "relationship": i.relationship_to_person,
                "can": i.scope,
                "made": i.created_at.isoformat(),
                "expires": i.expires_at.isoformat(),
                "access_ends": _when(i.grant_ends_at),
                "used": _when(i.used_at),
            }
            for i in (grants_store.invitations_for_person(own_person.id) if own_person else [])
        ],
        "case_workers": [
            {
                "for": _person_name(user, c_person),
                "role": c.role,
                "name": c.staff_user.name,
                "since": c.assigned_at.isoformat(),
            }
            for c, c_person in store.case_workers(person_ids)
        ],
        "emails_we_sent_you": [
            {"to": m.recipient, "subject": m.subject, "text": m.body, "sent": m.created_at.isoformat()}
            for m in store.messages_to(user.email)
        ],
        "messages_we_wrote_to_you": [
            {
                "to": m.recipient,
                "by": m.channel,
                "subject": m.subject,
                "text": m.body,
                "written": m.created_at.isoformat(),
                "status": m.status,
            }
            for m in written_to(db(), user.email, person_ids)
        ],
        "forms": [],
        "reviews": review_records(person_ids),
        "plan_approval": approval_records(person_ids),
    }
    for assessment in assessments:
        basis = basis_for(user, assessment.person)
        audit(user, assessment.person, "download", f"assessment:{assessment.public_id}", basis)
        entry = {
            "id": assessment.public_id,
            "for": "you" if basis == "self" else assessment.person.name,
            "status": assessment.status,
            "started": assessment.created_at.isoformat(),
            "sent": assessment.submitted_at.isoformat() if assessment.submitted_at else None,
            "answers": {
                a.question_id: {"answer": a.value, "tell_us_more": a.more} for a in assessment.answers
            },
        }
        if assessment.calculation is not None:
            entry["budget"] = {
                "config_version": assessment.calculation.config_version,
                "worked_out": assessment.calculation.created_at.isoformat(),
                "calculation": assessment.calculation.result,
            }
        plan = plans.get(assessment.id)
        if plan is not None:
            entry["support_plan"] = _plan(plan)
        disagreement = disagreements.get(assessment.id)
        if disagreement is not None:
            entry["disagreement"] = {
                "reference": disagreement.reference,
                "stage": disagreement.state,
                "raised": disagreement.raised_on.isoformat(),
                "advocate_asked_for": _when(disagreement.advocate_requested_on),
                "closed": _when(disagreement.closed_on),
                "steps": [
                    {
                        "step": s.kind,
                        "sent": s.opened_on.isoformat(),
                        "answer_due": s.due_on.isoformat(),
                        "acknowledge_due": _when(s.acknowledge_due_on),
                        "acknowledged": _when(s.acknowledged_on),
                        "answered": s.answered_on.isoformat() if s.answered_on else None,
                        "outcome": s.outcome,
                        "agreed_weekly_pence": s.agreed_weekly_pence,
                        "left": _when(s.left_on),
                    }
                    for s in disagreement.steps
                ],
                "messages": [
                    {
                        "what": e.kind,
                        "step": e.step_kind,
                        "sent": e.sent_on.isoformat(),
                        "from": e.author_role,
                        "sent_as": e.basis,
                        "text": e.text,
                        "weekly_pence": e.weekly_pence,
                        "details": e.details,
                    }
                    for e in disagreement.entries
                ],
            }
        data["forms"].append(entry)
    data["who_looked_or_changed"] = [
        {
            "when": event.at.isoformat(),
            "who": "you" if event.actor_id == user.id else actor.name,
            "about": _person_name(user, person),
            "did": event.action,
            "what": event.target,
            "as": event.basis,
        }
        for event, actor, person in store.audit_trail(person_ids)
    ]
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="your-information.json"'},
    )

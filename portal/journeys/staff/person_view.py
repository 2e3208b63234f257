"""What the staff's pages about one person's form show: the sent answers, the indicative budget with how it
was worked out, the support plan as sent with its decisions, and the disagreement timeline; and the case
list's rows. Built from the citizen pages' own view models (`budget.page`, `plan.view_model`, the
disagreement timeline), so both sides show the same figures in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from flask import request, url_for

from portal import ras
from portal.clock import today
from portal.content import config
from portal.i18n import content_text, long_date, money
from portal.i18n import gettext as _
from portal.journeys.assessment.answer_fields import answer_field
from portal.journeys.assessment.question_words import question_words
from portal.journeys.assessment.service import questionnaire_of, rules_of
from portal.journeys.budget.page import BudgetPage, budget_page
from portal.journeys.disagree.timeline import SectionView, timeline
from portal.journeys.grants.staff import basis_words, helper_cards, past_helpers
from portal.journeys.plan import words as plan_words
from portal.journeys.plan.decisions import facts_of
from portal.journeys.plan.view_model import shown_summary
from portal.journeys.review.service import schedule_of
from portal.ras import reviews as review_rules
from portal.ras.plan import PlanSummary
from portal.ras.plan import approval as rules
from portal.store import approvals as store
from portal.store import assessments as forms
from portal.store import disagreements as cases
from portal.store import reviews as review_store
from portal.store.approval_models import PlanComment, PlanDecision
from portal.store.disagreement_models import Disagreement, StaffMember
from portal.store.models import COUNCIL_CONCERN, COUNCIL_CONFIRMED, COUNCIL_ENDED, Assessment
from portal.store.plan_models import Plan

STAGE_CLASS = {
    rules.ASSESSMENT_SENT: "",
    rules.FORM_SENT: "govuk-tag--teal",
    rules.PLAN_SENT: "govuk-tag--orange",
    rules.PLAN_RETURNED: "govuk-tag--grey",
    rules.AWAITING_APPROVAL: "govuk-tag--yellow",
    rules.PLAN_AGREED: "govuk-tag--green",
    rules.REVIEW_DUE: "govuk-tag--purple",
    rules.DISAGREEMENT_OPEN: "govuk-tag--red",
}


def stage_tag(stage: str) -> dict[str, str]:
    names = {
        rules.ASSESSMENT_SENT: _("Assessment sent"),
        rules.FORM_SENT: _("Form sent"),
        rules.PLAN_SENT: _("Plan sent"),
        rules.PLAN_RETURNED: _("Plan returned for changes"),
        rules.AWAITING_APPROVAL: _("Waiting for approval"),
        rules.PLAN_AGREED: _("Agreed"),
        rules.REVIEW_DUE: _("Review due"),
        rules.DISAGREEMENT_OPEN: _("Disagreement open"),
    }
    return {"text": names[stage], "classes": STAGE_CLASS[stage]}


def state_name(state: str) -> str:
    """Where a plan is, in words for staff and for the person."""
    return {
        rules.DRAFT: _("Not sent yet"),
        rules.SENT: _("Waiting for the care manager"),
        rules.RETURNED: _("Returned for changes"),
        rules.AWAITING_TEAM_MANAGER: _("Waiting for a team manager"),
        rules.AWAITING_PANEL: _("Waiting for the panel"),
        rules.AGREED: _("Agreed"),
    }[state]


def decision_title(decision: PlanDecision) -> str:
    if decision.move == rules.RETURN:
        return _("Returned for changes")
    if decision.move == rules.APPROVE:
        return _("Approved by the care manager")
    if decision.move == rules.AGREE_EXCEPTION:
        return _("A team manager agreed the plan outside the tolerance")
    if decision.move == rules.REFUSE_EXCEPTION:
        return _("A team manager did not agree the plan outside the tolerance")
    if decision.move == rules.PANEL_AGREE:
        return _("The panel agreed the budget")
    return _("The panel did not agree the budget")


def decision_rows(decision: PlanDecision) -> list[dict[str, Any]]:
    """A decision as summary list rows: when, the version, the final figure, the reason, where it went."""
    rows = [
        (_("Date"), long_date(decision.created_at)),
        (_("Plan version"), str(decision.plan_version)),
    ]
    if decision.final_weekly_pence is not None:
        rows.append((_("Final budget"), _("%(amount)s a week", amount=money(decision.final_weekly_pence))))
    if decision.reason:
        rows.append((_("Reason"), decision.reason))
    rows.append((_("Now"), state_name(decision.to_state)))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


@dataclass(frozen=True)
class Action:
    text: str
    href: str
    secondary: bool = False


class PersonCase:
    """Everything the staff's case page shows about one sent form."""

    def __init__(self, assessment: Assessment, member: StaffMember, today: date) -> None:
        self.assessment, self.member, self.today = assessment, member, today
        self.name = assessment.person.name or _("Not given")

    @cached_property
    def plan(self) -> Plan | None:
        return forms.plan_of(self.assessment.id)

    @cached_property
    def disagreement(self) -> Disagreement | None:
        return cases.for_assessment(self.assessment.id)

    @cached_property
    def summary_rows(self) -> list[dict[str, Any]]:
        a = self.assessment
        filled_in = store.user(a.submitted_by_id)
        authority = (
            forms.ended_authority(filled_in.id, a.person_id)  # the latest grant, in force or not
            if filled_in is not None and filled_in.id != a.person.user_id
            else None
        )
        if filled_in is None or filled_in.id == a.person.user_id:
            by = _("The person themself")
        else:
            by = filled_in.name or _("Not given")
        rows = [
            (_("Person"), self.name),
            (_("Form sent"), long_date(a.submitted_at)),
            (_("Filled in by"), by),
        ]
        if authority is not None:
            rows.append((_("How they know the person"), authority.relationship_to_person))
            rows.append((_("On what authority"), basis_words(authority)))
        if a.calculation is not None:
            rows.append((_("Support plan"), state_name(self.plan.status) if self.plan else _("Not started")))
        return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]

    @cached_property
    def helpers(self) -> list[dict[str, Any]]:
        """Each helper in force, with what the council did and may do about their access."""
        return helper_cards(self.assessment)

    @cached_property
    def past_helpers(self) -> list[dict[str, Any]]:
        """Each helper whose access has ended or expired, and how it ended."""
        return past_helpers(self.assessment)

    @cached_property
    def helper_notice(self) -> str | None:
        """What a case holder's action on a helper's access did, after it is saved."""
        return {
            COUNCIL_ENDED: _("The helper's access has ended. We have told the person and the helper."),
            COUNCIL_CONFIRMED: _(
                "The helper's access is confirmed by the council. We have told the person and the helper."
            ),
            COUNCIL_CONCERN: _(
                "Your concern is saved. We have told the person and the helper. They can read it when they "
                "sign in."
            ),
        }.get(request.args.get("helper_done", ""))

    @cached_property
    def answer_sections(self) -> list[dict[str, Any]]:
        """Every answer with the question's wording and its "Tell us more" note, by section."""
        q = questionnaire_of(self.assessment)
        answers = forms.answers_of(self.assessment)
        counted, more = ras.relevant_answers(q, answers), forms.more_of(self.assessment)
        name = self.assessment.person.name
        sections = []
        for section in q.sections:
            rows = []
            for qid in section.question_ids:
                if qid not in counted:
                    continue
                shown = answer_field(q.questions[qid]).shown(
                    q.questions[qid], counted[qid], name, q.text_key, counted
                )
                rows.append(
                    {
                        "question": question_words(q, qid, "title", name, counted),
                        "answer": shown,
                        "more": more.get(qid),
                    }
                )
            if rows:
                sections.append(
                    {"title": content_text(q.text_key(f"sections.{section.id}.title")), "rows": rows}
                )
        return sections

    @cached_property
    def budget(self) -> BudgetPage | None:
        """The estimated budget with how it was worked out; None for a form that makes no budget."""
        if self.assessment.calculation is None:
            return None
        return budget_page(
            self.assessment,
            self.assessment.calculation,
            rules_of(self.assessment),
            self.assessment.person.name,
            None,
            self.plan,
        )

    @cached_property
    def sent_plan(self) -> dict[str, Any] | None:
        """The plan as it was last sent, shown with the plan pages' own parts."""
        if self.plan is None or self.plan.submission is None:
            return None
        submission = self.plan.submission
        summary = PlanSummary.from_dict(submission.result)
        return shown_summary(summary, self.assessment.person.name) | {
            "submission": submission,
            "names": submission.result.get("item_names", {}),
            "words": plan_words,
        }

    @cached_property
    def decisions(self) -> list[PlanDecision]:
        return store.decisions_of(self.plan.id) if self.plan is not None else []

    @cached_property
    def comments(self) -> dict[int, list[PlanComment]]:
        found: dict[int, list[PlanComment]] = {}
        for decision in self.decisions:
            found[decision.id] = list(decision.comments)
        return found

    def comment_label(self, comment: PlanComment) -> str:
        if comment.item_key is None:
            return _("The whole plan")
        names = (
            self.plan.submission.result.get("item_names", {}) if self.plan and self.plan.submission else {}
        )
        return str(names.get(comment.item_key, _("An item that has been removed")))

    @cached_property
    def facts(self) -> rules.Facts | None:
        if self.plan is None or self.plan.submission is None:
            return None
        return facts_of(self.plan, self.assessment)

    @cached_property
    def actions(self) -> list[Action]:
        if self.facts is None or self.member.role not in rules.ROLES:
            return []
        moves = rules.moves_open(self.facts, self.member.role)
        public_id = self.assessment.public_id
        found = []
        if rules.APPROVE in moves:
            found.append(Action(_("Approve the plan"), url_for("staff.approve-plan", public_id=public_id)))
        if rules.RETURN in moves:
            found.append(
                Action(_("Return it for changes"), url_for("staff.return-plan", public_id=public_id), True)
            )
        if rules.AGREE_EXCEPTION in moves:
            found.append(
                Action(_("Decide on the tolerance"), url_for("staff.tolerance", public_id=public_id))
            )
        if rules.PANEL_AGREE in moves:
            found.append(
                Action(_("Record the panel's decision"), url_for("staff.panel", public_id=public_id))
            )
        return found

    @cached_property
    def waiting_figure(self) -> int | None:
        return self.facts.final_weekly_pence if self.facts is not None else None

    @cached_property
    def timeline(self) -> list[SectionView]:
        return timeline(self.disagreement, self.today) if self.disagreement is not None else []

    @cached_property
    def agreed(self) -> Any:
        return store.agreed_budget(self.assessment.id)


@dataclass(frozen=True)
class CaseListRow:
    href: str
    person: str
    form: str
    stage: dict[str, str]
    budget: str
    waiting_since: str


PER_PAGE = 25


def case_rows(member: StaffMember, page: int) -> tuple[list[CaseListRow], int]:
    """One page of the member of staff's case list, and how many cases there are in all."""
    role = member.role
    narrowed: dict[str, Any] = {}
    if role == rules.TEAM_MANAGER:
        narrowed = {
            "plan_states": (rules.AWAITING_TEAM_MANAGER, rules.AWAITING_PANEL),
            "disagreement_states": ("team_manager_waiting",),
        }
    elif role == rules.PANEL:  # the panel holds no cases: every plan waiting for it
        narrowed = {"plan_states": (rules.AWAITING_PANEL,), "held": False}
    rows, total = store.case_list(member.user_id, role, rules.action_order(role), page, PER_PAGE, **narrowed)
    agreed = [row.person_id for row in rows if row.plan_status == rules.AGREED]
    schedules = {due.person.id: schedule_of(due) for due in review_store.due_rows_for_people(agreed)}
    questionnaires = config().questionnaires
    shown = []
    for row in rows:
        questionnaire = questionnaires.get(row.questionnaire_id, config().questionnaire)
        open_disagreement = row.disagreement_state not in (None, "not_started", "closed")
        schedule = schedules.get(row.person_id)
        review_due = schedule is not None and review_rules.due_soon(schedule, today())
        makes_budget = row.weekly_pence is not None
        stage = rules.case_stage(row.plan_status, open_disagreement, review_due, makes_budget)
        since = row.plan_sent_at or row.form_sent_at
        shown.append(
            CaseListRow(
                href=url_for("staff.person", public_id=row.assessment_public_id),
                person=row.person_name or _("Not given"),
                form=(  # which form, when the council has more than the self-assessment
                    content_text(questionnaire.text_key("title"))
                    if questionnaire.text_prefix
                    else _("Self-assessment")
                ),
                stage=stage_tag(stage),
                budget=(
                    _("%(amount)s a week", amount=money(row.weekly_pence))
                    if row.weekly_pence is not None
                    else _("No budget for this form")
                ),
                waiting_since=long_date(since) if since else "",
            )
        )
    return shown, total

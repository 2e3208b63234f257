"""The council's side: a work list for each staff role, a case page, the answers and the letters.

The pages are declared, not written (`portal.journeys.pages`): each page id is its endpoint
(`staff.<page id>`) and its template (`staff/<page id>.html`). Every page is for active staff only
(`roles.staff_required`); each answer page is for the roles that give that answer, and a case is shown
only to the staff its role and assignment allow (`roles.may_see`); anything else is "Page not found".
Every look at a case and every answer is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from portal.clock import today
from portal.content import config
from portal.i18n import gettext as _
from portal.i18n import long_date, money, ngettext
from portal.journeys.disagree import forms, letters, service, words
from portal.journeys.disagree.letters import Letter
from portal.journeys.disagree.timeline import EntryView, SectionView, entry_view, step_name, timeline
from portal.journeys.disagree.views import step_text
from portal.journeys.grants import staff as grant_actions
from portal.journeys.pages import Allowed, Journey, Page, Verdict
from portal.journeys.paging import page_number, pagination
from portal.journeys.staff import people
from portal.journeys.staff.roles import (
    basis,
    is_team_manager,
    load_case_for_staff,
    sees_only_held,
    staff_required,
)
from portal.ras import Calculation
from portal.ras import disagreement as rules
from portal.store import disagreements as store
from portal.store.disagreement_models import Disagreement, DisagreementStep

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.record_once
def _setup(state) -> None:
    from portal.journeys.staff import cli

    state.app.cli.add_command(cli.staff_add)
    state.app.cli.add_command(cli.staff_assign)
    # The page header shows team managers "Messages not sent" beside "Work list".
    state.app.add_template_global(is_team_manager)


CASE = "/cases/<reference>"
# The staff roles each page is for, when not every role: anyone else gets "Page not found".
PAGE_ROLES: Mapping[str, tuple[str, ...]] = {
    "answer": (rules.CARE_MANAGER, rules.TEAM_MANAGER),
    "acknowledge": (rules.COMPLAINTS_OFFICER,),
    "final-answer": (rules.COMPLAINTS_OFFICER,),
}


PER_PAGE = 25  # cases on a page of the work list


@dataclass(frozen=True)
class WorkRow:
    reference: str
    href: str
    person: str
    step: str
    task: str
    due: date
    late: bool


class StaffView:
    """What the staff pages show about one case (or, on the work list, about every case they hold)."""

    def __init__(self, case: Disagreement | None, letter: Letter | None = None) -> None:
        self.case, self.letter, self.today, self.member = case, letter, today(), g.staff

    @cached_property
    def role_name(self) -> str:
        return str(words.ROLE_NAME[self.member.role])

    @cached_property
    def step_record(self) -> DisagreementStep | None:
        return service.current_step(self.case)

    @cached_property
    def opens(self) -> dict[str, date]:
        return service.opening_dates(self.case, self.today)

    @cached_property
    def timeline(self) -> list[SectionView]:
        return timeline(self.case, self.today) if self.case is not None else []

    @cached_property
    def summary(self) -> list[dict[str, Any]]:
        """The case at a glance: a GOV.UK summary list's rows."""
        case = self.case
        calc = Calculation.from_dict(case.assessment.calculation.result)
        agreed = service.agreed_amount(case)
        worked_out = ngettext(
            "%(weekly)s a week (%(yearly)s a year), %(num)s point, rules version %(version)s",
            "%(weekly)s a week (%(yearly)s a year), %(num)s points, rules version %(version)s",
            calc.total_points,
            weekly=money(calc.weekly_pence),
            yearly=money(calc.yearly_pence),
            version=calc.config_version,
        )
        new_amount = (
            _(
                "%(weekly)s a week, on %(date)s",
                weekly=money(agreed.agreed_weekly_pence),
                date=long_date(agreed.answered_on),
            )
            if agreed
            else _("No new amount")
        )
        rows = [
            (_("Person"), case.person.name or _("Not given")),
            (_("Raised by"), case.raised_by.name or _("Not given")),
            (_("Budget worked out"), worked_out),
            (_("New amount agreed"), new_amount),
            (_("Now at"), step_name(self.step_record.kind) if self.step_record else _("Closed")),
        ]
        return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]

    @cached_property
    def actions(self) -> list[dict[str, Any]]:
        """The buttons for what this member of staff can do now: GOV.UK button parameters."""
        moves = rules.moves_open(service.facts_of(self.case), self.member.role, self.today)
        found = []
        for move, text, page in (
            (rules.AGREE_NEW_AMOUNT, words.TASK[rules.ANSWER], "answer"),
            (rules.ACKNOWLEDGE, words.TASK[rules.ACKNOWLEDGE], "acknowledge"),
            (rules.ANSWER_COMPLAINT, words.TASK[rules.ANSWER_COMPLAINT], "final-answer"),
        ):
            if move in moves:
                secondary = move == rules.ANSWER_COMPLAINT and rules.ACKNOWLEDGE in moves
                found.append(
                    {
                        "text": str(text),
                        "href": url_for(f"staff.{page}", reference=self.case.reference),
                        "classes": "govuk-button--secondary" if secondary else "",
                    }
                )
        return found

    @cached_property
    def page_number(self) -> int:
        return page_number()

    @cached_property
    def _waiting(self) -> tuple[list[WorkRow], int]:
        """One page of the cases waiting at this role's step, the soonest due first, late ones marked;
        and how many there are in all."""
        role = self.member.role
        step_of_state = {
            state: rules.STEP_OF_STATE[state] for state in rules.STATES if rules.staff_step(state) == role
        }
        found, total = store.waiting_for(
            self.member.user_id,
            role,
            step_of_state,
            self.page_number,
            PER_PAGE,
            acknowledge_counts_in=rules.COMPLAINT_WAITING,
            held=sees_only_held(role),
        )
        rows = []
        for case in found:
            due = rules.work_due(case.state, case.due_on, case.acknowledge_due_on)
            rows.append(
                WorkRow(
                    case.reference,
                    url_for("staff.case", reference=case.reference),
                    case.person_name or _("Not given"),
                    step_name(case.step_kind),
                    str(words.TASK[rules.staff_task(case.state)]),
                    due,
                    rules.is_overdue(due, self.today),
                )
            )
        return rows, total

    @property
    def work(self) -> list[WorkRow]:
        return self._waiting[0]

    @property
    def work_total(self) -> int:
        return self._waiting[1]

    @cached_property
    def work_pagination(self) -> dict[str, Any] | None:
        return pagination("staff.work-list", self.page_number, self.work_total, PER_PAGE, _("Pages of cases"))

    @cached_property
    def letters(self) -> list[Letter]:
        return [
            letter
            for found in letters.cases_with_letters_for(self.member)
            for letter in letters.letters_to_post(found)
            if letter.role == self.member.role
        ]

    @cached_property
    def letter_entry(self) -> EntryView | None:
        """What the letter says."""
        return entry_view(self.letter.entry) if self.letter is not None else None

    def entry_title(self, letter: Letter) -> str:
        return str(words.ENTRY_TITLE[letter.entry.kind])

    def refusal(self, verdict: Verdict) -> str:
        if verdict.reason == rules.NOT_YOUR_MOVE:
            return _("Someone in another role answers this step. Nothing was changed.")
        if self.case is not None and self.case.state == rules.CLOSED:
            return _("The person closed this disagreement. Nothing was changed.")
        return _(
            "This step already has an answer, or the person has moved on to the next step. "
            "Nothing was changed."
        )


@dataclass(frozen=True)
class Held:
    """What a staff page works on: a case this member of staff may see (none on the work list)."""

    case: Disagreement | None
    letter: Letter | None = None


class Staff(Journey[Held]):
    name = "staff"
    decorators = (staff_required,)
    pages = (
        Page("work-list", ""),
        Page("case", CASE),
        Page("answer", f"{CASE}/answer", form=forms.AnswerForm, move=rules.ANSWER),
        Page("acknowledge", f"{CASE}/acknowledge", form=forms.AcknowledgeForm, move=rules.ACKNOWLEDGE),
        Page(
            "final-answer",
            f"{CASE}/final-answer",
            form=forms.ComplaintAnswerForm,
            move=rules.ANSWER_COMPLAINT,
        ),
        Page(
            "letter", f"{CASE}/letters/<int:entry_id>", form=forms.LetterPostedForm, move=rules.LETTER_POSTED
        ),
    )

    def load(self, page: Page, args: Mapping[str, Any], posting: bool) -> Held | Response:
        if page.id in PAGE_ROLES and g.staff.role not in PAGE_ROLES[page.id]:
            abort(404)
        if "reference" not in args:
            return Held(None)
        action = "staff_view" if not posting else ("staff_answer" if page.id in PAGE_ROLES else page.move)
        case = load_case_for_staff(args["reference"], action)
        if page.id != "letter":
            return Held(case)
        entry_id = args["entry_id"]
        letter = next(
            (
                letter
                for letter in letters.letters_to_post(case)
                if letter.entry.id == entry_id and letter.role == g.staff.role
            ),
            None,
        )
        if letter is not None:
            return Held(case, letter)
        if any(
            entry.kind == rules.LETTER_POSTED and entry.details.get("for_entry") == entry_id
            for entry in case.entries
        ):
            return redirect(url_for("staff.work-list", posted=1))
        abort(404)

    def verdict(self, page: Page, subject: Held, form: FlaskForm | None) -> Verdict:
        if page.id not in PAGE_ROLES:
            return Allowed()
        # Whatever the form says, the rules decide: a closed step shows why, and nothing changes.
        move = (
            form.move
            if isinstance(form, forms.AnswerForm)
            else (rules.KEEP_AMOUNT if page.move == rules.ANSWER else page.move)
        )
        return service.verdict(subject.case, move, g.staff.role, today())

    def make_form(self, page: Page, subject: Held, posting: bool) -> FlaskForm:
        assert page.form is not None
        dated = {"today": today()} if page.form is forms.AnswerForm else {}
        return page.form(**dated) if posting else page.form(formdata=None, **dated)

    def save(self, page: Page, subject: Held, form: FlaskForm) -> None:
        actor = service.Actor(g.staff.user, g.staff.role, basis(g.staff))
        token, values = form.send_token.data, form.values()
        if page.id == "letter":
            letters.letter_posted(subject.case, subject.letter.entry.id, actor, today(), token)
        elif page.move == rules.ANSWER:
            service.staff_answer(subject.case, values.pop("move"), actor, today(), token, **values)
        elif page.move == rules.ACKNOWLEDGE:
            service.acknowledge(subject.case, actor, today(), token, **values)
        else:
            service.answer_complaint(subject.case, actor, today(), token, **values)

    def done(self, page: Page, subject: Held) -> str:
        if page.id == "letter":
            return url_for("staff.work-list", posted=1)
        return url_for("staff.case", reference=subject.case.reference, sent=1)

    def context(self, page: Page, subject: Held, form: FlaskForm | None) -> dict[str, Any]:
        return {
            "view": StaffView(subject.case, subject.letter),
            "staff": g.staff,
            "lists_cases": g.staff.role in people.LIST_ROLES,
            "case": subject.case,
            "letter": subject.letter,
            "route": config().disagreement,
            "step_text": step_text,
            "sent": bool(request.args.get("sent")),
            "posted": bool(request.args.get("posted")),
        }

    def refuse(self, page: Page, subject: Held, verdict: Verdict, status: int) -> ResponseReturnValue:
        context = self.context(page, subject, None)
        return render_template(
            "staff/cannot.html", page=page, reason=context["view"].refusal(verdict), **context
        ), status


journey = Staff()
journey.register(bp)
# A person's form, budget and support plan, and the decisions on the plan: portal/journeys/staff/people.py
people.JOURNEY.register(bp)
grant_actions.JOURNEY.register(bp)

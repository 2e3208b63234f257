"""Agreeing a support plan and the final budget, through the pages, as the people in the demo do it."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import func, select

from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanComment, PlanDecision
from portal.store.models import Assessment, AuditEvent
from portal.store.outbox_models import OutboxMessage
from portal.store.plan_models import PlanSubmission
from tests import factories
from tests.web.helpers import WORKED_EXAMPLE, Portal
from tests.web.plan_helpers import PA_WEEKLY, add_item, item_ids, plan_url

# The worked example's budget is £118.80 a week; 8.28 hours of a personal assistant at £16.50 is £136.62,
# 15% over.
FIFTEEN_PER_CENT_OVER = {**PA_WEEKLY, "quantity": "8.28"}


def _text(soup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector}"
    return " ".join(found.get_text(" ", strip=True).split())


def _send(portal: Portal, assessment_id: str) -> None:
    response = portal.submit(plan_url(assessment_id, "/send"), {"confirm": "y"})
    assert response.location.endswith(plan_url(assessment_id, "/sent"))


def _db(app):
    return factories.as_user(app)


def test_alex_chris_and_pat_agree_a_plan_fifteen_per_cent_over(app):
    alex, chris, pat = Portal(app), Portal(app), Portal(app)
    alex.sign_in("alex")
    chris.sign_in("chris")
    pat.sign_in("pat")
    assessment_id = factories.sent_assessment(app, alex, WORKED_EXAMPLE)
    add_item(alex, assessment_id, "personal_assistant", FIFTEEN_PER_CENT_OVER)
    [item_id] = item_ids(alex, assessment_id)
    _send(alex, assessment_id)

    # Chris finds the plan first on his case list, and comments on the item.
    cases = chris.get("/staff/people").soup
    first = cases.select_one("#cases tbody tr")
    assert "Alex" in first.get_text() and "Plan sent" in first.get_text()
    person_url = first.select_one("a")["href"]
    assert person_url == f"/staff/people/{assessment_id}"
    case = chris.get(person_url).soup
    assert "£136.62" in _text(case, "#sent-plan")
    assert "£118.80 a week" in _text(case, "#weekly-amount")
    page = chris.get(f"{person_url}/return").soup
    labels = [label.get_text(strip=True) for label in page.select("main form label")]
    assert labels[0] == "Comment on A helper you pay yourself"
    chris.submit(f"{person_url}/return", {"item_1": "Could 7.5 hours a week be enough?"})

    # Alex sees the comment beside the item, changes it and sends the plan again.
    plan_page = alex.get(plan_url(assessment_id)).soup
    assert "Could 7.5 hours a week be enough?" in _text(plan_page, f"#comment-{item_id}")
    alex.submit(
        plan_url(assessment_id, f"/items/{item_id}"),
        {**FIFTEEN_PER_CENT_OVER, "provider": "Ana Silva, and Sam on Sundays"},
    )
    _send(alex, assessment_id)
    with _db(app) as session:
        versions = session.scalars(select(PlanSubmission.version).order_by(PlanSubmission.version)).all()
        assert versions == [1, 2]  # the first version is kept as it was sent

    # Chris approves £136.62 with a reason: it is outside the tolerance, so it waits for Pat.
    page = chris.submit(f"{person_url}/approve", {"amount": "136.62", "reason": ""}, status=200).soup
    assert "Write why the final budget is different from the estimate" in _text(page, ".govuk-error-summary")
    chris.submit(
        f"{person_url}/approve",
        {"amount": "136.62", "reason": "Alex needs help at mealtimes every day, which takes longer."},
    )
    assert "Waiting for a team manager" in _text(chris.get(person_url).soup, "#case-summary")
    with _db(app) as session:
        assert session.scalar(select(func.count(AgreedBudget.id))) == 0

    pat_cases = pat.get("/staff/people").soup
    assert "Waiting for approval" in _text(pat_cases, "#cases tbody tr")
    pat.submit(f"{person_url}/tolerance", {"decision": "agree_exception", "reason": "The reason is sound."})

    # Alex sees the agreed budget and the reason, on the plan, the budget page and the account.
    budget = alex.get(f"/assessments/{assessment_id}/budget").soup
    agreed = _text(budget, "#agreed-budget")
    assert re.search(r"Agreed: £136\.62 a week, from \d+ \w+ \d{4}", agreed)
    assert "Alex needs help at mealtimes every day" in agreed
    assert "£118.80 a week" in _text(budget, "#weekly-amount")  # the estimate stays beside it
    account = alex.get("/account").soup
    assert "Agreed: £136.62 a week" in account.get_text(" ", strip=True)
    sent = alex.get(plan_url(assessment_id, "/sent")).soup
    assert "Agreed: £136.62 a week" in _text(sent, "#agreed-budget")
    assert "The plan is agreed." in _text(sent, "#plan-status")
    happened = _text(sent, "#timeline ~ *")  # the plan's timeline: each version sent and each decision
    assert "A team manager agreed the plan." in sent.get_text(" ", strip=True) and happened
    pdf = alex.get(plan_url(assessment_id, "/plan.pdf"))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    reference = _text(sent, "#reference")
    assert "Agreed on" in words and "£136.62 a week" in words and reference in words

    # A disagreement raised now is about the agreed budget, not the estimate.
    raise_page = alex.get(f"/assessments/{assessment_id}/disagree/care-manager").soup
    assert "The budget is £136.62 a week." in raise_page.get_text(" ", strip=True)

    with _db(app) as session:
        agreed_row = session.scalars(select(AgreedBudget)).one()
        assert (agreed_row.weekly_pence, agreed_row.indicative_weekly_pence, agreed_row.plan_version) == (
            13662,
            11880,
            2,
        )
        moves = session.scalars(select(PlanDecision.move).order_by(PlanDecision.id)).all()
        assert moves == ["return", "approve", "agree_exception"]
        assert session.scalar(select(func.count(PlanComment.id))) == 1
        kinds = session.scalars(
            select(OutboxMessage.kind).where(OutboxMessage.recipient == "alex@example.org")
        )
        assert {"plan.return", "plan.approve", "plan.agree_exception"} <= set(kinds)
        looks = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "staff_view_person")
        ).all()
        assert looks


def _sent_plan(app, who: Portal, answers, hours: str) -> str:
    assessment_id = factories.sent_assessment(app, who, answers)
    factories.plan(app, assessment_id, [("personal_assistant", {**PA_WEEKLY, "quantity": hours})], who=who)
    factories.send_plan(app, assessment_id, who=who)
    return assessment_id


def test_a_budget_at_the_panel_level_waits_for_the_panel_and_is_never_capped(app):
    from tests.web.plan_helpers import HIGH_NEEDS

    alex, chris, pat = Portal(app), Portal(app), Portal(app)
    for portal, name in ((alex, "alex"), (chris, "chris"), (pat, "pat")):
        portal.sign_in(name)
    assessment_id = _sent_plan(app, alex, HIGH_NEEDS, "40.91")  # £675.02 a week; the estimate is £675
    person_url = f"/staff/people/{assessment_id}"
    chris.submit(f"{person_url}/approve", {"amount": "675", "reason": ""})
    case = chris.get(person_url).soup
    assert "Waiting for the panel" in _text(case, "#case-summary")
    assert "£675 a week" in _text(pat.get(person_url).soup, "#waiting-figure")
    assert "A panel of senior staff is looking at the plan" in _text(
        alex.get(plan_url(assessment_id, "/sent")).soup, "#plan-status"
    )

    page = pat.submit(f"{person_url}/panel", {"decision": "", "reason": ""}, status=200).soup
    assert _text(page, ".govuk-error-summary").count("Choose what the panel decided") == 1
    pat.submit(
        f"{person_url}/panel", {"decision": "panel_agree", "reason": "Two carers are needed at night."}
    )
    with _db(app) as session:
        agreed = session.scalars(select(AgreedBudget)).one()
        assert agreed.weekly_pence == 67500  # as approved: nothing is cut to fit a ceiling
    assert "Agreed: £675 a week" in _text(
        alex.get(f"/assessments/{assessment_id}/budget").soup, "#agreed-budget"
    )


def test_a_team_manager_who_does_not_agree_sends_it_back_to_the_care_manager(app):
    alex, chris, pat = Portal(app), Portal(app), Portal(app)
    for portal, name in ((alex, "alex"), (chris, "chris"), (pat, "pat")):
        portal.sign_in(name)
    assessment_id = _sent_plan(app, alex, WORKED_EXAMPLE, "8.28")
    person_url = f"/staff/people/{assessment_id}"
    chris.submit(f"{person_url}/approve", {"amount": "136.62", "reason": "More help at meals."})
    pat.submit(f"{person_url}/tolerance", {"decision": "refuse_exception", "reason": "Try 7.5 hours first."})
    case = chris.get(person_url).soup
    assert "Waiting for the care manager" in _text(case, "#case-summary")
    assert (
        "Try 7.5 hours first." in _text(case, "#decisions ~ *") or "Try 7.5 hours first." in case.get_text()
    )
    # the team manager's page now says it is not waiting for them, and changes nothing
    assert (
        pat.get(f"{person_url}/tolerance").soup.h1.get_text(strip=True) == "This decision cannot be made now"
    )
    chris.submit(f"{person_url}/approve", {"amount": "118.80", "reason": ""}, status=302)
    with _db(app) as session:
        moves = session.scalars(select(PlanDecision.to_state).order_by(PlanDecision.id)).all()
        # the plan itself is still more than 10% over, so the team manager must agree again
        assert moves == ["awaiting_manager", "submitted", "awaiting_manager"]


def test_the_same_decision_sent_twice_is_stored_once(app):
    alex, chris = Portal(app), Portal(app)
    alex.sign_in("alex")
    chris.sign_in("chris")
    assessment_id = _sent_plan(app, alex, WORKED_EXAMPLE, "7.2")  # £118.80: the estimate exactly
    url = f"/staff/people/{assessment_id}/approve"
    first = chris.submit(url, {"amount": "118.80", "reason": ""})
    again = chris.client.post(url, data=first.sent_data)
    assert again.status_code == 302
    with _db(app) as session:
        assert session.scalar(select(func.count(PlanDecision.id))) == 1
        assert session.scalar(select(func.count(AgreedBudget.id))) == 1


def test_staff_following_a_disagreement_reach_the_persons_plan_and_budget(app):
    alex, chris = Portal(app), Portal(app)
    alex.sign_in("alex")
    chris.sign_in("chris")
    assessment_id = _sent_plan(app, alex, WORKED_EXAMPLE, "8.28")
    factories.disagreement(app, assessment_id, app.extensions["clock"]())
    case_link = None
    for a in chris.get("/staff").soup.select("#work-list a"):
        case_link = a["href"]
    case = chris.get(case_link).soup
    person = chris.get(case.select_one("a#person-case")["href"]).soup
    assert "£118.80 a week" in _text(person, "#weekly-amount")
    assert "£136.62" in _text(person, "#sent-plan")
    assert "Disagreement" in _text(person, "#disagreement")


def test_the_case_list_shows_review_due_from_four_weeks_before_the_first_review(app):
    from datetime import timedelta

    alex, chris = Portal(app), Portal(app)
    alex.sign_in("alex")
    chris.sign_in("chris")
    assessment_id = _sent_plan(app, alex, WORKED_EXAMPLE, "7.2")  # £118.80 a week: the estimate
    chris.submit(f"/staff/people/{assessment_id}/approve", {"amount": "118.80", "reason": ""})
    with _db(app) as session:
        starts_on = session.scalars(select(AgreedBudget)).one().starts_on

    def stage_on(day) -> str:
        app.extensions["clock"] = lambda: day
        page = chris.get("/staff/people").soup
        link = page.select_one(f'a[href="/staff/people/{assessment_id}"]')
        return link.find_parent("tr").get_text(" ", strip=True)

    # The demo council's first review is 6 weeks after the plan starts.
    assert "Agreed" in stage_on(starts_on + timedelta(days=13))
    assert "Review due" not in stage_on(starts_on + timedelta(days=13))
    assert "Review due" in stage_on(starts_on + timedelta(weeks=2))  # 28 days before
    assert "Review due" in stage_on(starts_on + timedelta(weeks=7))  # overdue


def _row_of(page, assessment_id: str) -> str:
    link = page.select_one(f'a[href="/staff/people/{assessment_id}"]')
    assert link is not None, f"{assessment_id} is not on the case list"
    return " ".join(link.find_parent("tr").get_text(" ", strip=True).split())


def test_a_sent_self_assessment_with_no_plan_is_on_the_demo_care_managers_list_after_the_plans(app):
    alex, sam, chris = Portal(app), Portal(app), Portal(app)
    alex.sign_in("alex")
    sam.sign_in("sam")
    chris.sign_in("chris")
    waiting = factories.sent_assessment(app, alex, WORKED_EXAMPLE)  # no plan: held from the form sent
    _sent_plan(app, sam, WORKED_EXAMPLE, "8.28")

    cases = chris.get("/staff/people").soup
    rows = [" ".join(row.get_text(" ", strip=True).split()) for row in cases.select("#cases tbody tr")]
    assert "Plan sent" in rows[0] and "Sam" in rows[0]  # the plan waiting for Chris comes first
    assert "Assessment sent" in _row_of(cases, waiting) and "£118.80 a week" in _row_of(cases, waiting)
    assert "Self-assessment" in _row_of(cases, waiting)  # which form it is
    case = chris.get(f"/staff/people/{waiting}").soup
    assert "No plan has been sent yet." in case.get_text(" ", strip=True)
    assert "£118.80 a week" in _text(case, "#weekly-amount")


def test_a_case_assigned_by_the_command_is_on_that_care_managers_list_and_no_one_elses(app):
    alex, sam_staff, chris = Portal(app), Portal(app), Portal(app)
    alex.sign_in("alex")
    assessment_id = factories.sent_assessment(app, alex, WORKED_EXAMPLE)
    factories.demo_user(app, "sam")
    runner = app.test_cli_runner()
    added = runner.invoke(args=["staff-add", "--email", "sam@example.org", "--role", "care_manager"])
    assert added.exit_code == 0, added.output
    with _db(app) as session:
        person_id = (
            session.scalars(select(Assessment).where(Assessment.public_id == assessment_id))
            .one()
            .person.public_id
        )
    moved = runner.invoke(
        args=["staff-assign", "--person", person_id, "--role", "care_manager", "--email", "sam@example.org"]
    )
    assert moved.exit_code == 0, moved.output

    sam_staff.sign_in("sam")
    assert "Assessment sent" in _row_of(sam_staff.get("/staff/people").soup, assessment_id)
    chris.sign_in("chris")
    assert not chris.get("/staff/people").soup.select_one(f'a[href="/staff/people/{assessment_id}"]')
    chris.get(f"/staff/people/{assessment_id}", status=404)


def test_a_panel_member_added_by_the_command_sees_budgets_at_the_panel_level_and_decides(app):
    from tests.web.plan_helpers import HIGH_NEEDS

    alex, sam, chris = Portal(app), Portal(app), Portal(app)
    alex.sign_in("alex")
    chris.sign_in("chris")
    factories.demo_user(app, "sam")
    added = app.test_cli_runner().invoke(args=["staff-add", "--email", "sam@example.org", "--role", "panel"])
    assert added.exit_code == 0, added.output
    assert "now has the staff role panel" in added.output
    sam.sign_in("sam")
    work = sam.get("/staff").soup
    assert "member of the panel" in work.get_text(" ", strip=True)

    assessment_id = _sent_plan(app, alex, HIGH_NEEDS, "40.91")  # £675.02 a week; the estimate is £675
    person_url = f"/staff/people/{assessment_id}"
    sam.get(person_url, status=404)  # not yet the panel's: the care manager has not approved it
    assert not sam.get("/staff/people").soup.select("#cases tbody tr")
    chris.submit(f"{person_url}/approve", {"amount": "675", "reason": ""})

    cases = sam.get(work.select_one("#cases-link")["href"]).soup
    assert "Budgets waiting for the panel" in _text(cases, "#intro")
    assert "Waiting for approval" in _row_of(cases, assessment_id)
    case = sam.get(person_url).soup
    assert [a.get_text(strip=True) for a in case.select("main .govuk-button")] == [
        "Record the panel's decision"
    ]
    sam.get(f"{person_url}/approve", status=404)
    sam.submit(
        f"{person_url}/panel", {"decision": "panel_agree", "reason": "Two carers are needed at night."}
    )
    assert "Agreed" in _text(sam.get(person_url).soup, "#case-summary")  # still theirs to read
    with _db(app) as session:
        decision = session.scalars(select(PlanDecision).where(PlanDecision.move == "panel_agree")).one()
        assert decision.actor_role == "panel"


def test_the_staff_commands_take_their_roles_from_the_one_list():
    from portal.journeys.staff import cli
    from portal.ras import staff_roles

    def choices(command, name: str) -> tuple[str, ...]:
        return tuple(next(p for p in command.params if p.name == name).type.choices)

    assert choices(cli.staff_add, "role") == staff_roles.GRANTABLE == (*staff_roles.STAFF_ROLES, "ras_lead")
    assert choices(cli.staff_assign, "role") == staff_roles.CASE_HOLDERS
    assert set(staff_roles.CASE_HOLDERS) < set(staff_roles.STAFF_ROLES)
    assert staff_roles.PANEL in staff_roles.STAFF_ROLES

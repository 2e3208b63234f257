"""'Download your information' holds everything we hold about the person: every table that holds
somebody's information is in the download, row for row."""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select

from portal.store.agreement_models import AgreedBudget
from portal.store.approval_models import PlanComment, PlanDecision
from portal.store.disagreement_models import (
    CaseAssignment,
    Disagreement,
    DisagreementEntry,
    DisagreementStep,
    LocalMessage,
    StaffMember,
)
from portal.store.models import (
    Answer,
    Assessment,
    AuditEvent,
    Calculation,
    Grant,
    GrantNote,
    Invitation,
    Person,
    User,
)
from portal.store.outbox_models import OutboxMessage
from portal.store.plan_models import Plan, PlanItem, PlanSubmission
from portal.store.review_models import Review, ReviewRequest
from portal.store.schema import metadata
from tests.mail import deliver
from tests.web.helpers import Portal
from tests.web.plan_helpers import add_item, budget_with_plan, plan_url


def _forms(d):
    return d["forms"]


def _plans(d):
    return [f["support_plan"] for f in _forms(d) if "support_plan" in f]


def _disagreements(d):
    return [f["disagreement"] for f in _forms(d) if "disagreement" in f]


# Each table, and where its rows about the signed-in person (and the people they act for) are in the
# download. A new table must be added here: the test below fails until it is.
IN_THE_DOWNLOAD = {
    "users": lambda d: [d["you"]],
    "people": lambda d: sorted({f["for"] for f in _forms(d)}),
    "grants": lambda d: d["people_you_act_for"] + d["people_who_act_for_you"],
    "invitations": lambda d: d["invitations_you_made"],
    "grant_notes": lambda d: [
        n for g in d["people_you_act_for"] + d["people_who_act_for_you"] for n in g["what_the_council_did"]
    ],
    "assessments": _forms,
    "answers": lambda d: [a for f in _forms(d) for a in f["answers"]],
    "calculations": lambda d: [f["budget"] for f in _forms(d) if "budget" in f],
    "plans": _plans,
    "plan_items": lambda d: [i for p in _plans(d) for i in p["items"] + p["removed_items"]],
    "plan_submissions": lambda d: [
        s for p in _plans(d) if "sent_plan" in p for s in [*p["earlier_versions_sent"], p["sent_plan"]]
    ],
    "disagreements": _disagreements,
    "disagreement_steps": lambda d: [s for x in _disagreements(d) for s in x["steps"]],
    "disagreement_entries": lambda d: [m for x in _disagreements(d) for m in x["messages"]],
    "case_assignments": lambda d: d["case_workers"],
    "local_messages": lambda d: d["emails_we_sent_you"],
    "outbox_messages": lambda d: d["messages_we_wrote_to_you"],
    "audit_events": lambda d: d["who_looked_or_changed"],
    "staff_members": lambda d: [d["you"]["staff_role"]] if d["you"]["staff_role"] else [],
    "plan_decisions": lambda d: d["plan_approval"]["decisions"],
    "plan_comments": lambda d: d["plan_approval"]["comments"],
    "agreed_budgets": lambda d: d["plan_approval"]["agreed_budgets"],
    "review_requests": lambda d: d["reviews"]["early_reviews_asked_for"],
    "reviews": lambda d: d["reviews"]["reviews_done"],
}


# Sign-in records (portal/access.py), not yet in the download: each session's times and how it ended,
# and forms kept for at most 30 minutes after a session ended. The account page's download is to add them.
NOT_YET_IN_THE_DOWNLOAD = {"user_sessions", "kept_forms"}
# A sent plan's PDF, kept so that it is made once: a copy of the sent plan, which is in the download.
COPIES = {"plan_pdfs"}


def _held_about(session, user: User) -> dict[str, int]:
    """Rows of each table about this user or the people they may act for, counted in the database."""
    people = list(session.scalars(select(Person.id).where(Person.user_id == user.id)))
    people += list(
        session.scalars(select(Grant.person_id).where(Grant.user_id == user.id, Grant.active_clause()))
    )
    assessments = list(session.scalars(select(Assessment.id).where(Assessment.person_id.in_(people))))
    plans = list(session.scalars(select(Plan.id).where(Plan.assessment_id.in_(assessments))))
    cases = list(session.scalars(select(Disagreement.id).where(Disagreement.assessment_id.in_(assessments))))

    def count(model, *where):
        return session.scalar(select(func.count()).select_from(model).where(*where))

    return {
        "users": count(User, User.id == user.id),
        "people": len(people),
        "grants": count(Grant, or_(Grant.user_id == user.id, Grant.person_id.in_(people[:1]))),
        "invitations": count(Invitation, Invitation.person_id.in_(people[:1])),
        "grant_notes": count(
            GrantNote,
            GrantNote.grant_id.in_(
                select(Grant.id).where(or_(Grant.user_id == user.id, Grant.person_id.in_(people[:1])))
            ),
        ),
        "assessments": len(assessments),
        "answers": count(Answer, Answer.assessment_id.in_(assessments)),
        "calculations": count(Calculation, Calculation.assessment_id.in_(assessments)),
        "plans": len(plans),
        "plan_items": count(PlanItem, PlanItem.plan_id.in_(plans)),
        "plan_submissions": count(PlanSubmission, PlanSubmission.plan_id.in_(plans)),
        "disagreements": len(cases),
        "disagreement_steps": count(DisagreementStep, DisagreementStep.disagreement_id.in_(cases)),
        "disagreement_entries": count(DisagreementEntry, DisagreementEntry.disagreement_id.in_(cases)),
        "case_assignments": count(CaseAssignment, CaseAssignment.person_id.in_(people)),
        "local_messages": count(LocalMessage, LocalMessage.recipient == user.email),
        "outbox_messages": count(
            OutboxMessage,
            or_(
                OutboxMessage.recipient == user.email,
                (OutboxMessage.channel == "letter") & OutboxMessage.person_id.in_(people),
            ),
        ),
        "audit_events": count(AuditEvent, AuditEvent.person_id.in_(people)),
        "staff_members": count(StaffMember, StaffMember.user_id == user.id),
        "plan_decisions": count(PlanDecision, PlanDecision.plan_id.in_(plans)),
        "plan_comments": count(PlanComment, PlanComment.plan_id.in_(plans)),
        "agreed_budgets": count(AgreedBudget, AgreedBudget.person_id.in_(people)),
        "review_requests": count(ReviewRequest, ReviewRequest.person_id.in_(people)),
        "reviews": count(Review, Review.person_id.in_(people)),
    }


def test_every_table_is_in_the_download_row_for_row(portal, app):
    # Jo: her own budget with a plan (one item removed, then sent), a disagreement that the care
    # manager looked at and answered, emails, and a form for her dad, Ravi.
    portal.sign_in("jo")
    own, _item = budget_with_plan(portal)
    add_item(
        portal,
        own,
        "meals",
        {"quantity": "7", "frequency": "per_week", "needs": ["nutrition"], "management": "council_arranged"},
    )
    second = [a["href"].split("/")[-2] for a in portal.get(plan_url(own)).soup.select('a[href$="/remove"]')][
        -1
    ]
    portal.submit(plan_url(own, f"/items/{second}/remove"), {"remove": "yes"})
    portal.post(plan_url(own, "/send"), {"confirm": "y"})
    portal.submit(
        f"/assessments/{own}/disagree/care-manager",
        {
            "reason": "Not enough for the nights.",
            "amount": "150",
            "talk": "writing",
            "contact_by": "email",
            "contact_details": "jo@example.org",
        },
    )
    for_dad = portal.start("someone_else", person_name="Ravi")
    portal.answer(for_dad, "date_of_birth", "1940-01-01", more="He was born at home.")
    portal.post(
        "/account/who-can-see/invite", {"helper_name": "Sam", "relationship": "Friend", "scope": "see"}, 200
    )
    staff = Portal(app)
    staff.sign_in("chris")
    with app.extensions["db_sessionmaker"]() as session:
        reference = session.scalar(select(Disagreement.reference))
    staff.get(f"/staff/cases/{reference}")
    staff.submit(
        f"/staff/cases/{reference}/answer", {"decision": "keep_amount", "message": "The amount stands."}
    )
    # Chris sends the plan back with a comment; Jo sends it again; Chris agrees it.
    staff.submit(f"/staff/people/{own}/return", {"whole_plan": "Please say who helps at night."})
    portal.post(plan_url(own, "/send"), {"confirm": "y"})
    staff.submit(f"/staff/people/{own}/approve", {"amount": "123.75", "reason": "The plan meets the needs."})
    deliver(app)

    data = json.loads(portal.get("/account/your-information.json").get_data(as_text=True))
    with app.extensions["db_sessionmaker"]() as session:
        jo = session.scalar(select(User).where(User.subject == "jo"))
        held = _held_about(session, jo)

    assert set(metadata.tables) - NOT_YET_IN_THE_DOWNLOAD - COPIES == set(IN_THE_DOWNLOAD), (
        "say where each table's rows about a person are in the download"
    )
    shown = {table: len(rows(data)) for table, rows in IN_THE_DOWNLOAD.items()}
    assert shown == held
    # and the state built above really has rows in the tables that matter here
    for table in (
        "plans",
        "plan_items",
        "plan_submissions",
        "disagreements",
        "disagreement_entries",
        "local_messages",
        "outbox_messages",
        "audit_events",
        "case_assignments",
        "grants",
        "invitations",
        "answers",
        "plan_decisions",
        "plan_comments",
        "agreed_budgets",
    ):
        assert held[table] > 0, table
    [plan] = _plans(data)
    assert plan["sent_plan"]["reference"].startswith("PLAN-")
    assert plan["sent_plan"]["plan"]["weekly_pence"] == 12375
    assert [i["help"] for i in plan["removed_items"]] == ["meals"]
    assert _disagreements(data)[0]["messages"][0]["text"] == "Not enough for the nights."
    assert any(e["who"] != "you" and e["as"].startswith("staff") for e in data["who_looked_or_changed"])

"""The staff case list does the same database work for 5 cases as for 5,000: one statement counts them and
one fetches the page (no query for each row), and it shows 25 at a time. Counting statements is not a
timed test: it fails whenever the list starts asking the database once a row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, insert, select

from portal.store.disagreement_models import CaseAssignment
from portal.store.models import Assessment, Calculation, Person, User
from portal.store.plan_models import Plan
from tests import factories
from tests.web.helpers import Portal

STATES = ("submitted", "returned", "awaiting_manager", "agreed", "draft", None)


def _cases(app, staff_user_id: int, count: int, start: int) -> None:
    """`count` people held by this care manager, each with a sent form and a budget, and plans in every state,
    written in bulk (the pages that make them are tested elsewhere)."""
    engine = app.extensions["db_engine"]
    now = datetime(2026, 11, 2, 9, 0)
    with engine.begin() as connection:
        # The forms were filled in by someone else: staff never hold a case whose form they started.
        owner = connection.scalar(select(User.id).where(User.subject == "maker"))
        if owner is None:
            connection.execute(insert(User), [{"issuer": "test", "subject": "maker", "created_at": now}])
            owner = connection.scalar(select(User.id).where(User.subject == "maker"))
        people = [{"public_id": f"p{start + n}", "name": f"Person {start + n}"} for n in range(count)]
        connection.execute(insert(Person), people)
        ids = dict(
            connection.execute(select(Person.public_id, Person.id).where(Person.public_id.like("p%"))).all()
        )
        person_ids = [ids[row["public_id"]] for row in people]
        connection.execute(
            insert(Assessment),
            [
                {
                    "public_id": f"a{start + n}",
                    "person_id": person_id,
                    "started_by_id": owner,
                    "status": "submitted",
                    "config_version": "example-2026-1",
                    "created_at": now,
                    "updated_at": now,
                    "submitted_at": now,
                }
                for n, person_id in enumerate(person_ids)
            ],
        )
        forms = dict(
            connection.execute(
                select(Assessment.person_id, Assessment.id).where(Assessment.person_id.in_(person_ids))
            ).all()
        )
        connection.execute(
            insert(Calculation),
            [
                {
                    "assessment_id": forms[person_id],
                    "config_version": "example-2026-1",
                    "answers": {},
                    "result": {},
                    "weekly_pence": 11880,
                    "yearly_pence": 617760,
                    "created_at": now,
                }
                for person_id in person_ids
            ],
        )
        plans = [
            {
                "public_id": f"plan{start + n}",
                "assessment_id": forms[person_id],
                "status": STATES[n % len(STATES)],
                "created_by_id": owner,
                "created_at": now,
                "updated_at": now,
                "submitted_at": now,
            }
            for n, person_id in enumerate(person_ids)
            if STATES[n % len(STATES)] is not None
        ]
        connection.execute(insert(Plan), plans)
        connection.execute(
            insert(CaseAssignment),
            [
                {
                    "person_id": person_id,
                    "role": "care_manager",
                    "staff_user_id": staff_user_id,
                    "assigned_at": now,
                }
                for person_id in person_ids
            ],
        )


def _statements(app, portal: Portal, url: str) -> tuple[int, object]:
    engine = app.extensions["db_engine"]
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        seen.append(statement)

    portal.get(url)  # the session is warm, as it is for someone working through their list
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = portal.get(url).soup
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), page


def test_the_case_list_asks_the_database_the_same_number_of_times_for_5_and_5000_cases(app):
    chris = Portal(app)
    chris.sign_in("chris")
    chris_id = factories.demo_staff(app)["care_manager"]
    _cases(app, chris_id, 5, 0)
    few, page = _statements(app, chris, "/staff/people")
    assert len(page.select("#cases tbody tr")) == 5
    assert "5 cases" in page.select_one("#count").get_text()
    assert page.select_one(".govuk-pagination") is None

    _cases(app, chris_id, 4995, 5)
    many, page = _statements(app, chris, "/staff/people")
    assert many == few, f"{few} statements for 5 cases, {many} for 5,000"
    assert len(page.select("#cases tbody tr")) == 25
    assert (
        "5,000 cases" in page.select_one("#count").get_text()
        or "5000 cases" in page.select_one("#count").get_text()
    )
    # plans waiting for the care manager come first
    assert all("Plan sent" in row.get_text() for row in page.select("#cases tbody tr"))
    last, last_page = _statements(app, chris, "/staff/people?page=200")
    assert last == few and len(last_page.select("#cases tbody tr")) == 25
    assert last_page.select_one(".govuk-pagination__next") is None

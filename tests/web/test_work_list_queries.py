"""The staff work list asks the database the same number of times for 5 cases as for 5,000 (one statement
counts them, one fetches a page of 25), soonest due first, and shows exactly the cases the access rule
(`portal.journeys.staff.roles.may_see`) lets each member of staff see. Counting statements is not a timed
test: it fails whenever the list starts asking the database once a case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import g
from sqlalchemy import insert, select

from portal.journeys.disagree.letters import letters_to_post
from portal.journeys.staff.roles import may_see
from portal.journeys.staff.roles import staff_member as member_of
from portal.ras import disagreement as rules
from portal.store.disagreement_models import Disagreement, DisagreementStep
from portal.store.models import Assessment, Grant, User
from tests import factories
from tests.personas import LASTING_POWER_OF_ATTORNEY, Helper
from tests.web.helpers import Portal
from tests.web.test_case_list_queries import _cases, _statements

RAISED = date(2026, 11, 2)
LETTERS = {"contact_by": "letter", "contact_name": None, "contact_details": "1 High Street, Townley, TN1 1AA"}


def _disagreements(app, start: int, count: int) -> None:
    """A disagreement waiting for the care manager for each form `_cases` made, due on one of 40 days."""
    engine = app.extensions["db_engine"]
    now = datetime(2026, 11, 2, 9, 0)
    with engine.begin() as connection:
        owner = connection.scalar(select(User.id).where(User.subject == "maker"))
        forms = connection.execute(
            select(Assessment.public_id, Assessment.id, Assessment.person_id).where(
                Assessment.public_id.in_([f"a{n}" for n in range(start, start + count)])
            )
        ).all()
        connection.execute(
            insert(Disagreement),
            [
                {
                    "reference": f"DIS-{int(public_id[1:]):04d}-TEST",
                    "assessment_id": assessment_id,
                    "person_id": person_id,
                    "state": rules.CARE_MANAGER_WAITING,
                    "version": 1,
                    "raised_on": RAISED,
                    "raised_by_id": owner,
                    "created_at": now,
                }
                for public_id, assessment_id, person_id in forms
            ],
        )
        ids = dict(
            connection.execute(
                select(Disagreement.assessment_id, Disagreement.id).where(
                    Disagreement.assessment_id.in_([row[1] for row in forms])
                )
            ).all()
        )
        connection.execute(
            insert(DisagreementStep),
            [
                {
                    "disagreement_id": ids[assessment_id],
                    "kind": rules.STEP_CARE_MANAGER,
                    "opened_on": RAISED,
                    "due_on": RAISED + timedelta(days=int(public_id[1:]) * 7 % 40),
                }
                for public_id, assessment_id, _person_id in forms
            ],
        )


def _due_dates(page) -> list[str]:
    return [
        row.select("td")[-1].get_text(" ", strip=True).removesuffix(" Late")
        for row in page.select("#work-list tbody tr")
    ]


def test_the_work_list_asks_the_database_the_same_number_of_times_for_5_and_5000_cases(app):
    chris = Portal(app)
    chris.sign_in("chris")
    chris_id = factories.demo_staff(app)["care_manager"]
    _cases(app, chris_id, 5, 0)
    _disagreements(app, 0, 5)
    few, page = _statements(app, chris, "/staff")
    assert len(page.select("#work-list tbody tr")) == 5
    assert page.select_one(".govuk-pagination") is None

    _cases(app, chris_id, 4995, 5)
    _disagreements(app, 5, 4995)
    many, page = _statements(app, chris, "/staff")
    assert many == few, f"{few} statements for 5 cases, {many} for 5,000"
    assert len(page.select("#work-list tbody tr")) == 25
    assert page.select_one("#count").get_text(strip=True) in ("5,000 cases", "5000 cases")
    # The soonest due first: 200 cases are due on the first day (every 40th), so page 1 is all that day.
    assert set(_due_dates(page)) == {"2 November 2026"}
    pagination = page.select_one("nav.govuk-pagination")
    assert pagination["aria-label"] == "Pages of cases"
    # As the Design System shows it: 1 2 … 200, and "Next page".
    items = [item.get_text(" ", strip=True) for item in pagination.select(".govuk-pagination__item")]
    assert items == ["Page 1", "Page 2", "⋯", "Page 200"] or items == ["1", "2", "⋯", "200"], items
    assert pagination.select_one(".govuk-pagination__prev") is None

    last, last_page = _statements(app, chris, "/staff?page=200")
    assert last == few and len(last_page.select("#work-list tbody tr")) == 25
    assert set(_due_dates(last_page)) == {"11 December 2026"}  # 39 days after, the latest
    assert last_page.select_one(".govuk-pagination__next") is None
    # A page past the end shows the last page; a page that is not a number shows the first.
    assert _due_dates(chris.get("/staff?page=9999").soup) == _due_dates(last_page)
    assert _due_dates(chris.get("/staff?page=abc").soup) == _due_dates(page)


def _work_list(portal: Portal) -> list[str]:
    """Every reference on the member of staff's work list, page by page."""
    found: list[str] = []
    number = 1
    while True:
        page = portal.get(f"/staff?page={number}").soup
        found += [row.th.get_text(strip=True) for row in page.select("#work-list tbody tr")]
        if page.select_one(".govuk-pagination__next") is None:
            return found
        number += 1


def _seen_by_the_rule(app, user_id: int) -> list[str]:
    """The waiting cases `may_see` lets this member of staff see, in the order the rules give."""
    with factories.as_user(app, user_id) as session:
        member = member_of(session.get(User, user_id))
        g.staff = member
        waiting = [state for state in rules.STATES if rules.staff_step(state) == member.role]
        shown = []
        for case in session.scalars(select(Disagreement).where(Disagreement.state.in_(waiting))):
            if may_see(member, case):
                step = case.step(rules.STEP_OF_STATE[case.state])
                shown.append(
                    (
                        rules.work_due(case.state, step.due_on, step.acknowledge_due_on),
                        case.id,
                        case.reference,
                    )
                )
        return [reference for _due, _id, reference in sorted(shown)]


def _letters_by_the_rule(app, user_id: int) -> list[str]:
    """ "Post a letter for <reference>", for each letter this member of staff posts, as `may_see` and
    `letters_to_post` find them case by case."""
    with factories.as_user(app, user_id) as session:
        member = member_of(session.get(User, user_id))
        found = [
            f"Post a letter for {case.reference}"
            for case in session.scalars(select(Disagreement))
            if may_see(member, case)
            for letter in letters_to_post(case)
            if letter.role == member.role
        ]
        return sorted(found)


def test_each_work_list_shows_exactly_what_the_access_rule_allows(app):
    """Cases at every staff step, one held by another care manager, and three where the care manager has a
    conflict of interest: their own, someone they act for, and someone whose form they started."""
    staff = factories.demo_staff(app)
    chris_id = staff[rules.CARE_MANAGER]
    sam_id = factories.staff_member(app, "sam", rules.CARE_MANAGER)  # a second care manager
    made: dict[str, str] = {}
    for n, (who, state) in enumerate(
        [
            ("alex", rules.CARE_MANAGER_WAITING),
            ("lee", rules.CARE_MANAGER_WAITING),
            ("ravi", rules.TEAM_MANAGER_WAITING),
            ("jo", rules.COMPLAINT_WAITING),
            ("kai", rules.COMPLAINT_ACKNOWLEDGED),
            ("mo", rules.CARE_MANAGER_WAITING),  # held by the second care manager
            ("chris", rules.CARE_MANAGER_WAITING),  # the care manager's own
            ("rowan", rules.CARE_MANAGER_WAITING),  # chris acts for them
        ]
    ):
        form = factories.sent_assessment(app, who)
        if who == "mo":
            factories.assign(app, form, rules.CARE_MANAGER, sam_id)
        made[who] = factories.disagreement(
            app, form, RAISED - timedelta(days=n), state=state, who=who, contact=LETTERS
        )
    # Chris filled in a form for Dee, who could not sign in: a conflict too.
    dee = factories.sent_assessment(
        app, "chris", helper=Helper("Dee Jones", "Friend", *LASTING_POWER_OF_ATTORNEY)
    )
    made["dee"] = factories.disagreement(app, dee, RAISED, who="chris", contact=LETTERS)
    with app.extensions["db_engine"].begin() as connection:
        rowan = connection.scalar(
            select(Disagreement.person_id).where(Disagreement.reference == made["rowan"])
        )
        connection.execute(
            insert(Grant),
            [
                {
                    "public_id": "grant-for-chris",
                    "user_id": chris_id,
                    "person_id": rowan,
                    "relationship_to_person": "Friend",
                    "basis": "asked_by_person",
                    "starts_at": datetime(2026, 11, 1),
                }
            ],
        )

    for subject, user_id, expected in (
        ("chris", chris_id, {"alex", "lee"}),
        ("sam", sam_id, {"mo"}),
        ("pat", staff[rules.TEAM_MANAGER], {"ravi"}),
        ("kim", staff[rules.COMPLAINTS_OFFICER], {"jo", "kai"}),
    ):
        portal = Portal(app)
        portal.sign_in(subject)
        shown = _work_list(portal)
        assert shown == _seen_by_the_rule(app, user_id), subject
        assert set(shown) == {made[who] for who in expected}, subject
        # Everyone asked for letters: the letters each member of staff posts, for the cases they may see.
        letters = portal.get("/staff").soup.select("#letters tbody tr")
        assert sorted(row.th.get_text(strip=True) for row in letters) == _letters_by_the_rule(app, user_id)
        assert letters, f"{subject} has letters to post"


def test_letters_to_post_ask_the_database_the_same_number_of_times_for_1_and_4_cases(app):
    chris = Portal(app)
    chris.sign_in("chris")
    for n, who in enumerate(("alex", "lee", "mo", "kai")):
        form = factories.sent_assessment(app, who)
        factories.disagreement(app, form, RAISED - timedelta(days=n), who=who, contact=LETTERS)
        if n == 0:
            one, page = _statements(app, chris, "/staff")
            assert len(page.select("#letters tbody tr")) == 1
    four, page = _statements(app, chris, "/staff")
    assert len(page.select("#letters tbody tr")) == 4
    assert four == one, f"{one} statements for 1 case with a letter, {four} for 4"

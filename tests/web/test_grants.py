"""Acting for someone: grants (basis, scope, end), the one access rule over every route that takes a form's
id, invitations with one-time codes, "Who can see your information", and the move from authority records."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, text

from portal.store.models import FILL_IN, SEE, SEND, AuditEvent, Grant, Invitation, Person, User
from tests import factories
from tests.personas import Helper
from tests.web.helpers import WORKED_EXAMPLE
from tests.web.test_access import DRAFT_ROUTES, SENT_ROUTES, _url

GRANT_ROUTES = [
    ("GET", "grants.end", {}),
    ("POST", "grants.end", {}),
]
# Routes where a helper's grant is checked, and what each needs of it.
WRITE_NEEDS = {
    ("POST", "assessment.question"): FILL_IN,
}


# Pages that are there to make a change open only for a helper who may make it; other pages need "see".
OPEN_NEEDS = {
    "assessment.question": FILL_IN,
    "assessment.send": SEND,
    "assessment.delete": SEND,
    "disagree.care-manager": SEND,
    "disagree.team-manager": SEND,
    "disagree.complaint": SEND,
    "disagree.add": SEND,
    "disagree.close": SEND,
    "plan.choose-help": FILL_IN,
    "plan.add-help": FILL_IN,
    "plan.change-item": FILL_IN,
    "plan.change-help": FILL_IN,
    "plan.remove-item": FILL_IN,
    "plan.send": SEND,
}


def _needs(method: str, endpoint: str) -> str:
    if method == "GET":
        return OPEN_NEEDS.get(endpoint, SEE)
    return WRITE_NEEDS.get((method, endpoint), SEND)


def _helper_grant(app, helper: str, person_name: str = "Ravi", **grant) -> tuple[int, str, str]:
    """Ravi's draft and sent forms, and a grant for the helper (by demo name). Returns the person's id and
    the two forms' ids."""
    helper_id = factories.demo_user(app, helper)
    draft = factories.draft_assessment(
        app,
        helper_id,
        {"date_of_birth": "1950-04-03"},
        helper=Helper(person_name, "Son", "asked_by_person", "They asked me to"),
    )
    with factories.as_user(app) as session:
        person_id = session.scalar(select(Person.id).where(Person.name == person_name))
        first = session.scalar(select(Grant).where(Grant.person_id == person_id))
        for name, value in grant.items():
            setattr(first, name, value)
        session.commit()
    sent = factories.sent_assessment(app, helper_id, WORKED_EXAMPLE)  # the helper's own, moved to Ravi below
    with factories.as_user(app) as session:
        from portal.store.models import Assessment

        row = session.scalar(select(Assessment).where(Assessment.public_id == sent))
        row.person_id = person_id
        session.commit()
    return person_id, draft, sent


def _request(who, app, method, endpoint, public_id, extra):
    url = _url(app, endpoint, public_id, extra)
    if method == "GET":
        return who.client.get(url)
    token = who.csrf("/assessments/new")
    return who.client.post(
        url,
        data={
            "csrf_token": token,
            "confirm": "y",
            "delete": "no",
            "date_of_birth-day": "1",
            "date_of_birth-month": "1",
            "date_of_birth-year": "1950",
            "reason": "Not enough.",
            "message": "x",
        },
    )


CASES = {
    "see": {"scope": SEE},
    "fill_in": {"scope": FILL_IN},
    "send": {"scope": SEND},
    "ended": {"scope": SEND, "ended_at": datetime(2026, 1, 1)},
    "past_its_end": {"scope": SEND, "ends_at": datetime(2026, 1, 1)},
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_helper_can_do_what_their_grant_allows_and_nothing_more(portal, app, case):
    """The access matrix for helpers: each scope, an ended grant and one past its end, over every route
    that takes a form's id. Refused requests never change anything and say why."""
    portal.sign_in("jo")
    _person, draft, sent = _helper_grant(app, "jo", **CASES[case])
    for method, endpoint, extra in DRAFT_ROUTES + SENT_ROUTES:
        public_id = draft if (method, endpoint, extra) in DRAFT_ROUTES else sent
        response = _request(portal, app, method, endpoint, public_id, extra)
        active = case in {"see", "fill_in", "send"}
        allowed = active and [SEE, FILL_IN, SEND].index(CASES[case]["scope"]) >= [SEE, FILL_IN, SEND].index(
            _needs(method, endpoint)
        )
        if allowed:
            assert response.status_code not in (403, 404), (case, method, endpoint, response.status_code)
        else:
            assert response.status_code == 403, (case, method, endpoint, response.status_code)
            body = response.get_data(as_text=True)
            assert "1950" not in body and "£" not in body, (case, method, endpoint)
            assert ("Your access has ended" in body) == (not active), (case, endpoint)


def test_other_people_and_staff_get_not_found_on_a_helped_persons_forms(portal, other_portal, app):
    """Another citizen, and every staff role (not assigned to the case), learn nothing."""
    _person, draft, sent = _helper_grant(app, "jo", scope=SEND)
    staff = factories.demo_staff(app)
    who = [("sam", None)] + [(None, user_id) for user_id in staff.values()]
    for name, user_id in who:
        client = other_portal
        if name:
            client.sign_in(name)
        else:
            with factories.as_user(app) as session:
                subject = session.get(User, user_id).subject
            client.sign_in(subject)
        for method, endpoint, extra in DRAFT_ROUTES + SENT_ROUTES:
            public_id = draft if (method, endpoint, extra) in DRAFT_ROUTES else sent
            response = _request(client, app, method, endpoint, public_id, extra)
            assert response.status_code == 404, (name or user_id, method, endpoint, response.status_code)


@pytest.fixture
def invite(portal):
    def make(name: str = "Jo", scope: str = FILL_IN) -> str:
        response = portal.post(
            "/account/who-can-see/invite",
            {"helper_name": name, "relationship": "Daughter", "scope": scope},
            200,
        )
        code = response.soup.select_one("#code").get_text(strip=True)
        assert "Write this code down now" in response.soup.get_text()
        return code

    return make


def test_an_invitation_gives_a_confirmed_grant_once_and_the_person_sees_and_ends_it(
    portal, other_portal, app, invite
):
    portal.sign_in("alex")
    code = invite("Jo", FILL_IN)
    with factories.as_user(app) as session:
        stored = session.scalar(select(Invitation))
        assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash
        assert stored.expires_at - stored.created_at == timedelta(days=30)
    other_portal.sign_in("jo")
    other_portal.post("/account/invitation", {"code": code.lower()}, 303)
    with factories.as_user(app) as session:
        grant = session.scalar(select(Grant))
        assert grant.confirmed_by_person and grant.scope == FILL_IN and grant.basis == "asked_by_person"
    # used once only
    used = other_portal.post("/account/invitation", {"code": code}, 200)
    assert "already been used" in used.soup.select_one(".govuk-error-summary").get_text()
    wrong = other_portal.post("/account/invitation", {"code": "AAAA-BBBB-CCCC"}, 200)
    assert "not right" in wrong.soup.select_one("#code-error").get_text()
    # Jo sees what she holds; Ravi sees Jo, and what she looked at
    held = other_portal.get("/account/who-can-see").soup
    assert held.select_one(f"#held-{grant.public_id}")
    page = portal.get("/account/who-can-see").soup
    card = page.select_one(f"#grant-{grant.public_id}")
    assert "Jo" in card.get_text() and "fill in" in card.get_text()
    # Ravi ends it: it takes effect on Jo's next request
    portal.get(f"/account/helpers/{grant.public_id}/end")
    portal.post(f"/account/helpers/{grant.public_id}/end", {}, 303)
    page = portal.get("/account/who-can-see").soup
    assert "Ended on" in page.select_one(f"#grant-{grant.public_id}").get_text()
    # and nobody else reaches the grant's page
    third = type(portal)(app)
    third.sign_in("sam")
    assert third.client.get(f"/account/helpers/{grant.public_id}/end").status_code == 404


def test_an_expired_invitation_gives_nothing_and_says_so(portal, other_portal, app, invite):
    portal.sign_in("alex")
    draft = portal.start()
    code = invite()
    with factories.as_user(app) as session:
        session.execute(text("UPDATE invitations SET expires_at = :at"), {"at": datetime(2020, 1, 1)})
        session.commit()
    other_portal.sign_in("jo")
    response = other_portal.post("/account/invitation", {"code": code}, 200)
    assert "expired" in response.soup.select_one("#code-error").get_text()
    with factories.as_user(app) as session:
        assert session.scalar(select(Grant)) is None
    # and every route of Alex's form is "Page not found" for Jo
    for method, endpoint, extra in DRAFT_ROUTES:
        response = _request(other_portal, app, method, endpoint, draft, extra)
        assert response.status_code == 404, (method, endpoint, response.status_code)


def test_a_helper_whose_access_ended_is_refused_with_a_clear_page_and_the_person_sees_what_they_did(
    portal, other_portal, app, invite
):
    portal.sign_in("alex")
    own = portal.start()
    code = invite("Jo", SEND)
    other_portal.sign_in("jo")
    other_portal.post("/account/invitation", {"code": code}, 303)
    other_portal.get(f"/assessments/{own}")
    page = portal.get("/account/who-can-see").soup
    assert "Looked at your form" in page.select_one("#what-people-did").find_next("ul").get_text()
    assert "Looked at their form" in other_portal.get("/account/who-can-see").soup.get_text()
    with factories.as_user(app) as session:
        grant = session.scalar(select(Grant))
    # Jo ends her own access
    other_portal.post(f"/account/helpers/{grant.public_id}/end", {}, 303)
    refused = other_portal.client.get(f"/assessments/{own}")
    assert refused.status_code == 403 and "Your access has ended" in refused.get_data(as_text=True)
    with factories.as_user(app) as session:
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "view")) == "view"


@pytest.mark.parametrize(
    "name,pronouns,words",
    [
        ("Alex Jones", "she", "If you still need to help Alex Jones, ask her to invite you again."),
        ("Alex Jones", "he", "If you still need to help Alex Jones, ask him to invite you again."),
        ("Alex Jones", None, "If you still need to help Alex Jones, ask them to invite you again."),
        (None, "she", "If you still need to help them, ask them to invite you again."),
    ],
)
def test_the_ended_page_names_the_person_in_the_words_they_chose(
    portal, other_portal, app, invite, name, pronouns, words
):
    portal.sign_in("alex")
    own = portal.start()
    code = invite("Jo", SEND)
    other_portal.sign_in("jo")
    other_portal.post("/account/invitation", {"code": code}, 303)
    with factories.as_user(app) as session:
        grant = session.scalar(select(Grant))
        session.execute(
            text("UPDATE people SET name = :name, pronouns = :pronouns WHERE id = :id"),
            {"name": name, "pronouns": pronouns, "id": grant.person_id},
        )
        session.commit()
    other_portal.post(f"/account/helpers/{grant.public_id}/end", {}, 303)
    refused = other_portal.client.get(f"/assessments/{own}")
    assert refused.status_code == 403
    page = " ".join(refused.get_data(as_text=True).split())
    assert words in page


def test_a_person_cannot_use_their_own_code(portal, invite):
    portal.sign_in("alex")
    code = invite()
    response = portal.post("/account/invitation", {"code": code}, 200)
    assert "your own code" in response.soup.select_one("#code-error").get_text()


def _migrate(url: str) -> None:
    from alembic import command

    from portal.store import alembic_config

    command.upgrade(alembic_config(url), "0013_one_head")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, issuer, subject, name, created_at) VALUES (1, 'x', 'jo', 'Jo', :at)"
            ),
            {"at": datetime(2026, 3, 1)},
        )
        connection.execute(
            text("INSERT INTO people (id, public_id, name, created_at) VALUES (1, 'p1', 'Ravi', :at)"),
            {"at": datetime(2026, 3, 1)},
        )
        connection.execute(
            text(
                "INSERT INTO authorities (user_id, person_id, relationship_to_person, basis, recorded_at) "
                "VALUES (1, 1, 'Daughter', 'lasting_power_of_attorney', :at)"
            ),
            {"at": datetime(2026, 3, 2)},
        )
    command.upgrade(alembic_config(url), "heads")
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT user_id, person_id, relationship_to_person, basis, scope, starts_at, ends_at, "
                "ended_at, confirmed_by_person, public_id FROM grants"
            )
        ).all()
    engine.dispose()
    assert len(rows) == 1
    row = rows[0]
    assert tuple(row[:5]) == (1, 1, "Daughter", "lasting_power_of_attorney", SEND)
    assert str(row[5]).startswith("2026-03-02") and row[6] is None and row[7] is None
    assert not row[8] and row[9]


def test_authority_records_become_grants_on_sqlite(tmp_path):
    _migrate(f"sqlite:///{tmp_path / 'old.db'}")


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL is not set up here")
def test_authority_records_become_grants_on_postgresql():
    base = os.environ["TEST_DATABASE_URL"]
    name = base.rsplit("/", 1)[1] + "_moving"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _migrate(base.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_staff_see_the_basis_plainly_and_that_the_person_did_not_confirm_it(portal, other_portal, app):
    portal.sign_in("jo")
    helper = Helper("Ravi", "Daughter", "lasting_power_of_attorney", "LPA")
    sent = factories.sent_assessment(app, portal, WORKED_EXAMPLE, helper=helper)
    with factories.as_user(app) as session:
        session.scalar(select(Grant)).basis_reference = "7000-1234-5678"
        session.commit()
    factories.demo_staff(app)
    factories.assign(app, sent, "care_manager", "chris")
    other_portal.sign_in("chris")
    text_seen = other_portal.get(f"/staff/people/{sent}").soup.get_text(" ", strip=True)
    assert "7000-1234-5678" in text_seen
    assert "Not confirmed by the person." in text_seen


def test_a_helper_who_starts_for_someone_records_the_reference_and_is_not_confirmed(portal, app):
    portal.sign_in("jo")
    portal.post("/assessments/new", {"for_whom": "someone_else"})
    page = portal.get("/assessments/new/someone-else").soup
    assert page.select_one("#basis_reference")
    portal.post(
        "/assessments/new/someone-else",
        {
            "person_name": "Ravi",
            "relationship": "Daughter",
            "basis": "deputy",
            "basis_reference": " COP-12345678 ",
        },
    )
    with factories.as_user(app) as session:
        grant = session.scalar(select(Grant))
    assert (grant.basis, grant.basis_reference, grant.scope) == ("deputy", "COP-12345678", SEND)
    assert not grant.confirmed_by_person and grant.ended_at is None


@pytest.mark.parametrize("case", list(CASES))
def test_a_helpers_grant_over_every_support_plan_route(portal, app, case):
    """The same matrix over the support plan's routes: looking needs "see", changing the plan "fill in",
    sending it "send and disagree"."""
    from tests.web.plan_helpers import budget_with_plan
    from tests.web.test_access import PLAN_DRAFT_ROUTES, _plan_request

    portal.sign_in("jo")
    draft, item = budget_with_plan(portal, for_whom="someone_else")
    with factories.as_user(app) as session:
        grant = session.scalar(select(Grant))
        for name, value in CASES[case].items():
            setattr(grant, name, value)
        session.commit()
    token = portal.csrf("/assessments/new")
    active = case in {"see", "fill_in", "send"}
    held = [SEE, FILL_IN, SEND].index(CASES[case]["scope"])
    # Removing the item first would leave nothing for the later item routes: it is tried last.
    routes = sorted(PLAN_DRAFT_ROUTES, key=lambda r: r[1] in {"plan.remove-item", "plan.send"})
    for method, endpoint, extra in routes:
        needed = (
            _needs(method, endpoint) if method == "GET" else (SEND if endpoint == "plan.send" else FILL_IN)
        )
        response = _plan_request(portal.client, app, method, endpoint, draft, extra, item, token)
        if active and held >= [SEE, FILL_IN, SEND].index(needed):
            assert response.status_code not in (403, 404), (case, method, endpoint, response.status_code)
        else:
            assert response.status_code == 403, (case, method, endpoint, response.status_code)


@pytest.mark.parametrize("basis", ["lasting_power_of_attorney", "deputy", "advocate"])
def test_who_can_see_explains_each_basis_in_plain_words(portal, basis):
    """The page checker (run on every page) finds no unexplained hard words for any basis."""
    portal.sign_in("jo")
    portal.start("someone_else", person_name="Ravi", basis=basis)
    page = portal.get("/account/who-can-see").soup
    assert "Ravi" in page.select_one("#people-you-help").find_next("div").get_text()
